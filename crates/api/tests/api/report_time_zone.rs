//! The report counts the desk's own days: a desk in Tokyo set its hours in the settings bot,
//! and `/reports` for one day covers that Tokyo day, not the UTC one.

use crate::harness::TestApi;
use ticketgram_api::Scope;
use ticketgram_domain::WorkingHours;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tokyo_desk_gets_its_report_in_tokyo_days() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::ReportsRead]).await;
    // What `/hours Asia/Tokyo 24/7` in the settings bot stores: the instance's own settings
    // still say UTC, the desk's profile says Tokyo.
    let tokyo: WorkingHours =
        serde_json::from_value(serde_json::json!({ "time_zone": "Asia/Tokyo", "week": "24/7" }))
            .expect("hours");
    api.store
        .write(async |tx| {
            tx.set_working_hours(api.ws, &tokyo, chrono::Utc::now())
                .await
        })
        .await
        .expect("hours saved");

    let (status, report) = api
        .get("/reports?from=2026-12-03&to=2026-12-03", &token)
        .await;
    assert_eq!(status, 200, "{report:#}");
    assert_eq!(report["time_zone"], "Asia/Tokyo", "{report:#}");
    let period: ticketgram_domain::ReportPeriod =
        serde_json::from_value(report["period"].clone()).expect("a period");
    // Midnight in Tokyo is 15:00 UTC the day before.
    assert_eq!(period.start.to_rfc3339(), "2026-12-02T15:00:00+00:00");
    assert_eq!(period.end.to_rfc3339(), "2026-12-03T15:00:00+00:00");
    let days = report["trend"].as_array().expect("trend");
    assert_eq!(days.len(), 1, "{report:#}");
    assert_eq!(days[0]["date"], "2026-12-03", "{report:#}");
    api.stop().await;
}
