//! What a round of deliveries will read, read once the round is claimed (see
//! [`ticketgram_store::Snapshot`]): a statement per kind of row per round instead of several
//! per message.

use crate::jobs::Delivery;
use std::collections::{BTreeMap, BTreeSet};
use ticketgram_domain::{ClientId, MessageId, TicketId, WorkspaceId};
use ticketgram_store::{Snapshot, Store, StoreError, TicketPost};

/// Reads through `reads` the messages, tickets, clients, agents and
/// cards the jobs will render, each kind in one statement for the whole round. A row that is
/// missing is left out: the job finds out for itself when it is sent, as before.
pub async fn read_ahead(
    reads: &Store,
    ws: WorkspaceId,
    deliveries: &[&Delivery],
) -> Result<Snapshot, StoreError> {
    let snapshot = Snapshot::default();
    let mut messages = BTreeSet::new();
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
                messages.insert(*message);
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
    let messages: Vec<MessageId> = messages.into_iter().collect();
    for message in reads.messages_by_ids(ws, &messages).await? {
        tickets.insert(message.ticket);
        agents.extend(message.author_agent);
        snapshot.keep_message(ws, message);
    }
    let tickets: Vec<TicketId> = tickets.into_iter().collect();
    let read = reads.tickets_by_ids(ws, &tickets).await?;
    let clients: Vec<ClientId> = read.iter().map(|t| t.client).collect();
    let read_ids: Vec<TicketId> = read.iter().map(|t| t.id).collect();
    let (clients, posts) = side_by_side(
        reads,
        reads.clients_by_ids(ws, &clients),
        reads.ticket_posts_by_ids(ws, &read_ids),
    )
    .await;
    for client in clients? {
        snapshot.keep_client(ws, client);
    }
    // A ticket read with no card is kept as having none.
    let mut posts: BTreeMap<TicketId, TicketPost> =
        posts?.into_iter().map(|post| (post.ticket, post)).collect();
    for ticket in read {
        agents.extend(ticket.assignee);
        snapshot.keep_post(ws, ticket.id, posts.remove(&ticket.id));
        snapshot.keep_ticket(ws, ticket);
    }
    for id in agents {
        if let Some(agent) = found(reads.get_agent(ws, id).await)? {
            snapshot.keep_agent(ws, agent);
        }
    }
    Ok(snapshot)
}

/// Two reads that do not depend on each other: side by side on two of the pool's connections
/// (on SQLite, two connection threads), so a round waits for one round trip instead of two;
/// one after the other inside a transaction, which has one connection.
pub async fn side_by_side<A, B>(
    reads: &Store,
    a: impl std::future::Future<Output = A>,
    b: impl std::future::Future<Output = B>,
) -> (A, B) {
    if reads.in_transaction() {
        let a = a.await;
        (a, b.await)
    } else {
        tokio::join!(a, b)
    }
}

fn found<T>(read: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match read {
        Ok(row) => Ok(Some(row)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}
