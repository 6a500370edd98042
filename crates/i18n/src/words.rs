//! Words every surface shares: a ticket's status and priority, an agent's role, and a moment
//! in the desk's time zone. The card, the console, the manager bot and the client bot all
//! ask here, so one ticket never reads "in progress" in Telegram and "open" in the browser.

use chrono_tz::Tz;
use ticketgram_domain::{AgentRole, Language, Priority, TicketStatus, Timestamp};

use crate::{Arg, Translator};

/// Who reads a status word. Agents and the client see the same status from the same key
/// (`status-<status>` in `bot.ftl`); only "waiting on the client" is addressed to its reader
/// ("waiting for your reply" to the client, "waiting for the client" to agents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Agents,
    Client,
}

impl Audience {
    fn as_str(self) -> &'static str {
        match self {
            Audience::Agents => "agents",
            Audience::Client => "client",
        }
    }
}

impl Translator {
    /// "in progress", "waiting for the client", … in `language`.
    pub fn status(&self, language: Language, status: TicketStatus, audience: Audience) -> String {
        self.text(
            language,
            &format!("status-{}", status.as_str()),
            &[("audience", Arg::from(audience.as_str()))],
        )
    }

    /// "low", "normal", "high", "urgent" in `language`.
    pub fn priority(&self, language: Language, priority: Priority) -> String {
        self.text(language, &format!("priority-{}", priority.as_str()), &[])
    }

    /// "agent", "admin", "owner" in `language`.
    pub fn role(&self, language: Language, role: AgentRole) -> String {
        self.text(language, &format!("role-{}", role.as_str()), &[])
    }
}

/// A moment as the desk's team reads it: in the desk's time zone (its working hours), with
/// the zone's abbreviation so nobody mistakes it for their own clock, e.g.
/// `2026-12-03 18:30 JST`. Zones without an abbreviation show their offset (`+04`).
pub fn desk_time(at: Timestamp, zone: Tz) -> String {
    at.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_tokyo_desk_reads_tokyo_time() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 12, 3, 0, 30, 0).unwrap();
        assert_eq!(
            desk_time(at, chrono_tz::Asia::Tokyo),
            "2026-12-03 09:30 JST"
        );
        assert_eq!(desk_time(at, chrono_tz::UTC), "2026-12-03 00:30 UTC");
        assert_eq!(
            desk_time(at, chrono_tz::America::Los_Angeles),
            "2026-12-02 16:30 PST"
        );
    }

    #[test]
    fn waiting_on_the_client_is_addressed_to_its_reader() {
        let t = Translator::load().unwrap();
        let waiting = TicketStatus::WaitingOnClient;
        assert_eq!(
            t.status(Language::En, waiting, Audience::Agents),
            "waiting for the client"
        );
        assert_eq!(
            t.status(Language::En, waiting, Audience::Client),
            "waiting for your reply"
        );
        // Every other status is one word for everybody, in every language.
        for language in Language::ALL {
            for status in TicketStatus::ALL {
                let agents = t.status(language, status, Audience::Agents);
                assert!(!agents.starts_with("status-"), "{language}: {agents}");
                if status != waiting {
                    assert_eq!(agents, t.status(language, status, Audience::Client));
                }
            }
            for priority in Priority::ALL {
                let word = t.priority(language, priority);
                assert!(!word.starts_with("priority-"), "{language}: {word}");
            }
            for role in [AgentRole::Agent, AgentRole::Admin, AgentRole::Owner] {
                let word = t.role(language, role);
                assert!(!word.starts_with("role-"), "{language}: {word}");
            }
        }
    }

    #[test]
    fn a_status_asked_without_audience_reads_as_for_agents() {
        // The card asks for `status-…` directly; the agents' variant is the default.
        let t = Translator::load().unwrap();
        assert_eq!(
            t.text(Language::En, "status-waiting_on_client", &[]),
            "waiting for the client"
        );
    }
}
