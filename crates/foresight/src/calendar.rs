//! Holidays: days whose volume is a multiple of a normal day's.
//!
//! The rule is deliberately simple, so a support lead can predict it:
//!
//! * A holiday day's volume is `multiplier ×` what the same weekday would normally bring,
//!   spread over the hours as a normal day (a day off is quiet all day long, not only at noon).
//! * The multiplier is the one given for that holiday, or else the *typical* multiplier
//!   learned from the holidays already in the history (the median of their observed ratios),
//!   or else 1 (no holiday in the history to learn from: the day is forecast as a normal day).
//! * A past holiday's observed ratio is its tickets divided by its *normal-week baseline*:
//!   for each of its hours, the median of the same hour of the week in up to four nearby
//!   weeks (nearest first, before or after) that were not holidays.
//! * Before the model is fitted, past holiday hours are replaced by that baseline, so a
//!   quiet Christmas does not teach the model that Wednesdays are quiet.
//!
//! Dates are UTC calendar days, like the hourly series.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{ForesightError, Result};
use crate::series::{HourlySeries, HOURS_PER_WEEK};
use crate::stats::median;

/// Nearby weeks whose same hour make a holiday hour's normal-week baseline.
const BASELINE_WEEKS: usize = 4;

/// A day the desk expects unusual volume on (a public holiday, a launch day…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holiday {
    /// The UTC calendar day.
    pub date: NaiveDate,
    /// What the console shows ("New Year's Day").
    pub name: String,
    /// Volume as a multiple of a normal day (0.3 = 30 %). `None`: learn it from past holidays.
    pub multiplier: Option<f64>,
}

/// The desk's holidays, past and future.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HolidayCalendar {
    holidays: Vec<Holiday>,
}

/// What one past holiday did to the desk's volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservedHoliday {
    /// The holiday's day.
    pub date: NaiveDate,
    /// Tickets that day divided by its normal-week baseline.
    pub ratio: f64,
}

/// What the history says about holidays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HolidayEffects {
    /// Every holiday in the history that had a baseline to compare with.
    pub observed: Vec<ObservedHoliday>,
    /// The median observed ratio: used for holidays without a given multiplier.
    pub typical_multiplier: Option<f64>,
}

impl HolidayCalendar {
    /// A calendar; multipliers, where given, must be finite and ≥ 0.
    pub fn new(holidays: Vec<Holiday>) -> Result<Self> {
        if holidays
            .iter()
            .filter_map(|h| h.multiplier)
            .any(|m| !m.is_finite() || m < 0.0)
        {
            return Err(ForesightError::InvalidSetting {
                name: "holiday multiplier",
                reason: "must be a finite number ≥ 0",
            });
        }
        Ok(Self { holidays })
    }

    /// A desk without holidays.
    pub fn none() -> Self {
        Self::default()
    }

    /// The holiday on that day, if any.
    pub fn holiday_on(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.iter().find(|h| h.date == date)
    }

    /// The holidays.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The multiplier a forecast applies on `date`: `None` on a normal day; the given one,
    /// else the learned typical one, else 1 on a holiday.
    pub fn multiplier_on(&self, date: NaiveDate, effects: &HolidayEffects) -> Option<f64> {
        self.holiday_on(date)
            .map(|h| h.multiplier.or(effects.typical_multiplier).unwrap_or(1.0))
    }

    fn is_holiday_hour(&self, history: &HourlySeries, index: usize) -> bool {
        self.holiday_on(history.hour_at(index).date_naive())
            .is_some()
    }

    /// The normal-week baseline of hour `index`: the median of the same hour of the week in up
    /// to [`BASELINE_WEEKS`] nearby non-holiday weeks; `None` when the history has none.
    fn baseline_at(&self, history: &HourlySeries, index: usize) -> Option<f64> {
        let counts = history.counts();
        let mut neighbours = Vec::with_capacity(BASELINE_WEEKS);
        let max_weeks = counts.len() / HOURS_PER_WEEK + 1;
        for weeks in 1..=max_weeks {
            let offset = weeks * HOURS_PER_WEEK;
            let candidates = [index.checked_sub(offset), index.checked_add(offset)];
            for other in candidates.into_iter().flatten() {
                if other < counts.len() && !self.is_holiday_hour(history, other) {
                    neighbours.push(counts[other]);
                }
            }
            if neighbours.len() >= BASELINE_WEEKS {
                break;
            }
        }
        neighbours.truncate(BASELINE_WEEKS);
        median(&neighbours)
    }

