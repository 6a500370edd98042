//! The admin's text form and the stored form of working hours.

use super::*;
use chrono::NaiveDate;
use chrono_tz::Europe::Berlin;

#[test]
fn the_admin_text_form_parses_and_prints_back() {
    let week: WeeklySchedule = "Mon-Fri 09:00-13:00, 14:00-18:00; sat 10-14"
        .parse()
        .unwrap();
    assert_eq!(
        week.to_string(),
        "mon-fri 09:00-13:00, 14:00-18:00; sat 10:00-14:00"
    );
    assert_eq!(week.day(chrono::Weekday::Sun), &[]);
    assert_eq!(week.to_string().parse::<WeeklySchedule>().unwrap(), week);

    let wraps: WeeklySchedule = "fri-mon 10:00-24:00; wednesday 9:00-12:00".parse().unwrap();
    assert_eq!(
        wraps.to_string(),
        "mon 10:00-24:00; wed 09:00-12:00; fri-sun 10:00-24:00"
    );
    assert_eq!(
        "24/7".parse::<WeeklySchedule>().unwrap(),
        WeeklySchedule::always_open()
    );
    assert_eq!(WeeklySchedule::always_open().to_string(), "24/7");
    assert_eq!(
        "daily 00:00-24:00"
            .parse::<WeeklySchedule>()
            .unwrap()
            .to_string(),
        "24/7"
    );
    let closed_sunday = "mon-sat 9-17; sun closed"
        .parse::<WeeklySchedule>()
        .unwrap();
    assert_eq!(closed_sunday.to_string(), "mon-sat 09:00-17:00");
}

#[test]
fn parse_errors_say_what_is_wrong() {
    let err = |text: &str| text.parse::<WeeklySchedule>().unwrap_err();
    assert_eq!(err(" "), ScheduleError::Empty);
    assert_eq!(
        err("tus 09:00-18:00"),
        ScheduleError::UnknownDay("tus".into())
    );
    assert_eq!(err("sat"), ScheduleError::MissingHours("sat".into()));
    assert_eq!(
        err("mon 25:00-26:00"),
        ScheduleError::BadTime("25:00".into())
    );
    assert_eq!(err("mon 9.00-18.00"), ScheduleError::BadTime("9.00".into()));
    assert_eq!(err("mon 0900"), ScheduleError::BadInterval("0900".into()));
    assert_eq!(
        err("mon 24:00-24:00"),
        ScheduleError::BadTime("24:00".into())
    );
    assert!(matches!(
        err("mon 22:00-02:00"),
        ScheduleError::Interval(IntervalError::EndsBeforeStart { .. })
    ));
    assert!(err("mon 22:00-02:00")
        .to_string()
        .contains("split a night shift at midnight"));
    assert!(matches!(
        err("mon 09:00-09:00"),
        ScheduleError::Interval(IntervalError::Empty(_))
    ));
    assert_eq!(
        err("mon-fri 9-18; mon 19-20"),
        ScheduleError::DayRepeated { day: "mon" }
    );
    assert_eq!(
        err("tue 09:00-13:00, 12:00-18:00"),
        ScheduleError::Overlap {
            day: "tue",
            first: "09:00-13:00".into(),
            second: "12:00-18:00".into()
        }
    );
    assert_eq!(err("sat-sun closed"), ScheduleError::NeverOpen);
    assert_eq!(
        err("sat").to_string(),
        "\"sat\" has no hours; write e.g. \"sat 10:00-14:00\" or \"sat closed\""
    );
}

#[test]
fn working_hours_are_stored_as_readable_json() {
    let week = "mon-fri 09:00-18:00".parse().unwrap();
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    let hours = WorkingHours::new(Berlin, week).with_holidays([christmas]);
    let json = serde_json::to_value(&hours).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "time_zone": "Europe/Berlin",
            "week": "mon-fri 09:00-18:00",
            "holidays": ["2026-12-25"],
        })
    );
    assert_eq!(serde_json::from_value::<WorkingHours>(json).unwrap(), hours);
    let bad_zone = serde_json::json!({ "time_zone": "Mars/Olympus", "week": "24/7" });
    assert!(serde_json::from_value::<WorkingHours>(bad_zone)
        .unwrap_err()
        .to_string()
        .contains("Mars/Olympus"));
    let bad_week = serde_json::json!({ "time_zone": "UTC", "week": "mon 9-8" });
    assert!(serde_json::from_value::<WorkingHours>(bad_week).is_err());
}
