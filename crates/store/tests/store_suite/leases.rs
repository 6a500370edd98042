//! Exactly one instance polls each bot; a dead instance's bot is taken over.

use crate::helpers::{at, TestDb};
use crate::on_both_backends;
use futures::future::join_all;
use std::time::Duration;

on_both_backends!(
    one_poller_per_bot_and_takeover_after_expiry,
    racing_instances_elect_one_holder
);

const TTL: Duration = Duration::from_secs(30);

async fn one_poller_per_bot_and_takeover_after_expiry(db: TestDb) {
    let store = &db.store;
    let lease = "poll:bot:555";
    let t = |secs: i64| at(0) + chrono::Duration::seconds(secs);

    assert!(store
        .try_acquire_lease(lease, "instance-a", TTL, t(0))
        .await
        .unwrap());
    assert!(!store
        .try_acquire_lease(lease, "instance-b", TTL, t(10))
        .await
        .unwrap());
    // A renews in time.
    assert!(store
        .try_acquire_lease(lease, "instance-a", TTL, t(20))
        .await
        .unwrap());
    assert!(!store
        .try_acquire_lease(lease, "instance-b", TTL, t(45))
        .await
        .unwrap());
    assert_eq!(
        store.lease_holder(lease, t(45)).await.unwrap().as_deref(),
        Some("instance-a")
    );

    // A is killed and stops renewing; once the lease lapses B takes over and A is locked out.
    assert!(store
        .try_acquire_lease(lease, "instance-b", TTL, t(51))
        .await
        .unwrap());
    assert!(!store
        .try_acquire_lease(lease, "instance-a", TTL, t(52))
        .await
        .unwrap());
    assert!(!store.release_lease(lease, "instance-a").await.unwrap());

    // B shuts down cleanly and hands the bot over at once.
    assert!(store.release_lease(lease, "instance-b").await.unwrap());
    assert_eq!(store.lease_holder(lease, t(53)).await.unwrap(), None);
    assert!(store
        .try_acquire_lease(lease, "instance-a", TTL, t(53))
        .await
        .unwrap());
}

async fn racing_instances_elect_one_holder(db: TestDb) {
    let second = db.second_instance().await;
    let attempts = join_all((0..10).map(|i| {
        let store = if i % 2 == 0 {
            db.store.clone()
        } else {
            second.clone()
        };
        tokio::spawn(async move {
            store
                .try_acquire_lease("poll:bot:777", &format!("instance-{i}"), TTL, at(0))
                .await
        })
    }))
    .await;
    let winners = attempts
        .into_iter()
        .filter(|a| *a.as_ref().unwrap().as_ref().unwrap())
        .count();
    assert_eq!(winners, 1);
}
