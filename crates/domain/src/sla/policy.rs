//! Targets per queue: a queue may hold its tickets to tighter targets than their priority
//! alone does (a VIP or payouts queue answered within 15 minutes whatever the priority). The
//! desk's per-priority targets stay the base; a queue's own target for a clock replaces the
//! priority's when it is tighter (or when the priority has none), never loosens it.

use super::targets::SlaTargets;
use crate::routing::RoutingRules;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// A queue's own targets, in working time; `None`: the priority's target applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueTargets {
    #[serde(
        default,
        with = "minutes",
        rename = "first_response_minutes",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_response: Option<Duration>,
    #[serde(
        default,
        with = "minutes",
        rename = "next_reply_minutes",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_reply: Option<Duration>,
    #[serde(
        default,
        with = "minutes",
        rename = "resolution_minutes",
        skip_serializing_if = "Option::is_none"
    )]
    pub resolution: Option<Duration>,
}

impl QueueTargets {
    pub fn is_empty(&self) -> bool {
        *self == QueueTargets::default()
    }
}

/// The most a queue target may be, in minutes: a year, as `/sla` allows.
pub const MAX_QUEUE_TARGET_MINUTES: i64 = 525_600;

/// The targets of the desk and of its queues: what every clock of a ticket is measured
/// against (`for_queue`). Built from the desk's `SlaTargets` alone (no queue targets) by
/// `From`, so callers without routing rules pass `&targets`.
#[derive(Debug, Clone, Copy)]
pub struct SlaPolicy<'a> {
    pub targets: &'a SlaTargets,
    pub routing: Option<&'a RoutingRules>,
}

impl<'a> From<&'a SlaTargets> for SlaPolicy<'a> {
    fn from(targets: &'a SlaTargets) -> SlaPolicy<'a> {
        SlaPolicy {
            targets,
            routing: None,
        }
    }
}

impl SlaPolicy<'_> {
    /// The targets a ticket routed to `queue` is held to.
    pub fn for_queue(&self, queue: Option<&str>) -> SlaTargets {
        let Some(rule) = self.routing.map(|r| r.rule_for(queue)) else {
            return *self.targets;
        };
        let own = rule.targets;
        if own.is_empty() {
            return *self.targets;
        }
        let mut targets = *self.targets;
        let tighten = |base: Option<Duration>, own: Option<Duration>| match (base, own) {
            (Some(base), Some(own)) => Some(base.min(own)),
            (base, own) => own.or(base),
        };
        targets.first_response = targets
            .first_response
            .map(|base| tighten(base, own.first_response));
        targets.next_reply = targets.next_reply.map(|base| tighten(base, own.next_reply));
        targets.resolution = targets.resolution.map(|base| tighten(base, own.resolution));
        targets
    }
}

/// Whole minutes in storage and in the API, as the desk's own targets are.
mod minutes {
    use chrono::Duration;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.num_minutes()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        let minutes = Option::<i64>::deserialize(d)?;
        match minutes {
            None => Ok(None),
            Some(m @ 1..=super::MAX_QUEUE_TARGET_MINUTES) => Ok(Some(Duration::minutes(m))),
            Some(m) => Err(serde::de::Error::custom(format!(
                "a queue's target is 1 to {} minutes, got {m}",
                super::MAX_QUEUE_TARGET_MINUTES
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::QueueRule;
    use crate::ticket::Priority;

    #[test]
    fn a_queue_tightens_its_tickets_targets_and_never_loosens_them() {
        let desk = SlaTargets::default();
        let mut rules = RoutingRules::default();
        rules.queues.insert(
            "vip".into(),
            QueueRule {
                targets: QueueTargets {
                    first_response: Some(Duration::minutes(15)),
                    next_reply: Some(Duration::hours(8)),
                    resolution: None,
                },
                ..QueueRule::default()
            },
        );
        let policy = SlaPolicy {
            targets: &desk,
            routing: Some(&rules),
        };
        let vip = policy.for_queue(Some("VIP"));
        assert_eq!(
            vip.first_response(Priority::Low),
            Some(Duration::minutes(15)),
            "tighter than the low priority's 8 h"
        );
        assert_eq!(
            vip.first_response(Priority::Urgent),
            Some(Duration::minutes(15)),
            "urgent's own 15 min stays"
        );
        assert_eq!(
            vip.next_reply(Priority::Urgent),
            desk.next_reply(Priority::Urgent),
            "8 h would loosen urgent's 30 min: not taken"
        );
        assert_eq!(vip.resolution, desk.resolution);
        assert_eq!(policy.for_queue(Some("payments")), desk);
        assert_eq!(SlaPolicy::from(&desk).for_queue(Some("vip")), desk);
        let json = serde_json::to_value(rules.rule_for(Some("vip"))).unwrap();
        assert_eq!(
            json["targets"],
            serde_json::json!({"first_response_minutes": 15, "next_reply_minutes": 480})
        );
        let back: QueueRule = serde_json::from_value(json).unwrap();
        assert_eq!(back.targets, rules.rule_for(Some("vip")).targets);
        assert!(serde_json::from_value::<QueueTargets>(
            serde_json::json!({"first_response_minutes": 0})
        )
        .is_err());
    }
}
