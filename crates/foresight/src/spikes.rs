//! Spikes: is the latest day (or hour) of a category far above what that weekday (or hour of
//! the week) usually brings?
//!
//! The baseline is the median of the same period in the previous few weeks (same weekday for
//! daily counts, same hour of the week for hourly ones), so Monday is compared with Mondays.
//! The spread is the median absolute deviation (MAD) of those weeks, scaled by 1.4826 to read
//! like a standard deviation. Median and MAD shrug off one earlier wild week, which a mean and
//! standard deviation would not. Because counts are roughly Poisson, the spread is never taken
//! below `√baseline` (nor below 1): four identical Mondays of 5 tickets do not make a sixth
//! ticket a spike. A spike is a latest count above
//! `threshold = baseline + max(sensitivity × spread, min_excess)`.

use serde::{Deserialize, Serialize};

use crate::error::{ForesightError, Result};
use crate::series::HOURS_PER_WEEK;
use crate::stats::{median, median_absolute_deviation};

/// Scales a MAD to a standard deviation for normally distributed data.
const MAD_TO_STANDARD_DEVIATION: f64 = 1.4826;

/// How the spike check compares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpikeSettings {
    /// Periods per week: 7 for daily counts, 168 for hourly counts.
    pub season_length: usize,
    /// How many previous weeks make the baseline (at most; at least 2 are needed).
    pub weeks_back: usize,
    /// How many spreads above the baseline a spike starts.
    pub sensitivity: f64,
    /// Fewest extra tickets that count as a spike, so a quiet category's 1 → 4 is not one.
    pub min_excess: f64,
}

impl SpikeSettings {
    /// Daily counts, compared with the same weekday of the last 4 weeks.
    pub fn daily() -> Self {
        Self {
            season_length: 7,
            weeks_back: 4,
            sensitivity: 3.0,
            min_excess: 5.0,
        }
    }

    /// Hourly counts, compared with the same hour of the week over the last 4 weeks.
    pub fn hourly() -> Self {
        Self {
            season_length: HOURS_PER_WEEK,
            weeks_back: 4,
            sensitivity: 3.0,
            min_excess: 3.0,
        }
    }
}

/// How much the latest period exceeded its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spike {
    /// Latest ÷ baseline (3.0 = three times the usual); `None` when the baseline is 0.
    pub ratio: Option<f64>,
    /// Tickets above the baseline.
    pub excess: f64,
}

/// The latest period against its baseline, spike or not (the console can show both).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpikeCheck {
    /// The latest period's count.
    pub latest: f64,
    /// Median of the same period in previous weeks.
    pub baseline: f64,
    /// Above this the latest period is a spike.
    pub threshold: f64,
    /// Set when the latest period is above the threshold.
    pub spike: Option<Spike>,
}

/// Check the last value of `counts` (oldest first) against the same period in previous weeks.
pub fn check_latest(counts: &[f64], settings: &SpikeSettings) -> Result<SpikeCheck> {
    if settings.season_length == 0 || settings.weeks_back < 2 {
        return Err(ForesightError::InvalidSetting {
            name: "spike settings",
            reason: "need a season of at least one period and at least 2 weeks back",
        });
    }
    let usable = |v: f64| v.is_finite() && v >= 0.0;
    if !(usable(settings.sensitivity) && usable(settings.min_excess)) {
        return Err(ForesightError::InvalidSetting {
            name: "spike settings",
            reason: "sensitivity and min_excess must be finite numbers ≥ 0",
        });
    }
    if let Some((index, &value)) = counts
        .iter()
        .enumerate()
        .find(|(_, c)| !c.is_finite() || **c < 0.0)
    {
        return Err(ForesightError::InvalidCount { index, value });
    }
    let need = 2 * settings.season_length + 1;
    let Some(latest_index) = counts.len().checked_sub(1).filter(|_| counts.len() >= need) else {
        return Err(ForesightError::HistoryTooShort {
            have: counts.len(),
            need,
        });
    };
    let latest = counts[latest_index];
    let same_period: Vec<f64> = (1..=settings.weeks_back)
        .filter_map(|weeks| latest_index.checked_sub(weeks * settings.season_length))
        .map(|index| counts[index])
        .collect();
    // Both exist: at least two earlier weeks were checked above.
    let baseline = median(&same_period).unwrap_or(0.0);
    let mad = median_absolute_deviation(&same_period, baseline).unwrap_or(0.0);
    let spread = (MAD_TO_STANDARD_DEVIATION * mad)
        .max(baseline.sqrt())
        .max(1.0);
    let threshold = baseline + (settings.sensitivity * spread).max(settings.min_excess);
    let spike = (latest > threshold).then(|| Spike {
        ratio: (baseline > 0.0).then(|| latest / baseline),
        excess: latest - baseline,
    });
    Ok(SpikeCheck {
        latest,
        baseline,
        threshold,
        spike,
    })
}

