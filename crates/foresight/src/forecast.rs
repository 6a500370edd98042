//! The hourly volume forecast: how many tickets each of the next hours will bring.
//!
//! Model: augurs' MSTL (multiple seasonal-trend decomposition by LOESS) peels a daily (24 h)
//! and a weekly (168 h) pattern off the history, and an AutoETS model (exponential smoothing,
//! its form chosen by AIC) forecasts what is left — the level and trend of the desk. The
//! forecast is the ETS forecast plus the last cycle of each seasonal pattern. Holidays are
//! handled around the model (see [`crate::calendar`]): taken out of the history before the
//! fit, applied as a multiplier to the forecast hours that fall on them.

use augurs_core::{Fit, Predict};
use augurs_ets::AutoETS;
use augurs_mstl::MSTLModel;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{HolidayCalendar, HolidayEffects};
use crate::error::{ForesightError, Result};
use crate::series::{HourlySeries, FORECAST_HORIZON_HOURS, HOURS_PER_DAY, HOURS_PER_WEEK};

/// How far ahead to forecast, and how wide the prediction band is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ForecastSettings {
    /// Hours to forecast; [`FORECAST_HORIZON_HOURS`] (14 days) by default.
    pub horizon_hours: usize,
    /// Probability the actual count falls inside `[lower, upper]`, strictly between 0 and 1;
    /// `None` for point forecasts only. 0.8 by default: a band a lead can plan around
    /// (0.95 is so wide on quiet hours that it says little).
    pub interval_level: Option<f64>,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        Self {
            horizon_hours: FORECAST_HORIZON_HOURS,
            interval_level: Some(0.8),
        }
    }
}

/// One forecast hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastHour {
    /// Start of the hour (UTC).
    pub hour: DateTime<Utc>,
    /// Expected tickets (≥ 0).
    pub expected: f64,
    /// Lower end of the prediction band (≥ 0), when asked for.
    pub lower: Option<f64>,
    /// Upper end of the prediction band, when asked for.
    pub upper: Option<f64>,
    /// The holiday multiplier applied to this hour, if it falls on a holiday.
    pub holiday_multiplier: Option<f64>,
}

/// The forecast for the next hours, with what it was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeForecast {
    /// One entry per forecast hour, in order.
    pub hours: Vec<ForecastHour>,
    /// The band's level, when one was asked for.
    pub interval_level: Option<f64>,
    /// The seasons the model used, in hours (24 and 168; only 24 with under two weeks of history).
    pub seasons: Vec<usize>,
    /// What the history said about holidays.
    pub holiday_effects: HolidayEffects,
}

impl VolumeForecast {
    /// The expected tickets per hour, in order: what staffing and back-tests consume.
    pub fn expected(&self) -> Vec<f64> {
        self.hours.iter().map(|h| h.expected).collect()
    }
}

/// The seasons a history of `hours` hours can support: MSTL needs at least two full cycles
/// of a season to tell it from noise.
fn seasons_for(hours: usize) -> Result<Vec<usize>> {
    match hours {
        h if h >= 2 * HOURS_PER_WEEK => Ok(vec![HOURS_PER_DAY, HOURS_PER_WEEK]),
        h if h >= 2 * HOURS_PER_DAY => Ok(vec![HOURS_PER_DAY]),
        have => Err(ForesightError::HistoryTooShort {
            have,
            need: 2 * HOURS_PER_DAY,
        }),
    }
}

/// Raw model output before clamping and holidays: point, and the band when asked for.
struct ModelOutput {
    point: Vec<f64>,
    band: Option<(Vec<f64>, Vec<f64>)>,
}

fn fit_and_predict(
    counts: &[f64],
    seasons: Vec<usize>,
    horizon: usize,
    level: Option<f64>,
) -> Result<ModelOutput> {
    // A desk that got exactly the same count every hour (typically: none at all) has nothing
    // to decompose, and ETS's likelihood is degenerate on it: the forecast is that count.
    if counts.windows(2).all(|w| w[0] == w[1]) {
        let value = counts.first().copied().unwrap_or(0.0);
        return Ok(ModelOutput {
            point: vec![value; horizon],
            band: level.map(|_| (vec![value; horizon], vec![value; horizon])),
        });
    }
    let trend = AutoETS::non_seasonal().into_trend_model();
    let model = MSTLModel::new(seasons, trend);
    let fitted = model
        .fit(counts)
        .map_err(|e| ForesightError::Model(e.to_string()))?;
    let forecast = fitted
        .predict(horizon, level)
        .map_err(|e| ForesightError::Model(e.to_string()))?;
    Ok(ModelOutput {
        band: forecast.intervals.map(|i| (i.lower, i.upper)),
        point: forecast.point,
    })
}

