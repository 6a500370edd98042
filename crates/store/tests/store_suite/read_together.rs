//! What a busy desk reads and writes together: a round of deliveries reads its messages,
//! tickets, clients and cards in one statement each and records its copies and delivered jobs
//! the same way; a backlog's updates are marked processed at once; where a client's message
//! goes is read in one go, with the client; a backlog's outbox jobs are written together; a
//! message and its Telegram copy are one write; the staff and bots come with the desk's
//! profile. Each of them keeps to its own desk.

use crate::helpers::{
    at, client_says, client_writes_in, new_agent, open_desk, open_ticket, TestDb,
};
use crate::on_both_backends;
use std::time::Duration;
use ticketgram_domain::{
    Actor, ClientState, Language, MessageDirection, Tag, TelegramCopy, TicketStatus,
};
use ticketgram_store::{
    BotRole, ClientPlace, IncomingUpdate, NewBot, NewClient, NewMessage, NewOutboxJob,
    OutboxStatus, StoreError,
};

on_both_backends!(
    a_round_reads_its_rows_together_and_only_its_desk_s,
    a_round_records_its_copies_and_delivered_jobs_together,
    a_backlog_is_marked_processed_in_one_go,
    where_a_client_s_message_goes_is_read_in_one_go,
    a_backlog_s_jobs_are_written_together_in_their_order,
    a_client_s_place_is_read_with_them_until_anything_else_is_read_or_written,
    a_message_and_its_copy_are_written_together,
    the_staff_and_the_bots_come_with_the_profile
);

fn copy_in_thread(message_id: i64) -> TelegramCopy {
    TelegramCopy {
        bot_id: 7001,
        chat_id: -100500,
        message_id,
    }
}

async fn a_round_reads_its_rows_together_and_only_its_desk_s(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let boris = client_writes_in(store, acme, 1002, "Boris").await;
    let stranger = client_writes_in(store, other, 1003, "Carl").await;
    let payout = open_ticket(store, acme, &anna, "Payout late", 1).await;
    let refund = open_ticket(store, acme, &boris, "Refund", 2).await;
    let theirs = open_ticket(store, other, &stranger, "Not ours", 3).await;
    // Tags come with the ticket, in order, whatever order they were added in.
    for tag in ["vip", "refund"] {
        let tag = Tag::parse(tag).unwrap();
        store
            .write(async |tx| {
                tx.add_ticket_tag(acme, payout.id, &tag, Actor::System, at(2))
                    .await
            })
            .await
            .unwrap();
    }
    let copied = client_says(store, acme, payout.id, "Where is my payout?", 1, vec![]).await;
    store
        .write(async |tx| tx.add_message_copy(acme, copied, &copy_in_thread(41)).await)
        .await
        .unwrap();
    let their_message = client_says(store, other, theirs.id, "Hello", 1, vec![]).await;
    store
        .write(async |tx| tx.claim_ticket_post(acme, payout.id, -100400, at(1)).await)
        .await
        .unwrap();

    let tickets = store
        .tickets_by_ids(acme, &[payout.id, refund.id, theirs.id])
        .await
        .unwrap();
    let mut numbers: Vec<_> = tickets.iter().map(|t| t.id).collect();
    numbers.sort();
    assert_eq!(
        numbers,
        [payout.id, refund.id],
        "another desk's ticket is left out"
    );
    let tagged = tickets.iter().find(|t| t.id == payout.id).unwrap();
    let tags: Vec<&str> = tagged.tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["refund", "vip"]);
    assert_eq!(store.get_ticket(acme, payout.id).await.unwrap(), *tagged);

    let messages = store
        .messages_by_ids(acme, &[copied, their_message])
        .await
        .unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].copies, [copy_in_thread(41)]);

    let clients = store
        .clients_by_ids(acme, &[anna.id, stranger.id])
        .await
        .unwrap();
    assert_eq!(clients, std::slice::from_ref(&anna));

    let posts = store
        .ticket_posts_by_ids(acme, &[payout.id, refund.id])
        .await
        .unwrap();
    assert_eq!(posts.len(), 1, "Boris's ticket has no card yet");
    assert_eq!(posts[0].ticket, payout.id);
    assert!(store.tickets_by_ids(acme, &[]).await.unwrap().is_empty());
}

