//! A ticket's life: messages both ways, status changes with history, illegal moves refused.

use crate::helpers::{at, client_writes_in, new_agent, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_domain::{
    Actor, MessageDirection, Priority, Rating, Tag, TicketStatus, TransitionError,
};
use ticketgram_store::{NewMessage, StoreError};

on_both_backends!(
    a_ticket_is_answered_resolved_rated_and_reopened,
    an_illegal_move_is_refused_with_a_typed_error,
    the_waits_on_the_client_are_read_for_the_clock_and_the_report,
    a_follow_up_waits_for_the_next_reply_and_the_report_counts_the_answer,
);

async fn a_ticket_is_answered_resolved_rated_and_reopened(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate")).await)
        .await
        .unwrap();

    // Anna asks; the ticket is new and becomes her current ticket.
    let ticket = open_ticket(store, ws, &anna, "My payment is stuck", 0).await;
    assert_eq!(ticket.status, TicketStatus::New);
    assert_eq!(
        store.current_ticket(ws, anna.id).await.unwrap(),
        Some(ticket.id)
    );
    let question = NewMessage {
        ticket: ticket.id,
        direction: MessageDirection::Client,
        author_agent: None,
        text: Some("My payment is stuck".into()),
        media: vec![],
        created_at: at(0),
    };
    assert_eq!(
        store
            .write(async |tx| tx.add_message(ws, &question).await)
            .await
            .unwrap()
            .status_change,
        None
    );

    // Kate answers 12 minutes later: first response stamped, Kate assigned, ticket open.
    let reply = NewMessage {
        direction: MessageDirection::Agent,
        author_agent: Some(kate.id),
        text: Some("Let me check.".into()),
        created_at: at(12),
        ..question.clone()
    };
    let recorded = store
        .write(async |tx| tx.add_message(ws, &reply).await)
        .await
        .unwrap();
    assert_eq!(
        recorded.status_change.map(|c| c.to),
        Some(TicketStatus::Open)
    );
    let t = store.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!(
        (t.first_response_at, t.assignee),
        (Some(at(12)), Some(kate.id))
    );

    // She asks for the order number; Anna's answer wakes the ticket.
    store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::WaitingOnClient,
                Actor::Agent(kate.id),
                at(13),
            )
            .await
        })
        .await
        .unwrap();
    let answer = NewMessage {
        text: Some("Order A-1001".into()),
        created_at: at(20),
        ..question.clone()
    };
    let woke = store
        .write(async |tx| tx.add_message(ws, &answer).await)
        .await
        .unwrap()
        .status_change
        .unwrap();
    assert_eq!(
        (woke.from, woke.to, woke.actor),
        (
            TicketStatus::WaitingOnClient,
            TicketStatus::Open,
            Actor::Client(anna.id)
        )
    );

    // Triage on the way: tag, priority.
    let refund = Tag::parse("refund").unwrap();
    assert!(store
        .write(async |tx| tx
            .add_ticket_tag(ws, ticket.id, &refund, Actor::Agent(kate.id), at(21))
            .await)
        .await
        .unwrap());
    assert!(!store
        .write(async |tx| tx
            .add_ticket_tag(ws, ticket.id, &refund, Actor::Agent(kate.id), at(21))
            .await)
        .await
        .unwrap());
    store
        .write(async |tx| {
            tx.set_ticket_priority(ws, ticket.id, Priority::High, Actor::Agent(kate.id), at(22))
                .await
        })
        .await
        .unwrap();

    // Solved, rated, closed, then Anna comes back.
    store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::Resolved,
                Actor::Agent(kate.id),
                at(30),
            )
            .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.rate_ticket(
                ws,
                ticket.id,
                Rating::new(5).unwrap(),
                Some(" quick! ".into()),
                at(31),
            )
            .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.change_status(ws, ticket.id, TicketStatus::Closed, Actor::System, at(60))
                .await
        })
        .await
        .unwrap();
    let closed = store.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!(
        (closed.resolved_at, closed.closed_at),
        (Some(at(30)), Some(at(60)))
    );
    assert_eq!(
        (
            closed.rating.map(|r| r.score()),
            closed.rating_comment.as_deref()
        ),
        (Some(5), Some("quick!"))
    );
    assert_eq!(
        (closed.priority, closed.tags.clone()),
        (Priority::High, vec![refund.clone()])
    );
    assert!(store
        .active_tickets_of_client(ws, anna.id)
        .await
        .unwrap()
        .is_empty());

    let reopen = store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::Open,
                Actor::Client(anna.id),
                at(90),
            )
            .await
        })
        .await
        .unwrap();
    assert!(reopen.is_reopen());
    let reopened = store.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!((reopened.resolved_at, reopened.closed_at), (None, None));

    // The history tells the whole story, in order.
    use TicketStatus::*;
    let moves: Vec<_> = store
        .status_history(ws, ticket.id)
        .await
        .unwrap()
        .iter()
        .map(|c| (c.from, c.to))
        .collect();
    assert_eq!(
        moves,
        [
            (New, Open),
            (Open, WaitingOnClient),
            (WaitingOnClient, Open),
            (Open, Resolved),
            (Resolved, Closed),
            (Closed, Open)
        ]
    );
    let kinds: Vec<String> = store
        .ticket_history(ws, ticket.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds.first().map(String::as_str), Some("created"));
    for kind in ["tag_added", "priority_changed", "rated"] {
        assert_eq!(
            kinds.iter().filter(|k| *k == kind).count(),
            1,
            "{kind} recorded once in {kinds:?}"
        );
    }
    assert_eq!(store.ticket_messages(ws, ticket.id).await.unwrap().len(), 3);
    assert!(store
        .write(async |tx| tx
            .remove_ticket_tag(ws, ticket.id, &refund, Actor::Agent(kate.id), at(91))
            .await)
        .await
        .unwrap());
}

