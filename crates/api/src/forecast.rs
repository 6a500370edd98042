//! `GET /reports/forecast`: the desk's forecast — tickets expected per hour of the next 14
//! local days with their band, agents needed, the back-test's errors and the assumptions —
//! the numbers the console's forecast page shows.

use axum::{Extension, Json};
use ticketgram_reports::forecast::{desk_forecast, history_window, DeskForecast, DeskHistory};

use crate::auth::Caller;
use crate::error::ApiError;

pub(crate) async fn forecast(
    Extension(caller): Extension<Caller>,
) -> Result<Json<DeskForecast>, ApiError> {
    // The desk as configured now: its time zone, working hours, holidays and targets.
    let desk = caller.desk.current().await?;
    let now = chrono::Utc::now();
    let window = history_window(now);
    let read = desk
        .store
        .forecast_history(caller.ws(), window.0, window.1)
        .await?;
    let history = DeskHistory::new(
        read.opened.iter().map(|o| (o.hour, o.tickets)),
        read.first_ticket_at,
        window,
        read.handling_times,
    );
    let forecast = desk_forecast(&history, now, &desk.config.hours, &desk.config.sla)
        .map_err(|e| ApiError::Internal(format!("making the forecast: {e}")))?;
    Ok(Json(forecast))
}
