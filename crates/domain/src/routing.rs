//! Who gets a new ticket: the desk's routing rules per queue, agents' presence and load.
//!
//! A queue is a name a topic routes to (`Topic::queue`); an agent belongs to it when it is
//! among their skills. Per queue the desk chooses a [`Strategy`] and an optional cap of open
//! tickets per agent. Only agents on duty and under the cap are candidates; an agent who is
//! away or off takes nothing new. Pure: the relay reads presence and loads, and assigns.

use crate::{AgentId, Language, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a queue's new tickets find an agent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Nobody is chosen: agents press Take (the desk's behaviour without rules).
    #[default]
    Manual,
    /// In turn: the agent whose last routed ticket is oldest.
    RoundRobin,
    /// The agent with the fewest open tickets.
    LeastLoaded,
    /// An agent who speaks the client's language first, then the fewest open tickets.
    LanguageMatch,
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [
        Strategy::Manual,
        Strategy::RoundRobin,
        Strategy::LeastLoaded,
        Strategy::LanguageMatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Manual => "manual",
            Strategy::RoundRobin => "round_robin",
            Strategy::LeastLoaded => "least_loaded",
            Strategy::LanguageMatch => "language_match",
        }
    }

    pub fn parse(raw: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// Whether an agent takes new tickets now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Working: new tickets may be routed to them.
    #[default]
    OnDuty,
    /// Briefly away (a meeting, lunch): nothing new; their unanswered tickets go back to the
    /// queue when they step away.
    Away,
    /// Not working (end of shift).
    Off,
}

impl Presence {
    /// The presence routing goes by at `now`: an agent on duty outside their own working
    /// hours (`hours`, when they keep any) is off — a shift ending needs no `/off`.
    pub fn at(self, hours: Option<&crate::WorkingHours>, now: Timestamp) -> Presence {
        match hours {
            Some(hours) if self == Presence::OnDuty && !hours.is_open(now) => Presence::Off,
            _ => self,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Presence::OnDuty => "on_duty",
            Presence::Away => "away",
            Presence::Off => "off",
        }
    }

    pub fn parse(raw: &str) -> Option<Presence> {
        [Presence::OnDuty, Presence::Away, Presence::Off]
            .into_iter()
            .find(|p| p.as_str() == raw)
    }
}

/// One queue's rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRule {
    #[serde(default)]
    pub strategy: Strategy,
    /// At most this many open tickets per agent from routing; `None`: no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    /// A missed reply target (first or next) takes the ticket from its owner and routes it to someone
    /// else on duty (the escalation's last step; docs/routing.md).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reassign: bool,
    /// The queue's leads: told of every missed target in it, with the admins (the
    /// escalation's second step; docs/routing.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leads: Vec<crate::AgentId>,
    /// The queue's own SLA targets, tighter than its tickets' priorities' (`sla::SlaPolicy`).
    #[serde(default, skip_serializing_if = "crate::sla::QueueTargets::is_empty")]
    pub targets: crate::sla::QueueTargets,
}

/// The desk's routing: a rule for tickets without a queue (and queues without their own),
/// and rules per queue name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRules {
    #[serde(default)]
    pub default: QueueRule,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub queues: BTreeMap<String, QueueRule>,
}

impl RoutingRules {
    /// The rule for a ticket routed to `queue`.
    pub fn rule_for(&self, queue: Option<&str>) -> &QueueRule {
        queue
            .and_then(|q| {
                self.queues
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(q))
                    .map(|(_, rule)| rule)
            })
            .unwrap_or(&self.default)
    }

    /// Whether any ticket is ever routed automatically.
    pub fn routes_anything(&self) -> bool {
        self.default.strategy != Strategy::Manual
            || self.queues.values().any(|r| r.strategy != Strategy::Manual)
    }
}

/// An agent as routing sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub agent: AgentId,
    pub presence: Presence,
    /// Their open tickets now.
    pub load: u32,
    /// When routing last gave them a ticket.
    pub last_routed: Option<Timestamp>,
    pub skills: Vec<String>,
    pub languages: Vec<Language>,
}

/// The ticket to route.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    pub queue: Option<&'a str>,
    pub language: Language,
}

