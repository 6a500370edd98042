//! The inbox's filters: every criterion alone, combined, text search with wildcards taken
//! literally, paging, and desks that never see each other's tickets.

use crate::helpers::{
    at, client_says, client_writes_in, new_agent, open_desk, open_ticket, TestDb,
};
use crate::on_both_backends;
use ticketgram_domain::{Actor, Language, MessageDirection, Priority, TicketStatus};
use ticketgram_store::{AssigneeFilter, NewMessage, TicketQuery};

on_both_backends!(
    inbox_filters_combine_and_page,
    text_search_reads_messages_and_takes_wildcards_literally,
    the_change_mark_moves_with_every_change
);

async fn inbox_filters_combine_and_page(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let boris = client_writes_in(store, ws, 1002, "Boris").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(9001, "Kate")).await)
        .await
        .unwrap();
    let t1 = open_ticket(store, ws, &anna, "Refund", 0).await;
    let t2 = open_ticket(store, ws, &anna, "Delivery", 10).await;
    let t3 = open_ticket(store, ws, &boris, "Login", 20).await;
    let stranger = client_writes_in(store, other, 1001, "Anna elsewhere").await;
    open_ticket(store, other, &stranger, "Refund", 0).await;

    store
        .write(async |tx| {
            tx.assign_ticket(ws, t2.id, Some(kate.id), Actor::Agent(kate.id), at(11))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.change_status(ws, t2.id, TicketStatus::Open, Actor::Agent(kate.id), at(11))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.set_ticket_priority(ws, t3.id, Priority::Urgent, Actor::Agent(kate.id), at(21))
                .await
        })
        .await
        .unwrap();

    let ids = |tickets: Vec<ticketgram_domain::Ticket>| {
        tickets.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };
    let all = store
        .search_tickets(ws, &TicketQuery::default())
        .await
        .unwrap();
    assert_eq!(
        ids(all),
        vec![t3.id, t2.id, t1.id],
        "newest first, own desk only"
    );

    let query = TicketQuery {
        statuses: vec![TicketStatus::New],
        ..TicketQuery::default()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &query).await.unwrap()),
        vec![t3.id, t1.id]
    );
    assert_eq!(store.count_tickets(ws, &query).await.unwrap(), 2);

    let mine = TicketQuery {
        assignee: Some(AssigneeFilter::Agent(kate.id)),
        ..TicketQuery::default()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &mine).await.unwrap()),
        vec![t2.id]
    );
    let unassigned = TicketQuery {
        assignee: Some(AssigneeFilter::Unassigned),
        client: Some(anna.id),
        ..TicketQuery::default()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &unassigned).await.unwrap()),
        vec![t1.id]
    );

    let urgent = TicketQuery {
        priority: Some(Priority::Urgent),
        language: Some(Language::En),
        ..TicketQuery::default()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &urgent).await.unwrap()),
        vec![t3.id]
    );
    let german = TicketQuery {
        language: Some(Language::De),
        ..TicketQuery::default()
    };
    assert!(store.search_tickets(ws, &german).await.unwrap().is_empty());

    let window = TicketQuery {
        created_after: Some(at(5)),
        created_before: Some(at(20)),
        ..TicketQuery::default()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &window).await.unwrap()),
        vec![t2.id]
    );

    let first_page = TicketQuery {
        limit: 2,
        ..TicketQuery::default()
    };
    let page = store.search_tickets(ws, &first_page).await.unwrap();
    assert_eq!(ids(page.clone()), vec![t3.id, t2.id]);
    let next = TicketQuery {
        after_id: page.last().map(|t| t.id),
        ..first_page.clone()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &next).await.unwrap()),
        vec![t1.id]
    );
    let by_offset = TicketQuery {
        offset: 2,
        ..first_page.clone()
    };
    assert_eq!(
        ids(store.search_tickets(ws, &by_offset).await.unwrap()),
        vec![t1.id]
    );
    assert_eq!(
        store.count_tickets(ws, &next).await.unwrap(),
        3,
        "counts ignore paging"
    );
}

