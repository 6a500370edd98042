//! Outgoing Telegram calls: ordered per key, retried, dead-lettered, taken over, never doubled.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;
use futures::future::join_all;
use std::collections::HashSet;
use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};
use ticketgram_store::{NewOutboxJob, OutboxStatus, Store, StoreError};

on_both_backends!(
    messages_to_one_chat_leave_in_order_and_a_retry_holds_back_the_rest,
    a_hopeless_message_is_dead_lettered_and_unblocks_its_chat,
    a_killed_instance_s_jobs_are_taken_over,
    concurrent_claimers_never_get_the_same_job,
    enqueue_joins_the_caller_s_transaction,
    re_handling_an_update_does_not_queue_its_reply_twice,
    an_instance_only_sends_for_the_bots_it_polls,
);

const LEASE: Duration = Duration::from_secs(60);

fn job(key: &str, text: &str, created: Timestamp) -> NewOutboxJob {
    NewOutboxJob {
        bot_id: 555,
        ordering_key: key.into(),
        payload: serde_json::json!({ "method": "sendMessage", "text": text }).to_string(),
        not_before: created,
        created_at: created,
        dedupe_key: None,
    }
}

async fn enqueue(store: &Store, ws: WorkspaceId, key: &str, text: &str) -> i64 {
    store
        .write(async |tx| tx.enqueue(ws, &job(key, text, at(0))).await)
        .await
        .unwrap()
}

fn ids(jobs: &[ticketgram_store::OutboxJob]) -> Vec<i64> {
    jobs.iter().map(|j| j.id).collect()
}

