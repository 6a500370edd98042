//! The desk's forecast as of now: its last weeks read from the store, its time zone, hours,
//! holidays and targets as configured. The one place the console's forecast page and the
//! API's `GET /reports/forecast` get their numbers from, so both always say the same.

use crate::desk::Desk;
use ticketgram_reports::forecast::{desk_forecast, history_window, DeskForecast, DeskHistory};
use ticketgram_reports::ReportError;
use ticketgram_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ForecastError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("making the forecast: {0}")]
    Model(#[from] ReportError),
}

/// The forecast from now on (see `ticketgram_reports::forecast`).
pub async fn forecast_now(desk: &Desk) -> Result<DeskForecast, ForecastError> {
    let now = chrono::Utc::now();
    let window = history_window(now);
    let read = desk
        .store
        .forecast_history(desk.ws(), window.0, window.1)
        .await?;
    let history = DeskHistory::new(
        read.opened.iter().map(|o| (o.hour, o.tickets)),
        read.first_ticket_at,
        window,
        read.handling_times,
    );
    Ok(desk_forecast(
        &history,
        now,
        &desk.config.hours,
        &desk.config.sla,
    )?)
}