async fn a_round_records_its_copies_and_delivered_jobs_together(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let carl = client_writes_in(store, other, 1003, "Carl").await;
    let ticket = open_ticket(store, acme, &anna, "Payout late", 1).await;
    let theirs = open_ticket(store, other, &carl, "Not ours", 1).await;
    let first = client_says(store, acme, ticket.id, "Where is my payout?", 1, vec![]).await;
    let second = client_says(store, acme, ticket.id, "It was due Monday", 1, vec![]).await;
    let their_message = client_says(store, other, theirs.id, "Hello", 1, vec![]).await;
    let copies = [
        (first, copy_in_thread(51)),
        (second, copy_in_thread(52)),
        // A retried record and another desk's message change nothing.
        (first, copy_in_thread(51)),
        (their_message, copy_in_thread(53)),
    ];
    store
        .write(async |tx| tx.add_message_copies(acme, &copies).await)
        .await
        .unwrap();
    let read = store.messages_by_ids(acme, &[first, second]).await.unwrap();
    let copied: Vec<_> = read.iter().map(|m| m.copies.clone()).collect();
    assert!(copied.contains(&vec![copy_in_thread(51)]));
    assert!(copied.contains(&vec![copy_in_thread(52)]));
    let theirs = store.get_message(other, their_message).await.unwrap();
    assert!(theirs.copies.is_empty());

    // Two jobs claimed by this instance are finished in one statement; a third, never
    // claimed, makes the whole record fail (it must not commit as delivered).
    let job = |key: &str| NewOutboxJob {
        bot_id: 7001,
        ordering_key: key.into(),
        payload: "{}".into(),
        not_before: at(0),
        created_at: at(0),
        dedupe_key: None,
    };
    let mut ids = Vec::new();
    for key in ["a", "b", "c"] {
        let new = job(key);
        ids.push(
            store
                .write(async |tx| tx.enqueue(acme, &new).await)
                .await
                .unwrap(),
        );
    }
    let claimed = store
        .claim_due_for_bots("one", &[7001], at(1), Duration::from_secs(60), 2)
        .await
        .unwrap();
    let claimed: Vec<i64> = claimed.iter().map(|j| j.id).collect();
    assert_eq!(claimed.len(), 2);
    let unclaimed = *ids.iter().find(|id| !claimed.contains(id)).unwrap();
    let with_unclaimed = [claimed.clone(), vec![unclaimed]].concat();
    let refused = store
        .write(async |tx| tx.complete_all(&with_unclaimed, "one", at(2)).await)
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    for id in &claimed {
        let job = store.outbox_job(acme, *id).await.unwrap();
        assert_eq!(job.status, OutboxStatus::InFlight, "nothing was finished");
    }
    store
        .write(async |tx| tx.complete_all(&claimed, "one", at(2)).await)
        .await
        .unwrap();
    for id in &claimed {
        assert_eq!(
            store.outbox_job(acme, *id).await.unwrap().status,
            OutboxStatus::Done
        );
    }
    assert_eq!(
        store.outbox_job(acme, unclaimed).await.unwrap().status,
        OutboxStatus::Pending
    );
}