async fn messages_to_one_chat_leave_in_order_and_a_retry_holds_back_the_rest(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let first = enqueue(store, ws, "chat:1001", "Hello").await;
    let second = enqueue(store, ws, "chat:1001", "We are on it").await;
    let other_chat = enqueue(store, ws, "chat:2002", "Hi Boris").await;

    // Only the head of each chat's queue is handed out.
    let claimed = store.claim_due("a", at(1), LEASE, 10).await.unwrap();
    assert_eq!(ids(&claimed), [first, other_chat]);
    assert_eq!(claimed[0].attempts, 1);
    assert!(store
        .claim_due("a", at(1), LEASE, 10)
        .await
        .unwrap()
        .is_empty());

    // Telegram says 429 for the first message: it waits, and so does the one behind it.
    store
        .write(async |tx| {
            tx.retry_later(first, "a", at(5), "429 Too Many Requests", 0)
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.complete(other_chat, "a", Some(r#"{"message_id":1}"#), at(1))
                .await
        })
        .await
        .unwrap();
    assert!(store
        .claim_due("a", at(2), LEASE, 10)
        .await
        .unwrap()
        .is_empty());

    let retried = store.claim_due("a", at(5), LEASE, 10).await.unwrap();
    assert_eq!(ids(&retried), [first]);
    assert_eq!(
        (retried[0].attempts, retried[0].last_error.as_deref()),
        (2, Some("429 Too Many Requests"))
    );
    store
        .write(async |tx| tx.complete(first, "a", None, at(5)).await)
        .await
        .unwrap();
    assert_eq!(
        ids(&store.claim_due("a", at(5), LEASE, 10).await.unwrap()),
        [second]
    );
    store
        .write(async |tx| tx.complete(second, "a", None, at(6)).await)
        .await
        .unwrap();
    assert_eq!(store.pending_count(ws).await.unwrap(), 0);
    assert_eq!(
        store
            .outbox_job(ws, other_chat)
            .await
            .unwrap()
            .result
            .as_deref(),
        Some(r#"{"message_id":1}"#)
    );
}

async fn a_hopeless_message_is_dead_lettered_and_unblocks_its_chat(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let doomed = enqueue(store, ws, "chat:1001", "Hello").await;
    let next = enqueue(store, ws, "chat:1001", "Are you there?").await;
    assert_eq!(store.pending_count(ws).await.unwrap(), 2);

    assert_eq!(
        ids(&store.claim_due("a", at(1), LEASE, 10).await.unwrap()),
        [doomed]
    );
    store
        .write(async |tx| {
            tx.mark_dead(doomed, "a", "403 bot was blocked by the user", at(1))
                .await
        })
        .await
        .unwrap();

    let dead = store.dead_jobs(ws).await.unwrap();
    assert_eq!(ids(&dead), [doomed]);
    assert_eq!(
        (dead[0].status, dead[0].last_error.as_deref()),
        (OutboxStatus::Dead, Some("403 bot was blocked by the user"))
    );
    assert_eq!(
        ids(&store.claim_due("a", at(1), LEASE, 10).await.unwrap()),
        [next]
    );

    // An operator fixes the cause and requeues it.
    store
        .write(async |tx| tx.requeue_dead(ws, doomed, at(2)).await)
        .await
        .unwrap();
    assert!(store.dead_jobs(ws).await.unwrap().is_empty());
    assert_eq!(store.pending_count(ws).await.unwrap(), 2);
}

async fn a_killed_instance_s_jobs_are_taken_over(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let job = enqueue(&db.store, ws, "ticket:42", "Your ticket #42 is open").await;
    let b = db.second_instance().await;

    assert_eq!(
        ids(&db
            .store
            .claim_due("instance-a", at(1), LEASE, 10)
            .await
            .unwrap()),
        [job]
    );
    // Instance A dies. Until its claim expires nobody else sends the job...
    assert!(b
        .claim_due(
            "instance-b",
            at(1) + chrono::Duration::seconds(59),
            LEASE,
            10
        )
        .await
        .unwrap()
        .is_empty());
    // ...then B takes it over.
    let taken = b
        .claim_due(
            "instance-b",
            at(2) + chrono::Duration::seconds(1),
            LEASE,
            10,
        )
        .await
        .unwrap();
    assert_eq!(ids(&taken), [job]);
    assert_eq!(
        (taken[0].claimed_by.as_deref(), taken[0].attempts),
        (Some("instance-b"), 2)
    );

    // A zombie A finishing late is told it lost the job.
    assert!(matches!(
        db.store
            .write(async |tx| tx.complete(job, "instance-a", None, at(3)).await)
            .await,
        Err(StoreError::Conflict(_))
    ));
    b.write(async |tx| tx.complete(job, "instance-b", None, at(3)).await)
        .await
        .unwrap();
}

async fn concurrent_claimers_never_get_the_same_job(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    for chat in 0..60 {
        enqueue(&db.store, ws, &format!("chat:{chat}"), "Hello").await;
    }
    let b = db.second_instance().await;

    // Four workers on two instances claim in small batches until the queue is empty.
    let workers = (0..4).map(|w| {
        let store = if w % 2 == 0 {
            db.store.clone()
        } else {
            b.clone()
        };
        tokio::spawn(async move {
            let me = format!("worker-{w}");
            let mut mine = Vec::new();
            loop {
                let batch = store.claim_due(&me, at(1), LEASE, 3).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|j| j.id));
            }
        })
    });
    let mut seen = HashSet::new();
    for claimed in join_all(workers).await {
        for id in claimed.unwrap() {
            assert!(seen.insert(id), "job {id} was claimed twice");
        }
    }
    assert_eq!(seen.len(), 60);
}

async fn enqueue_joins_the_caller_s_transaction(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;

    let rolled_back = store.begin_tx().await.unwrap();
    rolled_back
        .enqueue(ws, &job("chat:1", "never sent", at(0)))
        .await
        .unwrap();
    // Inside the transaction its own job is visible; outside, nothing is yet.
    assert_eq!(rolled_back.pending_count(ws).await.unwrap(), 1);
    assert_eq!(store.pending_count(ws).await.unwrap(), 0);
    rolled_back.rollback().await;
    assert_eq!(store.pending_count(ws).await.unwrap(), 0);

    let committed = store.begin_tx().await.unwrap();
    committed
        .enqueue(ws, &job("chat:1", "sent", at(0)))
        .await
        .unwrap();
    committed.commit().await.unwrap();
    assert_eq!(store.pending_count(ws).await.unwrap(), 1);
}

async fn re_handling_an_update_does_not_queue_its_reply_twice(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let reply = NewOutboxJob {
        dedupe_key: Some("update:555:100:reply".into()),
        ..job("chat:1001", "Got it", at(0))
    };

    let first = store
        .write(async |tx| tx.enqueue(ws, &reply).await)
        .await
        .unwrap();
    // We crashed after enqueueing but before marking update 100 processed; it runs again.
    let again = store
        .write(async |tx| tx.enqueue(ws, &reply).await)
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(store.pending_count(ws).await.unwrap(), 1);
    // Jobs without a key are never merged.
    enqueue(store, ws, "chat:1001", "Anything else?").await;
    enqueue(store, ws, "chat:1001", "Anything else?").await;
    assert_eq!(store.pending_count(ws).await.unwrap(), 3);
}

async fn an_instance_only_sends_for_the_bots_it_polls(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let for_client_bot = enqueue(store, ws, "chat:1001", "Hello").await;
    let for_manager_bot = store
        .write(async |tx| {
            tx.enqueue(
                ws,
                &NewOutboxJob {
                    bot_id: 777,
                    ..job("chat:-100", "New ticket", at(0))
                },
            )
            .await
        })
        .await
        .unwrap();

    assert!(store
        .claim_due_for_bots("a", &[], at(1), LEASE, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(&store
            .claim_due_for_bots("a", &[777], at(1), LEASE, 10)
            .await
            .unwrap()),
        [for_manager_bot]
    );
    assert_eq!(
        ids(&store
            .claim_due_for_bots("b", &[555, 888], at(1), LEASE, 10)
            .await
            .unwrap()),
        [for_client_bot]
    );
}
