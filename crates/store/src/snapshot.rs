//! Rows read once for a round of deliveries.
//!
//! A dispatcher claims a round of jobs in one short transaction, then reads what they will
//! render (the messages, their tickets, clients, agents and cards), each kind in one statement
//! for the whole round. The sends that follow read from this snapshot instead of the
//! database: a round of copies used to cost five or six statements per message. The reads
//! happen after the claim committed, outside the write transaction (on SQLite the one write
//! lock is not held for them); the rows are as fresh as that moment, a few milliseconds
//! before the sends.
//!
//! A snapshot is attached to a store clone for one round only ([`Store::reading_from`]); a
//! transaction opened from that clone does not see it (its reads go to the database, so a
//! write decision never rests on the snapshot).

use crate::TicketPost;
use std::collections::HashMap;
use std::sync::Mutex;
use ticketgram_domain::{
    Agent, AgentId, Client, ClientId, Message, MessageId, Ticket, TicketId, WorkspaceId,
};

#[derive(Debug, Default)]
pub struct Snapshot {
    messages: Mutex<HashMap<(i64, i64), Message>>,
    tickets: Mutex<HashMap<(i64, i64), Ticket>>,
    clients: Mutex<HashMap<(i64, i64), Client>>,
    agents: Mutex<HashMap<(i64, i64), Agent>>,
    posts: Mutex<HashMap<(i64, i64), Option<TicketPost>>>,
}

fn get<V: Clone>(map: &Mutex<HashMap<(i64, i64), V>>, key: (i64, i64)) -> Option<V> {
    map.lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned()
}

fn put<V>(map: &Mutex<HashMap<(i64, i64), V>>, key: (i64, i64), value: V) {
    map.lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, value);
}

impl Snapshot {
    pub fn keep_message(&self, ws: WorkspaceId, message: Message) {
        put(&self.messages, (ws.0, message.id.0), message);
    }

    pub fn keep_ticket(&self, ws: WorkspaceId, ticket: Ticket) {
        put(&self.tickets, (ws.0, ticket.id.0), ticket);
    }

    pub fn keep_client(&self, ws: WorkspaceId, client: Client) {
        put(&self.clients, (ws.0, client.id.0), client);
    }

    pub fn keep_agent(&self, ws: WorkspaceId, agent: Agent) {
        put(&self.agents, (ws.0, agent.id.0), agent);
    }

    /// The ticket's card as read (`None`: the ticket has no card yet).
    pub fn keep_post(&self, ws: WorkspaceId, ticket: TicketId, post: Option<TicketPost>) {
        put(&self.posts, (ws.0, ticket.0), post);
    }

    pub fn has_message(&self, ws: WorkspaceId, id: MessageId) -> bool {
        self.message(ws, id).is_some()
    }

    pub fn has_ticket(&self, ws: WorkspaceId, id: TicketId) -> bool {
        self.ticket(ws, id).is_some()
    }

    pub(crate) fn message(&self, ws: WorkspaceId, id: MessageId) -> Option<Message> {
        get(&self.messages, (ws.0, id.0))
    }

    pub(crate) fn ticket(&self, ws: WorkspaceId, id: TicketId) -> Option<Ticket> {
        get(&self.tickets, (ws.0, id.0))
    }

    pub(crate) fn client(&self, ws: WorkspaceId, id: ClientId) -> Option<Client> {
        get(&self.clients, (ws.0, id.0))
    }

    pub(crate) fn agent(&self, ws: WorkspaceId, id: AgentId) -> Option<Agent> {
        get(&self.agents, (ws.0, id.0))
    }

    pub(crate) fn post(&self, ws: WorkspaceId, ticket: TicketId) -> Option<Option<TicketPost>> {
        get(&self.posts, (ws.0, ticket.0))
    }
}
