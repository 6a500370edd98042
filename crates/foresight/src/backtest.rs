//! Rolling-origin back-test: would the forecast have been right last week?
//!
//! The history is cut at an origin, the model is fitted on what came before and forecasts the
//! hours after, which are compared with what actually arrived. With several folds the origin
//! rolls forward one horizon at a time (e.g. cut 14 days before the end, then 7). The same
//! hours are forecast by the seasonal-naive baseline — "same hour last week" — so the
//! console can say whether the model earns its keep.
//!
//! Metric: WAPE (weighted absolute percentage error, `Σ|actual − forecast| / Σ actual`) and
//! MAE (mean absolute error, tickets per hour). Not MAPE: a desk's nights have hours with 0
//! tickets, where MAPE is undefined, and hours with 1 ticket, where forecasting 2 is a 100 %
//! error; a handful of such hours would drown the busy hours that staffing is about. WAPE
//! weights each hour by its volume — the busy hours count most, as they do for staffing —
//! and stays defined as long as the window saw any ticket at all.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::HolidayCalendar;
use crate::error::{ForesightError, Result};
use crate::forecast::{forecast_volume, ForecastSettings};
use crate::series::{HourlySeries, HOURS_PER_DAY, HOURS_PER_WEEK};

/// How to cut the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacktestSettings {
    /// How many origins; each forecasts `horizon_hours`, the last one ends with the history.
    pub folds: usize,
    /// Hours forecast from each origin; a week (168) by default.
    pub horizon_hours: usize,
}

impl Default for BacktestSettings {
    fn default() -> Self {
        Self {
            folds: 2,
            horizon_hours: HOURS_PER_WEEK,
        }
    }
}

/// How far a forecast was from what arrived.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ForecastErrors {
    /// `Σ|actual − forecast| / Σ actual` (0.12 = 12 %); `None` when no ticket arrived at all.
    pub wape: Option<f64>,
    /// Mean absolute error in tickets per hour.
    pub mae: f64,
    /// Hours compared.
    pub hours: usize,
}

/// Errors of `forecast` against `actual`, hour by hour (the shorter length wins).
pub fn forecast_errors(actual: &[f64], forecast: &[f64]) -> ForecastErrors {
    let hours = actual.len().min(forecast.len());
    let absolute: f64 = actual
        .iter()
        .zip(forecast)
        .map(|(a, f)| (a - f).abs())
        .sum();
    let total: f64 = actual[..hours].iter().sum();
    ForecastErrors {
        wape: (total > 0.0).then(|| absolute / total),
        mae: if hours == 0 {
            0.0
        } else {
            absolute / hours as f64
        },
        hours,
    }
}

/// The baseline: each forecast hour is the same hour of the last week in `history` (the same
/// hour of the last day when there is less than a week; nothing when less than a day).
pub fn seasonal_naive(history: &[f64], horizon: usize) -> Vec<f64> {
    let season = if history.len() >= HOURS_PER_WEEK {
        HOURS_PER_WEEK
    } else if history.len() >= HOURS_PER_DAY {
        HOURS_PER_DAY
    } else {
        return Vec::new();
    };
    let last_cycle = &history[history.len() - season..];
    (0..horizon).map(|step| last_cycle[step % season]).collect()
}

/// One origin of the back-test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestFold {
    /// The first forecast hour: the model saw everything before it.
    pub origin: DateTime<Utc>,
    /// The model's errors on this fold.
    pub model: ForecastErrors,
    /// The seasonal-naive baseline's errors on the same hours.
    pub seasonal_naive: ForecastErrors,
}

/// The back-test's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestReport {
    /// Each origin, oldest first.
    pub folds: Vec<BacktestFold>,
    /// The model's errors over all folds' hours together.
    pub model: ForecastErrors,
    /// The baseline's errors over the same hours.
    pub seasonal_naive: ForecastErrors,
    /// Whether the model's WAPE (MAE when no ticket arrived) is lower than the baseline's.
    pub model_beats_seasonal_naive: bool,
}

