//! Webhook endpoints and deliveries: fan-out by subscription, produced once, claimed once,
//! retried, given up visibly.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use futures::future::join_all;
use std::collections::HashSet;
use std::time::Duration;
use ticketgram_domain::{Actor, TicketStatus};
use ticketgram_store::{
    DeliveryStatus, NewWebhookEndpoint, NewWebhookEvent, Store, StoreError, WebhookEndpointChange,
    WebhookSource,
};

on_both_backends!(
    endpoints_are_created_changed_and_deleted_per_desk,
    events_fan_out_to_subscribed_endpoints_once,
    the_sources_are_tailed_from_where_the_cursor_started,
    what_follows_an_endpoint_is_told_however_late_the_worker_starts,
    a_delivery_is_retried_then_delivered_or_given_up,
    concurrent_senders_never_claim_the_same_delivery,
);

const LEASE: Duration = Duration::from_secs(60);

fn endpoint(url: &str, events: &[&str]) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: url.into(),
        secret: "whsec_0123456789abcdef".into(),
        events: events.iter().map(|e| e.to_string()).collect(),
        created_at: at(0),
    }
}

fn event(id: &str, event_type: &str) -> NewWebhookEvent {
    NewWebhookEvent {
        event_id: id.into(),
        event_type: event_type.into(),
        payload: format!("{{\"id\":\"{id}\"}}"),
    }
}

async fn endpoints_are_created_changed_and_deleted_per_desk(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let hook = store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://a.example/h", &["ticket.rated"]))
                .await
        })
        .await
        .unwrap();
    assert!(hook.active);
    assert!(hook.wants("ticket.rated") && !hook.wants("ticket.created"));
    assert!(store.webhook_endpoints(globex).await.unwrap().is_empty());
    assert!(matches!(
        store.webhook_endpoint(globex, hook.id).await,
        Err(StoreError::NotFound)
    ));
    let change = WebhookEndpointChange {
        active: Some(false),
        events: Some(vec![]),
        ..WebhookEndpointChange::default()
    };
    assert!(matches!(
        store
            .write(async |tx| tx.change_webhook_endpoint(globex, hook.id, &change).await)
            .await,
        Err(StoreError::NotFound)
    ));
    let changed = store
        .write(async |tx| tx.change_webhook_endpoint(acme, hook.id, &change).await)
        .await
        .unwrap();
    assert!(!changed.active && changed.wants("ticket.created"));
    assert_eq!(changed.url, "https://a.example/h", "untouched fields stay");
    store
        .produce_webhook_events(
            acme,
            WebhookSource::TicketEvents,
            1,
            &[event("e1", "ticket.rated")],
            at(1),
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .write(async |tx| tx.delete_webhook_endpoint(globex, hook.id).await)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .write(async |tx| tx.delete_webhook_endpoint(acme, hook.id).await)
        .await
        .unwrap();
    assert!(store.webhook_endpoints(acme).await.unwrap().is_empty());
}

