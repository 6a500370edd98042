//! Identifiers. Newtypes so a ticket id can never be passed where a client id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

row_id!(
    /// One support desk: its own bots, agents, settings and ticket numbering.
    WorkspaceId
);
row_id!(TicketId);
row_id!(ClientId);
row_id!(AgentId);
row_id!(TopicId);
row_id!(MessageId);

/// The human ticket number clients and agents quote ("#1042"). Sequential per workspace,
/// distinct from the row id so numbering can start anywhere and never leaks row counts
/// across workspaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TicketNumber(pub i64);

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl std::str::FromStr for TicketNumber {
    type Err = std::num::ParseIntError;

    /// Accepts what people type: "1042", "#1042", " #1042 ".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n: i64 = s.trim().trim_start_matches('#').parse()?;
        Ok(TicketNumber(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_numbers_read_the_way_agents_type_them() {
        assert_eq!("#1042".parse::<TicketNumber>().unwrap(), TicketNumber(1042));
        assert_eq!(" 7 ".parse::<TicketNumber>().unwrap(), TicketNumber(7));
        assert!("#abc".parse::<TicketNumber>().is_err());
        assert_eq!(TicketNumber(1042).to_string(), "#1042");
    }
}
