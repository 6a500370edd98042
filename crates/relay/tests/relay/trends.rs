//! The spike watch: a desk that usually gets one request in this hour of the week gets twelve;
//! the admin hears of it in the manager bot with example tickets — once, however often the
//! clock looks within the hour — while an ordinary hour raises nothing.

use crate::harness::{text_of, TestDesk};
use chrono::Duration;
use ticketgram_relay::trends::{self, Series};

#[tokio::test]
async fn a_sudden_rush_of_requests_is_told_to_the_admins_once() {
    let desk = TestDesk::start().await;
    let (olga, _) = desk.admin("Olga").await;
    let now = chrono::Utc::now();
    // Four ordinary weeks: one request in this hour of the week, and a few at other hours.
    let mut past = Vec::new();
    for week in 1..=4 {
        let same_hour = now - Duration::weeks(week) - Duration::minutes(30);
        past.push(same_hour);
        past.push(same_hour - Duration::hours(5));
        past.push(same_hour + Duration::hours(26));
    }
    desk.past_tickets(500_001, &past, &[]).await;
    let relay = crate::harness::relay_desk(&desk);
    assert!(
        trends::watch(&relay, now).await.expect("watch").is_empty(),
        "an ordinary hour is no spike"
    );

    // Twelve in the last hour.
    let rush: Vec<_> = (0..12)
        .map(|i| now - Duration::minutes(55 - 4 * i))
        .collect();
    desk.past_tickets(500_002, &rush, &[]).await;
    let alerts = trends::watch(&relay, now).await.expect("watch");
    let all = alerts
        .iter()
        .find(|a| a.series == Series::All)
        .expect("all requests spiked");
    assert_eq!((all.latest, all.baseline), (12.0, 1.0));
    assert_eq!(all.examples.len(), 3);
    let alert = desk
        .agent_gets(
            olga,
            "Spike — All requests: 12 new in the last hour, usually 1.0",
        )
        .await;
    let newest = all.examples[0].to_string();
    assert!(text_of(&alert).contains(&newest), "{alert:#}");

    // The clock looks again within the hour: no second message.
    trends::watch(&relay, now).await.expect("watch");
    desk.settled().await;
    let told = desk
        .agent_inbox(olga)
        .iter()
        .filter(|m| text_of(m).contains("Spike — All requests"))
        .count();
    assert_eq!(told, 1);
}