async fn events_fan_out_to_subscribed_endpoints_once(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let all = store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://all", &[]))
                .await
        })
        .await
        .unwrap();
    let rated = store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://rated", &["ticket.rated"]))
                .await
        })
        .await
        .unwrap();
    let off = store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://off", &[]))
                .await
        })
        .await
        .unwrap();
    let change = WebhookEndpointChange {
        active: Some(false),
        ..Default::default()
    };
    store
        .write(async |tx| tx.change_webhook_endpoint(acme, off.id, &change).await)
        .await
        .unwrap();
    let theirs = store
        .write(async |tx| {
            tx.create_webhook_endpoint(globex, &endpoint("https://theirs", &[]))
                .await
        })
        .await
        .unwrap();

    let events = [event("e1", "ticket.created"), event("e2", "ticket.rated")];
    let queued = store
        .produce_webhook_events(acme, WebhookSource::TicketEvents, 10, &events, at(1))
        .await
        .unwrap();
    assert_eq!(
        queued, 3,
        "all gets both, rated gets one, inactive and other desk none"
    );
    // Produced again after a crash before the cursor moved: nothing doubles.
    let again = store
        .produce_webhook_events(acme, WebhookSource::TicketEvents, 10, &events, at(2))
        .await
        .unwrap();
    assert_eq!(again, 0);
    assert_eq!(
        store
            .webhook_cursor(acme, WebhookSource::TicketEvents)
            .await
            .unwrap(),
        10
    );
    assert_eq!(
        store
            .webhook_cursor(acme, WebhookSource::Messages)
            .await
            .unwrap(),
        0
    );
    let types = |list: Vec<ticketgram_store::WebhookDelivery>| -> Vec<String> {
        list.into_iter().map(|d| d.event_type).collect()
    };
    assert_eq!(
        types(
            store
                .webhook_deliveries(acme, all.id, None, 10)
                .await
                .unwrap()
        ),
        ["ticket.rated", "ticket.created"]
    );
    assert_eq!(
        types(
            store
                .webhook_deliveries(acme, rated.id, None, 10)
                .await
                .unwrap()
        ),
        ["ticket.rated"]
    );
    assert!(store
        .webhook_deliveries(acme, off.id, None, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .webhook_deliveries(acme, theirs.id, None, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .webhook_deliveries(globex, all.id, None, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn the_sources_are_tailed_from_where_the_cursor_started(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let old = open_ticket(store, acme, &anna, "History", 0).await;
    store
        .start_webhook_cursor(acme, WebhookSource::TicketEvents)
        .await
        .unwrap();
    store
        .start_webhook_cursor(acme, WebhookSource::Messages)
        .await
        .unwrap();
    let start = store
        .webhook_cursor(acme, WebhookSource::TicketEvents)
        .await
        .unwrap();
    assert!(start > 0, "history before webhooks existed is skipped");

    store
        .write(async |tx| {
            tx.change_status(
                acme,
                old.id,
                TicketStatus::Closed,
                Actor::Client(anna.id),
                at(1),
            )
            .await
        })
        .await
        .unwrap();
    let boris = client_writes_in(store, globex, 2002, "Boris").await;
    open_ticket(store, globex, &boris, "Not ours", 2).await;
    let events = store.ticket_events_after(acme, start, 100).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["status_changed"]);
    assert_eq!(events[0].to, Some(TicketStatus::Closed));
    // Starting again does not move a cursor that exists.
    store
        .produce_webhook_events(acme, WebhookSource::TicketEvents, events[0].id, &[], at(2))
        .await
        .unwrap();
    store
        .start_webhook_cursor(acme, WebhookSource::TicketEvents)
        .await
        .unwrap();
    assert_eq!(
        store
            .webhook_cursor(acme, WebhookSource::TicketEvents)
            .await
            .unwrap(),
        events[0].id
    );
    let message_cursor = store
        .webhook_cursor(acme, WebhookSource::Messages)
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.add_message(
                acme,
                &ticketgram_store::NewMessage {
                    ticket: old.id,
                    direction: ticketgram_domain::MessageDirection::Client,
                    author_agent: None,
                    text: Some("thanks".into()),
                    media: vec![],
                    created_at: at(3),
                },
            )
            .await
        })
        .await
        .unwrap();
    let messages = store
        .messages_after(acme, message_cursor, 100)
        .await
        .unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].text.as_deref(), Some("thanks"));
}

async fn queue_one(store: &Store) -> (ticketgram_domain::WorkspaceId, i64) {
    let acme = open_desk(store, "acme").await;
    let hook = store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://h", &[]))
                .await
        })
        .await
        .unwrap();
    store
        .produce_webhook_events(
            acme,
            WebhookSource::Messages,
            1,
            &[event("m1", "message.created")],
            at(0),
        )
        .await
        .unwrap();
    (acme, hook.id)
}

/// The integration team registers its endpoint; a client writes before the webhook worker
/// has looked at the desk even once (a slow start, a busy database). The worker starting its
/// cursors then must not skip what the endpoint should already have been told.
async fn what_follows_an_endpoint_is_told_however_late_the_worker_starts(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    open_ticket(store, acme, &anna, "Before any endpoint", 0).await;
    store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://a.example/h", &[]))
                .await
        })
        .await
        .unwrap();
    let registered = store
        .webhook_cursor(acme, WebhookSource::TicketEvents)
        .await
        .unwrap();
    assert!(
        registered > 0,
        "history before the endpoint is not replayed"
    );
    open_ticket(store, acme, &anna, "Payout stuck", 1).await;
    // Only now does the worker start its cursors: they stay where the endpoint put them.
    for source in [WebhookSource::TicketEvents, WebhookSource::Messages] {
        store.start_webhook_cursor(acme, source).await.unwrap();
    }
    let cursor = store
        .webhook_cursor(acme, WebhookSource::TicketEvents)
        .await
        .unwrap();
    assert_eq!(cursor, registered);
    let waiting = store.ticket_events_after(acme, cursor, 100).await.unwrap();
    assert!(
        waiting.iter().any(|e| e.kind == "created"),
        "the ticket opened after the endpoint is still to be told: {waiting:?}"
    );
}

