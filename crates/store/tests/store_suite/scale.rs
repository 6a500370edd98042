//! What a desk past one group's ceiling keeps: texts joined into one comment (each message
//! has that comment as its copy; the jobs queued behind the first finish with it), further
//! agents' channels in the profile, and how busy each channel is when a card chooses one.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use std::time::Duration;
use ticketgram_domain::shard::Shard;
use ticketgram_domain::{MessageDirection, TelegramCopy, TicketStatus};
use ticketgram_store::{NewMessage, NewOutboxJob, OutboxStatus, StoreError};

on_both_backends!(
    lines_joined_into_one_comment_share_its_copy_and_finish_their_jobs_with_it,
    further_channels_are_kept_and_counted_by_their_active_cards,
);

async fn lines_joined_into_one_comment_share_its_copy_and_finish_their_jobs_with_it(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Payout late", 0).await;
    let mut lines = Vec::new();
    let mut jobs = Vec::new();
    for (minute, text) in [
        (1, "my payout is late"),
        (2, "order 4417"),
        (3, "please check"),
    ] {
        let new = NewMessage {
            ticket: ticket.id,
            direction: MessageDirection::Client,
            author_agent: None,
            text: Some(text.into()),
            media: vec![],
            created_at: at(minute),
        };
        let message = store
            .write(async |tx| tx.add_message(ws, &new).await)
            .await
            .unwrap()
            .message;
        let job = NewOutboxJob {
            bot_id: 555,
            ordering_key: format!("ticket:{}", ticket.id.0),
            payload: format!(r#"{{"client_to_thread":{{"message":{}}}}}"#, message.id.0),
            not_before: at(minute),
            created_at: at(minute),
            dedupe_key: None,
        };
        jobs.push(
            store
                .write(async |tx| tx.enqueue(ws, &job).await)
                .await
                .unwrap(),
        );
        lines.push(message);
    }

    // The first comment is claimed; the two behind it wait, and are what may join it.
    let claimed = store
        .claim_due("a", at(4), Duration::from_secs(60), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let behind = store.waiting_behind(&claimed[0], 10).await.unwrap();
    assert_eq!(
        behind.iter().map(|j| j.id).collect::<Vec<_>>(),
        jobs[1..].to_vec()
    );

    // One comment in the thread is the copy of all three, and their jobs end with it.
    let comment = TelegramCopy {
        bot_id: 777,
        chat_id: -100_200,
        message_id: 4242,
    };
    store
        .write(async |tx| {
            for line in &lines {
                tx.add_message_copy(ws, line.id, &comment).await?;
            }
            tx.complete_joined(&jobs[1..], jobs[0], at(4)).await?;
            tx.complete(jobs[0], "a", None, at(4)).await
        })
        .await
        .unwrap();
    let sharing = store.messages_sharing_copy(ws, &comment).await.unwrap();
    let texts: Vec<_> = sharing.iter().filter_map(|m| m.text.clone()).collect();
    assert_eq!(texts, ["my payout is late", "order 4417", "please check"]);
    let replied_to = store
        .find_message_by_copy(ws, 777, -100_200, 4242)
        .await
        .unwrap()
        .expect("the comment maps back");
    assert_eq!(
        replied_to.id, lines[0].id,
        "a reply to it finds the first line"
    );
    for id in &jobs {
        let job = store.outbox_job(ws, *id).await.unwrap();
        assert_eq!(job.status, OutboxStatus::Done);
    }
    assert_eq!(store.pending_count(ws).await.unwrap(), 0);

    // A job that is no longer waiting cannot be finished as joined: the record fails whole.
    let again = store
        .write(async |tx| tx.complete_joined(&jobs[1..2], jobs[0], at(5)).await)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
}

async fn further_channels_are_kept_and_counted_by_their_active_cards(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let vip = Shard {
        channel_id: -300,
        group_id: Some(-301),
        queue: Some("vip".into()),
    };
    let waiting = Shard {
        channel_id: -400,
        group_id: None,
        queue: None,
    };
    store
        .write(async |tx| {
            tx.set_more_agent_chats(ws, &[vip.clone(), waiting.clone()], at(0))
                .await
        })
        .await
        .unwrap();
    let profile = store.desk_profile(ws).await.unwrap();
    assert_eq!(profile.more_chats, [vip, waiting]);

    // Two active cards in the first channel, one in the VIP channel, one closed there.
    let mut tickets = Vec::new();
    for (i, channel) in [-100, -100, -300, -300].into_iter().enumerate() {
        let client = client_writes_in(store, ws, 2000 + i as i64, "Client").await;
        let ticket = open_ticket(store, ws, &client, "Question", i as i64).await;
        store
            .write(async |tx| {
                tx.claim_ticket_post(ws, ticket.id, channel, at(i as i64))
                    .await
            })
            .await
            .unwrap();
        tickets.push(ticket);
    }
    store
        .write(async |tx| {
            tx.change_status(
                ws,
                tickets[3].id,
                TicketStatus::Closed,
                ticketgram_domain::Actor::System,
                at(9),
            )
            .await
        })
        .await
        .unwrap();
    let mut load = store.active_cards_per_channel(ws).await.unwrap();
    load.sort();
    assert_eq!(load, [(-300, 1), (-100, 2)]);

    // A card not sent yet moves to another channel; a sent one stays.
    store
        .write(async |tx| tx.move_unsent_ticket_post(ws, tickets[0].id, -300).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.set_channel_message(ws, tickets[1].id, 77).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.move_unsent_ticket_post(ws, tickets[1].id, -300).await)
        .await
        .unwrap();
    let channel_of = async |i: usize| {
        store
            .find_ticket_post(ws, tickets[i].id)
            .await
            .unwrap()
            .unwrap()
            .channel_chat_id
    };
    assert_eq!(channel_of(0).await, -300);
    assert_eq!(channel_of(1).await, -100);
}

on_both_backends!(the_backlog_of_each_agents_group_is_counted_for_metrics);

async fn the_backlog_of_each_agents_group_is_counted_for_metrics(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    // Two tickets in group -201, one in -301; each with jobs waiting.
    for (i, (channel, group)) in [(-200, -201), (-200, -201), (-300, -301)]
        .into_iter()
        .enumerate()
    {
        let client = client_writes_in(store, ws, 3000 + i as i64, "Client").await;
        let ticket = open_ticket(store, ws, &client, "Question", i as i64).await;
        let job = NewOutboxJob {
            bot_id: 555,
            ordering_key: format!("ticket:{}", ticket.id.0),
            payload: "{}".into(),
            not_before: at(0),
            created_at: at(0),
            dedupe_key: None,
        };
        store
            .write(async |tx| {
                tx.claim_ticket_post(ws, ticket.id, channel, at(0)).await?;
                tx.set_channel_message(ws, ticket.id, 10 + i as i64).await?;
                tx.set_thread(ws, ticket.id, group, 20 + i as i64).await?;
                tx.enqueue(ws, &job).await?;
                tx.enqueue(ws, &job).await
            })
            .await
            .unwrap();
    }
    let backlogs: Vec<(i64, i64)> = store
        .group_backlogs()
        .await
        .unwrap()
        .into_iter()
        .map(|g| (g.group_id, g.unfinished))
        .collect();
    assert_eq!(backlogs, [(-301, 2), (-201, 4)]);
}
