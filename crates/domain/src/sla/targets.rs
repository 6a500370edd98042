//! SLA targets: how much working time a desk allows for the first response, each next reply
//! and the resolution.

use crate::ticket::Priority;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// One value per priority. A struct rather than a map so every priority always has a value
/// and a missing one is a compile error, not a silent default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ByPriority<T> {
    pub low: T,
    pub normal: T,
    pub high: T,
    pub urgent: T,
}

impl<T: Copy> ByPriority<T> {
    pub fn get(&self, priority: Priority) -> T {
        match priority {
            Priority::Low => self.low,
            Priority::Normal => self.normal,
            Priority::High => self.high,
            Priority::Urgent => self.urgent,
        }
    }

    pub fn map<U>(self, f: impl Fn(T) -> U) -> ByPriority<U> {
        ByPriority {
            low: f(self.low),
            normal: f(self.normal),
            high: f(self.high),
            urgent: f(self.urgent),
        }
    }
}

/// Targets in working time (see `WorkingHours`); `None` means no target for that priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TargetsInMinutes", into = "TargetsInMinutes")]
pub struct SlaTargets {
    pub first_response: ByPriority<Option<Duration>>,
    /// From a client's message after the desk has replied to the desk's next reply
    /// (`Ticket::awaiting_reply_since`).
    pub next_reply: ByPriority<Option<Duration>>,
    pub resolution: ByPriority<Option<Duration>>,
    /// A pending target turns "at risk" when no more than this share of it is left, so the
    /// agents' channel can warn before the breach rather than after. 0..=100, clamped.
    pub at_risk_percent: u8,
}

impl SlaTargets {
    pub fn first_response(&self, priority: Priority) -> Option<Duration> {
        self.first_response.get(priority)
    }

    pub fn next_reply(&self, priority: Priority) -> Option<Duration> {
        self.next_reply.get(priority)
    }

    pub fn resolution(&self, priority: Priority) -> Option<Duration> {
        self.resolution.get(priority)
    }
}

/// Next replies a little looser than first ones for the pressing priorities, where a client
/// who has been answered once is less at risk than one who has heard nothing.
fn default_next_reply() -> ByPriority<Option<Duration>> {
    let (m, h) = (Duration::minutes, Duration::hours);
    ByPriority {
        low: h(8),
        normal: h(4),
        high: h(2),
        urgent: m(30),
    }
    .map(Some)
}

/// Common helpdesk defaults, in working time (first reply / next reply / resolution): urgent
/// 15m / 30m / 4h, high 1h / 2h / 8h (a working day), normal 4h / 4h / 24h (three working
/// days), low 8h / 8h / 72h. At risk in the last 20%.
impl Default for SlaTargets {
    fn default() -> SlaTargets {
        let (m, h) = (Duration::minutes, Duration::hours);
        SlaTargets {
            first_response: ByPriority {
                low: h(8),
                normal: h(4),
                high: h(1),
                urgent: m(15),
            }
            .map(Some),
            next_reply: default_next_reply(),
            resolution: ByPriority {
                low: h(72),
                normal: h(24),
                high: h(8),
                urgent: h(4),
            }
            .map(Some),
            at_risk_percent: 20,
        }
    }
}

/// Storage form: whole minutes, the unit admins set targets in and readable in JSON
/// (chrono's own serde form is a `[secs, nanos]` pair).
#[derive(Serialize, Deserialize)]
struct TargetsInMinutes {
    first_response_minutes: ByPriority<Option<i64>>,
    /// Absent in targets saved before next replies were measured: those desks get the
    /// defaults, as a desk that never set targets does.
    #[serde(default = "default_next_reply_minutes")]
    next_reply_minutes: ByPriority<Option<i64>>,
    resolution_minutes: ByPriority<Option<i64>>,
    at_risk_percent: u8,
}

impl From<SlaTargets> for TargetsInMinutes {
    fn from(t: SlaTargets) -> Self {
        let minutes = |d: Option<Duration>| d.map(|d| d.num_minutes());
        TargetsInMinutes {
            first_response_minutes: t.first_response.map(minutes),
            next_reply_minutes: t.next_reply.map(minutes),
            resolution_minutes: t.resolution.map(minutes),
            at_risk_percent: t.at_risk_percent,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an SLA target is a number of minutes from 0 to 10 years, got {0}")]
pub struct TargetOutOfRange(pub i64);

impl TryFrom<TargetsInMinutes> for SlaTargets {
    type Error = TargetOutOfRange;

    fn try_from(t: TargetsInMinutes) -> Result<Self, Self::Error> {
        let duration = |m: Option<i64>| match m {
            None => Ok(None),
            Some(m @ 0..=MAX_TARGET_MINUTES) => Ok(Some(Duration::minutes(m))),
            Some(m) => Err(TargetOutOfRange(m)),
        };
        let all = |by: ByPriority<Option<i64>>| -> Result<_, TargetOutOfRange> {
            Ok(ByPriority {
                low: duration(by.low)?,
                normal: duration(by.normal)?,
                high: duration(by.high)?,
                urgent: duration(by.urgent)?,
            })
        };
        Ok(SlaTargets {
            first_response: all(t.first_response_minutes)?,
            next_reply: all(t.next_reply_minutes)?,
            resolution: all(t.resolution_minutes)?,
            at_risk_percent: t.at_risk_percent.min(100),
        })
    }
}

fn default_next_reply_minutes() -> ByPriority<Option<i64>> {
    default_next_reply().map(|d| d.map(|d| d.num_minutes()))
}

/// Ten years: far beyond any real target, small enough that no duration maths can overflow.
const MAX_TARGET_MINUTES: i64 = 10 * 366 * 24 * 60;