async fn a_backlog_is_marked_processed_in_one_go(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let batch: Vec<IncomingUpdate> = (1..=3)
        .map(|update_id| IncomingUpdate {
            update_id,
            payload: format!(r#"{{"update_id":{update_id}}}"#),
        })
        .collect();
    store
        .write(async |tx| tx.record_updates(acme, 7001, &batch, at(0)).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.mark_updates_processed(7001, &[1, 2], at(1)).await)
        .await
        .unwrap();
    let waiting = store.unprocessed_updates(7001, 10).await.unwrap();
    let waiting: Vec<i64> = waiting.iter().map(|u| u.update_id).collect();
    assert_eq!(waiting, [3]);
    // An update that was never stored cannot be marked: the batch would claim work it did not do.
    let unknown = store
        .write(async |tx| tx.mark_updates_processed(7001, &[3, 99], at(2)).await)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert_eq!(store.unprocessed_updates(7001, 10).await.unwrap().len(), 1);
}

async fn where_a_client_s_message_goes_is_read_in_one_go(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let boris = client_writes_in(store, acme, 1002, "Boris").await;
    assert_eq!(
        store.client_place(acme, anna.id).await.unwrap(),
        ClientPlace::default(),
        "a client who never wrote is idle with no ticket"
    );
    let payout = open_ticket(store, acme, &anna, "Payout late", 1).await;
    let borises = open_ticket(store, acme, &boris, "Refund", 2).await;
    assert_eq!(
        store.client_place(acme, anna.id).await.unwrap(),
        ClientPlace {
            state: ClientState::Idle,
            current: Some(payout.id),
            current_active: true,
        },
        "her new ticket is where her next message goes, no question asked"
    );
    // Boris's ticket is not Anna's to write to.
    let refused = store
        .write(async |tx| {
            tx.set_current_ticket(acme, anna.id, Some(borises.id), at(3))
                .await
        })
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    assert_eq!(
        store.client_place(acme, anna.id).await.unwrap().current,
        Some(payout.id)
    );
    // Closed, it is still her current ticket, but her next message no longer goes there
    // without a second look.
    store
        .write(async |tx| {
            tx.change_status(
                acme,
                payout.id,
                TicketStatus::Closed,
                Actor::Client(anna.id),
                at(4),
            )
            .await
        })
        .await
        .unwrap();
    let place = store.client_place(acme, anna.id).await.unwrap();
    assert_eq!(
        (place.current, place.current_active),
        (Some(payout.id), false)
    );

    // The newest flow revision is read with the desk's profile.
    assert_eq!(store.desk_profile(acme).await.unwrap().flow_revision, None);
    store
        .write(async |tx| {
            tx.save_flow(
                acme,
                ticketgram_flows::builtin::MARKETPLACE,
                None,
                None,
                at(4),
            )
            .await
        })
        .await
        .unwrap();
    assert_eq!(
        store.desk_profile(acme).await.unwrap().flow_revision,
        Some(1)
    );
}

fn job_for(key: &str, dedupe: Option<&str>) -> NewOutboxJob {
    NewOutboxJob {
        bot_id: 7001,
        ordering_key: key.into(),
        payload: format!("{{\"for\":\"{key}\"}}"),
        not_before: at(0),
        created_at: at(0),
        dedupe_key: dedupe.map(Into::into),
    }
}

async fn a_backlog_s_jobs_are_written_together_in_their_order(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    // Sent before: an update applied again after a crash must not send this twice.
    store
        .write(async |tx| tx.enqueue(acme, &job_for("chat:1", Some("u1:1"))).await)
        .await
        .unwrap();

    // A backlog queues its replies; they are written before anything reads the outbox.
    let tx = store.begin_tx().await.unwrap();
    tx.queue(acme, job_for("chat:1", Some("u1:1"))).unwrap();
    tx.queue(acme, job_for("chat:2", Some("u2:1"))).unwrap();
    tx.queue(acme, job_for("chat:2", Some("u2:1"))).unwrap();
    tx.queue(other, job_for("chat:9", Some("u9:1"))).unwrap();
    assert_eq!(
        tx.pending_count(acme).await.unwrap(),
        2,
        "a job already sent and a job queued twice count once"
    );
    tx.queue(acme, job_for("chat:2", Some("u2:2"))).unwrap();
    tx.queue(acme, job_for("ticket:5", None)).unwrap();
    tx.commit().await.unwrap();

    let claimed = store
        .claim_due("a", at(1), Duration::from_secs(30), 10)
        .await
        .unwrap();
    let keys: Vec<(&str, &str)> = claimed
        .iter()
        .map(|job| (job.ordering_key.as_str(), job.payload.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("chat:1", r#"{"for":"chat:1"}"#),
            ("chat:2", r#"{"for":"chat:2"}"#),
            ("chat:9", r#"{"for":"chat:9"}"#),
            ("ticket:5", r#"{"for":"ticket:5"}"#)
        ],
        "the head of each key, in the order queued; the second chat:2 job waits its turn"
    );
    assert_eq!(store.pending_count(acme).await.unwrap(), 4);
    assert_eq!(store.pending_count(other).await.unwrap(), 1);

    // Rolled back, the queue writes nothing.
    let tx = store.begin_tx().await.unwrap();
    tx.queue(acme, job_for("chat:3", Some("u3:1"))).unwrap();
    tx.rollback().await;
    assert_eq!(store.pending_count(acme).await.unwrap(), 4);
}

async fn a_client_s_place_is_read_with_them_until_anything_else_is_read_or_written(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let payout = open_ticket(store, acme, &anna, "Payout late", 1).await;
    let seen_again = NewClient {
        telegram_user_id: 1001,
        first_name: "Anna".into(),
        last_name: None,
        username: Some("anna".into()),
        language: Language::En,
        attributes: serde_json::json!({}),
        seen_at: at(2),
    };

    let tx = store.begin_tx().await.unwrap();
    let seen = tx.client_seen(acme, &seen_again).await.unwrap();
    assert!(!seen.profile_changed);
    let expected = ClientPlace {
        state: ClientState::Idle,
        current: Some(payout.id),
        current_active: true,
    };
    assert_eq!(tx.client_place_since(acme, &seen).await.unwrap(), expected);
    // She starts writing a new question: the place read with her is out of date, and read anew.
    let writing = ClientState::WritingQuestion { topic: None };
    tx.set_client_state(acme, anna.id, &writing, at(3))
        .await
        .unwrap();
    assert_eq!(
        tx.client_place_since(acme, &seen).await.unwrap().state,
        writing
    );
    tx.rollback().await;
}

async fn a_message_and_its_copy_are_written_together(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let payout = open_ticket(store, acme, &anna, "Payout late", 1).await;
    let new = NewMessage {
        ticket: payout.id,
        direction: MessageDirection::Client,
        author_agent: None,
        text: Some("Still nothing on my card".into()),
        media: vec![],
        created_at: at(2),
    };
    let in_her_chat = TelegramCopy {
        bot_id: 7001,
        chat_id: 1001,
        message_id: 42,
    };
    let recorded = store
        .write(async |tx| tx.add_message_with_copy(acme, &new, &in_her_chat).await)
        .await
        .unwrap();
    assert_eq!(
        recorded.message.text.as_deref(),
        Some("Still nothing on my card")
    );
    let found = store
        .find_message_by_copy(acme, 7001, 1001, 42)
        .await
        .unwrap()
        .expect("the copy points at the message");
    assert_eq!(found.id, recorded.message.id);
}

async fn the_staff_and_the_bots_come_with_the_profile(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let profile = store.desk_profile(acme).await.unwrap();
    assert_eq!(profile.staff, Some(Default::default()), "read, and empty");
    assert!(profile.bots.is_empty());

    let tx = store.begin_tx().await.unwrap();
    assert!(!tx.hired_in_transaction());
    let olga = tx
        .upsert_agent(acme, &new_agent(501, "Olga"))
        .await
        .unwrap();
    assert!(tx.hired_in_transaction(), "a list read before may miss her");
    tx.upsert_agent(other, &new_agent(777, "Not ours"))
        .await
        .unwrap();
    for (role, id) in [(BotRole::All, 7001), (BotRole::Manager, 7002)] {
        let bot = NewBot {
            role,
            telegram_bot_id: id,
            username: format!("bot{id}"),
            token_ciphertext: "sealed".into(),
            created_at: at(0),
        };
        tx.register_bot(acme, &bot).await.unwrap();
    }
    tx.set_agent_active(acme, olga.id, false).await.unwrap();
    tx.commit().await.unwrap();

    let profile = store.desk_profile(acme).await.unwrap();
    assert_eq!(
        profile.staff,
        Some([501].into_iter().collect()),
        "a deactivated agent is still staff, not a client"
    );
    assert_eq!(
        profile.bots,
        [(BotRole::All, 7001), (BotRole::Manager, 7002)]
    );
}
