//! Wall-clock time in the desk's zone → UTC instants, across DST changes.

use crate::Timestamp;
use chrono::{Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The first instant at which the desk's clock shows `local` or later.
///
/// - An ambiguous time (autumn, the clock repeats an hour) maps to its first occurrence, so an
///   interval spanning the repeated hour really lasts an hour longer, as it does for the agents.
/// - A time that does not exist (spring, the clock skips an hour) maps to the moment the clock
///   jumps, so "02:30-04:00" on that night lasts the one real hour from 03:00 to 04:00.
///
/// The mapping is monotonic, so disjoint wall-clock intervals stay disjoint in UTC.
pub(crate) fn first_instant_at_or_after(tz: Tz, local: NaiveDateTime) -> Timestamp {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => jump_after_gap(tz, local),
    }
}

/// Binary search for the first instant whose local time is at or after `local`. UTC offsets
/// stay within ±14h, so the answer lies within a day of `local` read as UTC. Gaps are rare
/// (twice a year at most), so the ~20 probes do not matter.
fn jump_after_gap(tz: Tz, local: NaiveDateTime) -> Timestamp {
    let shows = |t: NaiveDateTime| tz.from_utc_datetime(&t).naive_local();
    let (mut lo, mut hi) = (local - Duration::hours(26), local + Duration::hours(26));
    while hi - lo > Duration::seconds(1) {
        let mid = lo + Duration::seconds((hi - lo).num_seconds() / 2);
        if shows(mid) >= local {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Utc.from_utc_datetime(&hi)
}
