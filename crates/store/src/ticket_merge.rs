//! Merging a duplicate ticket into the one that carries on: the duplicate's messages move
//! over (the conversation stays whole, in order of arrival), the duplicate is closed, and both
//! tickets' histories say what happened.

use crate::ticket_changes::mutate_ticket_in;
use crate::ticket_events::{insert_event, EventDraft};
use crate::time::to_millis;
use crate::StoreError;
use crate::Tx;
use ticketgram_domain::{Actor, TicketId, TicketStatus, Timestamp, WorkspaceId};

/// What a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergeOutcome {
    pub messages_moved: u64,
}

impl Tx {
    /// Merges `duplicate` into `into`. Both must be the same client's; the duplicate is closed
    /// (whatever its status) and the client's current ticket follows the merge.
    pub async fn merge_tickets(
        &self,
        ws: WorkspaceId,
        into: TicketId,
        duplicate: TicketId,
        actor: Actor,
        at: Timestamp,
    ) -> Result<MergeOutcome, StoreError> {
        if into == duplicate {
            return Err(StoreError::Invalid(
                "a ticket cannot be merged into itself".into(),
            ));
        }
        let mut tx = self.conn().await?;
        let (target, _) =
            crate::tickets::load_ticket_for_update(&mut tx, self.backend(), ws, into).await?;
        let merged_number = target.number.0;
        let client = target.client;
        let from_number = mutate_ticket_in(&mut tx, self, ws, duplicate, |ticket| {
            if ticket.client != client {
                return Err(StoreError::Invalid(
                    "only tickets of the same client can be merged".into(),
                ));
            }
            let mut events = Vec::new();
            if ticket.status != TicketStatus::Closed {
                let change = ticket.transition(TicketStatus::Closed, actor, at)?;
                events.push(EventDraft::status(&change));
            }
            events.push(EventDraft::other(
                "merged_into",
                actor,
                serde_json::json!({ "into": merged_number }),
                at,
            ));
            Ok((ticket.number.0, events))
        })
        .await?;
        let moved = sqlx::query(
            "UPDATE messages SET ticket_id = $1 WHERE workspace_id = $2 AND ticket_id = $3",
        )
        .bind(into.0)
        .bind(ws.0)
        .bind(duplicate.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE client_states SET current_ticket_id = $1, updated_at = $2
             WHERE workspace_id = $3 AND current_ticket_id = $4",
        )
        .bind(into.0)
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(duplicate.0)
        .execute(&mut *tx)
        .await?;
        let event = EventDraft::other(
            "merged_from",
            actor,
            serde_json::json!({ "from": from_number, "messages": moved }),
            at,
        );
        insert_event(&mut tx, ws, into, &event).await?;
        Ok(MergeOutcome {
            messages_moved: moved,
        })
    }
}