async fn text_search_reads_messages_and_takes_wildcards_literally(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let refund = open_ticket(store, ws, &anna, "Refund please", 0).await;
    let promo = open_ticket(store, ws, &anna, "Question", 5).await;
    for (ticket, text) in [
        (refund.id, "My ORDER 77 never came"),
        (promo.id, "Is the 50% discount real?"),
    ] {
        client_says(store, ws, ticket, text, 6, vec![]).await;
    }
    let find = |text: &str| TicketQuery {
        text: Some(text.into()),
        ..TicketQuery::default()
    };
    let found = store.search_tickets(ws, &find("order 77")).await.unwrap();
    assert_eq!(found.len(), 1, "case-insensitive, in messages");
    assert_eq!(found[0].id, refund.id);
    let found = store.search_tickets(ws, &find("REFUND")).await.unwrap();
    assert_eq!(found[0].id, refund.id, "the subject counts too");
    let found = store.search_tickets(ws, &find("50%")).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, promo.id);
    assert!(store
        .search_tickets(ws, &find("5_%"))
        .await
        .unwrap()
        .is_empty());
    assert!(store.search_tickets(ws, &find("%")).await.unwrap().len() == 1);
    assert_eq!(
        store.search_tickets(ws, &find("  ")).await.unwrap().len(),
        2,
        "blank means any"
    );
}

async fn the_change_mark_moves_with_every_change(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let before = store.desk_change_mark(ws).await.unwrap();
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Hi", 0).await;
    let opened = store.desk_change_mark(ws).await.unwrap();
    assert_ne!(before, opened);
    store
        .write(async |tx| {
            tx.set_ticket_priority(ws, ticket.id, Priority::High, Actor::System, at(1))
                .await
        })
        .await
        .unwrap();
    let changed = store.desk_change_mark(ws).await.unwrap();
    assert_ne!(opened, changed);
    assert_eq!(
        changed,
        store.desk_change_mark(ws).await.unwrap(),
        "stable when nothing happens"
    );
}

on_both_backends!(a_duplicate_merges_into_the_ticket_that_carries_on);

async fn a_duplicate_merges_into_the_ticket_that_carries_on(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let boris = client_writes_in(store, ws, 1002, "Boris").await;
    let first = open_ticket(store, ws, &anna, "Refund", 0).await;
    let duplicate = open_ticket(store, ws, &anna, "Refund again", 5).await;
    let other = open_ticket(store, ws, &boris, "Login", 6).await;
    for (ticket, text, minute) in [(first.id, "one", 1), (duplicate.id, "two", 6)] {
        let new = NewMessage {
            ticket,
            direction: MessageDirection::Client,
            author_agent: None,
            text: Some(text.into()),
            media: vec![],
            created_at: at(minute),
        };
        store
            .write(async |tx| tx.add_message(ws, &new).await)
            .await
            .unwrap();
    }
    let outcome = store
        .write(async |tx| {
            tx.merge_tickets(ws, first.id, duplicate.id, Actor::System, at(10))
                .await
        })
        .await
        .unwrap();
    assert_eq!(outcome.messages_moved, 1);
    let texts: Vec<_> = store
        .ticket_messages(ws, first.id)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|m| m.text)
        .collect();
    assert_eq!(texts, vec!["one", "two"]);
    let closed = store.get_ticket(ws, duplicate.id).await.unwrap();
    assert_eq!(closed.status, TicketStatus::Closed);
    let history = store.ticket_history(ws, first.id).await.unwrap();
    assert!(history.iter().any(|e| e.kind == "merged_from"));
    assert_eq!(
        store.current_ticket(ws, anna.id).await.unwrap(),
        Some(first.id),
        "the client's next message goes to the ticket that carries on"
    );
    assert!(matches!(
        store
            .write(async |tx| tx
                .merge_tickets(ws, first.id, other.id, Actor::System, at(11))
                .await)
            .await,
        Err(ticketgram_store::StoreError::Invalid(_))
    ));
    assert!(store
        .write(async |tx| tx
            .merge_tickets(ws, first.id, first.id, Actor::System, at(11))
            .await)
        .await
        .is_err());
}
