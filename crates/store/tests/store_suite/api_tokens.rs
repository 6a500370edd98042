//! REST API tokens: found by hash only, listed per desk, revoked for good; idempotency keys.

use crate::helpers::{at, client_writes_in, new_agent, open_desk, TestDb};
use crate::on_both_backends;
use std::time::Duration;
use ticketgram_domain::{ReportPeriod, WorkspaceId};
use ticketgram_store::{IdempotentReplay, NewApiToken, Store, StoreError};

on_both_backends!(
    a_token_is_found_by_its_hash_and_listed_with_its_desk,
    a_revoked_token_stays_revoked_and_other_desks_cannot_revoke_it,
    last_use_is_recorded_at_most_once_per_granularity,
    an_idempotency_key_is_claimed_once_and_replays_its_answer,
    client_attributes_are_replaced_only_by_the_platform,
    report_facts_cover_what_happened_in_the_period,
);

fn token(name: &str, hash: &str) -> NewApiToken {
    NewApiToken {
        name: name.into(),
        prefix: format!("tg_{}", &hash[..6]),
        token_hash: hash.into(),
        scopes: vec!["tickets:read".into(), "clients:write".into()],
        created_by: None,
        created_at: at(0),
    }
}

async fn create(store: &Store, ws: WorkspaceId, name: &str, hash: &str) -> i64 {
    store
        .write(async |tx| tx.create_api_token(ws, &token(name, hash)).await)
        .await
        .unwrap()
        .id
}

async fn a_token_is_found_by_its_hash_and_listed_with_its_desk(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let admin = store
        .write(async |tx| tx.upsert_agent(acme, &new_agent(42, "Olga")).await)
        .await
        .unwrap();
    let mut with_creator = token("backend", "aaaaaa11");
    with_creator.created_by = Some(admin.id);
    let created = store
        .write(async |tx| tx.create_api_token(acme, &with_creator).await)
        .await
        .unwrap();
    create(store, globex, "theirs", "bbbbbb22").await;

    let found = store
        .find_api_token_by_hash("aaaaaa11")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, created);
    assert_eq!(found.workspace, acme);
    assert_eq!(found.created_by, Some(admin.id));
    assert_eq!(found.scopes, ["tickets:read", "clients:write"]);
    assert!(store
        .find_api_token_by_hash("nope")
        .await
        .unwrap()
        .is_none());
    let listed: Vec<String> = store
        .api_tokens(acme)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(listed, ["backend"]);

    // A hash is unique across desks; an agent of another desk cannot be the creator.
    assert!(matches!(
        store
            .write(async |tx| tx.create_api_token(globex, &token("dup", "aaaaaa11")).await)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let mut foreign = token("foreign", "cccccc33");
    foreign.created_by = Some(admin.id);
    assert!(matches!(
        store
            .write(async |tx| tx.create_api_token(globex, &foreign).await)
            .await,
        Err(StoreError::Invalid(_))
    ));
}

async fn a_revoked_token_stays_revoked_and_other_desks_cannot_revoke_it(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let id = create(store, acme, "backend", "aaaaaa11").await;
    assert!(matches!(
        store
            .write(async |tx| tx.revoke_api_token(globex, id, at(1)).await)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(!store
        .find_api_token_by_hash("aaaaaa11")
        .await
        .unwrap()
        .unwrap()
        .is_revoked());
    store
        .write(async |tx| tx.revoke_api_token(acme, id, at(1)).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.revoke_api_token(acme, id, at(5)).await)
        .await
        .unwrap();
    let revoked = store
        .find_api_token_by_hash("aaaaaa11")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        revoked.revoked_at,
        Some(at(1)),
        "the first revocation counts"
    );
}

async fn last_use_is_recorded_at_most_once_per_granularity(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let id = create(store, acme, "backend", "aaaaaa11").await;
    let minute = Duration::from_secs(60);
    store
        .touch_api_token(acme, id, at(1), minute)
        .await
        .unwrap();
    store
        .touch_api_token(acme, id, at(1) + chrono::Duration::seconds(30), minute)
        .await
        .unwrap();
    assert_eq!(last_used(store, acme).await, Some(at(1)));
    store
        .touch_api_token(acme, id, at(3), minute)
        .await
        .unwrap();
    assert_eq!(last_used(store, acme).await, Some(at(3)));
}

async fn last_used(store: &Store, ws: WorkspaceId) -> Option<ticketgram_domain::Timestamp> {
    store.api_tokens(ws).await.unwrap()[0].last_used_at
}

async fn an_idempotency_key_is_claimed_once_and_replays_its_answer(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let token = create(store, acme, "backend", "aaaaaa11").await;
    let other = create(store, acme, "other", "bbbbbb22").await;
    let begin = |token: i64, hash: &'static str| async move {
        store
            .begin_idempotent(acme, token, "key-1", hash, at(0))
            .await
            .unwrap()
    };
    assert_eq!(begin(token, "h1").await, IdempotentReplay::First);
    assert_eq!(begin(token, "h1").await, IdempotentReplay::InProgress);
    assert_eq!(begin(token, "h2").await, IdempotentReplay::Mismatch);
    assert_eq!(
        begin(other, "h2").await,
        IdempotentReplay::First,
        "keys are per token"
    );
    store
        .write(async |tx| {
            tx.finish_idempotent(acme, token, "key-1", 201, "{\"number\":7}")
                .await
        })
        .await
        .unwrap();
    assert_eq!(
        begin(token, "h1").await,
        IdempotentReplay::Done {
            status: 201,
            body: "{\"number\":7}".into()
        }
    );
    store
        .abandon_idempotent(acme, other, "key-1")
        .await
        .unwrap();
    assert_eq!(begin(other, "h3").await, IdempotentReplay::First);
}

async fn client_attributes_are_replaced_only_by_the_platform(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let attributes = serde_json::json!({ "orders": 12, "reputation": 4.8 });
    store
        .write(async |tx| tx.set_client_attributes(acme, anna.id, &attributes).await)
        .await
        .unwrap();
    // Anna writes again: her Telegram profile is refreshed, the attributes stay.
    client_writes_in(store, acme, 1001, "Anna").await;
    assert_eq!(
        store.client_attributes(acme, anna.id).await.unwrap(),
        attributes
    );
    assert!(matches!(
        store
            .write(async |tx| tx
                .set_client_attributes(acme, anna.id, &serde_json::json!([1]))
                .await)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store
            .write(async |tx| tx.set_client_attributes(globex, anna.id, &attributes).await)
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn report_facts_cover_what_happened_in_the_period(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(acme, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    let early = crate::helpers::open_ticket(store, acme, &anna, "Before", 0).await;
    crate::helpers::open_ticket(store, acme, &anna, "Inside", 120).await;
    // Created before the period, answered inside it: it counts.
    store
        .write(async |tx| {
            tx.record_agent_reply(acme, early.id, kate.id, at(125))
                .await
        })
        .await
        .unwrap();
    let period = ReportPeriod {
        start: at(60),
        end: at(180),
    };
    let facts = store.report_facts(acme, &period).await.unwrap();
    let numbers: Vec<i64> = facts.iter().map(|f| f.number.0).collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(facts[0].agent, Some(kate.id));
    assert_eq!(facts[0].first_response_at, Some(at(125)));
    assert!(store
        .report_facts(globex, &period)
        .await
        .unwrap()
        .is_empty());
}
