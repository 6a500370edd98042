//! Who did what. Every state change an agent or client causes is attributable.

use crate::ids::{AgentId, ClientId, WorkspaceId};
use crate::Timestamp;
use serde::{Deserialize, Serialize};

/// The author of a change. `System` covers timers (SLA escalation, auto-close) and migrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    Client(ClientId),
    Agent(AgentId),
    System,
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Client(_) => "client",
            Actor::Agent(_) => "agent",
            Actor::System => "system",
        }
    }

    pub fn id(&self) -> Option<i64> {
        match self {
            Actor::Client(id) => Some(id.0),
            Actor::Agent(id) => Some(id.0),
            Actor::System => None,
        }
    }

    /// Rebuilds an actor from its stored `(kind, id)` pair.
    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<Actor> {
        match (kind, id) {
            ("client", Some(id)) => Some(Actor::Client(ClientId(id))),
            ("agent", Some(id)) => Some(Actor::Agent(AgentId(id))),
            ("system", _) => Some(Actor::System),
            _ => None,
        }
    }
}

/// One line of the audit log: an action (stable snake_case code such as `ticket.transferred`),
/// its subject and free-form details for the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub workspace: WorkspaceId,
    pub actor: Actor,
    pub action: String,
    pub subject: String,
    /// Key/value pairs rather than JSON so the domain needs no JSON dependency.
    pub details: Vec<(String, String)>,
    pub at: Timestamp,
}
