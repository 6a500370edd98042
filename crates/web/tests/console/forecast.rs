//! A support lead plans the next two weeks: eight weeks of Monday rushes behind the desk, the
//! forecast page shows Monday's peak, more agents on Monday 10:00 than on Sunday 03:00 (the
//! desk is closed then), the typical error and the assumptions; the export holds every hour.
//! A desk three days old is told how long until the error can be measured.

use crate::harness::{get_typed as get, http, Console};
use chrono::{Datelike, Duration, DurationRound, NaiveDate, Weekday};
use ticketgram_domain::WorkingHours;
use ticketgram_testkit::history::monday_rush_history;

/// The desk works Monday to Friday, 08:00–20:00 UTC.
async fn weekday_hours(console: &Console) {
    let hours: WorkingHours = serde_json::from_value(
        serde_json::json!({ "time_zone": "UTC", "week": "Mon-Fri 08:00-20:00" }),
    )
    .expect("hours");
    console
        .store
        .write(async |tx| {
            tx.set_working_hours(console.ws, &hours, chrono::Utc::now())
                .await
        })
        .await
        .expect("hours saved");
}

struct Row {
    date: NaiveDate,
    hour: String,
    expected: f64,
    open: String,
    agents: u32,
}

fn rows(csv: &str) -> Vec<Row> {
    csv.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            Row {
                date: cells[0].parse().expect("a date"),
                hour: cells[1].to_string(),
                expected: cells[2].parse().expect("expected tickets"),
                open: cells[5].to_string(),
                agents: cells[6].parse().expect("agents"),
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_sees_the_monday_rush_coming_and_the_agents_it_takes() {
    let console = Console::start().await;
    weekday_hours(&console).await;
    // Twenty tickets, one a day at noon, that Kate answered 5 minutes after they came and
    // resolved 20 minutes after her reply.
    let today = chrono::Utc::now().date_naive();
    let handled: Vec<_> = (1..=20)
        .map(|n| {
            let noon = (today - Duration::days(n)).and_hms_opt(12, 5, 0).unwrap();
            (noon.and_utc(), Duration::minutes(5), Duration::minutes(25))
        })
        .collect();
    console
        .past_tickets(700_001, &monday_rush_history(56), &handled)
        .await;
    let session = console.session(&console.admin).await;

    let (status, _, page) = get(&console, &session.cookie, "/reports/forecast").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<svg id=\"forecast-days\"") && page.contains("<svg id=\"forecast-hours\"")
    );
    assert!(page.contains("id=\"staffing\""));
    assert!(
        page.contains("Typical error ") && page.contains("same-hour-last-week guess: "),
        "{page}"
    );
    assert!(
        page.contains("Handling time 20 min: the median time"),
        "{page}"
    );
    assert!(
        page.contains("First reply within 240 min for 80 % of tickets"),
        "{page}"
    );
    assert!(!page.contains("id=\"needs-history\""));
    // The reports page leads here.
    let (_, _, reports) = get(&console, &session.cookie, "/reports").await;
    assert!(reports.contains("href=\"/reports/forecast\""));

    let (status, kind, csv) = get(&console, &session.cookie, "/reports/forecast.csv").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"));
    let hours = rows(&csv);
    assert_eq!(hours.len(), 336, "14 days of 24 hours");
    let on = |weekday: Weekday, hour: &str| {
        hours
            .iter()
            .find(|r| r.date.weekday() == weekday && r.hour == hour)
            .expect("every weekday and hour is in the 14 days")
    };
    let (rush, night) = (on(Weekday::Mon, "10:00"), on(Weekday::Sun, "03:00"));
    assert!(
        rush.expected > 8.0,
        "Monday 10:00 expects {}",
        rush.expected
    );
    assert!(rush.agents > night.agents);
    assert_eq!((night.open.as_str(), night.agents), ("closed", 0));
    let day_total = |weekday: Weekday| -> f64 {
        let first = hours
            .iter()
            .find(|r| r.date.weekday() == weekday)
            .unwrap()
            .date;
        hours
            .iter()
            .filter(|r| r.date == first)
            .map(|r| r.expected)
            .sum()
    };
    assert!(day_total(Weekday::Mon) > 1.5 * day_total(Weekday::Tue));

    let xlsx = http()
        .get(console.url("/reports/forecast.xlsx"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("xlsx");
    assert_eq!(xlsx.status().as_u16(), 200);
    let disposition = xlsx.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains("ticketgram-forecast-"),
        "{disposition}"
    );
    assert!(xlsx.bytes().await.expect("bytes").starts_with(b"PK"));

    // An agent does not plan the roster.
    let agent = console.session(&console.agent).await;
    let (status, _, _) = get(&console, &agent.cookie, "/reports/forecast").await;
    assert_eq!(status, 403);
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_three_days_old_learns_how_long_until_the_error_can_be_measured() {
    let console = Console::start().await;
    let session = console.session(&console.admin).await;

    // No history at all: no forecast yet, and the page says how much history it needs.
    let (status, _, page) = get(&console, &session.cookie, "/reports/forecast").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("The forecast needs 2 more days of ticket history"),
        "{page}"
    );

    let until = chrono::Utc::now()
        .duration_trunc(Duration::hours(1))
        .unwrap();
    let mut times = monday_rush_history(3);
    times.push(until - Duration::hours(72) + Duration::minutes(1));
    console.past_tickets(700_002, &times, &[]).await;
    let (status, _, page) = get(&console, &session.cookie, "/reports/forecast").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("The typical error can be measured after 18 more days of history."),
        "{page}"
    );
    assert!(
        page.contains("id=\"staffing\""),
        "a forecast from the daily pattern"
    );
    assert!(page.contains("assumed: no ticket was resolved"), "{page}");
    console.stop().await;
}
