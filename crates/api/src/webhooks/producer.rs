//! Turns committed history into deliveries, one batch per source per tick.
//!
//! Rows are read by id after the desk's cursor. A row is only taken once it is `settle` old:
//! on PostgreSQL ids are handed out before commit, so a slow transaction can commit a lower id
//! after a higher one was read; waiting a moment lets it land before the cursor passes it.

use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};
use ticketgram_store::{Store, StoreError, WebhookSource};

use super::events;

/// What one pass found.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Produced {
    pub queued: u64,
    /// History rows not yet `settle` old: the next ticks will take them.
    pub settling: bool,
}

pub(crate) async fn produce(
    store: &Store,
    ws: WorkspaceId,
    settle: Duration,
    batch: i64,
    now: Timestamp,
) -> Result<Produced, StoreError> {
    let settled_before = now - chrono::Duration::from_std(settle).unwrap_or_default();
    let mut queued = 0;
    let mut settling = false;

    let cursor = store
        .webhook_cursor(ws, WebhookSource::TicketEvents)
        .await?;
    let rows = store.ticket_events_after(ws, cursor, batch).await?;
    let ready: Vec<_> = rows
        .iter()
        .take_while(|row| row.at <= settled_before)
        .collect();
    settling |= ready.len() < rows.len();
    if let Some(last) = ready.last() {
        let mut out = Vec::new();
        for row in &ready {
            out.extend(events::from_ticket_event(store, ws, row).await?);
        }
        queued += store
            .produce_webhook_events(ws, WebhookSource::TicketEvents, last.id, &out, now)
            .await?;
    }

    let cursor = store.webhook_cursor(ws, WebhookSource::Messages).await?;
    let rows = store.messages_after(ws, cursor, batch).await?;
    let ready: Vec<_> = rows
        .iter()
        .take_while(|row| row.created_at <= settled_before)
        .collect();
    settling |= ready.len() < rows.len();
    if let Some(last) = ready.last() {
        let mut out = Vec::new();
        for row in &ready {
            out.extend(events::from_message(store, ws, row).await?);
        }
        queued += store
            .produce_webhook_events(ws, WebhookSource::Messages, last.id.0, &out, now)
            .await?;
    }
    Ok(Produced { queued, settling })
}
