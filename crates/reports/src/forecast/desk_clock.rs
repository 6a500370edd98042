//! The desk's own clock for the forecast. Volume follows the team's local day (the Monday
//! 10:00 rush is 10:00 in Berlin, whatever UTC says) and holidays are local dates, so the
//! series handed to the model is in *local wall-clock hours*, labelled as if they were UTC
//! (the forecasting library only needs hours without gaps).
//!
//! Daylight saving: the autumn hour that happens twice adds up into one local hour; the spring
//! hour that does not exist has no tickets and no instant (`None`), and nobody staffs it.
//! Zones off the whole hour (India, +05:30) count each UTC hour in the local hour it starts in.

use chrono::{DurationRound, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;
use ticketgram_domain::{Timestamp, WorkingHours};

/// `at` as the desk's local hour (minutes dropped), in the series' "local as UTC" form.
pub(crate) fn local_hour(zone: Tz, at: Timestamp) -> Timestamp {
    let local = at.with_timezone(&zone).naive_local();
    let hour = local
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(local);
    hour.and_utc()
}

/// The start of the UTC hour holding `at`.
pub(crate) fn utc_hour(at: Timestamp) -> Timestamp {
    at.duration_trunc(chrono::Duration::hours(1)).unwrap_or(at)
}

/// The instant a local hour starts; `None` for the hour skipped when clocks go forward.
pub(crate) fn instant_of(zone: Tz, local: NaiveDateTime) -> Option<Timestamp> {
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.to_utc())
}

/// Whether agents work at any moment of the hour starting at `start`: an hour that opens at
/// 09:30 needs its agents for the last half.
pub(crate) fn open_during_hour(hours: &WorkingHours, start: Option<Timestamp>) -> bool {
    start.is_some_and(|start| {
        hours.business_duration(start, start + chrono::Duration::hours(1))
            > chrono::Duration::zero()
    })
}

/// Hours from a local hour to the next local midnight (0 when it is midnight): the forecast
/// skips them so its 14 days are whole local days.
pub(crate) fn hours_to_midnight(local: Timestamp) -> usize {
    match local.hour() {
        0 => 0,
        h => (24 - h) as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Utc};

    #[test]
    fn berlin_counts_in_berlin_hours_and_skips_the_spring_hour() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let winter = Utc.with_ymd_and_hms(2026, 1, 5, 9, 17, 0).unwrap();
        assert_eq!(
            local_hour(zone, winter),
            Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap()
        );
        let skipped = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(2, 0, 0)
            .unwrap();
        assert_eq!(instant_of(zone, skipped), None);
        assert!(!open_during_hour(&WorkingHours::always_open(), None));
    }

    #[test]
    fn india_counts_the_half_hour_offset_in_the_hour_it_starts_in() {
        let zone: Tz = "Asia/Kolkata".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 1, 5, 4, 0, 0).unwrap(); // 09:30 local
        assert_eq!(
            local_hour(zone, at),
            Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
        );
    }
}
