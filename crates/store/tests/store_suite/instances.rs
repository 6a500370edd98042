//! Several instances share a desk's bots: each knows who else runs and how many bots each
//! holds, a draining or dead instance no longer counts, and a released lease wakes whoever
//! waits for it.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;
use std::time::Duration;
use ticketgram_store::{Backend, Incarnation, InstanceLoad};

on_both_backends!(
    each_live_instance_is_listed_with_the_bots_it_holds,
    a_draining_or_dead_instance_is_no_longer_counted,
    a_restarted_instance_replaces_its_predecessor_among_the_instances,
    a_released_lease_wakes_whoever_waits_for_it
);

const TTL: Duration = Duration::from_secs(5);

fn secs(s: i64) -> ticketgram_domain::Timestamp {
    at(0) + chrono::Duration::seconds(s)
}

fn load(id: &str, bots: u64) -> InstanceLoad {
    InstanceLoad {
        id: id.into(),
        bots,
    }
}

async fn each_live_instance_is_listed_with_the_bots_it_holds(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let other = open_desk(store, "other").await;
    for id in ["a", "b", "c"] {
        store
            .write(async |tx| tx.beat_instance(acme, id, TTL, secs(0)).await)
            .await
            .unwrap();
    }
    // An instance of another desk on the same database is not one of ours.
    store
        .write(async |tx| tx.beat_instance(other, "z", TTL, secs(0)).await)
        .await
        .unwrap();
    for (lease, holder) in [("bot:1", "a"), ("bot:2", "a"), ("bot:3", "b")] {
        assert!(store
            .try_acquire_lease(lease, holder, TTL, secs(0))
            .await
            .unwrap());
    }
    // Only bot leases count, and only while they last.
    assert!(store
        .try_acquire_lease("report:weekly", "c", TTL, secs(0))
        .await
        .unwrap());
    assert!(store
        .try_acquire_lease("bot:4", "c", Duration::from_secs(1), secs(0))
        .await
        .unwrap());

    assert_eq!(
        store.instance_loads(acme, secs(2)).await.unwrap(),
        vec![load("a", 2), load("b", 1), load("c", 0)]
    );
}

async fn a_draining_or_dead_instance_is_no_longer_counted(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    for id in ["a", "b", "c"] {
        store
            .write(async |tx| tx.beat_instance(ws, id, TTL, secs(0)).await)
            .await
            .unwrap();
    }
    // `a` renews; `b` drains (a renewal does not undo it); `c` is killed and lapses.
    store
        .write(async |tx| tx.beat_instance(ws, "a", TTL, secs(4)).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.drain_instance("b").await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.beat_instance(ws, "b", TTL, secs(4)).await)
        .await
        .unwrap();
    assert_eq!(
        store.instance_loads(ws, secs(4)).await.unwrap(),
        vec![load("a", 0), load("c", 0)]
    );
    assert_eq!(
        store.instance_loads(ws, secs(6)).await.unwrap(),
        vec![load("a", 0)]
    );
    store
        .write(async |tx| tx.retire_instance("a").await)
        .await
        .unwrap();
    assert_eq!(store.instance_loads(ws, secs(6)).await.unwrap(), vec![]);
}

async fn a_restarted_instance_replaces_its_predecessor_among_the_instances(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let killed = Incarnation::start("helpdesk-1");
    let neighbour = Incarnation::start("helpdesk-10");
    for me in [&killed, &neighbour] {
        store
            .write(async |tx| tx.beat_instance(ws, me.id(), TTL, secs(0)).await)
            .await
            .unwrap();
    }
    let restarted = Incarnation::start("helpdesk-1");
    store
        .write(async |tx| {
            tx.take_over_from_predecessors(&restarted, secs(1)).await?;
            tx.beat_instance(ws, restarted.id(), TTL, secs(1)).await
        })
        .await
        .unwrap();
    let mut expected = vec![load(neighbour.id(), 0), load(restarted.id(), 0)];
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(store.instance_loads(ws, secs(1)).await.unwrap(), expected);
}

async fn a_released_lease_wakes_whoever_waits_for_it(db: TestDb) {
    let store = &db.store;
    let mut here = store.lease_releases();
    // Another instance hears it through PostgreSQL; SQLite runs one instance.
    let second = db.second_instance().await;
    let mut there = (store.backend() == Backend::Postgres).then(|| second.lease_releases());
    assert!(store
        .try_acquire_lease("bot:1", "a", TTL, chrono::Utc::now())
        .await
        .unwrap());
    // On PostgreSQL each instance hears releases on a connection of its own, which rings once
    // when it listens: wait for that, so what follows is the release.
    if let Some(there) = there.as_mut() {
        bounded(here.released()).await;
        bounded(there.released()).await;
    }

    // Releasing what we do not hold wakes nobody; releasing the lease wakes both.
    assert!(!store.release_lease("bot:1", "b").await.unwrap());
    assert!(store.release_lease("bot:1", "a").await.unwrap());
    bounded(here.released()).await;
    if let Some(there) = there.as_mut() {
        bounded(there.released()).await;
    }
    second.close().await;
}

/// A wait that fails the story rather than hanging it.
async fn bounded(wait: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(ticketgram_testkit::WAIT, wait)
        .await
        .expect("the release was heard");
}
