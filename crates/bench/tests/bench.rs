//! The benchmark's own check: a tiny run must deliver every message exactly once and fill
//! in its report. Timing is never asserted here; figures belong in docs/benchmarks.md.

use std::time::Duration;
use ticketgram_bench::{run, BenchConfig, Pace};

#[tokio::test]
async fn a_tiny_run_delivers_everything_exactly_once() {
    let report = run(BenchConfig {
        database_url: "sqlite:".into(),
        clients: 3,
        messages_per_client: 2,
        flood_limits: false,
        update_lanes: 4,
        duration_cap: Duration::from_secs(60),
        shards: 1,
        helpers: 0,
        pace: Pace::Closed,
    })
    .await
    .expect("the benchmark runs");

    let d = &report.delivery;
    assert_eq!(d.expected, 9, "{report}");
    assert_eq!((d.sent, d.delivered_once), (9, 9), "{report}");
    assert_eq!(
        (d.lost, d.duplicated, d.misrouted, d.unexpected),
        (0, 0, 0, 0),
        "{report}"
    );
    assert_eq!(d.cards_posted, 3, "{report}");
    assert!(d.exactly_once, "{report}");
    assert!(!report.capped, "{report}");
    assert_eq!(report.backend, "sqlite");
    assert_eq!((report.tickets.count, report.relay.count), (3, 6));
    assert_eq!(
        (report.ticket_latency.samples, report.relay_latency.samples),
        (3, 6)
    );

    let json = serde_json::to_value(&report).expect("serializes");
    for field in [
        "tickets",
        "relay",
        "ticket_latency",
        "relay_latency",
        "memory",
        "delivery",
    ] {
        assert!(json.get(field).is_some(), "{field} missing from {json:#}");
    }
    assert!(json.pointer("/relay_latency/p99_ms").is_some());
    assert!(json.pointer("/memory/peak_rss_kib").is_some());
}

/// Clients who write on their own schedule (an open loop: one follow-up every 100 ms each,
/// whether or not the last one arrived) still get every message through exactly once, and
/// the report says what load was offered.
#[tokio::test]
async fn an_open_loop_run_offers_a_fixed_rate_and_delivers_everything_once() {
    let report = run(BenchConfig {
        database_url: "sqlite:".into(),
        clients: 3,
        messages_per_client: 4,
        flood_limits: false,
        update_lanes: 4,
        duration_cap: Duration::from_secs(60),
        shards: 1,
        helpers: 0,
        pace: Pace::Open {
            every: Duration::from_millis(100),
        },
    })
    .await
    .expect("the benchmark runs");
    let d = &report.delivery;
    assert_eq!(
        (d.sent, d.delivered_once, d.expected),
        (15, 15, 15),
        "{report}"
    );
    assert!(d.exactly_once, "{report}");
    assert_eq!(report.offered_per_minute, Some(1800.0));
    assert_eq!(report.relay_latency.samples, 12);
    assert!(report.to_string().contains("open loop"), "{report}");
}

/// On PostgreSQL a backlog from many chats is applied in several transactions side by side
/// (`DeskConfig::update_lanes`): forty clients writing at once still get every message
/// through exactly once, and every ticket its one card.
#[tokio::test]
async fn on_postgresql_lanes_of_chats_deliver_everything_exactly_once() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("TEST_DATABASE_URL is not set: the PostgreSQL run is skipped");
        return;
    };
    let report = run(BenchConfig {
        database_url: url,
        clients: 40,
        messages_per_client: 4,
        flood_limits: false,
        update_lanes: 4,
        duration_cap: Duration::from_secs(120),
        shards: 1,
        helpers: 0,
        pace: Pace::Closed,
    })
    .await
    .expect("the benchmark runs");
    let d = &report.delivery;
    assert_eq!(d.expected, 200, "{report}");
    assert_eq!((d.sent, d.delivered_once), (200, 200), "{report}");
    assert_eq!(
        (d.lost, d.duplicated, d.misrouted, d.unexpected),
        (0, 0, 0, 0),
        "{report}"
    );
    assert_eq!(d.cards_posted, 40, "{report}");
    assert_eq!(report.backend, "postgres");
}

/// With Telegram's limits on, tickets spread over three agents' channels and two helper bots
/// post beside the desk's bot: every message still reaches its own thread exactly once
/// (joined comments count each line), and every ticket has its one card.
#[tokio::test]
async fn spread_over_groups_and_helper_bots_everything_arrives_once() {
    let report = run(BenchConfig {
        database_url: "sqlite:".into(),
        clients: 6,
        messages_per_client: 3,
        flood_limits: true,
        update_lanes: 4,
        duration_cap: Duration::from_secs(300),
        shards: 3,
        helpers: 2,
        pace: Pace::Closed,
    })
    .await
    .expect("the benchmark runs");
    let d = &report.delivery;
    assert_eq!(
        (d.sent, d.delivered_once, d.expected),
        (24, 24, 24),
        "{report}"
    );
    assert!(d.exactly_once, "{report}");
    assert_eq!(d.cards_posted, 6, "{report}");
    assert!(
        report.to_string().contains("3 group(s), 2 helper bot(s)"),
        "{report}"
    );
}
