//! Complaints per category and local day: the trend a weekly review reads to see which root
//! causes grow (the workbook's Complaints sheet, the console's reports, the API).

use crate::metrics::ReportPeriod;
use crate::sla::WorkingHours;
use crate::Timestamp;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One local day: the complaints registered per category, in [`ComplaintTrend::categories`]'
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintDay {
    pub date: NaiveDate,
    pub counts: Vec<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintTrend {
    /// Category slugs, the most complained-about first (ties by name).
    pub categories: Vec<String>,
    /// Every local day of the period, quiet days included.
    pub days: Vec<ComplaintDay>,
}

impl ComplaintTrend {
    /// The period's total per category, in [`ComplaintTrend::categories`]' order.
    pub fn totals(&self) -> Vec<u64> {
        (0..self.categories.len())
            .map(|i| self.days.iter().map(|d| d.counts[i]).sum())
            .collect()
    }

    /// Per category: the last 7 days against the 7 before (`None` when those had none).
    pub fn week_over_week(&self) -> Vec<Option<f64>> {
        let n = self.days.len();
        (0..self.categories.len())
            .map(|i| {
                let sum = |range: std::ops::Range<usize>| -> u64 {
                    self.days[range].iter().map(|d| d.counts[i]).sum()
                };
                if n < 14 {
                    return None;
                }
                let (before, last) = (sum(n - 14..n - 7), sum(n - 7..n));
                (before > 0).then(|| last as f64 / before as f64)
            })
            .collect()
    }
}

/// The trend of the complaints registered (`at`, category) within `period`, by the desk's
/// local days.
pub fn complaint_trend(
    registered: &[(Timestamp, String)],
    period: &ReportPeriod,
    hours: &WorkingHours,
) -> ComplaintTrend {
    if period.end <= period.start {
        return ComplaintTrend::default();
    }
    let day_of = |t: Timestamp| t.with_timezone(&hours.time_zone).date_naive();
    let first = day_of(period.start);
    let last = day_of(period.end - Duration::nanoseconds(1));
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for (at, category) in registered {
        if period.contains(*at) {
            *totals.entry(category.as_str()).or_default() += 1;
        }
    }
    let mut categories: Vec<(&str, u64)> = totals.into_iter().collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: BTreeMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (*c, i))
        .collect();
    let mut days: BTreeMap<NaiveDate, Vec<u64>> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| (d, vec![0; categories.len()]))
        .collect();
    for (at, category) in registered {
        if !period.contains(*at) {
            continue;
        }
        if let (Some(counts), Some(i)) = (days.get_mut(&day_of(*at)), index.get(category.as_str()))
        {
            counts[*i] += 1;
        }
    }
    ComplaintTrend {
        categories: categories.into_iter().map(|(c, _)| c.to_string()).collect(),
        days: days
            .into_iter()
            .map(|(date, counts)| ComplaintDay { date, counts })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn complaints_are_counted_per_local_day_and_category_quiet_days_included() {
        let hours = WorkingHours::always_open();
        let day = |d: u32, h: u32| chrono::Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        let period = ReportPeriod::local_days(&hours, first, last);
        let mut registered = vec![
            (day(2, 10), "payment".to_string()),
            (day(3, 10), "delivery".to_string()),
            (day(20, 10), "delivery".to_string()), // outside the period
        ];
        for d in 9..=15 {
            registered.push((day(d, 9), "delivery".to_string()));
            registered.push((day(d, 11), "delivery".to_string()));
        }
        let trend = complaint_trend(&registered, &period, &hours);
        assert_eq!(trend.categories, ["delivery", "payment"]);
        assert_eq!(trend.days.len(), 14);
        assert_eq!(trend.days[0].counts, [0, 1]);
        assert_eq!(trend.days[1].counts, [1, 0]);
        assert_eq!(trend.days[5].counts, [0, 0]);
        assert_eq!(trend.totals(), [15, 1]);
        // 14 in the last week against 1 the week before; payment fell to nothing.
        assert_eq!(trend.week_over_week(), [Some(14.0), Some(0.0)]);
    }
}
