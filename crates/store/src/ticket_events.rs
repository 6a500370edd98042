//! Ticket history: every status change and other ticket event, with who and when.

use crate::tickets::{parse_status, ACTIVE_STATUSES};
use crate::time::{from_millis, to_millis};
use crate::{Store, StoreError};
use sqlx::AnyConnection;
use ticketgram_domain::{
    Actor, StatusChange, TicketId, TicketNumber, TicketStatus, Timestamp, WorkspaceId,
};

/// One history row. `kind` is a stable snake_case code: `created`, `status_changed`,
/// `assigned`, `priority_changed`, `rated`, `rating_archived` (a reopen set the score aside),
/// `client_blocked`, `client_unblocked`, `tag_added`, `tag_removed`, `dispute_accepted`.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketEvent {
    pub id: i64,
    pub ticket: TicketId,
    pub kind: String,
    pub from: Option<TicketStatus>,
    pub to: Option<TicketStatus>,
    pub actor: Actor,
    pub details: serde_json::Value,
    pub at: Timestamp,
}

/// An event about to be written, produced by a ticket change.
pub(crate) struct EventDraft {
    pub kind: &'static str,
    pub from: Option<TicketStatus>,
    pub to: Option<TicketStatus>,
    pub actor: Actor,
    pub details: serde_json::Value,
    pub at: Timestamp,
}

impl EventDraft {
    pub(crate) fn status(change: &StatusChange) -> EventDraft {
        EventDraft {
            kind: "status_changed",
            from: Some(change.from),
            to: Some(change.to),
            actor: change.actor,
            details: serde_json::json!({}),
            at: change.at,
        }
    }

    pub(crate) fn other(
        kind: &'static str,
        actor: Actor,
        details: serde_json::Value,
        at: Timestamp,
    ) -> EventDraft {
        EventDraft {
            kind,
            from: None,
            to: None,
            actor,
            details,
            at,
        }
    }
}