/// One category's counts, oldest first, the last being the period to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryCounts {
    /// The category as the desk names it ("Billing", "Login problems").
    pub category: String,
    /// Its counts per period.
    pub counts: Vec<f64>,
}

/// A category whose latest period spiked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategorySpike {
    /// The category.
    pub category: String,
    /// Its check, with the spike set.
    pub check: SpikeCheck,
    /// The spike's size.
    pub spike: Spike,
}

/// The categories whose latest period spiked, the largest excess first. Categories with too
/// little history to judge are skipped (a category created last week cannot spike yet).
pub fn category_spikes(
    categories: &[CategoryCounts],
    settings: &SpikeSettings,
) -> Result<Vec<CategorySpike>> {
    let mut spikes = Vec::new();
    for category in categories {
        let check = match check_latest(&category.counts, settings) {
            Ok(check) => check,
            Err(ForesightError::HistoryTooShort { .. }) => continue,
            Err(other) => return Err(other),
        };
        if let Some(spike) = check.spike {
            spikes.push(CategorySpike {
                category: category.category.clone(),
                check,
                spike,
            });
        }
    }
    spikes.sort_by(|a, b| b.spike.excess.total_cmp(&a.spike.excess));
    Ok(spikes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five weeks of daily billing tickets: busy Mondays (40), normal weekdays (20), quiet
    /// weekends (5), with a little wobble; `latest` is appended as today, a Monday.
    fn billing_days(latest: f64) -> Vec<f64> {
        let week = [40.0, 20.0, 21.0, 19.0, 20.0, 5.0, 4.0];
        let wobble = [0.0, 2.0, -1.0, 1.0, -2.0];
        let mut days: Vec<f64> = (0..5)
            .flat_map(|w| week.iter().map(move |d| d + wobble[w]))
            .collect();
        days.push(latest);
        days
    }

    #[test]
    fn a_normal_monday_is_not_a_spike_though_it_is_the_busiest_day() {
        let check = check_latest(&billing_days(41.0), &SpikeSettings::daily()).unwrap();
        // The last four Mondays: 42, 39, 41, 38.
        assert_eq!(check.baseline, 40.0);
        assert_eq!(check.spike, None);
    }

    #[test]
    fn an_outage_monday_is_a_spike_with_its_size() {
        let check = check_latest(&billing_days(120.0), &SpikeSettings::daily()).unwrap();
        let spike = check.spike.unwrap();
        assert_eq!(spike.excess, 80.0);
        assert_eq!(spike.ratio, Some(3.0));
    }

    #[test]
    fn a_quiet_category_needs_a_real_jump() {
        // Refund requests: 1 a day. 4 is four times the usual, but only 3 extra tickets.
        let mut days = vec![1.0; 28];
        days.push(4.0);
        assert_eq!(
            check_latest(&days, &SpikeSettings::daily()).unwrap().spike,
            None
        );
        *days.last_mut().unwrap() = 12.0;
        assert!(check_latest(&days, &SpikeSettings::daily())
            .unwrap()
            .spike
            .is_some());
    }

    #[test]
    fn one_past_outage_does_not_hide_the_next() {
        // An outage four Mondays ago (200) does not raise the bar for today.
        let mut days = billing_days(120.0);
        let four_mondays_ago = days.len() - 1 - 4 * 7;
        days[four_mondays_ago] = 200.0;
        assert!(check_latest(&days, &SpikeSettings::daily())
            .unwrap()
            .spike
            .is_some());
    }

    #[test]
    fn categories_are_ranked_by_extra_tickets_and_new_ones_skipped() {
        let categories = [
            CategoryCounts {
                category: "Billing".into(),
                counts: billing_days(70.0),
            },
            CategoryCounts {
                category: "Login problems".into(),
                counts: billing_days(140.0),
            },
            CategoryCounts {
                category: "Shipping".into(),
                counts: billing_days(40.0),
            },
            CategoryCounts {
                category: "New product".into(),
                counts: vec![0.0, 0.0, 50.0],
            },
        ];
        let spikes = category_spikes(&categories, &SpikeSettings::daily()).unwrap();
        let names: Vec<&str> = spikes.iter().map(|s| s.category.as_str()).collect();
        assert_eq!(names, ["Login problems", "Billing"]);
    }

    #[test]
    fn two_weeks_of_history_are_needed() {
        let err = check_latest(&[1.0; 14], &SpikeSettings::daily()).unwrap_err();
        assert!(matches!(
            err,
            ForesightError::HistoryTooShort { have: 14, need: 15 }
        ));
    }
}
