//! What a flow collected, attached to the ticket it handed off as typed fields (docs/flows.md):
//! one row per field in the order asked, the value as the JSON of
//! [`ticketgram_flows::FieldValue`] and its one-line display for plain views. Fields quote the
//! client, so a client's erasure removes them (see `privacy.rs`).

use crate::clients::ensure_in_workspace;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{TicketId, WorkspaceId};
use ticketgram_flows::FieldValue;

/// One typed field of a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketField {
    pub name: String,
    pub value: FieldValue,
    /// The value as one line of text, as agents see it.
    pub display: String,
}

impl Store {
    /// The ticket's fields in the order they were asked; empty for a ticket opened without a
    /// flow.
    pub async fn ticket_fields(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Vec<TicketField>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT name, value, display FROM ticket_fields
             WHERE workspace_id = $1 AND ticket_id = $2 ORDER BY position",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(name, value, display)| {
                Ok(TicketField {
                    name,
                    value: serde_json::from_str(&value)?,
                    display,
                })
            })
            .collect()
    }
}

impl Tx {
    /// Attaches `fields` to the ticket, replacing any it had (a hand-off applied again writes
    /// the same rows). A name given twice is `Invalid`: a flow's fields are unique by name.
    pub async fn set_ticket_fields(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        fields: &[(String, FieldValue)],
    ) -> Result<(), StoreError> {
        ensure_in_workspace(&mut *self.conn().await?, "tickets", ws, ticket.0).await?;
        for (i, (name, _)) in fields.iter().enumerate() {
            if fields[..i].iter().any(|(earlier, _)| earlier == name) {
                return Err(StoreError::Invalid(format!("field {name:?} given twice")));
            }
        }
        sqlx::query("DELETE FROM ticket_fields WHERE workspace_id = $1 AND ticket_id = $2")
            .bind(ws.0)
            .bind(ticket.0)
            .execute(&mut *self.conn().await?)
            .await?;
        for (position, (name, value)) in (0_i64..).zip(fields) {
            sqlx::query(
                "INSERT INTO ticket_fields (workspace_id, ticket_id, position, name, value, display)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(ws.0)
            .bind(ticket.0)
            .bind(position)
            .bind(name)
            .bind(serde_json::to_string(value)?)
            .bind(value.display().into_owned())
            .execute(&mut *self.conn().await?)
            .await?;
        }
        Ok(())
    }
}
