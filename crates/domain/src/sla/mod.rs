//! Service levels: the desk's working hours and the targets measured in them.
//!
//! Everything is measured in *working time*: the clock runs only while the desk is open, in
//! the desk's own time zone (DST included) and never on its holidays. A ticket opened Friday
//! 17:30 in Berlin with a one-hour target is due Monday 09:30, not Friday 18:30.

mod clock;
mod interval;
mod local_time;
mod parse;
mod pauses;
mod policy;
mod schedule;
pub(crate) mod serde_secs;
mod targets;
mod working_hours;

pub use clock::{SlaClock, SlaState, SlaStatus, SlaTimes};
pub use interval::{DayInterval, IntervalError};
pub use pauses::{paused_time, waiting_spans, Span};
pub use policy::{QueueTargets, SlaPolicy, MAX_QUEUE_TARGET_MINUTES};
pub use schedule::{ScheduleError, WeeklySchedule};
pub use targets::{ByPriority, SlaTargets, TargetOutOfRange};
pub use working_hours::WorkingHours;

pub(crate) use local_time::first_instant_at_or_after;

#[cfg(test)]
mod clock_tests;
#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod tests;
