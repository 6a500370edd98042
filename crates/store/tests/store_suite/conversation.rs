//! A client halfway through a form survives a restart of Ticketgram.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_domain::{ClientState, TopicId};
use ticketgram_store::Store;

on_both_backends!(a_client_mid_form_survives_a_restart);

async fn a_client_mid_form_survives_a_restart(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let anna = client_writes_in(&db.store, ws, 1001, "Anna").await;
    assert_eq!(
        db.store.client_state(ws, anna.id).await.unwrap(),
        ClientState::Idle
    );

    // Anna is filling in the dispute form: topic and order number given, reason pending.
    let mid_form = ClientState::DisputeForm {
        topic: Some(TopicId(2)),
        order_number: Some("A-1001".into()),
        reason: None,
    };
    db.store
        .set_client_state(ws, anna.id, &mid_form, at(1))
        .await
        .unwrap();
    let ticket = open_ticket(&db.store, ws, &anna, "Earlier question", 0).await;

    // Ticketgram restarts: every connection closes, a new process connects.
    db.store.close().await;
    let restarted = Store::connect(&db.url).await.unwrap();
    assert_eq!(restarted.client_state(ws, anna.id).await.unwrap(), mid_form);
    assert_eq!(
        restarted.current_ticket(ws, anna.id).await.unwrap(),
        Some(ticket.id)
    );

    // She finishes; the state and her current ticket are independent.
    restarted
        .set_client_state(ws, anna.id, &ClientState::Idle, at(2))
        .await
        .unwrap();
    restarted
        .set_current_ticket(ws, anna.id, None, at(2))
        .await
        .unwrap();
    assert_eq!(
        restarted.client_state(ws, anna.id).await.unwrap(),
        ClientState::Idle
    );
    assert_eq!(restarted.current_ticket(ws, anna.id).await.unwrap(), None);

    // Another desk knows nothing of Anna's conversation.
    let other = open_desk(&restarted, "globex").await;
    assert_eq!(
        restarted.client_state(other, anna.id).await.unwrap(),
        ClientState::Idle
    );
    restarted.close().await;
}
