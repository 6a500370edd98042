use super::{Priority, Rating, StatusChange, TicketStatus, TransitionError};
use crate::audit::Actor;
use crate::ids::{AgentId, ClientId, TicketId, TicketNumber, TopicId, WorkspaceId};
use crate::language::Language;
use crate::Timestamp;
use serde::{Deserialize, Serialize};

/// A free-form label ("refund", "vip"). Normalised to lowercase without surrounding spaces so
/// filters and reports don't split one tag into several.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tag(String);

impl Tag {
    pub fn parse(raw: &str) -> Option<Tag> {
        let tag = raw.trim().trim_start_matches('#').to_lowercase();
        (!tag.is_empty() && tag.len() <= 64 && !tag.contains(char::is_whitespace))
            .then_some(Tag(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: TicketId,
    pub workspace: WorkspaceId,
    pub number: TicketNumber,
    pub client: ClientId,
    pub topic: Option<TopicId>,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub assignee: Option<AgentId>,
    /// Team or queue name the ticket is routed to (None = the general queue).
    pub queue: Option<String>,
    pub language: Language,
    pub created_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub rating: Option<Rating>,
    pub rating_comment: Option<String>,
    pub tags: Vec<Tag>,
    /// The client's oldest message the desk has not answered since its last reply: the
    /// next-reply target runs from here (`sla::SlaClock::next_reply`). `None` before the first
    /// reply (the first-reply target covers that wait), once an agent answers, and once the
    /// desk resolves the ticket or puts it back in the client's court.
    pub awaiting_reply_since: Option<Timestamp>,
}

impl Ticket {
    /// Applies a status change, keeping the timestamps reports depend on consistent.
    pub fn transition(
        &mut self,
        to: TicketStatus,
        actor: Actor,
        at: Timestamp,
    ) -> Result<StatusChange, TransitionError> {
        self.status.check_transition(to, &actor)?;
        let change = StatusChange {
            from: self.status,
            to,
            actor,
            at,
        };
        self.status = to;
        if matches!(
            to,
            TicketStatus::Resolved | TicketStatus::Closed | TicketStatus::WaitingOnClient
        ) {
            // The desk has answered in its own way: nothing more is owed to the client.
            self.awaiting_reply_since = None;
        }
        match to {
            TicketStatus::Resolved => self.resolved_at = Some(at),
            TicketStatus::Closed => {
                self.closed_at = Some(at);
                // Closing straight from active work also counts as resolution for reports.
                self.resolved_at.get_or_insert(at);
            }
            _ if change.is_reopen() => {
                self.resolved_at = None;
                self.closed_at = None;
                // The score was for the work that ended; the next close asks again (the old
                // score stays in the ticket's history, written by the store).
                self.rating = None;
                self.rating_comment = None;
            }
            _ => {}
        }
        Ok(change)
    }

    /// An agent's first public reply: stamps first response and moves a new ticket to open.
    /// Returns the status change when there was one.
    /// Every reply also ends the client's wait for the next one.
    pub fn record_agent_reply(&mut self, agent: AgentId, at: Timestamp) -> Option<StatusChange> {
        self.first_response_at.get_or_insert(at);
        self.assignee.get_or_insert(agent);
        let change = match self.status {
            TicketStatus::New | TicketStatus::WaitingOnClient => self
                .transition(TicketStatus::Open, Actor::Agent(agent), at)
                .ok(),
            _ => None,
        };
        self.awaiting_reply_since = None;
        change
    }

    /// A client wrote again. Wakes a ticket that was waiting on them; a resolved or closed
    /// ticket is not reopened implicitly (the client bot asks first).
    /// Once the desk has replied, a client's message also starts the wait for the next reply
    /// (kept from the oldest unanswered one: three quick messages are one wait).
    pub fn record_client_message(&mut self, at: Timestamp) -> Option<StatusChange> {
        let change = if self.status == TicketStatus::WaitingOnClient {
            self.transition(TicketStatus::Open, Actor::Client(self.client), at)
                .ok()
        } else {
            None
        };
        if self.first_response_at.is_some() && self.status.is_active() {
            self.awaiting_reply_since.get_or_insert(at);
        }
        change
    }

    pub fn rate(&mut self, rating: Rating, comment: Option<String>) {
        self.rating = Some(rating);
        self.rating_comment = comment
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub fn sample_ticket() -> Ticket {
        Ticket {
            id: TicketId(1),
            workspace: WorkspaceId(1),
            number: TicketNumber(1042),
            client: ClientId(7),
            topic: None,
            subject: "Payment stuck".into(),
            status: TicketStatus::New,
            priority: Priority::Normal,
            assignee: None,
            queue: None,
            language: Language::En,
            created_at: chrono::Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            first_response_at: None,
            resolved_at: None,
            closed_at: None,
            rating: None,
            rating_comment: None,
            tags: vec![],
            awaiting_reply_since: None,
        }
    }

    #[test]
    fn first_agent_reply_opens_the_ticket_and_assigns_the_agent() {
        let mut ticket = sample_ticket();
        let at = ticket.created_at + chrono::Duration::minutes(12);
        let change = ticket.record_agent_reply(AgentId(3), at).unwrap();
        assert_eq!(
            (change.from, change.to),
            (TicketStatus::New, TicketStatus::Open)
        );
        assert_eq!(ticket.assignee, Some(AgentId(3)));
        assert_eq!(ticket.first_response_at, Some(at));
        // A second reply changes neither the first response time nor the assignee.
        ticket.record_agent_reply(AgentId(4), at + chrono::Duration::minutes(5));
        assert_eq!(ticket.first_response_at, Some(at));
        assert_eq!(ticket.assignee, Some(AgentId(3)));
    }

    #[test]
    fn reopening_clears_resolution_times() {
        let mut ticket = sample_ticket();
        let t = ticket.created_at;
        ticket
            .transition(TicketStatus::Closed, Actor::Client(ClientId(7)), t)
            .unwrap();
        assert_eq!(ticket.resolved_at, Some(t));
        let change = ticket
            .transition(TicketStatus::Open, Actor::Client(ClientId(7)), t)
            .unwrap();
        assert!(change.is_reopen());
        assert_eq!((ticket.resolved_at, ticket.closed_at), (None, None));
    }

    #[test]
    fn reopening_clears_the_rating_of_the_work_that_ended() {
        let mut ticket = sample_ticket();
        let t = ticket.created_at;
        ticket
            .transition(TicketStatus::Closed, Actor::Client(ticket.client), t)
            .unwrap();
        ticket.rate(Rating::new(2).unwrap(), Some("slow".into()));
        ticket
            .transition(TicketStatus::Open, Actor::Client(ticket.client), t)
            .unwrap();
        assert_eq!((ticket.rating, ticket.rating_comment), (None, None));
    }

    #[test]
    fn a_client_reply_wakes_a_waiting_ticket_but_not_a_closed_one() {
        let mut ticket = sample_ticket();
        let t = ticket.created_at;
        ticket
            .transition(TicketStatus::WaitingOnClient, Actor::Agent(AgentId(1)), t)
            .unwrap();
        assert!(ticket.record_client_message(t).is_some());
        assert_eq!(ticket.status, TicketStatus::Open);
        ticket
            .transition(TicketStatus::Closed, Actor::Agent(AgentId(1)), t)
            .unwrap();
        assert!(ticket.record_client_message(t).is_none());
        assert_eq!(ticket.status, TicketStatus::Closed);
    }

    #[test]
    fn after_the_first_reply_the_client_waits_for_the_next_from_their_oldest_unanswered_message() {
        let mut ticket = sample_ticket();
        let at = ticket_at;
        ticket.record_client_message(at(1));
        assert_eq!(
            ticket.awaiting_reply_since, None,
            "the first-reply target covers the wait before the first reply"
        );
        ticket.record_agent_reply(AgentId(3), at(10));
        ticket.record_client_message(at(20));
        ticket.record_client_message(at(21));
        assert_eq!(
            ticket.awaiting_reply_since,
            Some(at(20)),
            "one wait, not two"
        );
        ticket.record_agent_reply(AgentId(3), at(30));
        assert_eq!(ticket.awaiting_reply_since, None);
        ticket.record_client_message(at(40));
        ticket
            .transition(TicketStatus::Resolved, Actor::Agent(AgentId(3)), at(41))
            .unwrap();
        assert_eq!(
            ticket.awaiting_reply_since, None,
            "a resolved ticket owes nothing (a client's thanks need no answer)"
        );
        ticket.record_client_message(at(50));
        assert_eq!(
            ticket.awaiting_reply_since, None,
            "not until it is reopened"
        );
    }

    fn ticket_at(minutes: i64) -> Timestamp {
        sample_ticket().created_at + chrono::Duration::minutes(minutes)
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(Tag::parse(" #Refund ").unwrap().as_str(), "refund");
        assert!(Tag::parse("two words").is_none());
        assert!(Tag::parse("  ").is_none());
    }
}