async fn an_illegal_move_is_refused_with_a_typed_error(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Help", 0).await;
    store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::Closed,
                Actor::Client(anna.id),
                at(1),
            )
            .await
        })
        .await
        .unwrap();

    let err = store
        .write(async |tx| {
            tx.change_status(ws, ticket.id, TicketStatus::Resolved, Actor::System, at(2))
                .await
        })
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Transition(TransitionError::Invalid {
            from: TicketStatus::Closed,
            to: TicketStatus::Resolved
        })
    ));
    // A client may not declare their own ticket solved.
    store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::Open,
                Actor::Client(anna.id),
                at(3),
            )
            .await
        })
        .await
        .unwrap();
    let err = store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::Resolved,
                Actor::Client(anna.id),
                at(4),
            )
            .await
        })
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Transition(TransitionError::NotAllowed { .. })
    ));

    // Nothing was written by the refused moves.
    let t = store.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!(t.status, TicketStatus::Open);
    assert_eq!(store.status_history(ws, ticket.id).await.unwrap().len(), 2);

    // Someone else's workspace, or a ticket that does not exist: NotFound, not a transition error.
    let other = open_desk(store, "globex").await;
    let err = store
        .write(async |tx| {
            tx.change_status(other, ticket.id, TicketStatus::Closed, Actor::System, at(5))
                .await
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound));
}

/// Kate asks Anna for a screenshot twice: both waits are read for the active ticket (what the
/// SLA clock stops for) and for a report over the period, and a ticket that never waited has
/// none.
async fn the_waits_on_the_client_are_read_for_the_clock_and_the_report(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let asked = open_ticket(store, ws, &anna, "Payout missing", 1).await;
    let calm = open_ticket(store, ws, &anna, "Thanks", 2).await;
    store
        .write(async |tx| {
            for (to, minute) in [
                (TicketStatus::Open, 3),
                (TicketStatus::WaitingOnClient, 4),
                (TicketStatus::Open, 10),
                (TicketStatus::WaitingOnClient, 12),
            ] {
                tx.change_status(ws, asked.id, to, Actor::System, at(minute))
                    .await?;
            }
            tx.change_status(ws, calm.id, TicketStatus::Open, Actor::System, at(5))
                .await
        })
        .await
        .unwrap();
    let active = store.waiting_changes_of_active(ws).await.unwrap();
    assert_eq!(active.len(), 1, "only the ticket that waited");
    let spans = ticketgram_domain::sla::waiting_spans(&active[&asked.id], at(20));
    assert_eq!(spans, vec![(at(4), at(10)), (at(12), at(20))]);
    let period = ticketgram_domain::ReportPeriod {
        start: at(0),
        end: at(60),
    };
    let facts = store.report_facts(ws, &period).await.unwrap();
    let waited = facts
        .iter()
        .find(|f| f.number == asked.number)
        .expect("in the report");
    assert_eq!(waited.waiting.first(), Some(&(at(4), at(10))));
    assert_eq!(waited.waiting.len(), 2);
    assert!(facts
        .iter()
        .find(|f| f.number == calm.number)
        .expect("in the report")
        .waiting
        .is_empty());
}

/// Kate answers Anna, who writes back twice: the ticket owes a next reply from Anna's first
/// follow-up, Kate's answer ends that wait and the report reads it off the answer; Anna's
/// thanks after that are owed nothing once Kate resolves the ticket.
async fn a_follow_up_waits_for_the_next_reply_and_the_report_counts_the_answer(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    let ticket = open_ticket(store, ws, &anna, "Payout missing", 0).await;
    let says = |direction, minute| NewMessage {
        ticket: ticket.id,
        direction,
        author_agent: (direction == MessageDirection::Agent).then_some(kate.id),
        text: Some(format!("at {minute}")),
        media: vec![],
        created_at: at(minute),
    };
    let write = |new: NewMessage| async move {
        store
            .write(async |tx| tx.add_message(ws, &new).await)
            .await
            .unwrap()
    };
    write(says(MessageDirection::Client, 0)).await;
    write(says(MessageDirection::Agent, 5)).await;
    assert_eq!(
        store
            .get_ticket(ws, ticket.id)
            .await
            .unwrap()
            .awaiting_reply_since,
        None
    );
    write(says(MessageDirection::Client, 10)).await;
    write(says(MessageDirection::Client, 12)).await;
    assert_eq!(
        store
            .get_ticket(ws, ticket.id)
            .await
            .unwrap()
            .awaiting_reply_since,
        Some(at(10)),
        "from the first unanswered follow-up"
    );
    write(says(MessageDirection::Agent, 40)).await;
    write(says(MessageDirection::Client, 50)).await;
    store
        .write(async |tx| {
            tx.change_status(
                ws,
                ticket.id,
                TicketStatus::Resolved,
                Actor::Agent(kate.id),
                at(51),
            )
            .await
        })
        .await
        .unwrap();
    let resolved = store.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!(
        resolved.awaiting_reply_since, None,
        "nothing owed once resolved"
    );

    let period = ticketgram_domain::ReportPeriod {
        start: at(0),
        end: at(60),
    };
    let facts = store.report_facts(ws, &period).await.unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].next_replies, vec![(at(10), at(40))]);
    // A later period with only that answer in it still finds the ticket.
    let later = ticketgram_domain::ReportPeriod {
        start: at(30),
        end: at(45),
    };
    let facts = store.report_facts(ws, &later).await.unwrap();
    assert_eq!(facts.len(), 1, "the next reply alone brings the ticket in");
    assert_eq!(facts[0].next_replies, vec![(at(10), at(40))]);
}