pub(crate) async fn insert_event(
    conn: &mut AnyConnection,
    ws: WorkspaceId,
    ticket: TicketId,
    event: &EventDraft,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ticket_events (workspace_id, ticket_id, kind, from_status, to_status, actor_kind,
                                    actor_id, details, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(ws.0)
    .bind(ticket.0)
    .bind(event.kind)
    .bind(event.from.map(|s| s.as_str()))
    .bind(event.to.map(|s| s.as_str()))
    .bind(event.actor.kind())
    .bind(event.actor.id())
    .bind(event.details.to_string())
    .bind(to_millis(event.at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    ticket_id: i64,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    actor_kind: String,
    actor_id: Option<i64>,
    details: String,
    at: i64,
}

impl TryFrom<EventRow> for TicketEvent {
    type Error = StoreError;
    fn try_from(row: EventRow) -> Result<TicketEvent, StoreError> {
        Ok(TicketEvent {
            id: row.id,
            ticket: TicketId(row.ticket_id),
            from: row.from_status.as_deref().map(parse_status).transpose()?,
            to: row.to_status.as_deref().map(parse_status).transpose()?,
            actor: parse_actor(&row.actor_kind, row.actor_id)?,
            details: serde_json::from_str(&row.details)?,
            at: from_millis(row.at)?,
            kind: row.kind,
        })
    }
}

pub(crate) fn parse_actor(kind: &str, id: Option<i64>) -> Result<Actor, StoreError> {
    Actor::from_parts(kind, id)
        .ok_or_else(|| StoreError::Invalid(format!("stored actor {kind:?}/{id:?}")))
}

impl Store {
    /// Everything that happened to a ticket, in order.
    pub async fn ticket_history(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Vec<TicketEvent>, StoreError> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT id, ticket_id, kind, from_status, to_status, actor_kind, actor_id, details, at
             FROM ticket_events WHERE workspace_id = $1 AND ticket_id = $2 ORDER BY id",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter().map(TicketEvent::try_from).collect()
    }

    /// The changes into and out of `waiting_on_client` of the desk's active tickets, per
    /// ticket in order: the spans the resolution clock stops for (`sla::waiting_spans`).
    pub async fn waiting_changes_of_active(
        &self,
        ws: WorkspaceId,
    ) -> Result<std::collections::BTreeMap<TicketId, Vec<StatusChange>>, StoreError> {
        let sql = format!(
            "SELECT e.ticket_id, e.from_status, e.to_status, e.actor_kind, e.actor_id, e.at
             FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.workspace_id = $1 AND t.status IN {ACTIVE_STATUSES} {WAITING_CHANGE}
             ORDER BY e.ticket_id, e.id"
        );
        let rows: Vec<ChangeRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        grouped(rows, |id, _| TicketId(id))
    }

    /// The same for the tickets a report over `period` reads (`Store::report_facts`), per
    /// ticket number.
    pub async fn waiting_changes_in_period(
        &self,
        ws: WorkspaceId,
        period: &ticketgram_domain::ReportPeriod,
    ) -> Result<std::collections::BTreeMap<TicketNumber, Vec<StatusChange>>, StoreError> {
        let sql = format!(
            "SELECT e.ticket_id, e.from_status, e.to_status, e.actor_kind, e.actor_id, e.at, t.number
             FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.workspace_id = $1 {WAITING_CHANGE}
               AND ((t.created_at >= $2 AND t.created_at < $3)
                 OR (t.first_response_at >= $2 AND t.first_response_at < $3)
                 OR (t.resolved_at >= $2 AND t.resolved_at < $3))
             ORDER BY e.ticket_id, e.id"
        );
        let rows: Vec<ChangeRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(to_millis(period.start))
            .bind(to_millis(period.end))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        grouped(rows, |_, number| TicketNumber(number.unwrap_or_default()))
    }

    /// Only the status changes, as the domain's [`StatusChange`] (what reports consume).
    pub async fn status_history(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Vec<StatusChange>, StoreError> {
        let events = self.ticket_history(ws, ticket).await?;
        Ok(events
            .into_iter()
            .filter_map(|e| match (e.kind.as_str(), e.from, e.to) {
                ("status_changed", Some(from), Some(to)) => Some(StatusChange {
                    from,
                    to,
                    actor: e.actor,
                    at: e.at,
                }),
                _ => None,
            })
            .collect())
    }
}

impl crate::Tx {
    /// `dispute_accepted`: a self-service form opened the ticket as a dispute. `details` is
    /// what the `dispute.accepted` webhook tells the platform (docs/platform.md); written in
    /// the hand-off's transaction, so the event exists exactly when the ticket does.
    pub async fn record_dispute_accepted(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        details: serde_json::Value,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        crate::clients::ensure_in_workspace(&mut conn, "tickets", ws, ticket.0).await?;
        let event = EventDraft::other("dispute_accepted", Actor::System, details, at);
        insert_event(&mut conn, ws, ticket, &event).await
    }
}

/// The status changes that start or end a wait on the client.
const WAITING_CHANGE: &str = "AND e.kind = 'status_changed'
     AND (e.from_status = 'waiting_on_client' OR e.to_status = 'waiting_on_client')";

#[derive(sqlx::FromRow)]
struct ChangeRow {
    ticket_id: i64,
    from_status: Option<String>,
    to_status: Option<String>,
    actor_kind: String,
    actor_id: Option<i64>,
    at: i64,
    #[sqlx(default)]
    number: Option<i64>,
}

fn grouped<K: Ord>(
    rows: Vec<ChangeRow>,
    key: impl Fn(i64, Option<i64>) -> K,
) -> Result<std::collections::BTreeMap<K, Vec<StatusChange>>, StoreError> {
    let mut changes = std::collections::BTreeMap::<K, Vec<StatusChange>>::new();
    for row in rows {
        let (Some(from), Some(to)) = (row.from_status, row.to_status) else {
            continue;
        };
        let change = StatusChange {
            from: parse_status(&from)?,
            to: parse_status(&to)?,
            actor: parse_actor(&row.actor_kind, row.actor_id)?,
            at: from_millis(row.at)?,
        };
        changes
            .entry(key(row.ticket_id, row.number))
            .or_default()
            .push(change);
    }
    Ok(changes)
}
