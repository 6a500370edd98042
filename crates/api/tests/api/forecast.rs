//! `GET /reports/forecast`: an integration reads the plan the lead sees in the console — the
//! same numbers the forecast glue makes from the desk's history — and a neighbouring desk
//! without history is told it needs more.

use crate::harness::TestApi;
use serde_json::Value;
use ticketgram_api::Scope;
use ticketgram_reports::forecast::{desk_forecast, history_window, DeskHistory};
use ticketgram_testkit::history::monday_rush_history;

/// The forecast computed next to the API, from the same store and desk configuration.
async fn expected(api: &TestApi) -> Value {
    let now = chrono::Utc::now();
    let window = history_window(now);
    let read = api
        .store
        .forecast_history(api.ws, window.0, window.1)
        .await
        .expect("history");
    let history = DeskHistory::new(
        read.opened.iter().map(|o| (o.hour, o.tickets)),
        read.first_ticket_at,
        window,
        read.handling_times,
    );
    let config = &api.relay_desk().config;
    serde_json::to_value(
        desk_forecast(&history, now, &config.hours, &config.sla).expect("forecast"),
    )
    .expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_integration_reads_the_forecast_the_lead_sees() {
    let api = TestApi::start().await;
    api.past_tickets(700_003, &monday_rush_history(28), &[])
        .await;
    let token = api.token(&[Scope::ReportsRead]).await;

    let (status, forecast) = api.get("/reports/forecast", &token).await;
    assert_eq!(status, 200, "{forecast:#}");
    let hours = forecast["hours"].as_array().expect("hours");
    assert_eq!(hours.len(), 336);
    assert_eq!(forecast["days"].as_array().expect("days").len(), 14);
    assert_eq!(forecast["time_zone"], "UTC");
    assert!(
        forecast["backtest"]["model_wape"].is_number(),
        "{forecast:#}"
    );
    assert!(forecast["backtest"]["seasonal_naive_wape"].is_number());
    assert_eq!(forecast["assumptions"]["service_level"], 0.8);
    let first = &hours[0];
    assert!(
        first["expected"].is_number() && first["lower"].is_number() && first["agents"].is_u64()
    );
    let at = |weekday: &str, hour: &str| {
        hours
            .iter()
            .find(|h| {
                let local = h["local_time"].as_str().unwrap();
                let date: chrono::NaiveDate = local[..10].parse().unwrap();
                date.format("%a").to_string() == weekday && &local[11..16] == hour
            })
            .expect("every weekday and hour")
            .clone()
    };
    assert!(
        at("Mon", "10:00")["agents"].as_u64() > at("Sun", "03:00")["agents"].as_u64(),
        "{forecast:#}"
    );

    // The same numbers as the glue makes from the same history (computed again if the hour
    // turned in between, which moves the whole forecast by an hour).
    let mut same = expected(&api).await;
    if same["days"][0] != forecast["days"][0] {
        same = expected(&api).await;
    }
    assert_eq!(forecast, same);

    // A desk without tickets is told how much history it needs.
    let other = api
        .token_in(
            api.other_ws,
            Some(api.other_agent.id),
            &[Scope::ReportsRead],
        )
        .await;
    let (status, empty) = api.get("/reports/forecast", &other).await;
    assert_eq!(status, 200, "{empty:#}");
    assert_eq!(empty["forecast_needs_more_days"], 2);
    assert_eq!(empty["hours"].as_array().map(Vec::len), Some(0));
    assert_eq!(empty["backtest"], Value::Null);
    api.stop().await;
}