/// Back-test the forecast on the end of `history`: `settings.folds` origins, each forecasting
/// `settings.horizon_hours`, the last ending where the history ends. The earliest origin needs
/// enough history before it for the model (see [`forecast_volume`]) and the baseline (a week).
pub fn backtest(
    history: &HourlySeries,
    calendar: &HolidayCalendar,
    settings: &BacktestSettings,
) -> Result<BacktestReport> {
    if settings.folds == 0 || settings.horizon_hours == 0 {
        return Err(ForesightError::InvalidSetting {
            name: "backtest",
            reason: "needs at least one fold of at least one hour",
        });
    }
    let tested = settings.folds * settings.horizon_hours;
    let need = tested + HOURS_PER_WEEK;
    if history.len() < need {
        return Err(ForesightError::HistoryTooShort {
            have: history.len(),
            need,
        });
    }
    let forecast_settings = ForecastSettings {
        horizon_hours: settings.horizon_hours,
        interval_level: None,
    };

    let mut folds = Vec::with_capacity(settings.folds);
    let (mut all_actual, mut all_model, mut all_naive) = (Vec::new(), Vec::new(), Vec::new());
    for fold in 0..settings.folds {
        let origin = history.len() - tested + fold * settings.horizon_hours;
        let training = history.head(origin);
        let actual = &history.counts()[origin..origin + settings.horizon_hours];
        let model = forecast_volume(&training, calendar, &forecast_settings)?.expected();
        let naive = seasonal_naive(training.counts(), settings.horizon_hours);
        folds.push(BacktestFold {
            origin: history.hour_at(origin),
            model: forecast_errors(actual, &model),
            seasonal_naive: forecast_errors(actual, &naive),
        });
        all_actual.extend_from_slice(actual);
        all_model.extend(model);
        all_naive.extend(naive);
    }

    let model = forecast_errors(&all_actual, &all_model);
    let seasonal_naive = forecast_errors(&all_actual, &all_naive);
    let model_beats_seasonal_naive = match (model.wape, seasonal_naive.wape) {
        (Some(m), Some(n)) => m < n,
        _ => model.mae < seasonal_naive.mae,
    };
    Ok(BacktestReport {
        folds,
        model,
        seasonal_naive,
        model_beats_seasonal_naive,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wape_weighs_errors_by_volume() {
        // Off by one ticket at night and by one at noon: 2 tickets wrong out of 22.
        let errors = forecast_errors(&[1.0, 20.0, 1.0], &[2.0, 19.0, 1.0]);
        assert!((errors.wape.unwrap() - 2.0 / 22.0).abs() < 1e-12);
        assert!((errors.mae - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(errors.hours, 3);
    }

    #[test]
    fn a_week_without_tickets_has_no_wape() {
        let errors = forecast_errors(&[0.0, 0.0], &[1.0, 0.0]);
        assert_eq!(errors.wape, None);
        assert_eq!(errors.mae, 0.5);
    }

    #[test]
    fn seasonal_naive_repeats_last_week() {
        let history: Vec<f64> = (0..2 * HOURS_PER_WEEK).map(|h| h as f64).collect();
        let naive = seasonal_naive(&history, HOURS_PER_WEEK + 2);
        assert_eq!(naive[0], HOURS_PER_WEEK as f64);
        assert_eq!(naive[HOURS_PER_WEEK], HOURS_PER_WEEK as f64);
        assert_eq!(naive[HOURS_PER_WEEK + 1], HOURS_PER_WEEK as f64 + 1.0);
        // Under a week of history: same hour yesterday.
        let short: Vec<f64> = (0..30).map(f64::from).collect();
        assert_eq!(seasonal_naive(&short, 2), vec![6.0, 7.0]);
    }

    #[test]
    fn a_backtest_needs_history_before_its_first_origin() {
        let history = HourlySeries::new(
            chrono::DateTime::<Utc>::UNIX_EPOCH,
            vec![1.0; 2 * HOURS_PER_WEEK],
        )
        .unwrap();
        let err = backtest(
            &history,
            &HolidayCalendar::none(),
            &BacktestSettings::default(),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            ForesightError::HistoryTooShort { need: 504, .. }
        ));
    }
}
