//! Proactive alerts and clients' opt-outs (docs/proactive-alerts.md). The platform's event
//! id is unique per desk: an event reported twice is recorded once, and its first outcome is
//! what the second report is told.

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::proactive::Delivery;
use ticketgram_domain::{ClientId, TicketId, TicketNumber, Timestamp, WorkspaceId};

/// An event as recorded: what it became for the client, and the ticket it opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedAlert {
    pub event_type: String,
    pub client: ClientId,
    pub delivery: Delivery,
    pub ticket: Option<TicketNumber>,
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct NewAlert<'a> {
    pub event_id: &'a str,
    pub event_type: &'a str,
    pub client: ClientId,
    pub delivery: Delivery,
    pub risk: Option<u8>,
    pub ticket: Option<TicketId>,
    pub at: Timestamp,
}

impl Store {
    pub async fn proactive_alert(
        &self,
        ws: WorkspaceId,
        event_id: &str,
    ) -> Result<Option<RecordedAlert>, StoreError> {
        let row: Option<(String, i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT a.event_type, a.client_id, a.delivery, t.number
             FROM proactive_alerts a LEFT JOIN tickets t ON t.id = a.ticket_id
             WHERE a.workspace_id = $1 AND a.event_id = $2",
        )
        .bind(ws.0)
        .bind(event_id)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|(event_type, client, delivery, number)| {
            Ok(RecordedAlert {
                event_type,
                client: ClientId(client),
                delivery: Delivery::parse(&delivery)
                    .ok_or_else(|| StoreError::Invalid(format!("alert delivery {delivery:?}")))?,
                ticket: number.map(TicketNumber),
            })
        })
        .transpose()
    }

    /// Alerts sent to the client since `since` (the day's limit).
    pub async fn alerts_sent_since(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        since: Timestamp,
    ) -> Result<u32, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM proactive_alerts
             WHERE workspace_id = $1 AND client_id = $2 AND delivery = 'sent' AND received_at >= $3",
        )
        .bind(ws.0)
        .bind(client.0)
        .bind(to_millis(since))
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    pub async fn opted_out_of_alerts(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<bool, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT client_id FROM proactive_opt_outs WHERE workspace_id = $1 AND client_id = $2",
        )
        .bind(ws.0)
        .bind(client.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.is_some())
    }
}

impl Tx {
    /// Records the event; `false` when it was recorded before (nothing changes).
    pub async fn record_alert(
        &self,
        ws: WorkspaceId,
        alert: &NewAlert<'_>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO proactive_alerts (workspace_id, event_id, event_type, client_id, delivery,
                 risk, ticket_id, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (workspace_id, event_id) DO NOTHING",
        )
        .bind(ws.0)
        .bind(alert.event_id)
        .bind(alert.event_type)
        .bind(alert.client.0)
        .bind(alert.delivery.as_str())
        .bind(alert.risk.map(i64::from))
        .bind(alert.ticket.map(|t| t.0))
        .bind(to_millis(alert.at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The client's choice; `true` when it changed something.
    pub async fn set_alert_opt_out(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        opted_out: bool,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = if opted_out {
            sqlx::query(
                "INSERT INTO proactive_opt_outs (workspace_id, client_id, opted_out_at)
                 VALUES ($1, $2, $3) ON CONFLICT (workspace_id, client_id) DO NOTHING",
            )
            .bind(ws.0)
            .bind(client.0)
            .bind(to_millis(at))
            .execute(&mut *self.conn().await?)
            .await?
        } else {
            sqlx::query("DELETE FROM proactive_opt_outs WHERE workspace_id = $1 AND client_id = $2")
                .bind(ws.0)
                .bind(client.0)
                .execute(&mut *self.conn().await?)
                .await?
        };
        Ok(done.rows_affected() > 0)
    }
}
