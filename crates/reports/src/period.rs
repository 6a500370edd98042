//! The report period as the desk's local calendar days.

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use ticketgram_domain::Report;

/// The first and last local day of the period (`[start, end)`, so the last day is the one
/// holding the instant just before `end`). The zone name comes from the desk's working hours;
/// a name the tz database does not know (only possible for a hand-made `Report`) counts as UTC.
pub(crate) fn local_days(report: &Report) -> (NaiveDate, NaiveDate) {
    let zone: Tz = report.time_zone.parse().unwrap_or(Tz::UTC);
    let day = |t: ticketgram_domain::Timestamp| t.with_timezone(&zone).date_naive();
    let first = day(report.period.start);
    let last = if report.period.end > report.period.start {
        day(report.period.end - Duration::nanoseconds(1))
    } else {
        first
    };
    (first, last)
}
