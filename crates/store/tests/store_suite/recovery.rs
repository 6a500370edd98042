//! Fast recovery: a restarted process ends what its dead predecessor held at once, a call
//! under way keeps its short claim alive, and an idle outbox says when it next needs a sender.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;
use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};
use ticketgram_store::{Incarnation, NewOutboxJob, NewWebhookEndpoint, NewWebhookEvent, Store};
use ticketgram_store::{TakenOver, WebhookSource};

on_both_backends!(
    a_restarted_instance_ends_its_predecessor_s_claims_and_lease_at_once,
    a_call_under_way_keeps_its_short_claim_and_a_dead_one_lapses,
    an_idle_outbox_says_when_it_next_needs_a_sender,
);

const HOUR: Duration = Duration::from_secs(3600);
const SHORT: Duration = Duration::from_secs(5);

fn secs(s: i64) -> Timestamp {
    at(0) + chrono::Duration::seconds(s)
}

fn job(bot: i64, key: &str, not_before: Timestamp) -> NewOutboxJob {
    NewOutboxJob {
        bot_id: bot,
        ordering_key: key.into(),
        payload: r#"{"method":"sendMessage"}"#.into(),
        not_before,
        created_at: at(0),
        dedupe_key: None,
    }
}

async fn enqueue(store: &Store, ws: WorkspaceId, job: NewOutboxJob) -> i64 {
    store
        .write(async |tx| tx.enqueue(ws, &job).await)
        .await
        .unwrap()
}

async fn a_restarted_instance_ends_its_predecessor_s_claims_and_lease_at_once(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let before_the_crash = Incarnation::start("helpdesk-1");
    // Another live instance, and one whose name merely starts the same way.
    let neighbour = Incarnation::start("helpdesk-2");
    let lookalike = Incarnation::start("helpdesk-10");

    // The first process polled bot 555 and had two replies on their way when it was killed;
    // its neighbours hold their own bot and reply.
    for (bot, holder) in [(555, &before_the_crash), (556, &neighbour)] {
        assert!(store
            .try_acquire_lease(&format!("bot:{bot}"), holder.id(), HOUR, at(0))
            .await
            .unwrap());
    }
    let dead_jobs = [
        enqueue(store, ws, job(555, "chat:1", at(0))).await,
        enqueue(store, ws, job(555, "chat:2", at(0))).await,
    ];
    let neighbours_job = enqueue(store, ws, job(556, "chat:3", at(0))).await;
    let lookalikes_job = enqueue(store, ws, job(557, "chat:4", at(0))).await;
    for (holder, bot) in [
        (&before_the_crash, 555),
        (&neighbour, 556),
        (&lookalike, 557),
    ] {
        store
            .claim_due_for_bots(holder.id(), &[bot], at(0), HOUR, 10)
            .await
            .unwrap();
    }
    let delivery = in_flight_webhook(store, ws, &before_the_crash).await;

    // The restarted process takes it all back at once, though every claim had an hour left.
    let restarted = Incarnation::start("helpdesk-1");
    let now = secs(3);
    let taken = store
        .write(async |tx| tx.take_over_from_predecessors(&restarted, now).await)
        .await
        .unwrap();
    assert_eq!(
        taken,
        TakenOver {
            leases: 1,
            jobs: 2,
            deliveries: 1
        }
    );
    assert_eq!(store.lease_holder("bot:555", now).await.unwrap(), None);
    assert!(store
        .try_acquire_lease("bot:555", restarted.id(), SHORT, now)
        .await
        .unwrap());
    let resent = store
        .claim_due(restarted.id(), now, SHORT, 10)
        .await
        .unwrap();
    assert_eq!(
        resent.iter().map(|j| j.id).collect::<Vec<_>>(),
        dead_jobs,
        "only the predecessor's jobs, not its neighbours'"
    );
    assert!(resent.iter().all(|j| j.attempts == 2));
    let redelivered = store
        .claim_webhook_deliveries(restarted.id(), now, SHORT, 10)
        .await
        .unwrap();
    assert_eq!(
        redelivered
            .iter()
            .map(|d| d.delivery.id)
            .collect::<Vec<_>>(),
        [delivery]
    );

    // The neighbours keep what they hold.
    assert_eq!(
        store.lease_holder("bot:556", now).await.unwrap().as_deref(),
        Some(neighbour.id())
    );
    for (id, holder) in [(neighbours_job, &neighbour), (lookalikes_job, &lookalike)] {
        let job = store.outbox_job(ws, id).await.unwrap();
        assert_eq!(job.claimed_by.as_deref(), Some(holder.id()));
        assert_eq!(job.attempts, 1);
    }

    // A second look finds nothing left; the new incarnation never ends its own claims.
    let again = store
        .write(async |tx| tx.take_over_from_predecessors(&restarted, now).await)
        .await
        .unwrap();
    assert!(again.is_empty());
}

