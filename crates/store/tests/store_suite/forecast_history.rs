//! What the forecast page reads: tickets opened per hour and the handling times of resolved
//! tickets, for one desk only, within the window asked for.

use crate::helpers::{at, client_writes_in, new_agent, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use chrono::Duration;
use ticketgram_domain::{Actor, TicketStatus};
use ticketgram_store::OpenedInHour;

on_both_backends!(a_lead_reads_the_hours_tickets_were_opened_in_and_how_long_they_took,);

async fn a_lead_reads_the_hours_tickets_were_opened_in_and_how_long_they_took(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    // Monday 09:00: three tickets at 09:05, 09:40 and 09:59; one at 11:30; one the day
    // before the window; one on the other desk in the same hour.
    let early = open_ticket(store, ws, &anna, "Before the window", -24 * 60).await;
    let first = open_ticket(store, ws, &anna, "Card declined", 5).await;
    open_ticket(store, ws, &anna, "Refund", 40).await;
    open_ticket(store, ws, &anna, "Login", 59).await;
    open_ticket(store, ws, &anna, "Invoice", 150).await;
    let boris = client_writes_in(store, other, 2002, "Boris").await;
    open_ticket(store, other, &boris, "Elsewhere", 10).await;

    // Kate answers the first at 09:15 and resolves it at 09:45: 30 minutes of handling.
    // The early one she answers and closes in the window too: 2 hours.
    store
        .write(async |tx| {
            tx.record_agent_reply(ws, first.id, kate.id, at(15)).await?;
            tx.change_status(
                ws,
                first.id,
                TicketStatus::Resolved,
                Actor::Agent(kate.id),
                at(45),
            )
            .await?;
            tx.record_agent_reply(ws, early.id, kate.id, at(60)).await?;
            tx.change_status(
                ws,
                early.id,
                TicketStatus::Closed,
                Actor::Agent(kate.id),
                at(180),
            )
            .await
        })
        .await
        .expect("answered and resolved");

    let history = store
        .forecast_history(ws, at(0), at(24 * 60))
        .await
        .expect("history");
    assert_eq!(
        history.opened,
        vec![
            OpenedInHour {
                hour: at(0),
                tickets: 3
            },
            OpenedInHour {
                hour: at(120),
                tickets: 1
            },
        ]
    );
    assert_eq!(history.first_ticket_at, Some(at(-24 * 60)));
    let mut handling = history.handling_times.clone();
    handling.sort();
    assert_eq!(
        handling,
        vec![Duration::minutes(30), Duration::minutes(120)]
    );

    // The other desk sees only its own ticket; a window before anything is empty.
    let globex = store
        .forecast_history(other, at(0), at(24 * 60))
        .await
        .expect("history");
    assert_eq!(globex.opened.len(), 1);
    assert_eq!(globex.opened[0].tickets, 1);
    assert!(globex.handling_times.is_empty());
    let before = store
        .forecast_history(ws, at(-7 * 24 * 60), at(-2 * 24 * 60))
        .await
        .expect("history");
    assert!(before.opened.is_empty() && before.handling_times.is_empty());
}