/// The agent `rule` gives the ticket to; `None` for a manual queue, or when nobody on duty
/// has room (the ticket waits for a Take, as without rules).
pub fn choose(rule: &QueueRule, wanted: Wanted<'_>, candidates: &[Candidate]) -> Option<AgentId> {
    if rule.strategy == Strategy::Manual {
        return None;
    }
    let available: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.presence == Presence::OnDuty)
        .filter(|c| rule.cap.is_none_or(|cap| c.load < cap))
        .collect();
    // A queue's own agents first; when none of them has room, anyone available.
    let in_queue: Vec<&Candidate> = match wanted.queue {
        Some(queue) => available
            .iter()
            .copied()
            .filter(|c| c.skills.iter().any(|s| s.eq_ignore_ascii_case(queue)))
            .collect(),
        None => Vec::new(),
    };
    let pool = if in_queue.is_empty() {
        available
    } else {
        in_queue
    };
    let pool: Vec<&Candidate> = match rule.strategy {
        Strategy::LanguageMatch => {
            let speakers: Vec<&Candidate> = pool
                .iter()
                .copied()
                .filter(|c| c.languages.contains(&wanted.language))
                .collect();
            if speakers.is_empty() {
                pool
            } else {
                speakers
            }
        }
        _ => pool,
    };
    // `None` (never routed) sorts first: a new colleague gets the next ticket.
    let turn = |c: &Candidate| (c.last_routed, c.agent.0);
    let chosen = match rule.strategy {
        Strategy::RoundRobin => pool.into_iter().min_by_key(|c| turn(c)),
        _ => pool.into_iter().min_by_key(|c| (c.load, turn(c))),
    };
    chosen.map(|c| c.agent)
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_agent_on_duty_outside_their_own_hours_is_off() {
        use chrono::TimeZone;
        let week: crate::WeeklySchedule = "mon-fri 09:00-17:00".parse().unwrap();
        let hours = crate::WorkingHours::new(chrono_tz::Tz::UTC, week);
        // 2026-12-07 is a Monday.
        let monday = |h: u32| chrono::Utc.with_ymd_and_hms(2026, 12, 7, h, 0, 0).unwrap();
        assert_eq!(
            Presence::OnDuty.at(Some(&hours), monday(10)),
            Presence::OnDuty
        );
        assert_eq!(Presence::OnDuty.at(Some(&hours), monday(18)), Presence::Off);
        assert_eq!(Presence::Away.at(Some(&hours), monday(10)), Presence::Away);
        assert_eq!(Presence::OnDuty.at(None, monday(18)), Presence::OnDuty);
    }

    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> Option<Timestamp> {
        chrono::Utc
            .with_ymd_and_hms(2026, 12, 4, 9, minute, 0)
            .single()
    }

    fn agent(id: i64, load: u32, last: Option<Timestamp>) -> Candidate {
        Candidate {
            agent: AgentId(id),
            presence: Presence::OnDuty,
            load,
            last_routed: last,
            skills: vec![],
            languages: vec![Language::En],
        }
    }

    fn rule(strategy: Strategy, cap: Option<u32>) -> QueueRule {
        QueueRule {
            strategy,
            cap,
            reassign: false,
            leads: Vec::new(),
            targets: Default::default(),
        }
    }

    const ANY: Wanted<'static> = Wanted {
        queue: None,
        language: Language::En,
    };

    #[test]
    fn round_robin_gives_the_next_ticket_to_whoever_waited_longest() {
        let team = [agent(1, 0, at(5)), agent(2, 3, at(1)), agent(3, 0, at(9))];
        let rr = rule(Strategy::RoundRobin, None);
        assert_eq!(choose(&rr, ANY, &team), Some(AgentId(2)));
        // A newcomer who never got one comes first.
        let with_new = [agent(1, 0, at(5)), agent(4, 0, None)];
        assert_eq!(choose(&rr, ANY, &with_new), Some(AgentId(4)));
    }

    #[test]
    fn least_loaded_and_caps_and_presence() {
        let mut team = [agent(1, 4, at(1)), agent(2, 2, at(5)), agent(3, 2, at(2))];
        let least = rule(Strategy::LeastLoaded, Some(3));
        // Two with two open: the one who waited longer.
        assert_eq!(choose(&least, ANY, &team), Some(AgentId(3)));
        team[2].presence = Presence::Away;
        assert_eq!(choose(&least, ANY, &team), Some(AgentId(2)));
        team[1].load = 3;
        assert_eq!(choose(&least, ANY, &team), None, "everyone at the cap");
        assert_eq!(choose(&rule(Strategy::Manual, None), ANY, &team), None);
    }

    #[test]
    fn a_queue_goes_to_its_own_agents_and_a_language_to_who_speaks_it() {
        let mut olga = agent(1, 5, at(1));
        olga.skills = vec!["Payments".into()];
        olga.languages = vec![Language::Ru, Language::En];
        let mut max = agent(2, 0, at(2));
        max.skills = vec!["payments".into()];
        let kate = agent(3, 0, at(0));
        let team = [olga, max, kate];
        let payments = Wanted {
            queue: Some("payments"),
            language: Language::Ru,
        };
        assert_eq!(
            choose(&rule(Strategy::LeastLoaded, None), payments, &team),
            Some(AgentId(2))
        );
        assert_eq!(
            choose(&rule(Strategy::LanguageMatch, None), payments, &team),
            Some(AgentId(1))
        );
        // Nobody in the queue has room: anyone available.
        let full = rule(Strategy::LeastLoaded, Some(0));
        assert_eq!(choose(&full, payments, &team), None);
    }

    #[test]
    fn rules_are_found_per_queue_and_read_from_json() {
        let rules: RoutingRules = serde_json::from_str(
            r#"{"default":{"strategy":"round_robin"},
                "queues":{"Payments":{"strategy":"least_loaded","cap":5}}}"#,
        )
        .unwrap();
        assert_eq!(rules.rule_for(Some("payments")).cap, Some(5));
        assert_eq!(rules.rule_for(None).strategy, Strategy::RoundRobin);
        assert_eq!(
            rules.rule_for(Some("disputes")).strategy,
            Strategy::RoundRobin
        );
        assert!(rules.routes_anything());
        assert!(!RoutingRules::default().routes_anything());
    }
}