/// Forecast the next `settings.horizon_hours` hours after `history` ends.
///
/// Needs two days of history (two weeks for the weekly pattern). Values are clamped at 0:
/// the model is additive and can dip below 0 on quiet nights, which no desk sees.
pub fn forecast_volume(
    history: &HourlySeries,
    calendar: &HolidayCalendar,
    settings: &ForecastSettings,
) -> Result<VolumeForecast> {
    if let Some(level) = settings.interval_level {
        if !(level > 0.0 && level < 1.0) {
            return Err(ForesightError::InvalidSetting {
                name: "interval_level",
                reason: "must be strictly between 0 and 1",
            });
        }
    }
    let seasons = seasons_for(history.len())?;
    let holiday_effects = calendar.learn_effects(history);
    let normal_history = calendar.normal_week_history(history);
    let output = fit_and_predict(
        &normal_history,
        seasons.clone(),
        settings.horizon_hours,
        settings.interval_level,
    )?;

    let hours = (0..settings.horizon_hours)
        .map(|step| {
            let hour = history.hour_at(history.len() + step);
            let holiday_multiplier = calendar.multiplier_on(hour.date_naive(), &holiday_effects);
            let scale = holiday_multiplier.unwrap_or(1.0);
            let shape = |v: f64| v.max(0.0) * scale;
            let (lower, upper) = match &output.band {
                Some((lower, upper)) => (Some(shape(lower[step])), Some(shape(upper[step]))),
                None => (None, None),
            };
            ForecastHour {
                hour,
                expected: shape(output.point[step]),
                lower,
                upper,
                holiday_multiplier,
            }
        })
        .collect();

    Ok(VolumeForecast {
        hours,
        interval_level: settings.interval_level,
        seasons,
        holiday_effects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn monday() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_day_of_history_is_too_short() {
        let history = HourlySeries::new(monday(), vec![3.0; 30]).unwrap();
        let err = forecast_volume(
            &history,
            &HolidayCalendar::none(),
            &ForecastSettings::default(),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            ForesightError::HistoryTooShort { have: 30, need: 48 }
        ));
    }

    #[test]
    fn a_desk_that_never_got_a_ticket_expects_none() {
        let history = HourlySeries::new(monday(), vec![0.0; 3 * HOURS_PER_WEEK]).unwrap();
        let forecast = forecast_volume(
            &history,
            &HolidayCalendar::none(),
            &ForecastSettings::default(),
        )
        .unwrap();
        assert_eq!(forecast.hours.len(), FORECAST_HORIZON_HOURS);
        assert!(forecast.hours.iter().all(|h| h.expected == 0.0));
        assert_eq!(forecast.hours[0].hour, history.end());
    }

    #[test]
    fn ten_days_of_history_use_the_daily_pattern_only() {
        // Busy 9–17, quiet otherwise, every day the same.
        let counts: Vec<f64> = (0..10 * HOURS_PER_DAY)
            .map(|h| {
                if (9..17).contains(&(h % 24)) {
                    12.0
                } else {
                    1.0
                }
            })
            .collect();
        let history = HourlySeries::new(monday(), counts).unwrap();
        let settings = ForecastSettings {
            horizon_hours: 48,
            interval_level: Some(0.8),
        };
        let forecast = forecast_volume(&history, &HolidayCalendar::none(), &settings).unwrap();
        assert_eq!(forecast.seasons, vec![24]);
        let noon = &forecast.hours[12];
        let night = &forecast.hours[3];
        assert!((noon.expected - 12.0).abs() < 1.0, "noon {noon:?}");
        assert!((night.expected - 1.0).abs() < 1.0, "night {night:?}");
        for hour in &forecast.hours {
            let (lower, upper) = (hour.lower.unwrap(), hour.upper.unwrap());
            assert!(lower >= 0.0 && lower <= hour.expected + 1e-9 && hour.expected <= upper + 1e-9);
        }
    }

    #[test]
    fn a_small_desk_with_mostly_empty_hours_still_gets_a_forecast() {
        // A ticket every 5 hours or so, none at night: most hours are 0.
        let counts: Vec<f64> = (0..3 * HOURS_PER_WEEK)
            .map(|h| f64::from(u8::from(h % 5 == 0 && (8..18).contains(&(h % 24)))))
            .collect();
        let history = HourlySeries::new(monday(), counts).unwrap();
        let forecast = forecast_volume(
            &history,
            &HolidayCalendar::none(),
            &ForecastSettings::default(),
        )
        .unwrap();
        let total: f64 = forecast.expected().iter().sum();
        // About 2 tickets a day in the history (10 working hours, one in five): ~28 in 14 days.
        assert!((15.0..45.0).contains(&total), "{total}");
        assert!(forecast.hours.iter().all(|h| h.expected >= 0.0));
    }

    #[test]
    fn an_interval_level_of_one_is_refused() {
        let history = HourlySeries::new(monday(), vec![1.0; 100]).unwrap();
        let settings = ForecastSettings {
            horizon_hours: 24,
            interval_level: Some(1.0),
        };
        assert!(forecast_volume(&history, &HolidayCalendar::none(), &settings).is_err());
    }
}