/// A delivery of one event to one endpoint, claimed by `holder` for an hour.
async fn in_flight_webhook(store: &Store, ws: WorkspaceId, holder: &Incarnation) -> i64 {
    store
        .write(async |tx| {
            tx.create_webhook_endpoint(
                ws,
                &NewWebhookEndpoint {
                    url: "https://crm.example/hooks".into(),
                    secret: "whsec_0123456789abcdef".into(),
                    events: vec![],
                    created_at: at(0),
                },
            )
            .await
        })
        .await
        .unwrap();
    let event = NewWebhookEvent {
        event_id: "evt_1".into(),
        event_type: "ticket.created".into(),
        payload: r#"{"id":"evt_1"}"#.into(),
    };
    store
        .produce_webhook_events(ws, WebhookSource::TicketEvents, 1, &[event], at(0))
        .await
        .unwrap();
    let claimed = store
        .claim_webhook_deliveries(holder.id(), at(0), HOUR, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    claimed[0].delivery.id
}

async fn a_call_under_way_keeps_its_short_claim_and_a_dead_one_lapses(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let slow = enqueue(store, ws, job(555, "chat:1", at(0))).await;
    let quick = enqueue(store, ws, job(555, "chat:2", at(0))).await;
    let claimed = store.claim_due("a", secs(0), SHORT, 10).await.unwrap();
    assert_eq!(claimed.len(), 2);
    store
        .write(async |tx| tx.complete(quick, "a", None, secs(1)).await)
        .await
        .unwrap();

    // Telegram is slow to answer: the heartbeat keeps the claim, and only the call still
    // under way is extended (a finished job stays finished).
    let extended = store
        .write(async |tx| tx.extend_claims("a", &[slow, quick], secs(9)).await)
        .await
        .unwrap();
    assert_eq!(extended, 1);
    assert!(store
        .claim_due("b", secs(7), SHORT, 10)
        .await
        .unwrap()
        .is_empty());
    // Nobody else can extend our claim.
    let foreign = store
        .write(async |tx| tx.extend_claims("b", &[slow], secs(60)).await)
        .await
        .unwrap();
    assert_eq!(foreign, 0);

    // Instance a dies; its heartbeat stops and the claim lapses within seconds.
    let taken = store.claim_due("b", secs(9), SHORT, 10).await.unwrap();
    assert_eq!(taken.iter().map(|j| j.id).collect::<Vec<_>>(), [slow]);
    let late = store
        .write(async |tx| tx.extend_claims("a", &[slow], secs(20)).await)
        .await
        .unwrap();
    assert_eq!(late, 0, "a claim lost is not extended again");
}

async fn an_idle_outbox_says_when_it_next_needs_a_sender(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    assert_eq!(store.next_due_for_bots(&[555]).await.unwrap(), None);

    // A rate-limited message waits until second 30; the one behind it on the same chat does
    // not count (it cannot go first), and another bot's job is another dispatcher's business.
    enqueue(store, ws, job(555, "chat:1", secs(30))).await;
    enqueue(store, ws, job(555, "chat:1", secs(0))).await;
    enqueue(store, ws, job(556, "chat:9", secs(0))).await;
    assert_eq!(
        store.next_due_for_bots(&[555]).await.unwrap(),
        Some(secs(30))
    );

    // An in-flight head is due when its claim would lapse.
    enqueue(store, ws, job(555, "chat:2", secs(0))).await;
    let claimed = store
        .claim_due_for_bots("a", &[555], secs(1), SHORT, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        store.next_due_for_bots(&[555]).await.unwrap(),
        Some(secs(6))
    );
    assert_eq!(store.next_due_for_bots(&[]).await.unwrap(), None);
}