async fn a_delivery_is_retried_then_delivered_or_given_up(db: TestDb) {
    let store = &db.store;
    let (acme, hook) = queue_one(store).await;

    let claimed = store
        .claim_webhook_deliveries("a", at(1), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].url, "https://h");
    assert_eq!(claimed[0].secret, "whsec_0123456789abcdef");
    let id = claimed[0].delivery.id;
    assert_eq!(claimed[0].delivery.attempts, 1);
    assert!(store
        .claim_webhook_deliveries("b", at(1), LEASE, 10)
        .await
        .unwrap()
        .is_empty());

    store
        .webhook_retry_later(id, "a", at(5), "answered HTTP 500")
        .await
        .unwrap();
    assert!(store
        .claim_webhook_deliveries("a", at(4), LEASE, 10)
        .await
        .unwrap()
        .is_empty());
    let again = store
        .claim_webhook_deliveries("b", at(5), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(again[0].delivery.attempts, 2);
    assert_eq!(
        again[0].delivery.last_error.as_deref(),
        Some("answered HTTP 500")
    );
    // "a" lost its claim: it cannot record an outcome any more.
    assert!(matches!(
        store.webhook_delivered(id, "a", at(6)).await,
        Err(StoreError::Conflict(_))
    ));
    store.webhook_delivered(id, "b", at(6)).await.unwrap();
    let done = store
        .webhook_deliveries(acme, hook, Some(DeliveryStatus::Delivered), 10)
        .await
        .unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].delivered_at, Some(at(6)));
    assert!(store
        .claim_webhook_deliveries("a", at(100), LEASE, 10)
        .await
        .unwrap()
        .is_empty());

    // A second event that never gets through is given up and stays visible.
    store
        .produce_webhook_events(
            acme,
            WebhookSource::Messages,
            2,
            &[event("m2", "message.created")],
            at(7),
        )
        .await
        .unwrap();
    let hopeless = store
        .claim_webhook_deliveries("a", at(7), LEASE, 10)
        .await
        .unwrap();
    store
        .webhook_dead(hopeless[0].delivery.id, "a", "no answer")
        .await
        .unwrap();
    let dead = store
        .webhook_deliveries(acme, hook, Some(DeliveryStatus::Dead), 10)
        .await
        .unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].last_error.as_deref(), Some("no answer"));
    assert!(store
        .claim_webhook_deliveries("a", at(1000), LEASE, 10)
        .await
        .unwrap()
        .is_empty());

    // A claim that expires (a killed instance) is taken over.
    store
        .produce_webhook_events(
            acme,
            WebhookSource::Messages,
            3,
            &[event("m3", "message.created")],
            at(8),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_webhook_deliveries("a", at(8), LEASE, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let taken = store
        .claim_webhook_deliveries("b", at(8) + chrono::Duration::minutes(2), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(taken.len(), 1);
}

async fn concurrent_senders_never_claim_the_same_delivery(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    store
        .write(async |tx| {
            tx.create_webhook_endpoint(acme, &endpoint("https://h", &[]))
                .await
        })
        .await
        .unwrap();
    let events: Vec<_> = (0..40)
        .map(|i| event(&format!("e{i}"), "ticket.created"))
        .collect();
    store
        .produce_webhook_events(acme, WebhookSource::TicketEvents, 40, &events, at(0))
        .await
        .unwrap();
    let instances: Vec<Store> = join_all((0..4).map(|_| db.second_instance())).await;
    let claims = join_all(instances.iter().enumerate().map(|(i, s)| async move {
        let name = format!("instance-{i}");
        let mut mine = Vec::new();
        loop {
            let got = s
                .claim_webhook_deliveries(&name, at(1), LEASE, 3)
                .await
                .unwrap();
            if got.is_empty() {
                return mine;
            }
            mine.extend(got.into_iter().map(|c| c.delivery.id));
        }
    }))
    .await;
    let all: Vec<i64> = claims.into_iter().flatten().collect();
    let unique: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 40);
    assert_eq!(unique.len(), 40, "a delivery was claimed twice");
    for s in instances {
        s.close().await;
    }
}
