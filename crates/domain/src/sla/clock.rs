//! The SLA clock of one ticket: due times and how each target stands at a given moment.

use super::serde_secs;
use super::targets::SlaTargets;
use super::working_hours::WorkingHours;
use crate::ticket::{Priority, Ticket};
use crate::Timestamp;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// The timestamps an SLA is measured on, taken from a `Ticket` or a report row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaTimes {
    pub priority: Priority,
    pub created_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    /// Since when the client has waited for the desk's next reply (`Ticket::awaiting_reply_since`).
    pub awaiting_reply_since: Option<Timestamp>,
    /// Working time spent waiting on the client (`sla::paused_time`), which the resolution
    /// target does not count; zero when the caller did not read the status history.
    pub paused: Duration,
}

impl SlaTimes {
    /// When the desk first reacted: the first reply, or resolving without one (spam,
    /// duplicates), which also ends the client's wait for an answer.
    pub fn first_reaction_at(&self) -> Option<Timestamp> {
        self.first_response_at.or(self.resolved_at)
    }
}

impl From<&Ticket> for SlaTimes {
    fn from(t: &Ticket) -> SlaTimes {
        SlaTimes {
            priority: t.priority,
            created_at: t.created_at,
            first_response_at: t.first_response_at,
            resolved_at: t.resolved_at,
            awaiting_reply_since: t.awaiting_reply_since,
            paused: Duration::zero(),
        }
    }
}

/// Where one target stands. All durations are working time, because that is what the target
/// counts: a reply on Saturday to a ticket due Friday 18:00 is still met, since no working
/// minute passed in between; the breach begins with Monday's first working minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SlaState {
    /// Done within the target, having used `took` of it.
    Met {
        #[serde(with = "serde_secs", rename = "took_secs")]
        took: Duration,
    },
    /// Running, with more than the at-risk share of the target left.
    Pending {
        due: Timestamp,
        #[serde(with = "serde_secs", rename = "remaining_secs")]
        remaining: Duration,
    },
    /// Running, within the last `at_risk_percent` of the target: time to warn the agents.
    AtRisk {
        due: Timestamp,
        #[serde(with = "serde_secs", rename = "remaining_secs")]
        remaining: Duration,
    },
    /// Over the target by `by` — for good if done late, and still growing if not done.
    Breached {
        due: Timestamp,
        #[serde(with = "serde_secs", rename = "by_secs")]
        by: Duration,
    },
}

/// The targets of a ticket; `None` where the priority has no target (and the next reply's
/// while no reply is owed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaStatus {
    pub first_response: Option<SlaState>,
    #[serde(default)]
    pub next_reply: Option<SlaState>,
    pub resolution: Option<SlaState>,
}

/// A desk's calendar and targets, ready to evaluate tickets. `now` is always passed in.
#[derive(Debug, Clone, Copy)]
pub struct SlaClock<'a> {
    hours: &'a WorkingHours,
    targets: &'a SlaTargets,
}

impl<'a> SlaClock<'a> {
    pub fn new(hours: &'a WorkingHours, targets: &'a SlaTargets) -> SlaClock<'a> {
        SlaClock { hours, targets }
    }

    pub fn status(&self, times: &SlaTimes, now: Timestamp) -> SlaStatus {
        SlaStatus {
            first_response: self.first_response(times, now),
            next_reply: self.next_reply(times, now),
            resolution: self.resolution(times, now),
        }
    }

    pub fn first_response(&self, times: &SlaTimes, now: Timestamp) -> Option<SlaState> {
        let target = self.targets.first_response(times.priority)?;
        let done = times.first_reaction_at();
        Some(self.evaluate(times.created_at, done, target, Duration::zero(), now))
    }

    /// The wait for the desk's next reply, while one is owed: from the client's oldest
    /// unanswered message, running until an agent answers (the state is then gone, since the
    /// ticket owes nothing; reports measure the answered waits). Never paused: a ticket that
    /// waits on the client owes no reply.
    pub fn next_reply(&self, times: &SlaTimes, now: Timestamp) -> Option<SlaState> {
        let target = self.targets.next_reply(times.priority)?;
        let since = times.awaiting_reply_since?;
        if times.resolved_at.is_some() {
            return None;
        }
        Some(self.evaluate(since, None, target, Duration::zero(), now))
    }

    /// Whether a reply that ended a wait begun at `since` came within the next-reply target
    /// (`None`: the priority has no such target), with the working time it took.
    pub fn next_reply_took(
        &self,
        priority: Priority,
        since: Timestamp,
        answered: Timestamp,
    ) -> (Duration, Option<bool>) {
        let took = self.hours.business_duration(since, answered);
        let within = self
            .targets
            .next_reply(priority)
            .map(|target| took <= target);
        (took, within)
    }

    /// Measured from creation to the latest resolution (a reopened ticket has none, so its
    /// clock runs on from creation), without the time spent waiting on the client: it falls
    /// due that much later.
    pub fn resolution(&self, times: &SlaTimes, now: Timestamp) -> Option<SlaState> {
        let target = self.targets.resolution(times.priority)?;
        Some(self.evaluate(
            times.created_at,
            times.resolved_at,
            target,
            times.paused,
            now,
        ))
    }

    /// The instant a target falls due for a ticket created at `created_at`.
    pub fn due(&self, created_at: Timestamp, target: Duration) -> Timestamp {
        self.hours.add_business_time(created_at, target)
    }

    fn evaluate(
        &self,
        start: Timestamp,
        done: Option<Timestamp>,
        target: Duration,
        paused: Duration,
        now: Timestamp,
    ) -> SlaState {
        let due = self.due(start, target + paused);
        let used = (self.hours.business_duration(start, done.unwrap_or(now)) - paused)
            .max(Duration::zero());
        if used > target {
            return SlaState::Breached {
                due,
                by: used - target,
            };
        }
        if done.is_some() {
            return SlaState::Met { took: used };
        }
        let remaining = target - used;
        let percent = i64::from(self.targets.at_risk_percent.min(100));
        if remaining.num_seconds() * 100 <= target.num_seconds() * percent {
            SlaState::AtRisk { due, remaining }
        } else {
            SlaState::Pending { due, remaining }
        }
    }
}
