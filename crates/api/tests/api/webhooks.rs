//! Outgoing webhooks against a local receiver that checks every signature.

use crate::harness::TestApi;
use crate::receiver::{register, Receiver};
use serde_json::json;
use ticketgram_api::Scope;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_delivery_is_retried_and_delivered_once() {
    retried_and_delivered_once(TestApi::start().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_a_failed_delivery_is_retried_and_delivered_once() {
    if let Some(api) = TestApi::start_on_postgres().await {
        retried_and_delivered_once(api).await;
    }
}

async fn retried_and_delivered_once(api: TestApi) {
    let token = api
        .token(&[
            Scope::WebhooksManage,
            Scope::TicketsWrite,
            Scope::TicketsRead,
        ])
        .await;
    let (rx, url) = Receiver::start(1).await;
    let hook = register(&api, &token, &rx, &url, json!(["ticket.created"])).await;

    let anna = api.client("Anna");
    let (status, _) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Payout stuck" }),
        )
        .await;
    assert_eq!(status, 201);

    let seen = rx.until(|seen| seen.len() >= 2).await;
    assert_eq!(seen[0].answered, 500);
    assert_eq!(seen[1].answered, 200);
    assert_eq!(
        seen[0].delivery, seen[1].delivery,
        "the same delivery, retried"
    );
    assert_eq!(
        seen[0].webhook_id, seen[1].webhook_id,
        "one id on every attempt"
    );
    assert_eq!(seen[0].webhook_id, seen[0].body["id"]);
    for received in &seen {
        assert!(received.signature_ok, "bad signature on {received:#?}");
        assert_eq!(received.standard, Ok(()), "{received:#?}");
        assert_eq!(received.event, "ticket.created");
        assert_eq!(received.body["type"], "ticket.created");
        assert_eq!(received.body["data"]["ticket"]["number"], 1000);
    }
    let deliveries = api
        .eventually(&format!("/webhooks/{hook}/deliveries"), &token, |list| {
            list["deliveries"][0]["status"] == "delivered"
        })
        .await;
    let deliveries = deliveries["deliveries"].as_array().unwrap();
    assert_eq!(deliveries.len(), 1, "{deliveries:#?}");
    assert_eq!(deliveries[0]["attempts"], 2);
    assert_eq!(
        rx.seen.lock().unwrap().len(),
        2,
        "delivered once, then left alone"
    );
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_status_changes_and_ratings_become_events_but_notes_do_not() {
    let api = TestApi::start().await;
    let token = api
        .token(&[
            Scope::WebhooksManage,
            Scope::TicketsWrite,
            Scope::TicketsRead,
        ])
        .await;
    let (rx, url) = Receiver::start(0).await;
    register(&api, &token, &rx, &url, json!([])).await;

    let anna = api.client("Anna");
    let (status, _) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Payout stuck" }),
        )
        .await;
    assert_eq!(status, 201);
    let ticket = api
        .store
        .find_ticket_by_number(api.ws, ticketgram_domain::TicketNumber(1000))
        .await
        .unwrap()
        .unwrap();
    let (status, _) = api
        .post(
            "/tickets/1000/replies",
            &token,
            json!({ "text": "Fixed, sorry" }),
        )
        .await;
    assert_eq!(status, 201);
    api.store
        .write(async |tx| {
            tx.add_message(
                api.ws,
                &ticketgram_store::NewMessage {
                    ticket: ticket.id,
                    direction: ticketgram_domain::MessageDirection::InternalNote,
                    author_agent: Some(api.kate.id),
                    text: Some("secret note".into()),
                    media: vec![],
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .unwrap();
    let (status, _) = api
        .post(
            "/tickets/1000/status",
            &token,
            json!({ "status": "closed" }),
        )
        .await;
    assert_eq!(status, 200);
    api.store
        .write(async |tx| {
            tx.rate_ticket(
                api.ws,
                ticket.id,
                ticketgram_domain::Rating::new(5).unwrap(),
                Some("quick".into()),
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .unwrap();

    // One batch is sent concurrently: wait for all of it, in whatever order it lands.
    let seen = rx
        .until(|seen| {
            let has = |t: &str| seen.iter().any(|r| r.event == t);
            has("ticket.rated")
                && has("ticket.created")
                && seen.iter().any(|r| r.body["data"]["to"] == "closed")
                && seen.iter().filter(|r| r.event == "message.created").count() >= 2
        })
        .await;
    let types: Vec<&str> = seen.iter().map(|r| r.event.as_str()).collect();
    for expected in [
        "ticket.created",
        "message.created",
        "ticket.status_changed",
        "ticket.rated",
    ] {
        assert!(types.contains(&expected), "no {expected} in {types:?}");
    }
    let mut directions: Vec<&str> = seen
        .iter()
        .filter(|r| r.event == "message.created")
        .map(|r| r.body["data"]["message"]["direction"].as_str().unwrap())
        .collect();
    directions.sort();
    assert_eq!(directions, ["agent", "client"]);
    let everything: String = seen.iter().map(|r| r.body.to_string()).collect();
    assert!(!everything.contains("secret note"));
    let closed = seen
        .iter()
        .find(|r| r.event == "ticket.status_changed" && r.body["data"]["to"] == "closed")
        .expect("the close");
    assert_eq!(closed.body["data"]["actor"]["kind"], "agent");
    let rated = seen.iter().find(|r| r.event == "ticket.rated").unwrap();
    assert_eq!(rated.body["data"]["rating"], 5);
    assert!(seen.iter().all(|r| r.signature_ok && r.standard.is_ok()));
    // Event ids are unique: nothing was produced twice.
    let mut ids: Vec<&str> = seen
        .iter()
        .map(|r| r.body["id"].as_str().unwrap())
        .collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before);
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_that_never_gets_through_is_given_up_and_shown_dead() {
    let api = TestApi::start_retrying(ticketgram_api::RetryPolicy {
        first_delay: std::time::Duration::from_millis(200),
        max_delay: std::time::Duration::from_millis(400),
        give_up_after: std::time::Duration::from_secs(1),
    })
    .await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    let (rx, url) = Receiver::start(usize::MAX).await;
    let hook = register(&api, &token, &rx, &url, json!(["ticket.created"])).await;
    let anna = api.client("Anna");
    let (status, _) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Hi" }),
        )
        .await;
    assert_eq!(status, 201);
    let dead = api
        .eventually(
            &format!("/webhooks/{hook}/deliveries?status=dead"),
            &token,
            |list| !list["deliveries"].as_array().unwrap().is_empty(),
        )
        .await;
    let dead = &dead["deliveries"][0];
    assert_eq!(dead["event_type"], "ticket.created");
    assert_eq!(dead["last_error"], "answered HTTP 500");
    let attempts = dead["attempts"].as_i64().unwrap();
    assert!(attempts >= 2, "retried before giving up: {dead:#}");
    assert_eq!(rx.seen.lock().unwrap().len() as i64, attempts);
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoints_are_managed_through_the_api() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::WebhooksManage]).await;
    let (status, bad) = api
        .post("/webhooks", &token, json!({ "url": "ftp://example.com" }))
        .await;
    assert_eq!(status, 422, "{bad:#}");
    let (status, bad) = api
        .post(
            "/webhooks",
            &token,
            json!({ "url": "https://example.com/h", "events": ["ticket.deleted"] }),
        )
        .await;
    assert_eq!(status, 422, "{bad:#}");
    let (status, created) = api
        .post(
            "/webhooks",
            &token,
            json!({ "url": "https://example.com/h", "events": ["ticket.rated"] }),
        )
        .await;
    assert_eq!(status, 201);
    let id = created["id"].as_i64().unwrap();
    let (status, changed) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/webhooks/{id}"),
            Some(&token),
            Some(json!({ "active": false, "events": [] })),
        )
        .await;
    assert_eq!(status, 200, "{changed:#}");
    assert_eq!(changed["active"], false);
    assert_eq!(changed["events"], json!([]));
    let (status, one) = api.get(&format!("/webhooks/{id}"), &token).await;
    assert_eq!(status, 200);
    assert_eq!(one["url"], "https://example.com/h");
    let (status, _) = api
        .call(
            reqwest::Method::DELETE,
            &format!("/webhooks/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = api.get(&format!("/webhooks/{id}"), &token).await;
    assert_eq!(status, 404);
    api.stop().await;
}

/// The platform subscribes to `dispute.accepted` to tell the counterparty: when the client
/// bot's dispute form hands a dispute to the desk (the relay writes the acceptance into the
/// ticket's history in the hand-off's transaction), the platform receives the dispute as
/// submitted and when the desk promised to answer, signed like every delivery.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_hears_of_an_accepted_dispute_with_its_promised_answer() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    let (rx, url) = Receiver::start(0).await;
    register(&api, &token, &rx, &url, json!(["dispute.accepted"])).await;

    let ben = api.client("Ben");
    let (status, _) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": ben.user, "first_name": "Ben" }, "text": "Dispute A-1042" }),
        )
        .await;
    assert_eq!(status, 201);
    let ticket = api
        .store
        .find_ticket_by_number(api.ws, ticketgram_domain::TicketNumber(1000))
        .await
        .unwrap()
        .unwrap();
    // What the relay's hand-off records (crates/relay/src/client_bot/dispute.rs).
    let dispute = json!({
        "order": "A-1042",
        "order_check": "found",
        "dispute_type": "quality",
        "reason": "The logo arrived in the wrong colours",
        "evidence": 2,
        "answer_within_hours": 24,
    });
    api.store
        .write(async |tx| {
            tx.record_dispute_accepted(api.ws, ticket.id, dispute.clone(), chrono::Utc::now())
                .await
        })
        .await
        .unwrap();

    let seen = rx.until(|seen| !seen.is_empty()).await;
    let received = &seen[0];
    assert!(received.signature_ok, "bad signature on {received:#?}");
    assert_eq!(received.event, "dispute.accepted");
    assert_eq!(received.body["data"]["ticket"]["number"], 1000);
    assert_eq!(received.body["data"]["dispute"], dispute);
    assert_eq!(
        rx.seen.lock().unwrap().len(),
        1,
        "only the subscribed event: not ticket.created"
    );
    api.stop().await;
}
