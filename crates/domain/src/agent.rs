//! Agents: the support team members who answer in the agents' channel.

use crate::ids::{AgentId, WorkspaceId};
use crate::language::Language;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentRole {
    Agent,
    Admin,
    Owner,
}

impl AgentRole {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentRole::Agent => "agent",
            AgentRole::Admin => "admin",
            AgentRole::Owner => "owner",
        }
    }

    /// Admins and owners configure the desk; agents answer tickets.
    pub fn can_configure(self) -> bool {
        self >= AgentRole::Admin
    }
}

impl fmt::Display for AgentRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected agent, admin or owner)")]
pub struct UnknownRole(pub String);

impl FromStr for AgentRole {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "agent" => Ok(AgentRole::Agent),
            "admin" => Ok(AgentRole::Admin),
            "owner" => Ok(AgentRole::Owner),
            other => Err(UnknownRole(other.to_string())),
        }
    }
}

/// The name clients see on an agent's replies. Clients never see an agent's Telegram name;
/// without an alias they see the desk's generic signature ("Support").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AgentAlias(String);

impl AgentAlias {
    pub fn parse(raw: &str) -> Option<AgentAlias> {
        let alias = raw.trim();
        (!alias.is_empty() && alias.chars().count() <= 32).then(|| AgentAlias(alias.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    pub id: AgentId,
    pub workspace: WorkspaceId,
    pub telegram_user_id: i64,
    pub name: String,
    pub role: AgentRole,
    pub alias: Option<AgentAlias>,
    pub languages: Vec<Language>,
    /// Skills and team names used for routing ("payments", "disputes").
    pub skills: Vec<String>,
    /// The agent's own working hours in the domain's weekly grammar ("mon-fri 09:00-17:00"),
    /// in the desk's time zone and with its holidays; `None`: the desk's hours. Routing gives
    /// nothing new to an agent outside them (docs/routing.md).
    pub schedule: Option<String>,
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(AgentRole::Owner.can_configure());
        assert!(AgentRole::Admin.can_configure());
        assert!(!AgentRole::Agent.can_configure());
    }

    #[test]
    fn aliases_are_short_and_non_empty() {
        assert_eq!(AgentAlias::parse(" Kate ").unwrap().as_str(), "Kate");
        assert!(AgentAlias::parse("").is_none());
        assert!(AgentAlias::parse(&"x".repeat(33)).is_none());
    }
}
