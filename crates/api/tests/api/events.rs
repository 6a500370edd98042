//! `POST /events`: the platform warns Anna before she has to complain — her payment is stuck,
//! the client bot tells her so; the same event reported again changes nothing; a risky
//! dispute opens a ticket for the agents; after the day's alerts she gets no more, and once she
//! presses "No more alerts" the platform is told she opted out. An event the desk cannot word
//! (an unknown type, a field its text needs) is refused and recorded nowhere.

use crate::harness::TestApi;
use serde_json::json;
use ticketgram_api::Scope;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_warns_a_client_before_she_complains() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::EventsWrite]).await;
    let anna = api.client("Anna");
    api.says(&anna, "Hello");
    api.client_gets(&anna, "#1000").await;
    let client = json!({ "telegram_user_id": anna.user });

    let stuck = json!({ "id": "evt-1", "type": "payment_stuck", "client": client,
        "data": { "order": "A-77" } });
    let (status, outcome) = api.post("/events", &token, stuck.clone()).await;
    assert_eq!(status, 201, "{outcome:#}");
    assert_eq!(outcome["delivery"], "sent");
    assert_eq!(outcome["repeated"], false);
    api.client_gets(
        &anna,
        "Your payment for order A-77 is taking longer than usual",
    )
    .await;
    let (status, again) = api.post("/events", &token, stuck).await;
    assert_eq!(
        (status, &again["repeated"]),
        (200, &json!(true)),
        "{again:#}"
    );
    assert_eq!(again["delivery"], "sent");

    let (status, refused) = api
        .post(
            "/events",
            &token,
            json!({ "id": "evt-2", "type": "milestone_not_confirmed",
            "client": client, "data": { "order": "A-77" } }),
        )
        .await;
    assert_eq!(status, 422, "{refused:#}");
    assert!(refused.to_string().contains("milestone"), "{refused:#}");
    let (status, _) = api
        .post(
            "/events",
            &token,
            json!({ "id": "evt-2", "type": "weather",
            "client": client, "data": {} }),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = api
        .post(
            "/events",
            &token,
            json!({ "id": "evt-2", "type": "payment_stuck",
            "client": { "telegram_user_id": 999_999_999 }, "data": { "order": "A-1" } }),
        )
        .await;
    assert_eq!(status, 404);

    // A risky dispute: a ticket for the agents, high priority.
    let dispute = json!({ "id": "evt-2", "type": "dispute_opened", "client": client,
        "data": { "order": "A-77" }, "risk": 85 });
    let (status, outcome) = api.post("/events", &token, dispute).await;
    assert_eq!(status, 201, "{outcome:#}");
    let number = outcome["ticket"].as_i64().expect("a ticket");
    let ticket = api.ticket(number).await;
    assert_eq!(ticket.priority, ticketgram_domain::Priority::High);

    // Three a day by default: the fourth is held back.
    let late = json!({ "id": "evt-3", "type": "delivery_late", "client": client,
        "data": { "order": "A-78" } });
    let (_, outcome) = api.post("/events", &token, late).await;
    assert_eq!(outcome["delivery"], "sent");
    let (_, outcome) = api
        .post(
            "/events",
            &token,
            json!({ "id": "evt-4", "type": "delivery_late",
            "client": client, "data": { "order": "A-79" } }),
        )
        .await;
    assert_eq!(outcome["delivery"], "rate_limited", "{outcome:#}");

    // Anna says no more.
    api.client_presses(&anna, "No more alerts").await;
    api.client_gets(&anna, "You will get no more alerts").await;
    api.settled().await;
    let (_, outcome) = api
        .post(
            "/events",
            &token,
            json!({ "id": "evt-5", "type": "payment_stuck",
            "client": client, "data": { "order": "A-80" } }),
        )
        .await;
    assert_eq!(outcome["delivery"], "opted_out", "{outcome:#}");

    let reader = api.token(&[Scope::TicketsRead]).await;
    let (status, _) = api
        .post(
            "/events",
            &reader,
            json!({ "id": "evt-6", "type": "payment_stuck",
            "client": client, "data": { "order": "A-80" } }),
        )
        .await;
    assert_eq!(status, 403);
}
