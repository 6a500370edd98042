//! What can go wrong when the desk asks for a forecast, a staffing table or a spike check.

/// Every failure of this crate: bad input from the caller, or a model that could not be fitted.
#[derive(Debug, thiserror::Error)]
pub enum ForesightError {
    /// The history is too short for the seasonality the model needs (two full days at least,
    /// two full weeks for the weekly pattern).
    #[error("{have} hours of history is too short: at least {need} are needed")]
    HistoryTooShort { have: usize, need: usize },
    /// An hourly count was negative, NaN or infinite.
    #[error("hour {index} has an invalid ticket count {value}")]
    InvalidCount { index: usize, value: f64 },
    /// A timestamp handed in as an hour was not on the hour (minutes or seconds set).
    #[error("{0} is not on the hour")]
    NotOnTheHour(chrono::DateTime<chrono::Utc>),
    /// A setting is outside its meaningful range (a service level of 1.5, a negative handling time…).
    #[error("invalid setting {name}: {reason}")]
    InvalidSetting {
        name: &'static str,
        reason: &'static str,
    },
    /// The forecasting library refused the series.
    #[error("the forecasting model could not be fitted: {0}")]
    Model(String),
}

pub type Result<T> = std::result::Result<T, ForesightError>;
