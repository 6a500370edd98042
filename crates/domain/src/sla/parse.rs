//! The text form admins type in the settings bot: "mon-fri 09:00-18:00; sat 10:00-14:00".
//!
//! Grammar (case-insensitive, spaces are free):
//! ```text
//! schedule := "24/7" | rule (";" rule)*
//! rule     := days hours
//! days     := span ("," span)*          e.g. "mon-fri", "sat,sun", "fri-mon", "daily"
//! span     := day | day "-" day         day: mon..sun or monday..sunday
//! hours    := "closed" | HH:MM-HH:MM (("," | " ") HH:MM-HH:MM)*     end may be 24:00
//! ```
//! Days not mentioned are closed. Each error names the piece of text that is wrong, because
//! the admin reads it in a chat message and fixes it by hand.

use super::interval::DayInterval;
use super::schedule::{day_name, weekday, ScheduleError, WeeklySchedule};
use chrono::NaiveTime;
use std::str::FromStr;

impl FromStr for WeeklySchedule {
    type Err = ScheduleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim().to_lowercase();
        if text == "24/7" {
            return Ok(WeeklySchedule::always_open());
        }
        let mut week: [Option<Vec<DayInterval>>; 7] = Default::default();
        let rules: Vec<&str> = text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        if rules.is_empty() {
            return Err(ScheduleError::Empty);
        }
        for rule in rules {
            let (days_text, hours) = rule.split_once(char::is_whitespace).unwrap_or((rule, ""));
            let days = parse_days(days_text)?;
            let hours = parse_hours(days_text, hours.trim())?;
            for day in days {
                if week[day].replace(hours.clone()).is_some() {
                    return Err(ScheduleError::DayRepeated {
                        day: day_name(weekday(day)),
                    });
                }
            }
        }
        WeeklySchedule::new(week.map(Option::unwrap_or_default))
    }
}

/// Weekday indexes (0 = Monday) named by a days token such as "mon-fri,sun".
fn parse_days(token: &str) -> Result<Vec<usize>, ScheduleError> {
    if token == "daily" {
        return Ok((0..7).collect());
    }
    let mut days = Vec::new();
    for span in token.split(',').filter(|s| !s.is_empty()) {
        match span.split_once('-') {
            None => days.push(parse_day(span)?),
            Some((first, last)) => {
                let (first, last) = (parse_day(first)?, parse_day(last)?);
                // "fri-mon" wraps over the weekend, as people mean it.
                let len = (last + 7 - first) % 7;
                days.extend((0..=len).map(|i| (first + i) % 7));
            }
        }
    }
    Ok(days)
}

fn parse_day(name: &str) -> Result<usize, ScheduleError> {
    const FULL: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    FULL.iter()
        .position(|full| name == *full || (name.len() == 3 && full.starts_with(name)))
        .ok_or_else(|| ScheduleError::UnknownDay(name.to_string()))
}

fn parse_hours(days: &str, text: &str) -> Result<Vec<DayInterval>, ScheduleError> {
    match text {
        "" => Err(ScheduleError::MissingHours(days.to_string())),
        "closed" | "off" => Ok(Vec::new()),
        _ => text
            .split([',', ' ', '\t'])
            .filter(|piece| !piece.is_empty())
            .map(parse_interval)
            .collect(),
    }
}

fn parse_interval(text: &str) -> Result<DayInterval, ScheduleError> {
    let bad = || ScheduleError::BadInterval(text.to_string());
    let (start, end) = text.split_once('-').ok_or_else(bad)?;
    if start.is_empty() || end.is_empty() {
        return Err(bad());
    }
    let start = parse_time(start)?.ok_or_else(|| ScheduleError::BadTime(start.to_string()))?;
    Ok(DayInterval::new(start, parse_time(end)?)?)
}

/// `H`, `HH`, `H:MM` or `HH:MM`; `Ok(None)` is 24:00, the end of the day.
fn parse_time(text: &str) -> Result<Option<NaiveTime>, ScheduleError> {
    let bad = || ScheduleError::BadTime(text.to_string());
    let (hour, minute) = text.split_once(':').unwrap_or((text, "00"));
    let digits = |s: &str, max_len| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(hour, 2) || !digits(minute, 2) || minute.len() != 2 {
        return Err(bad());
    }
    let (hour, minute): (u32, u32) = (
        hour.parse().map_err(|_| bad())?,
        minute.parse().map_err(|_| bad())?,
    );
    if (hour, minute) == (24, 0) {
        return Ok(None);
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
        .map(Some)
        .ok_or_else(bad)
}
