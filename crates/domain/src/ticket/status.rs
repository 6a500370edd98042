//! The ticket state machine.
//!
//! ```text
//!   new ──► open ──► waiting_on_client ──► resolved ──► closed
//!    │        ▲  ◄───────┘   │                 │  ▲        │
//!    │        └──────────────┴──── reopen ─────┘  │        │
//!    └──────────────────► resolved / closed ──────┘◄───────┘
//! ```
//! Every change is validated here and returned as a [`StatusChange`] so the store can record
//! who did it and when; nothing else in the system mutates a ticket's status.

use crate::audit::Actor;
use crate::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Created by the client, nobody has looked at it yet.
    New,
    /// An agent took it or answered.
    Open,
    /// The agent asked something; the ball is in the client's court.
    WaitingOnClient,
    /// The agent considers it solved; the client may still reopen it.
    Resolved,
    /// Finished. Can still be reopened (by the client or an agent).
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::WaitingOnClient,
        TicketStatus::Resolved,
        TicketStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::WaitingOnClient => "waiting_on_client",
            TicketStatus::Resolved => "resolved",
            TicketStatus::Closed => "closed",
        }
    }

    /// Open in the support sense: someone still owes work on it.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            TicketStatus::New | TicketStatus::Open | TicketStatus::WaitingOnClient
        )
    }

    /// Whether moving `self -> to` is a legal transition for `actor`.
    pub fn check_transition(self, to: TicketStatus, actor: &Actor) -> Result<(), TransitionError> {
        use TicketStatus::*;
        if self == to {
            return Err(TransitionError::AlreadyInStatus(to));
        }
        let legal = matches!(
            (self, to),
            (New, Open | WaitingOnClient | Resolved | Closed)
                | (Open, WaitingOnClient | Resolved | Closed)
                | (WaitingOnClient, Open | Resolved | Closed)
                | (Resolved, Open | Closed)
                | (Closed, Open)
        );
        if !legal {
            return Err(TransitionError::Invalid { from: self, to });
        }
        // A client can close their request or bring it back, not declare it solved or put
        // it on hold for themselves: those are an agent's judgement.
        if matches!(actor, Actor::Client(_)) && matches!(to, WaitingOnClient | Resolved) {
            return Err(TransitionError::NotAllowed {
                to,
                actor: actor.kind(),
            });
        }
        Ok(())
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TicketStatus {
    type Err = TransitionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TicketStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| TransitionError::UnknownStatus(s.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("ticket is already {0}")]
    AlreadyInStatus(TicketStatus),
    #[error("a ticket cannot go from {from} to {to}")]
    Invalid {
        from: TicketStatus,
        to: TicketStatus,
    },
    #[error("a {actor} may not set a ticket to {to}")]
    NotAllowed {
        to: TicketStatus,
        actor: &'static str,
    },
    #[error("unknown ticket status {0:?}")]
    UnknownStatus(String),
}

/// A validated, recorded status change: the history row the audit trail and reports read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from: TicketStatus,
    pub to: TicketStatus,
    pub actor: Actor,
    pub at: Timestamp,
}

impl StatusChange {
    pub fn is_reopen(&self) -> bool {
        !self.from.is_active() && self.to.is_active()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AgentId, ClientId};
    use TicketStatus::*;

    const AGENT: Actor = Actor::Agent(AgentId(1));
    const CLIENT: Actor = Actor::Client(ClientId(1));

    #[test]
    fn the_happy_path_is_legal() {
        for (from, to) in [
            (New, Open),
            (Open, WaitingOnClient),
            (WaitingOnClient, Open),
        ] {
            assert_eq!(from.check_transition(to, &AGENT), Ok(()));
        }
        assert_eq!(Open.check_transition(Resolved, &AGENT), Ok(()));
        assert_eq!(Resolved.check_transition(Closed, &Actor::System), Ok(()));
    }

    #[test]
    fn resolved_and_closed_tickets_can_be_reopened() {
        assert_eq!(Resolved.check_transition(Open, &CLIENT), Ok(()));
        assert_eq!(Closed.check_transition(Open, &AGENT), Ok(()));
    }

    #[test]
    fn impossible_moves_are_rejected_with_a_typed_error() {
        assert_eq!(
            Closed.check_transition(Resolved, &AGENT),
            Err(TransitionError::Invalid {
                from: Closed,
                to: Resolved
            })
        );
        assert_eq!(
            Open.check_transition(New, &AGENT),
            Err(TransitionError::Invalid {
                from: Open,
                to: New
            })
        );
        assert_eq!(
            Open.check_transition(Open, &AGENT),
            Err(TransitionError::AlreadyInStatus(Open))
        );
    }

    #[test]
    fn a_client_cannot_mark_their_own_ticket_resolved() {
        assert!(matches!(
            Open.check_transition(Resolved, &CLIENT),
            Err(TransitionError::NotAllowed { .. })
        ));
        assert_eq!(Open.check_transition(Closed, &CLIENT), Ok(()));
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in TicketStatus::ALL {
            assert_eq!(status.as_str().parse::<TicketStatus>(), Ok(status));
        }
        assert!("done".parse::<TicketStatus>().is_err());
    }
}
