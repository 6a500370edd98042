//! What the manager bot reads and keeps: queues by assignee, client search, canned replies,
//! and the facts a report is computed from.

use crate::helpers::{at, client_writes_in, new_agent, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_domain::{Actor, Language, Rating, ReportPeriod, TicketNumber, TicketStatus};
use ticketgram_store::ReplyTemplate;

on_both_backends!(
    queues_show_my_tickets_and_the_unassigned_ones_oldest_first,
    clients_are_found_by_name_username_or_id_a_page_at_a_time,
    templates_are_kept_per_language_and_replaced_by_name,
    report_facts_hold_every_ticket_with_something_in_the_period,
);

async fn queues_show_my_tickets_and_the_unassigned_ones_oldest_first(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    let first = open_ticket(store, ws, &anna, "first", 0).await;
    let second = open_ticket(store, ws, &anna, "second", 5).await;
    let third = open_ticket(store, ws, &anna, "third", 10).await;
    let stranger = client_writes_in(store, other, 1001, "Anna").await;
    open_ticket(store, other, &stranger, "elsewhere", 1).await;

    let kate_acts = Actor::Agent(kate.id);
    store
        .write(async |tx| {
            tx.assign_ticket(ws, second.id, Some(kate.id), kate_acts, at(6))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.assign_ticket(ws, third.id, Some(kate.id), kate_acts, at(11))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.change_status(ws, third.id, TicketStatus::Closed, kate_acts, at(12))
                .await
        })
        .await
        .unwrap();

    let mine = store.open_tickets_of_agent(ws, kate.id, 10).await.unwrap();
    assert_eq!(numbers(&mine), vec![second.number]);
    let queue = store.unassigned_tickets(ws, 10).await.unwrap();
    assert_eq!(numbers(&queue), vec![first.number]);
    let active = store.active_tickets(ws, 10).await.unwrap();
    assert_eq!(numbers(&active), vec![first.number, second.number]);
    assert_eq!(store.unassigned_tickets(other, 10).await.unwrap().len(), 1);
}

fn numbers(tickets: &[ticketgram_domain::Ticket]) -> Vec<TicketNumber> {
    tickets.iter().map(|t| t.number).collect()
}

async fn clients_are_found_by_name_username_or_id_a_page_at_a_time(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    for i in 0..12 {
        client_writes_in(store, ws, 2000 + i, &format!("Petra{i}")).await;
    }
    client_writes_in(store, ws, 3001, "Anna").await;
    client_writes_in(store, ws, 3002, "100%_sure").await;
    client_writes_in(store, other, 4001, "Petra").await;

    let page = store.search_clients(ws, "petra", 0, 10).await.unwrap();
    assert_eq!(page.total, 12);
    assert_eq!(page.clients.len(), 10);
    // Newest first.
    assert_eq!(page.clients[0].first_name, "Petra11");
    let rest = store.search_clients(ws, "PETRA", 10, 10).await.unwrap();
    assert_eq!(rest.clients.len(), 2);
    assert_eq!(rest.clients[1].first_name, "Petra0");

    let by_username = store.search_clients(ws, "@anna", 0, 10).await.unwrap();
    assert_eq!(by_username.total, 1);
    let by_id = store.search_clients(ws, "3001", 0, 10).await.unwrap();
    assert_eq!(by_id.clients[0].first_name, "Anna");
    // Wildcards typed by an agent are plain characters.
    let literal = store.search_clients(ws, "0%_", 0, 10).await.unwrap();
    assert_eq!(literal.total, 1);
    assert_eq!(
        store.search_clients(ws, "", 0, 100).await.unwrap().total,
        14
    );

    let found = store.find_client_by_username(ws, "@ANNA").await.unwrap();
    assert_eq!(found.map(|c| c.telegram_user_id), Some(3001));
    assert_eq!(
        store.find_client_by_username(other, "anna").await.unwrap(),
        None
    );
}

async fn templates_are_kept_per_language_and_replaced_by_name(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let template = |language, name: &str, body: &str| ReplyTemplate {
        language,
        name: name.into(),
        body: body.into(),
    };
    store
        .write(async |tx| {
            tx.save_template(
                ws,
                &template(Language::En, "refund", "Refunds take 3 days."),
                at(0),
            )
            .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.save_template(ws, &template(Language::En, "hello", "Hello!"), at(1))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.save_template(ws, &template(Language::Ru, "hello", "Здравствуйте!"), at(2))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.save_template(
                ws,
                &template(Language::En, "refund", "Refunds take 5 days."),
                at(3),
            )
            .await
        })
        .await
        .unwrap();

    let en = store.templates(ws, Language::En).await.unwrap();
    assert_eq!(
        en,
        vec![
            template(Language::En, "hello", "Hello!"),
            template(Language::En, "refund", "Refunds take 5 days."),
        ]
    );
    assert_eq!(store.templates(ws, Language::Ru).await.unwrap().len(), 1);
    assert!(store
        .templates(other, Language::En)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .write(async |tx| tx.remove_template(ws, Language::En, "hello").await)
        .await
        .unwrap());
    assert!(!store
        .write(async |tx| tx.remove_template(ws, Language::En, "hello").await)
        .await
        .unwrap());
    assert_eq!(store.templates(ws, Language::En).await.unwrap().len(), 1);
}

async fn report_facts_hold_every_ticket_with_something_in_the_period(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    // The period is the second hour of the day (minutes 60..120).
    let period = ReportPeriod {
        start: at(60),
        end: at(120),
    };
    let before = open_ticket(store, ws, &anna, "opened before, closed within", 0).await;
    let within = open_ticket(store, ws, &anna, "opened within", 70).await;
    let untouched = open_ticket(store, ws, &anna, "opened before, nothing since", 10).await;
    let after = open_ticket(store, ws, &anna, "opened at the end", 120).await;
    let kate_acts = Actor::Agent(kate.id);
    store
        .write(async |tx| {
            tx.assign_ticket(ws, before.id, Some(kate.id), kate_acts, at(5))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| tx.record_agent_reply(ws, before.id, kate.id, at(30)).await)
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.change_status(ws, before.id, TicketStatus::Resolved, kate_acts, at(90))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.rate_ticket(ws, before.id, Rating::new(4).unwrap(), None, at(91))
                .await
        })
        .await
        .unwrap();

    let facts = store.report_facts(ws, &period).await.unwrap();
    let got: Vec<TicketNumber> = facts.iter().map(|f| f.number).collect();
    assert_eq!(got, vec![before.number, within.number]);
    let first = &facts[0];
    assert_eq!(first.agent, Some(kate.id));
    assert_eq!(first.first_response_at, Some(at(30)));
    assert_eq!(first.resolved_at, Some(at(90)));
    assert_eq!(first.rating.map(|r| r.score()), Some(4));
    assert_eq!(first.status, TicketStatus::Resolved);
    assert!(!got.contains(&untouched.number) && !got.contains(&after.number));
}
