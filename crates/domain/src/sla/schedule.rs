//! The weekly opening hours of a desk, independent of its time zone and holidays.

use super::interval::{DayInterval, IntervalError};
use chrono::Weekday;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Opening intervals for each weekday (index 0 = Monday), sorted and non-overlapping.
///
/// Parse, don't validate: a `WeeklySchedule` is only built through [`WeeklySchedule::new`] or
/// by parsing the admin's text form, so every calculation can rely on sorted, disjoint
/// intervals and on the desk being open at least once a week (otherwise a due time would
/// never come and `add_business_time` would never finish).
///
/// Stored and sent over the API in its text form ("mon-fri 09:00-18:00; sat 10:00-14:00"):
/// the same form admins type, readable in the database, and one grammar to keep stable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WeeklySchedule([Vec<DayInterval>; 7]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the schedule is empty; write e.g. \"mon-fri 09:00-18:00\"")]
    Empty,
    #[error("unknown day {0:?} (use mon, tue, wed, thu, fri, sat, sun or daily)")]
    UnknownDay(String),
    #[error("{0:?} has no hours; write e.g. \"{0} 10:00-14:00\" or \"{0} closed\"")]
    MissingHours(String),
    #[error("{0:?} is not a time of day (use HH:MM from 00:00 to 24:00)")]
    BadTime(String),
    #[error("{0:?} is not an interval (use HH:MM-HH:MM, e.g. 09:00-18:00)")]
    BadInterval(String),
    #[error(transparent)]
    Interval(#[from] IntervalError),
    #[error("{day} is listed twice; give all its hours in one rule, e.g. \"{day} 09:00-13:00, 14:00-18:00\"")]
    DayRepeated { day: &'static str },
    #[error("on {day} {first} and {second} overlap")]
    Overlap {
        day: &'static str,
        first: String,
        second: String,
    },
    #[error("the schedule has no opening hours at all")]
    NeverOpen,
}

impl WeeklySchedule {
    /// Sorts each day's intervals and rejects overlaps and an all-closed week.
    pub fn new(mut week: [Vec<DayInterval>; 7]) -> Result<WeeklySchedule, ScheduleError> {
        for (index, day) in week.iter_mut().enumerate() {
            day.sort();
            if let Some(pair) = day.windows(2).find(|pair| pair[0].overlaps(pair[1])) {
                return Err(ScheduleError::Overlap {
                    day: day_name(weekday(index)),
                    first: pair[0].to_string(),
                    second: pair[1].to_string(),
                });
            }
        }
        if week.iter().all(Vec::is_empty) {
            return Err(ScheduleError::NeverOpen);
        }
        Ok(WeeklySchedule(week))
    }

    /// Open around the clock, every day: the default for desks that never configured hours.
    pub fn always_open() -> WeeklySchedule {
        WeeklySchedule(std::array::from_fn(|_| vec![DayInterval::all_day()]))
    }

    pub fn day(&self, weekday: Weekday) -> &[DayInterval] {
        &self.0[weekday.num_days_from_monday() as usize]
    }
}

pub(crate) fn weekday(index: usize) -> Weekday {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ][index % 7]
}

/// The short lowercase names the text form uses.
pub(crate) fn day_name(day: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][day.num_days_from_monday() as usize]
}

/// The canonical text form: consecutive days with the same hours become one `mon-fri` rule,
/// closed days are left out, and a fully open week is `24/7`. Parsing it gives back an equal
/// schedule, which is what lets storage use it.
impl fmt::Display for WeeklySchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == WeeklySchedule::always_open() {
            return f.write_str("24/7");
        }
        let mut rules = Vec::new();
        let mut first = 0;
        while first < 7 {
            let mut last = first;
            while last + 1 < 7 && self.0[last + 1] == self.0[first] {
                last += 1;
            }
            if !self.0[first].is_empty() {
                let days = match last - first {
                    0 => day_name(weekday(first)).to_string(),
                    1 => format!("{},{}", day_name(weekday(first)), day_name(weekday(last))),
                    _ => format!("{}-{}", day_name(weekday(first)), day_name(weekday(last))),
                };
                let hours: Vec<String> = self.0[first].iter().map(ToString::to_string).collect();
                rules.push(format!("{days} {}", hours.join(", ")));
            }
            first = last + 1;
        }
        f.write_str(&rules.join("; "))
    }
}

impl From<WeeklySchedule> for String {
    fn from(schedule: WeeklySchedule) -> String {
        schedule.to_string()
    }
}

impl TryFrom<String> for WeeklySchedule {
    type Error = ScheduleError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}
