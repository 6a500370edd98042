//! The plain rows reports are computed from.

use crate::ids::{AgentId, TicketNumber, TopicId};
use crate::sla::SlaTimes;
use crate::ticket::{Priority, Rating, Ticket, TicketStatus};
use crate::Timestamp;
use serde::{Deserialize, Serialize};

/// One ticket as reports see it: no messages, no client, just what the numbers need. The
/// store can select these straight from the tickets table, so reports never load whole tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketFacts {
    pub number: TicketNumber,
    /// The assignee; `None` for tickets nobody took.
    pub agent: Option<AgentId>,
    pub topic: Option<TopicId>,
    /// The queue it was routed to: a queue may set tighter targets (`sla::SlaPolicy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    pub priority: Priority,
    pub created_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub rating: Option<Rating>,
    /// Status now (when the report is made), not at the end of the period.
    pub status: TicketStatus,
    /// When the desk waited on the client (`sla::waiting_spans`): the resolution clock
    /// stopped then. Empty when the ticket never waited (or the caller did not read it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiting: Vec<crate::sla::Span>,
    /// The client's waits for a next reply that an agent's reply ended: (since, answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_replies: Vec<crate::sla::Span>,
}

impl TicketFacts {
    pub fn sla_times(&self) -> SlaTimes {
        SlaTimes {
            priority: self.priority,
            created_at: self.created_at,
            first_response_at: self.first_response_at,
            resolved_at: self.resolved_at,
            awaiting_reply_since: None,
            paused: chrono::Duration::zero(),
        }
    }
}

impl From<&Ticket> for TicketFacts {
    fn from(t: &Ticket) -> TicketFacts {
        TicketFacts {
            number: t.number,
            agent: t.assignee,
            topic: t.topic,
            queue: t.queue.clone(),
            priority: t.priority,
            created_at: t.created_at,
            first_response_at: t.first_response_at,
            resolved_at: t.resolved_at,
            rating: t.rating,
            status: t.status,
            waiting: Vec::new(),
            next_replies: Vec::new(),
        }
    }
}
