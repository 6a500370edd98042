//! What a token may do. Each route needs exactly one scope (see `routes.rs`).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    TicketsRead,
    TicketsWrite,
    ClientsRead,
    ClientsWrite,
    /// Everything the desk holds about a client, files included (docs/privacy.md).
    ClientsExport,
    /// Irreversible: a client's personal data and conversations removed.
    ClientsErase,
    ReportsRead,
    WebhooksManage,
    /// Knowledge-base articles, drafts included, and their history.
    KbRead,
    /// Writing, restoring and deleting knowledge-base articles.
    KbWrite,
    /// The desk's connection to its platform: the order lookup's endpoint and secret.
    PlatformManage,
    /// Reporting platform events that alert clients (docs/proactive-alerts.md).
    EventsWrite,
    /// The desk's settings: the routing rules (who gets new tickets, queue caps and leads:
    /// docs/routing.md) and machine translation (docs/translation.md).
    SettingsManage,
}

impl Scope {
    pub const ALL: [Scope; 13] = [
        Scope::TicketsRead,
        Scope::TicketsWrite,
        Scope::ClientsRead,
        Scope::ClientsWrite,
        Scope::ClientsExport,
        Scope::ClientsErase,
        Scope::ReportsRead,
        Scope::WebhooksManage,
        Scope::KbRead,
        Scope::KbWrite,
        Scope::PlatformManage,
        Scope::EventsWrite,
        Scope::SettingsManage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::TicketsRead => "tickets:read",
            Scope::TicketsWrite => "tickets:write",
            Scope::ClientsRead => "clients:read",
            Scope::ClientsWrite => "clients:write",
            Scope::ClientsExport => "clients:export",
            Scope::ClientsErase => "clients:erase",
            Scope::ReportsRead => "reports:read",
            Scope::WebhooksManage => "webhooks:manage",
            Scope::KbRead => "kb:read",
            Scope::KbWrite => "kb:write",
            Scope::PlatformManage => "platform:manage",
            Scope::EventsWrite => "events:write",
            Scope::SettingsManage => "settings:manage",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == s)
    }

    /// Scopes as stored with a token. Codes this version does not know grant nothing.
    pub fn parse_all(codes: &[String]) -> Vec<Scope> {
        codes.iter().filter_map(|c| Scope::parse(c)).collect()
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_and_unknown_codes_grant_nothing() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
        }
        let stored = vec!["tickets:read".to_string(), "admin:everything".to_string()];
        assert_eq!(Scope::parse_all(&stored), [Scope::TicketsRead]);
    }
}
