//! A desk's calendar: when agents are at work, in which zone, minus holidays. Everything the
//! SLA and reports measure in "working time" goes through here.

use super::local_time::first_instant_at_or_after;
use super::schedule::WeeklySchedule;
use crate::Timestamp;
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    /// Stored by IANA name ("Europe/Berlin"), the form admins pick and the tz database keys on.
    #[serde(with = "tz_name")]
    pub time_zone: Tz,
    pub week: WeeklySchedule,
    /// Local dates on which the desk is closed all day.
    #[serde(default)]
    pub holidays: BTreeSet<NaiveDate>,
}

impl WorkingHours {
    pub fn new(time_zone: Tz, week: WeeklySchedule) -> WorkingHours {
        WorkingHours {
            time_zone,
            week,
            holidays: BTreeSet::new(),
        }
    }

    /// 24/7 in UTC without holidays: working time equals wall-clock time.
    pub fn always_open() -> WorkingHours {
        WorkingHours::new(Tz::UTC, WeeklySchedule::always_open())
    }

    pub fn with_holidays(mut self, holidays: impl IntoIterator<Item = NaiveDate>) -> WorkingHours {
        self.holidays.extend(holidays);
        self
    }

    /// Whether agents are at work at `at`.
    pub fn is_open(&self, at: Timestamp) -> bool {
        self.spans_from(at)
            .next()
            .is_some_and(|(start, _)| start <= at)
    }

    /// `at` itself when open, otherwise the next opening: what the out-of-hours auto-reply
    /// promises ("we'll answer after 09:00 Monday"). Show it with `.with_timezone(&time_zone)`.
    pub fn next_opening(&self, at: Timestamp) -> Timestamp {
        let (start, _) = self
            .spans_from(at)
            .next()
            .expect("a weekly schedule is open at least once a week");
        start.max(at)
    }

    /// Working time between two instants: the SLA clock only runs while the desk is open.
    /// Zero when `to` is not after `from`.
    pub fn business_duration(&self, from: Timestamp, to: Timestamp) -> Duration {
        self.spans_from(from)
            .take_while(|(start, _)| *start < to)
            .map(|(start, end)| end.min(to) - start.max(from))
            .fold(Duration::zero(), |sum, d| sum + d)
    }

    /// The earliest instant by which `duration` of working time has passed since `from`: the
    /// due time of an SLA target. A target that runs out exactly at closing time is due at
    /// closing time, not at the next opening. Inverse of [`Self::business_duration`]:
    /// `business_duration(from, add_business_time(from, d)) == d`.
    pub fn add_business_time(&self, from: Timestamp, duration: Duration) -> Timestamp {
        let mut left = duration;
        if left <= Duration::zero() {
            return from;
        }
        for (start, end) in self.spans_from(from) {
            let start = start.max(from);
            if left <= end - start {
                return start + left;
            }
            left -= end - start;
        }
        unreachable!("spans_from never ends")
    }

    /// Open spans in UTC, in order, that end after `at` (the first may have started before).
    /// Endless: the schedule is open at least once a week and holidays are finite.
    fn spans_from(&self, at: Timestamp) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        // Start a day early: a fold at midnight can put the end of yesterday's hours after `at`.
        let first_day = at.with_timezone(&self.time_zone).date_naive() - Duration::days(1);
        first_day
            .iter_days()
            .filter(|day| !self.holidays.contains(day))
            .flat_map(move |day| {
                let midnight = day
                    .and_hms_opt(0, 0, 0)
                    .expect("midnight exists as a wall-clock reading");
                self.week.day(day.weekday()).iter().map(move |interval| {
                    let open =
                        first_instant_at_or_after(self.time_zone, midnight + interval.start());
                    let close =
                        first_instant_at_or_after(self.time_zone, midnight + interval.end());
                    (open, close)
                })
            })
            .filter(move |(start, end)| start < end && *end > at)
    }
}

mod tz_name {
    use chrono_tz::Tz;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(tz: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse()
            .map_err(|_| D::Error::custom(format!("unknown time zone {name:?}")))
    }
}
