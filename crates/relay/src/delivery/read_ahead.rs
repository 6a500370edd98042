//! What a round of deliveries will read, read in the transaction that claims the round (see
//! [`ticketgram_store::Snapshot`]): one transaction per round instead of several per message.

use crate::jobs::Delivery;
use std::collections::BTreeSet;
use ticketgram_domain::{TicketId, WorkspaceId};
use ticketgram_store::{Snapshot, Store, StoreError};

/// Reads through `reads` (the claiming transaction) the messages, tickets, clients, agents and
/// cards the jobs will render. A row that is missing is left out: the job finds out for itself
/// when it is sent, as before.
pub async fn read_ahead(
    reads: &Store,
    ws: WorkspaceId,
    deliveries: &[&Delivery],
) -> Result<Snapshot, StoreError> {
    let snapshot = Snapshot::default();
    let mut tickets = BTreeSet::new();
    let mut agents = BTreeSet::new();
    for delivery in deliveries {
        match delivery {
            Delivery::ClientToThread { message }
            | Delivery::AgentToClient { message }
            | Delivery::SyncEdit { message }
            | Delivery::ClientNotice { message, .. }
            | Delivery::MirrorToThread { message }
            | Delivery::TranslateForThread { message }
            | Delivery::TranslateEditForThread { message }
            | Delivery::TranslateAnswer { message } => {
                if snapshot.has_message(ws, *message) {
                    continue;
                }
                let Some(message) = found(reads.get_message(ws, *message).await)? else {
                    continue;
                };
                tickets.insert(message.ticket);
                agents.extend(message.author_agent);
                snapshot.keep_message(ws, message);
            }
            Delivery::PostCard { ticket }
            | Delivery::RefreshCard { ticket }
            | Delivery::ThreadNotice { ticket, .. }
            | Delivery::EditThreadMessage { ticket, .. }
            | Delivery::FollowUp { ticket }
            | Delivery::FloodSummary { ticket, .. }
            | Delivery::ClientAlbumToThread { ticket, .. }
            | Delivery::AgentAlbumToClient { ticket, .. }
            | Delivery::PublicReply { ticket, .. } => {
                tickets.insert(*ticket);
            }
            Delivery::Say { .. }
            | Delivery::SaySealed { .. }
            | Delivery::SendDocument { .. }
            | Delivery::ClientBurst { .. }
            | Delivery::DeleteMessage { .. }
            | Delivery::AnswerCallback { .. } => {}
        }
    }
    for id in tickets {
        keep_ticket(reads, ws, id, &snapshot, &mut agents).await?;
    }
    for id in agents {
        if let Some(agent) = found(reads.get_agent(ws, id).await)? {
            snapshot.keep_agent(ws, agent);
        }
    }
    Ok(snapshot)
}

async fn keep_ticket(
    reads: &Store,
    ws: WorkspaceId,
    id: TicketId,
    snapshot: &Snapshot,
    agents: &mut BTreeSet<ticketgram_domain::AgentId>,
) -> Result<(), StoreError> {
    let Some(ticket) = found(reads.get_ticket(ws, id).await)? else {
        return Ok(());
    };
    if let Some(client) = found(reads.get_client(ws, ticket.client).await)? {
        snapshot.keep_client(ws, client);
    }
    agents.extend(ticket.assignee);
    snapshot.keep_post(ws, id, reads.find_ticket_post(ws, id).await?);
    snapshot.keep_ticket(ws, ticket);
    Ok(())
}

fn found<T>(read: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match read {
        Ok(row) => Ok(Some(row)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}
