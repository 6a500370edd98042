//! The forecast glue on plain histories: a desk with a Monday rush, a new desk, a desk closed
//! at night and at weekends.

use super::*;
use chrono::{Datelike, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use ticketgram_domain::WeeklySchedule;

/// Wednesday 4 March 2026, 14:20 UTC.
fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 4, 14, 20, 0).unwrap()
}

/// Tickets a desk gets in a local hour: a 10:00 rush on weekdays, twice as big on Mondays,
/// little at night and at weekends; a small wobble so no two weeks are identical.
fn usual_tickets(local: NaiveDateTime, week: i64) -> i64 {
    let base = match local.hour() {
        9..=17 => 4,
        7 | 8 | 18..=21 => 2,
        _ => 0,
    };
    let rush = if local.hour() == 10 { 4 } else { 0 };
    let day = match local.weekday() {
        Weekday::Mon => 2,
        Weekday::Sat | Weekday::Sun => 0,
        _ => 1,
    };
    let wobble = (week + i64::from(local.hour())) % 3 - 1;
    ((base + rush) * day + wobble).max(0)
}

fn history_of(days: i64, zone: Tz, handling: Vec<Duration>) -> DeskHistory {
    let (since, until) = history_window(now());
    let start = since.max(until - Duration::days(days));
    let mut opened = Vec::new();
    let mut hour = start;
    while hour < until {
        let week = (hour - start).num_weeks();
        let tickets = usual_tickets(hour.with_timezone(&zone).naive_local(), week);
        if tickets > 0 {
            opened.push((hour, tickets));
        }
        hour += Duration::hours(1);
    }
    DeskHistory {
        opened,
        start,
        handling_times: handling,
    }
}

fn weekdays_nine_to_six(zone: Tz) -> WorkingHours {
    let week: WeeklySchedule = "Mon-Fri 09:00-18:00".parse().expect("schedule");
    WorkingHours::new(zone, week)
}

fn next(weekday: Weekday, forecast: &DeskForecast) -> NaiveDate {
    forecast
        .days
        .iter()
        .map(|d| d.date)
        .find(|d| d.weekday() == weekday)
        .expect("14 days hold every weekday")
}

#[test]
fn eight_weeks_of_monday_rushes_make_monday_ten_the_busiest_hour_to_staff() {
    let zone: Tz = "Europe/Berlin".parse().unwrap();
    let minutes = Duration::minutes;
    let history = history_of(56, zone, vec![minutes(6), minutes(9), minutes(12)]);
    let hours = weekdays_nine_to_six(zone);
    let forecast = desk_forecast(&history, now(), &hours, &SlaTargets::default()).unwrap();

    assert_eq!(forecast.time_zone, "Europe/Berlin");
    assert_eq!(forecast.forecast_needs_more_days, None);
    assert_eq!(forecast.hours.len(), 336);
    assert_eq!(forecast.days.len(), 14);
    // Whole local days from the next midnight: Thursday 5 March to Wednesday 18 March.
    assert_eq!(
        forecast.days[0].date,
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    );
    assert_eq!(forecast.hours[0].local_time.hour(), 0);

    let monday = next(Weekday::Mon, &forecast);
    let sunday = next(Weekday::Sun, &forecast);
    let rush = forecast.hour_at(monday, 10).unwrap();
    let night = forecast.hour_at(sunday, 3).unwrap();
    assert!(rush.expected > 12.0, "Monday 10:00: {rush:?}");
    assert!(rush.open && !night.open);
    assert!(rush.agents > night.agents, "{rush:?} / {night:?}");
    assert_eq!(night.agents, 0, "closed at night");
    assert!(rush.lower.unwrap() <= rush.expected && rush.expected <= rush.upper.unwrap());
    // 10:00 in Berlin in March is 09:00 UTC.
    assert_eq!(rush.starts_at.unwrap().hour(), 9);
    let monday_total = forecast.days.iter().find(|d| d.date == monday).unwrap();
    let tuesday = next(Weekday::Tue, &forecast);
    let tuesday_total = forecast.days.iter().find(|d| d.date == tuesday).unwrap();
    assert!(monday_total.expected > tuesday_total.expected * 1.5);
    assert!(monday_total.peak_agents >= tuesday_total.peak_agents);

    let backtest = forecast.backtest.as_ref().expect("eight weeks are enough");
    assert_eq!(backtest.hours, 2 * 168);
    assert!(backtest.model_wape.unwrap() < 0.5, "{backtest:?}");
    assert!(backtest.seasonal_naive_wape.is_some());
    assert_eq!(forecast.backtest_needs_more_days, None);

    assert_eq!(forecast.assumptions.average_handling_secs, 540.0);
    assert_eq!(forecast.assumptions.handling_measured_on, 3);
    // The default targets: normal tickets answered within 4 working hours.
    assert_eq!(forecast.assumptions.target_answer_secs, 4.0 * 3600.0);
    assert!(!forecast.assumptions.target_is_default);
    assert_eq!(forecast.assumptions.service_level, 0.8);
}

