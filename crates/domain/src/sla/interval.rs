//! One stretch of opening time within a day, in the desk's wall-clock time.

use chrono::{Duration, NaiveTime, Timelike};
use std::fmt;

/// `start..end` on one local day. `end` may be midnight at the end of the day (typed `24:00`),
/// which is why it is stored as an offset from the day's start rather than a `NaiveTime`: a
/// `NaiveTime` cannot say 24:00, and `00:00` as an end would be ambiguous.
///
/// Intervals never cross midnight: "22:00-02:00" is two intervals on two days, so each day's
/// calendar stands on its own and holidays remove exactly one local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayInterval {
    start_secs: u32,
    end_secs: u32,
}

const DAY_SECS: u32 = 24 * 3600;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntervalError {
    #[error("{start}-{end} ends before it starts; split a night shift at midnight, e.g. \"mon 22:00-24:00; tue 00:00-02:00\"")]
    EndsBeforeStart { start: String, end: String },
    #[error("{0} is an empty interval")]
    Empty(String),
}

impl DayInterval {
    /// `end = None` means "until midnight" (24:00).
    pub fn new(start: NaiveTime, end: Option<NaiveTime>) -> Result<DayInterval, IntervalError> {
        let start_secs = start.num_seconds_from_midnight();
        let end_secs = end.map_or(DAY_SECS, |e| e.num_seconds_from_midnight());
        let interval = DayInterval {
            start_secs,
            end_secs,
        };
        match end_secs.cmp(&start_secs) {
            std::cmp::Ordering::Greater => Ok(interval),
            std::cmp::Ordering::Equal => Err(IntervalError::Empty(interval.to_string())),
            std::cmp::Ordering::Less => Err(IntervalError::EndsBeforeStart {
                start: clock(start_secs),
                end: clock(end_secs),
            }),
        }
    }

    /// The whole day, 00:00-24:00.
    pub fn all_day() -> DayInterval {
        DayInterval {
            start_secs: 0,
            end_secs: DAY_SECS,
        }
    }

    /// Offset of the opening from the local day's midnight.
    pub fn start(self) -> Duration {
        Duration::seconds(self.start_secs.into())
    }

    /// Offset of the closing from the local day's midnight (up to 24h).
    pub fn end(self) -> Duration {
        Duration::seconds(self.end_secs.into())
    }

    pub(crate) fn overlaps(self, other: DayInterval) -> bool {
        self.start_secs < other.end_secs && other.start_secs < self.end_secs
    }
}

/// `HH:MM` (with `:SS` only when there are seconds), and `24:00` for the end of the day.
fn clock(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

impl fmt::Display for DayInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", clock(self.start_secs), clock(self.end_secs))
    }
}