    /// How the holidays already in `history` changed the volume.
    pub fn learn_effects(&self, history: &HourlySeries) -> HolidayEffects {
        let mut observed = Vec::new();
        for holiday in &self.holidays {
            let mut tickets = 0.0;
            let mut baseline = 0.0;
            for index in 0..history.len() {
                if history.hour_at(index).date_naive() != holiday.date {
                    continue;
                }
                if let Some(normal) = self.baseline_at(history, index) {
                    tickets += history.counts()[index];
                    baseline += normal;
                }
            }
            // A holiday that normally sees no tickets (or none in the history) says nothing.
            if baseline > 0.0 {
                observed.push(ObservedHoliday {
                    date: holiday.date,
                    ratio: tickets / baseline,
                });
            }
        }
        let ratios: Vec<f64> = observed.iter().map(|o| o.ratio).collect();
        HolidayEffects {
            typical_multiplier: median(&ratios),
            observed,
        }
    }

    /// The history as if every past holiday had been a normal day: what the model is fitted on.
    /// Holiday hours without any baseline are kept as they are.
    pub fn normal_week_history(&self, history: &HourlySeries) -> Vec<f64> {
        (0..history.len())
            .map(|index| {
                let count = history.counts()[index];
                if self.is_holiday_hour(history, index) {
                    self.baseline_at(history, index).unwrap_or(count)
                } else {
                    count
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    /// Three weeks of 10 tickets an hour, except a holiday on the second Wednesday at 2 an hour.
    fn desk_with_a_quiet_wednesday() -> (HourlySeries, HolidayCalendar, NaiveDate) {
        let start = Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).unwrap(); // a Monday
        let holiday = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(); // second Wednesday
        let mut counts = vec![10.0; 3 * HOURS_PER_WEEK];
        let first = (HOURS_PER_WEEK + 2 * 24)..(HOURS_PER_WEEK + 3 * 24);
        counts[first].iter_mut().for_each(|c| *c = 2.0);
        let calendar = HolidayCalendar::new(vec![Holiday {
            date: holiday,
            name: "Founders' Day".into(),
            multiplier: None,
        }])
        .unwrap();
        (HourlySeries::new(start, counts).unwrap(), calendar, holiday)
    }

    #[test]
    fn a_past_holiday_teaches_its_ratio() {
        let (history, calendar, holiday) = desk_with_a_quiet_wednesday();
        let effects = calendar.learn_effects(&history);
        assert_eq!(effects.observed.len(), 1);
        assert_eq!(effects.observed[0].date, holiday);
        assert!((effects.observed[0].ratio - 0.2).abs() < 1e-9);
        assert_eq!(effects.typical_multiplier, Some(0.2));
    }

    #[test]
    fn the_model_sees_a_normal_wednesday_instead_of_the_holiday() {
        let (history, calendar, _) = desk_with_a_quiet_wednesday();
        assert!(calendar
            .normal_week_history(&history)
            .iter()
            .all(|&c| c == 10.0));
    }

    #[test]
    fn a_given_multiplier_wins_over_the_learned_one() {
        let (history, _, _) = desk_with_a_quiet_wednesday();
        let christmas = NaiveDate::from_ymd_opt(2025, 12, 25).unwrap();
        let calendar = HolidayCalendar::new(vec![Holiday {
            date: christmas,
            name: "Christmas".into(),
            multiplier: Some(0.5),
        }])
        .unwrap();
        let effects = HolidayEffects {
            observed: vec![],
            typical_multiplier: Some(0.2),
        };
        assert_eq!(calendar.multiplier_on(christmas, &effects), Some(0.5));
        assert_eq!(
            calendar.multiplier_on(christmas.succ_opt().unwrap(), &effects),
            None
        );
        // Nothing given, nothing learned: a holiday is forecast as a normal day.
        let unknown = HolidayCalendar::new(vec![Holiday {
            date: christmas,
            name: "Christmas".into(),
            multiplier: None,
        }])
        .unwrap();
        assert_eq!(
            unknown.multiplier_on(christmas, &unknown.learn_effects(&history)),
            Some(1.0)
        );
    }

    #[test]
    fn a_negative_multiplier_is_refused() {
        let bad = HolidayCalendar::new(vec![Holiday {
            date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            name: "New Year".into(),
            multiplier: Some(-1.0),
        }]);
        assert!(bad.is_err());
    }
}
