//! The desk's hourly ticket counts as one gap-free series.
//!
//! Callers read counts from the store as (hour, count) rows; hours with no ticket have no row.
//! The models want one value per hour with no gaps, so missing hours become 0 here, once.

use chrono::{DateTime, Duration, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{ForesightError, Result};

/// Hours in a day: the daily season.
pub const HOURS_PER_DAY: usize = 24;
/// Hours in a week: the weekly season (Monday's morning rush differs from Sunday's).
pub const HOURS_PER_WEEK: usize = 7 * HOURS_PER_DAY;
/// The staffing horizon the console shows: the next 14 days.
pub const FORECAST_HORIZON_HOURS: usize = 14 * HOURS_PER_DAY;

/// Tickets opened in one hour, as the store reports them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HourCount {
    /// Start of the hour (UTC, on the hour).
    pub hour: DateTime<Utc>,
    /// Tickets opened in that hour.
    pub count: f64,
}

/// Hourly ticket counts without gaps: `counts[i]` is the hour starting at `start + i hours`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HourlySeries {
    start: DateTime<Utc>,
    counts: Vec<f64>,
}

impl HourlySeries {
    /// A series from counts that already have one value per hour.
    pub fn new(start: DateTime<Utc>, counts: Vec<f64>) -> Result<Self> {
        if start.minute() != 0 || start.second() != 0 || start.nanosecond() != 0 {
            return Err(ForesightError::NotOnTheHour(start));
        }
        if let Some((index, &value)) = counts
            .iter()
            .enumerate()
            .find(|(_, c)| !c.is_finite() || **c < 0.0)
        {
            return Err(ForesightError::InvalidCount { index, value });
        }
        Ok(Self { start, counts })
    }

    /// A series from the store's rows, from the first row's hour up to `end` (exclusive; the
    /// current, unfinished hour should not be handed in). Hours without a row count 0 —
    /// a quiet night, not missing data. Two rows for the same hour add up. Rows outside
    /// `[first row, end)` are ignored.
    pub fn from_hour_counts(rows: &[HourCount], end: DateTime<Utc>) -> Result<Self> {
        if end.minute() != 0 || end.second() != 0 || end.nanosecond() != 0 {
            return Err(ForesightError::NotOnTheHour(end));
        }
        let Some(start) = rows.iter().map(|r| r.hour).min() else {
            return Ok(Self {
                start: end,
                counts: Vec::new(),
            });
        };
        let len = usize::try_from((end - start).num_hours()).unwrap_or(0);
        let mut counts = vec![0.0; len];
        for row in rows {
            if row.hour.minute() != 0 || row.hour.second() != 0 || row.hour.nanosecond() != 0 {
                return Err(ForesightError::NotOnTheHour(row.hour));
            }
            let index = usize::try_from((row.hour - start).num_hours()).unwrap_or(usize::MAX);
            if let Some(slot) = counts.get_mut(index) {
                *slot += row.count;
            }
        }
        Self::new(start, counts)
    }

    /// The first hour.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The hour just after the last one: where a forecast begins.
    pub fn end(&self) -> DateTime<Utc> {
        self.hour_at(self.counts.len())
    }

    /// One count per hour.
    pub fn counts(&self) -> &[f64] {
        &self.counts
    }

    /// Number of hours.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// No hours at all.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The start of the `index`-th hour (may lie past the end: forecast hours).
    pub fn hour_at(&self, index: usize) -> DateTime<Utc> {
        self.start + Duration::hours(index as i64)
    }

    /// The first `hours` hours: the training part of a back-test.
    pub fn head(&self, hours: usize) -> Self {
        Self {
            start: self.start,
            counts: self.counts[..hours.min(self.counts.len())].to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn a_quiet_night_without_rows_counts_as_zero_tickets() {
        let rows = [
            HourCount {
                hour: at(3, 22),
                count: 4.0,
            },
            HourCount {
                hour: at(4, 2),
                count: 1.0,
            },
            HourCount {
                hour: at(4, 2),
                count: 2.0,
            },
        ];
        let series = HourlySeries::from_hour_counts(&rows, at(4, 4)).unwrap();
        assert_eq!(series.start(), at(3, 22));
        assert_eq!(series.counts(), &[4.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
        assert_eq!(series.end(), at(4, 4));
    }

    #[test]
    fn a_timestamp_off_the_hour_is_refused() {
        let rows = [HourCount {
            hour: at(3, 9) + Duration::minutes(30),
            count: 1.0,
        }];
        assert!(matches!(
            HourlySeries::from_hour_counts(&rows, at(4, 0)),
            Err(ForesightError::NotOnTheHour(_))
        ));
    }

    #[test]
    fn a_negative_count_is_refused() {
        assert!(matches!(
            HourlySeries::new(at(3, 0), vec![1.0, -2.0]),
            Err(ForesightError::InvalidCount { index: 1, .. })
        ));
    }
}
