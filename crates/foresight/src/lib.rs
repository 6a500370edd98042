//! Foresight: what the desk's ticket volume will be, how many agents that takes, and whether
//! something unusual is happening now.
//!
//! Pure functions over series the caller reads from the store; no I/O here.
//!
//! * [`forecast`] — the hourly volume forecast for the next 14 days (MSTL + ETS from augurs,
//!   daily and weekly seasons), with prediction bands;
//! * [`calendar`] — holidays: taken out of the history, applied to the forecast as multipliers;
//! * [`mod@backtest`] — a rolling-origin back-test (WAPE, MAE) against the seasonal-naive baseline;
//! * [`staffing`] — Erlang C: agents needed per hour for a service-level target;
//! * [`spikes`] — is the latest day or hour of a category far above its usual?
//!
//! docs/forecasting.md explains the choices and the measured errors.

pub mod backtest;
pub mod calendar;
pub mod error;
pub mod forecast;
pub mod series;
pub mod spikes;
pub mod staffing;
mod stats;

pub use backtest::{
    backtest, forecast_errors, seasonal_naive, BacktestFold, BacktestReport, BacktestSettings,
    ForecastErrors,
};
pub use calendar::{Holiday, HolidayCalendar, HolidayEffects, ObservedHoliday};
pub use error::{ForesightError, Result};
pub use forecast::{forecast_volume, ForecastHour, ForecastSettings, VolumeForecast};
pub use series::{HourCount, HourlySeries, FORECAST_HORIZON_HOURS, HOURS_PER_DAY, HOURS_PER_WEEK};
pub use spikes::{
    category_spikes, check_latest, CategoryCounts, CategorySpike, Spike, SpikeCheck, SpikeSettings,
};
pub use staffing::{
    agents_needed, erlang_b, erlang_c, service_level, staffing_table, AgentsNeeded, StaffedHour,
    StaffingTarget,
};