#[test]
fn a_desk_three_days_old_gets_a_forecast_but_no_error_estimate_yet() {
    let history = history_of(3, Tz::UTC, Vec::new());
    let forecast = desk_forecast(
        &history,
        now(),
        &WorkingHours::always_open(),
        &SlaTargets::default(),
    )
    .unwrap();
    assert_eq!(forecast.history_hours, 72);
    assert_eq!(forecast.forecast_needs_more_days, None);
    assert_eq!(forecast.hours.len(), 336);
    assert_eq!(forecast.backtest, None);
    // The back-test needs three weeks: 21 − 3 days.
    assert_eq!(forecast.backtest_needs_more_days, Some(18));
    assert_eq!(forecast.assumptions.handling_measured_on, 0);
    assert_eq!(
        forecast.assumptions.average_handling_secs,
        ASSUMED_HANDLING.num_seconds() as f64
    );
}

#[test]
fn a_desk_one_day_old_is_told_how_many_more_days_it_needs() {
    let history = history_of(1, Tz::UTC, Vec::new());
    let forecast = desk_forecast(
        &history,
        now(),
        &WorkingHours::always_open(),
        &SlaTargets::default(),
    )
    .unwrap();
    assert_eq!(forecast.forecast_needs_more_days, Some(1));
    assert!(forecast.hours.is_empty() && forecast.days.is_empty());
    let empty = DeskHistory {
        start: history_window(now()).1,
        ..DeskHistory::default()
    };
    let forecast = desk_forecast(
        &empty,
        now(),
        &WorkingHours::always_open(),
        &SlaTargets::default(),
    )
    .unwrap();
    assert_eq!(forecast.history_hours, 0);
    assert_eq!(forecast.forecast_needs_more_days, Some(2));
}

#[test]
fn the_export_has_one_row_per_hour() {
    let history = history_of(28, Tz::UTC, Vec::new());
    let forecast = desk_forecast(
        &history,
        now(),
        &weekdays_nine_to_six(Tz::UTC),
        &SlaTargets::default(),
    )
    .unwrap();
    let translator = ticketgram_i18n::Translator::load().unwrap();
    let csv = forecast_csv(&forecast, ticketgram_domain::Language::En, &translator);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 336);
    assert!(
        lines[0].starts_with("Date,Hour,Expected tickets"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("2026-03-05,00:00,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",closed,0"), "{}", lines[1]);
    let xlsx = forecast_xlsx(
        &forecast,
        "Acme",
        ticketgram_domain::Language::De,
        &translator,
    )
    .unwrap();
    assert!(xlsx.starts_with(b"PK"));
    assert_eq!(
        forecast_file_name(&forecast, "xlsx"),
        "ticketgram-forecast-2026-03-05-2026-03-18.xlsx"
    );
}
