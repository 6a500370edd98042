//! Working-time cases a support lead would check by hand.

use super::*;
use crate::Timestamp;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{Asia::Singapore, Europe::Berlin, Tz};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Timestamp {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// A wall-clock reading in `tz` (unambiguous ones only), as a UTC instant.
fn local(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Timestamp {
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn desk(tz: Tz, week: &str) -> WorkingHours {
    WorkingHours::new(tz, week.parse().unwrap())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn friday_evening_ticket_with_one_working_hour_is_due_monday_morning() {
    let berlin = desk(Berlin, "mon-fri 09:00-18:00");
    let created = local(Berlin, 2026, 11, 6, 17, 30); // Friday
    let due = berlin.add_business_time(created, Duration::hours(1));
    // 30 minutes on Friday, the weekend does not count, 30 minutes on Monday.
    assert_eq!(due, local(Berlin, 2026, 11, 9, 9, 30));
    assert_eq!(berlin.business_duration(created, due), Duration::hours(1));
}

#[test]
fn a_target_running_out_at_closing_time_is_due_at_closing_time() {
    let berlin = desk(Berlin, "mon-fri 09:00-18:00");
    let created = local(Berlin, 2026, 11, 6, 17, 30);
    let due = berlin.add_business_time(created, Duration::minutes(30));
    assert_eq!(due, local(Berlin, 2026, 11, 6, 18, 0));
}

#[test]
fn holidays_are_skipped() {
    // Christmas Day is a Friday in 2026: Thursday evening rolls over to Monday.
    let berlin = desk(Berlin, "mon-fri 09:00-18:00").with_holidays([date(2026, 12, 25)]);
    let created = local(Berlin, 2026, 12, 24, 17, 30);
    assert_eq!(
        berlin.add_business_time(created, Duration::hours(1)),
        local(Berlin, 2026, 12, 28, 9, 30)
    );
    assert!(!berlin.is_open(local(Berlin, 2026, 12, 25, 12, 0)));
    assert_eq!(
        berlin.next_opening(local(Berlin, 2026, 12, 24, 19, 0)),
        local(Berlin, 2026, 12, 28, 9, 0)
    );
}

#[test]
fn the_dst_weekend_in_berlin_moves_monday_opening_by_an_hour_in_utc() {
    let berlin = desk(Berlin, "mon-fri 09:00-18:00");
    // Friday 27 March 2026 17:00 CET is 16:00 UTC; clocks go forward on Sunday the 29th.
    let created = utc(2026, 3, 27, 16, 0);
    let due = berlin.add_business_time(created, Duration::hours(2));
    // One hour on Friday, one on Monday: 10:00 CEST, which is 08:00 UTC (not 09:00).
    assert_eq!(due, utc(2026, 3, 30, 8, 0));
    assert_eq!(berlin.business_duration(created, due), Duration::hours(2));
}

#[test]
fn a_24_7_desk_has_23_and_25_hour_days_on_dst_sundays() {
    let berlin = desk(Berlin, "24/7");
    let day = |y, m, d| local(Berlin, y, m, d, 0, 0);
    assert_eq!(
        berlin.business_duration(day(2026, 3, 29), day(2026, 3, 30)),
        Duration::hours(23)
    );
    assert_eq!(
        berlin.business_duration(day(2026, 10, 25), day(2026, 10, 26)),
        Duration::hours(25)
    );
}

#[test]
fn hours_inside_the_skipped_or_repeated_hour_count_as_really_worked() {
    // 29 March: 02:00-03:00 does not exist, so 02:30-04:00 is the one hour 03:00-04:00.
    let spring = desk(Berlin, "sun 02:30-04:00");
    let (from, to) = (utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 0, 0));
    assert_eq!(spring.business_duration(from, to), Duration::hours(1));
    // 25 October: 02:00-03:00 happens twice, so 02:00-03:00 lasts two real hours.
    let autumn = desk(Berlin, "sun 02:00-03:00");
    let (from, to) = (utc(2026, 10, 24, 0, 0), utc(2026, 10, 26, 0, 0));
    assert_eq!(autumn.business_duration(from, to), Duration::hours(2));
}

#[test]
fn an_asian_monday_morning_is_sunday_night_in_utc() {
    let singapore = desk(Singapore, "mon-fri 09:00-18:00");
    // The client writes Monday 07:00 in Singapore = Sunday 23:00 UTC; the desk opens at 09:00
    // local (01:00 UTC) and answers at 10:30 local (02:30 UTC): 1h30 of working time.
    let created = utc(2026, 11, 8, 23, 0);
    assert_eq!(
        singapore.business_duration(created, utc(2026, 11, 9, 2, 30)),
        Duration::minutes(90)
    );
    // Friday 17:00 local (09:00 UTC) to Monday 10:00 local (02:00 UTC): 1h + 1h.
    assert_eq!(
        singapore.business_duration(utc(2026, 11, 6, 9, 0), utc(2026, 11, 9, 2, 0)),
        Duration::hours(2)
    );
    // The same Sunday-night message to a Berlin desk waits for Berlin's Monday 09:00.
    let berlin = desk(Berlin, "mon-fri 09:00-18:00");
    assert_eq!(
        berlin.next_opening(created),
        local(Berlin, 2026, 11, 9, 9, 0)
    );
}

#[test]
fn lunch_breaks_and_out_of_hours_openings() {
    let desk = desk(Berlin, "mon-fri 09:00-13:00, 14:00-18:00; sat 10:00-14:00");
    let monday = |h, m| local(Berlin, 2026, 11, 9, h, m);
    assert!(desk.is_open(monday(9, 0)));
    assert!(!desk.is_open(monday(13, 30)));
    assert!(
        !desk.is_open(monday(18, 0)),
        "closing time itself is closed"
    );
    assert_eq!(desk.next_opening(monday(13, 30)), monday(14, 0));
    assert_eq!(desk.next_opening(monday(11, 0)), monday(11, 0));
    assert_eq!(
        desk.next_opening(monday(20, 0)),
        monday(9, 0) + Duration::days(1)
    );
    // Saturday 15:00 → Monday 09:00.
    assert_eq!(
        desk.next_opening(local(Berlin, 2026, 11, 14, 15, 0)),
        local(Berlin, 2026, 11, 16, 9, 0)
    );
    // The whole Monday is 8 working hours; the break does not count.
    assert_eq!(
        desk.business_duration(monday(0, 0), monday(23, 59)),
        Duration::hours(8)
    );
}

#[test]
fn business_time_never_runs_backwards() {
    let desk = desk(Berlin, "mon-fri 09:00-18:00");
    let t = local(Berlin, 2026, 11, 9, 12, 0);
    assert_eq!(
        desk.business_duration(t, t - Duration::hours(3)),
        Duration::zero()
    );
    assert_eq!(desk.add_business_time(t, Duration::zero()), t);
}

#[test]
fn adding_working_time_is_the_inverse_of_measuring_it() {
    // Lunch break, a holiday, a Saturday shift and both 2026 DST changes in one calendar.
    let desk = desk(
        Berlin,
        "mon-fri 08:30-12:00, 12:45-17:15; sat 10:00-14:00; sun 02:00-03:30",
    )
    .with_holidays([date(2026, 3, 30), date(2026, 10, 26)]);
    let durations = [0, 1, 29, 45, 60, 90, 255, 480, 510, 1000, 2000, 4321];
    let mut seed: u64 = 0x5eed;
    let mut cases = 0;
    for start_month in [3, 10] {
        let base = utc(2026, start_month, 20, 0, 0);
        for _ in 0..60 {
            // A fixed linear congruential sequence: "random" starts, the same on every run.
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let from = base + Duration::minutes((seed >> 33) as i64 % (14 * 24 * 60));
            for minutes in durations {
                let d = Duration::minutes(minutes);
                let due = desk.add_business_time(from, d);
                assert_eq!(
                    desk.business_duration(from, due),
                    d,
                    "from {from} + {minutes}m"
                );
                // And the other way: measuring then adding lands at or before the end point.
                let to = from + d * 3;
                let back = desk.add_business_time(from, desk.business_duration(from, to));
                assert!(back <= to, "from {from} to {to} came back at {back}");
                // Inside an open span (not at its very opening) nothing is lost either way.
                if desk.is_open(to) && desk.is_open(to - Duration::seconds(1)) {
                    assert_eq!(back, to);
                }
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 2 * 60 * durations.len());
}

#[test]
fn always_open_counts_wall_clock_time() {
    let hours = WorkingHours::always_open();
    let t = utc(2026, 11, 7, 22, 15);
    assert_eq!(
        hours.business_duration(t, t + Duration::hours(50)),
        Duration::hours(50)
    );
    assert_eq!(
        hours.add_business_time(t, Duration::minutes(15)),
        t + Duration::minutes(15)
    );
    assert!(hours.is_open(t));
}
