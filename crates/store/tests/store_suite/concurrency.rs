//! Many writers at once: ticket numbers, ticket posts, and first messages never collide.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use futures::future::join_all;
use ticketgram_domain::{Actor, TicketNumber, TicketStatus};
use ticketgram_store::{NewClient, NewTicket, Store};

on_both_backends!(
    two_instances_opening_tickets_at_once_never_share_a_number,
    a_burst_of_first_messages_opens_one_post,
    a_client_writing_twice_at_once_is_registered_once,
    concurrent_changes_to_one_ticket_are_all_kept,
);

async fn two_instances_opening_tickets_at_once_never_share_a_number(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let anna = client_writes_in(&db.store, ws, 1001, "Anna").await;
    let instances = [db.store.clone(), db.second_instance().await];

    // 2 instances x 50 tasks, each on its own pooled connection, all creating tickets.
    let mut tasks = Vec::new();
    for store in &instances {
        for i in 0..50 {
            let store: Store = store.clone();
            let new = NewTicket {
                client: anna.id,
                topic: None,
                subject: format!("Request {i}"),
                priority: Default::default(),
                queue: None,
                language: anna.language,
                created_at: at(i),
            };
            tasks.push(tokio::spawn(async move {
                store
                    .write(async |tx| tx.create_ticket(ws, &new).await)
                    .await
            }));
        }
    }
    let mut numbers: Vec<i64> = Vec::new();
    for task in join_all(tasks).await {
        numbers.push(
            task.expect("task finished")
                .expect("ticket created")
                .number
                .0,
        );
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=100).collect::<Vec<i64>>(),
        "unique and gap-free"
    );

    let next = open_ticket(&db.store, ws, &anna, "One more", 200).await;
    assert_eq!(next.number, TicketNumber(101));
}

async fn a_burst_of_first_messages_opens_one_post(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let anna = client_writes_in(&db.store, ws, 1001, "Anna").await;
    let ticket = open_ticket(&db.store, ws, &anna, "Album of 10 photos", 0).await;
    let second = db.second_instance().await;

    // Ten album parts arrive together; each handler tries to open the channel post.
    let claims = join_all((0..10).map(|i| {
        let store = if i % 2 == 0 {
            db.store.clone()
        } else {
            second.clone()
        };
        tokio::spawn(async move {
            store
                .write(async |tx| tx.claim_ticket_post(ws, ticket.id, -100_500, at(1)).await)
                .await
        })
    }))
    .await;
    let created = claims
        .into_iter()
        .filter(|c| c.as_ref().unwrap().as_ref().unwrap().created)
        .count();
    assert_eq!(created, 1, "exactly one handler sends the post");

    // The winner sends it, then Telegram's automatic forward opens the thread.
    db.store
        .write(async |tx| tx.set_channel_message(ws, ticket.id, 31).await)
        .await
        .unwrap();
    let post = db
        .store
        .find_post_by_channel_message(-100_500, 31)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((post.ticket, post.thread_message_id), (ticket.id, None));
    db.store
        .write(async |tx| tx.set_thread(ws, ticket.id, -100_600, 77).await)
        .await
        .unwrap();
    let post = db
        .store
        .find_post_by_thread(-100_600, 77)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(post.ticket, ticket.id);
    let again = db
        .store
        .write(async |tx| tx.claim_ticket_post(ws, ticket.id, -100_500, at(2)).await)
        .await
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.post.channel_message_id, Some(31));
}

async fn a_client_writing_twice_at_once_is_registered_once(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let results = join_all((0..8).map(|_| {
        let store = db.store.clone();
        let new = NewClient {
            telegram_user_id: 2002,
            first_name: "Boris".into(),
            last_name: None,
            username: None,
            language: ticketgram_domain::Language::Ru,
            attributes: serde_json::json!({}),
            seen_at: at(0),
        };
        tokio::spawn(async move {
            store
                .write(async |tx| tx.upsert_client(ws, &new).await)
                .await
        })
    }))
    .await;
    let mut ids: Vec<_> = results
        .into_iter()
        .map(|r| r.unwrap().unwrap().id)
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 1);
}

async fn concurrent_changes_to_one_ticket_are_all_kept(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let anna = client_writes_in(&db.store, ws, 1001, "Anna").await;
    let ticket = open_ticket(&db.store, ws, &anna, "Busy ticket", 0).await;
    let second = db.second_instance().await;

    // Two instances change the same ticket at the same moment: a tag on one, a status on the
    // other, a priority on the first. None of the changes may overwrite another.
    let tag = ticketgram_domain::Tag::parse("vip").unwrap();
    let (a, b, c) = tokio::join!(
        db.store.write(async |tx| tx
            .add_ticket_tag(ws, ticket.id, &tag, Actor::System, at(1))
            .await),
        second.write(async |tx| tx
            .change_status(ws, ticket.id, TicketStatus::Open, Actor::System, at(1))
            .await),
        db.store.write(async |tx| tx
            .set_ticket_priority(
                ws,
                ticket.id,
                ticketgram_domain::Priority::Urgent,
                Actor::System,
                at(1)
            )
            .await),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    let t = db.store.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!(
        (t.status, t.priority, t.tags),
        (
            TicketStatus::Open,
            ticketgram_domain::Priority::Urgent,
            vec![tag]
        )
    );
}
