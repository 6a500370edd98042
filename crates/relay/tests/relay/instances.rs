//! Several `ticketgram` instances sharing one PostgreSQL: one polls and applies a bot's
//! updates at a time, and a killed instance's work is taken over.

use crate::harness::*;
use ticketgram_sandbox::SandboxConfig;

#[tokio::test]
async fn two_instances_share_one_database_and_the_survivor_takes_over_a_killed_one() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let mut desk = TestDesk::start_on(SandboxConfig::default(), Some(db.url.clone())).await;
    let first = desk.take_relay().expect("first instance");
    let second = desk.relay_named("second-instance").start();
    let lena = desk.client("Lena", "en");

    desk.says(&lena, "Question for a cluster");
    desk.client_gets(&lena, "Request #1000 created").await;
    for i in 1..=3 {
        desk.says(&lena, &format!("before {i}"));
    }
    desk.thread_sees(1000, |m| {
        said(m).iter().filter(|t| t.starts_with("before ")).count() >= 3
    })
    .await;
    // A loaded machine may let the short lease lapse between renewals for a moment: ask
    // until someone holds it.
    let lease = ticketgram_relay::intake::lease_name(desk.bot.id);
    let mut holder = None;
    for _ in 0..200 {
        holder = desk
            .store
            .lease_holder(&lease, chrono::Utc::now())
            .await
            .expect("store");
        if holder.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let holder = holder.expect("someone holds the bot");

    // The instance holding the bot dies without letting go; the other one takes over once its
    // lease expires, and nothing is lost or doubled. (It dies between deliveries: a send that
    // Telegram accepted but the dying instance never recorded is sent again, the one
    // at-least-once edge documented in docs/relay.md.)
    desk.settled().await;
    let survivor_name = if holder == "test-instance" {
        first.kill().await;
        second
    } else {
        second.kill().await;
        first
    };
    for i in 1..=3 {
        desk.says(&lena, &format!("after {i}"));
    }
    desk.agent_comments(desk.kate.0, 1000, "answered by the cluster")
        .await;
    desk.client_gets(&lena, "answered by the cluster").await;
    let thread = desk
        .thread_sees(1000, |m| {
            said(m).iter().filter(|t| t.starts_with("after ")).count() >= 3
        })
        .await;
    desk.settled().await;
    let relayed: Vec<String> = said(&thread)
        .into_iter()
        .filter(|t| t.starts_with("before ") || t.starts_with("after "))
        .collect();
    assert_eq!(
        relayed,
        ["before 1", "before 2", "before 3", "after 1", "after 2", "after 3"]
    );
    let replies = desk.client_sees(&lena, |_| true).await;
    assert_eq!(
        replies
            .iter()
            .filter(|m| text_of(m).contains("answered by the cluster"))
            .count(),
        1
    );
    survivor_name.shutdown().await;
    drop(desk);
    drop(db);
}

/// A stopping instance lets its bot go, and the instance waiting for it — on a database
/// connection of its own, as another process would be — takes it at once: it hears of the
/// release (PostgreSQL `NOTIFY`) instead of sleeping until the old lease would have lapsed.
#[tokio::test]
async fn a_released_bot_is_taken_at_once_by_the_instance_waiting_for_it() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let mut desk = TestDesk::start_on(SandboxConfig::default(), Some(db.url.clone())).await;
    let first = desk.take_relay().expect("first instance");
    let lease = ticketgram_relay::intake::lease_name(desk.bot.id);
    let store = desk.store.clone();
    let held_by = |holder: &'static str| {
        let store = store.clone();
        let lease = lease.clone();
        move || {
            let store = store.clone();
            let lease = lease.clone();
            async move {
                let now = chrono::Utc::now();
                match store.lease_holder(&lease, now).await {
                    Ok(Some(h)) if h == holder => Ok(now),
                    other => Err(format!("{other:?}")),
                }
            }
        }
    };
    eventually("the first instance polls the bot", held_by("test-instance")).await;
    let mut second = desk.relay_named("second-instance");
    second.desk.store = ticketgram_store::Store::connect(&db.url)
        .await
        .expect("the second instance's own connections");
    let second = second.start();
    // The second one has read the lease and sleeps until it ends (or it is released).
    eventually("the second instance waits for the bot", || async {
        desk.store
            .lease(&lease)
            .await
            .map(|l| l.is_some_and(|l| l.holder == "test-instance"))
            .unwrap_or(false)
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let lapses_at = desk
        .store
        .lease(&lease)
        .await
        .expect("store")
        .expect("held")
        .expires_at;
    first.shutdown().await;
    let taken_at = eventually(
        "the second instance polls the bot",
        held_by("second-instance"),
    )
    .await;
    assert!(
        taken_at < lapses_at,
        "taken at {taken_at}, though the released lease would only have lapsed at {lapses_at}"
    );
    println!(
        "the released bot was taken {} ms before its lease would have lapsed",
        (lapses_at - taken_at).num_milliseconds()
    );
    second.shutdown().await;
    drop(desk);
    drop(db);
}
