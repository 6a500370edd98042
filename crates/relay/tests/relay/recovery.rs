//! Fast recovery and a quiet idle desk: a restarted process resumes what its killed
//! predecessor had under way at once, a surviving instance takes a dead one's bot and
//! messages over within a few seconds, and a desk with nothing to do writes nothing.

use crate::harness::*;
use std::time::Duration;
use ticketgram_relay::jobs::Delivery;
use ticketgram_relay::Relay;
use ticketgram_sandbox::SandboxConfig;
use ticketgram_store::{Incarnation, NewOutboxJob, OutboxStatus};

/// Longer than any test waits: a claim or lease this long can only end by being taken over.
const HOUR: Duration = Duration::from_secs(3600);

/// A notice for `client` queued as the desk would queue it.
async fn queue_notice(desk: &TestDesk, client: &Client, text: &str) -> i64 {
    let job = Delivery::Say {
        chat_id: client.chat.telegram_id(),
        text: text.into(),
        keyboard: None,
    };
    let now = chrono::Utc::now();
    let new = NewOutboxJob {
        bot_id: desk.bot.id,
        ordering_key: job.ordering_key(None),
        payload: serde_json::to_string(&job).expect("job encodes"),
        not_before: now,
        created_at: now,
        dedupe_key: None,
    };
    desk.store
        .write(async |tx| tx.enqueue(desk.ws, &new).await)
        .await
        .expect("queued")
}

/// The relay a process of `incarnation` runs, with the lease and claims it holds lasting `ttl`.
fn relay_of(desk: &TestDesk, incarnation: &Incarnation, ttl: Duration) -> Relay {
    let mut relay = desk.relay_named(incarnation.id());
    relay.desk.config.lease_ttl = ttl;
    relay.desk.config.claim_ttl = ttl;
    relay
}

/// What `serve` does first: end what earlier runs of this instance left in flight.
async fn restart_as(desk: &TestDesk, incarnation: &Incarnation) {
    desk.store
        .write(async |tx| {
            tx.take_over_from_predecessors(incarnation, chrono::Utc::now())
                .await
        })
        .await
        .expect("take over");
}

#[tokio::test]
async fn a_restarted_process_sends_what_its_killed_predecessor_had_claimed_at_once() {
    let mut desk = TestDesk::start().await;
    desk.stop_relay().await;
    let bob = desk.client("Bob", "en");
    let before_the_crash = Incarnation::start("helpdesk-1");
    let first = relay_of(&desk, &before_the_crash, HOUR).start();
    desk.says(&bob, "My parcel never arrived");
    desk.client_gets(&bob, "Request #1000 created").await;
    desk.settled().await;

    // The process had just picked up a notice for Bob when it was killed: its claim (and its
    // hold on the bot) would last an hour.
    first.kill().await;
    let notice = queue_notice(&desk, &bob, "Your parcel was found").await;
    let claimed = desk
        .store
        .claim_due_for_bots(
            before_the_crash.id(),
            &[desk.bot.id],
            chrono::Utc::now(),
            HOUR,
            10,
        )
        .await
        .expect("claim");
    assert_eq!(claimed.iter().map(|j| j.id).collect::<Vec<_>>(), [notice]);

    // The process comes back under the same name: the notice goes out and Bob's next message
    // is relayed, long before anything of its predecessor could have lapsed.
    let restarted = Incarnation::start("helpdesk-1");
    restart_as(&desk, &restarted).await;
    let second = relay_of(&desk, &restarted, HOUR).start();
    desk.client_gets(&bob, "Your parcel was found").await;
    desk.says(&bob, "Thank you!");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "Thank you!"))
        .await;
    desk.settled().await;
    let sent = desk.store.outbox_job(desk.ws, notice).await.expect("job");
    assert_eq!(sent.status, OutboxStatus::Done);
    assert_eq!(
        sent.attempts, 2,
        "claimed by the dead process, then by its successor"
    );
    assert_eq!(sent.claimed_by.as_deref(), Some(restarted.id()));
    second.shutdown().await;
}

/// How long a test lets a takeover take: a few leases, well below the minute it took when
/// leases lasted 30 s and claims 60 s.
const TAKEOVER: Duration = Duration::from_secs(20);
const SHORT: Duration = Duration::from_secs(2);

#[tokio::test]
async fn a_survivor_takes_a_dead_holder_s_bot_and_messages_over_within_a_few_seconds() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let mut desk = TestDesk::start_on(SandboxConfig::default(), Some(db.url.clone())).await;
    desk.stop_relay().await;
    let lena = desk.client("Lena", "en");
    let (one, two) = (
        Incarnation::start("helpdesk-1"),
        Incarnation::start("helpdesk-2"),
    );
    let first = relay_of(&desk, &one, SHORT).start();
    until_holder(&desk, &one, TAKEOVER).await;
    let second = relay_of(&desk, &two, SHORT).start();
    desk.says(&lena, "Where is my refund?");
    desk.client_gets(&lena, "Request #1000 created").await;
    desk.settled().await;

    // The holder dies without letting go, with one notice for Lena under way (claimed) and
    // another queued behind it.
    first.kill().await;
    let under_way = queue_notice(&desk, &lena, "Your refund was sent").await;
    let queued = queue_notice(&desk, &lena, "It arrives within 3 days").await;
    desk.store
        .claim_due_for_bots(one.id(), &[desk.bot.id], chrono::Utc::now(), SHORT, 10)
        .await
        .expect("claim");

    // The survivor takes the bot and both notices over within a few leases, in order, once.
    until_holder(&desk, &two, TAKEOVER).await;
    let seen = desk
        .client_sees_within(&lena, TAKEOVER, |m| {
            m.iter().any(|c| text_of(c) == "It arrives within 3 days")
        })
        .await;
    let notices: Vec<String> = seen
        .iter()
        .map(text_of)
        .filter(|t| t.starts_with("Your refund") || t.starts_with("It arrives"))
        .collect();
    assert_eq!(
        notices,
        ["Your refund was sent", "It arrives within 3 days"]
    );
    desk.settled().await;
    for id in [under_way, queued] {
        let job = desk.store.outbox_job(desk.ws, id).await.expect("job");
        assert_eq!(job.status, OutboxStatus::Done);
        assert_eq!(job.claimed_by.as_deref(), Some(two.id()));
    }
    // Its messages flow through the survivor from now on.
    desk.says(&lena, "Great, thanks");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "Great, thanks"))
        .await;
    second.shutdown().await;
    drop(desk);
    drop(db);
}

