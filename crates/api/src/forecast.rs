//! `GET /reports/forecast`: the desk's forecast — tickets expected per hour of the next 14
//! local days with their band, agents needed, the back-test's errors and the assumptions —
//! the numbers the console's forecast page shows.

use axum::{Extension, Json};
use ticketgram_relay::forecast::{forecast_now, ForecastError};
use ticketgram_reports::forecast::DeskForecast;

use crate::auth::Caller;
use crate::error::ApiError;

pub(crate) async fn forecast(
    Extension(caller): Extension<Caller>,
) -> Result<Json<DeskForecast>, ApiError> {
    // The desk as configured now: its time zone, working hours, holidays and targets.
    let desk = caller.desk.current().await?;
    let forecast = forecast_now(&desk).await.map_err(|e| match e {
        ForecastError::Store(e) => e.into(),
        ForecastError::Model(_) => ApiError::Internal(e.to_string()),
    })?;
    Ok(Json(forecast))
}