/// Waits (at most `within`) until `incarnation` holds the desk's bot.
async fn until_holder(desk: &TestDesk, incarnation: &Incarnation, within: Duration) {
    let lease = ticketgram_relay::intake::lease_name(desk.bot.id);
    let what = format!("{incarnation} to take the bot");
    eventually_within(within, &what, || async {
        let holder = desk
            .store
            .lease_holder(&lease, chrono::Utc::now())
            .await
            .expect("store");
        if holder.as_deref() == Some(incarnation.id()) {
            Ok(())
        } else {
            Err(format!("holder: {holder:?}"))
        }
    })
    .await
}

#[tokio::test]
async fn an_idle_desk_writes_nothing_while_its_bot_polls() {
    let mut desk = TestDesk::start().await;
    desk.stop_relay().await;
    let me = Incarnation::start("helpdesk-1");
    // Long polls of one second, so quiet rounds come quickly; a lease of an hour, so none of
    // them is near its end.
    let mut relay = relay_of(&desk, &me, HOUR);
    relay.desk.config.poll_timeout = Duration::from_secs(1);
    let relay = relay.start();
    let ada = desk.client("Ada", "en");
    desk.says(&ada, "Is the shop open on Sunday?");
    desk.client_gets(&ada, "Request #1000 created").await;
    desk.agent_comments(desk.kate.0, 1000, "Yes, from 10 to 4")
        .await;
    desk.client_gets(&ada, "Yes, from 10 to 4").await;
    desk.settled().await;

    // Let the last updates (the bot's own posts echoed back) be applied, then count.
    let bot = desk.bot.id;
    polls_pass(&desk, 2).await;
    let mut watcher = DatabaseWatcher::open(&desk.database_url).await;
    let lease = ticketgram_relay::intake::lease_name(bot);
    let lease_before = desk.store.lease(&lease).await.expect("store");
    let version = watcher.version().await;

    // Three long polls come back empty; before, each renewed the lease and the dispatcher
    // asked for jobs ten times a second.
    polls_pass(&desk, 3).await;
    assert_eq!(
        watcher.version().await,
        version,
        "the database changed while the desk was idle"
    );
    assert_eq!(
        desk.store.lease(&lease).await.expect("store"),
        lease_before,
        "the lease is not renewed while far from its end"
    );
    relay.shutdown().await;
}

/// Waits until the bot's long polls came back `n` more times.
async fn polls_pass(desk: &TestDesk, n: u64) {
    let world = desk.sandbox.world();
    let target = world.polls_answered(desk.bot.id) + n;
    eventually("the bot to poll again", || async {
        world.polls_answered(desk.bot.id) >= target
    })
    .await;
}

/// SQLite's count of commits made by other connections: it changes with every write the
/// relay commits and with nothing else.
struct DatabaseWatcher(sqlx::AnyConnection);

impl DatabaseWatcher {
    async fn open(url: &str) -> DatabaseWatcher {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        DatabaseWatcher(
            sqlx::AnyConnection::connect(url)
                .await
                .expect("watcher connects"),
        )
    }

    async fn version(&mut self) -> i64 {
        let (version,): (i64,) = sqlx::query_as("PRAGMA data_version")
            .fetch_one(&mut self.0)
            .await
            .expect("data_version");
        version
    }
}

/// The card reached the channel but its record was lost (the process died after Telegram
/// took it, or the database refused the outcome): the card's forward is recognised by the
/// number the card starts with, the thread works at once, and the card's job, run again,
/// finds its card instead of posting a second one.
#[tokio::test]
async fn a_card_whose_record_was_lost_is_adopted_from_its_forward_not_posted_twice() {
    let desk = TestDesk::start().await;
    let world = desk.sandbox.world();
    let cards = || world.call_count(desk.bot.id, "sendMessage", Some(desk.channel));
    desk.faults.fail_every("delivery");
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "Where is my payout?");
    world
        .wait_for(desk.channel, WAIT, |posts| !posts.is_empty())
        .await
        .expect("the card reaches the channel");

    // Nothing the dispatcher sends is being recorded, yet the forward gives the ticket its
    // thread.
    desk.thread(1000).await;
    desk.faults.heal();
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c) == "Where is my payout?")
    })
    .await;
    desk.settled().await;
    assert_eq!(cards(), 1, "one card for #1000");

    desk.agent_comments(desk.kate.0, 1000, "It left our bank today")
        .await;
    desk.client_gets(&anna, "It left our bank today").await;
    desk.settled().await;
    assert_eq!(cards(), 1, "still one card for #1000");
}
