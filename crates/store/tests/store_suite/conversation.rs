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
        .write(async |tx| tx.set_client_state(ws, anna.id, &mid_form, at(1)).await)
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
        .write(async |tx| {
            tx.set_client_state(ws, anna.id, &ClientState::Idle, at(2))
                .await
        })
        .await
        .unwrap();
    restarted
        .write(async |tx| tx.set_current_ticket(ws, anna.id, None, at(2)).await)
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

on_both_backends!(one_desk_cannot_point_another_desk_s_client_anywhere);

async fn one_desk_cannot_point_another_desk_s_client_anywhere(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk(store, "globex").await;
    let anna = client_writes_in(store, acme, 1001, "Anna").await;
    let boris = client_writes_in(store, acme, 2002, "Boris").await;
    let annas = open_ticket(store, acme, &anna, "Mine", 0).await;

    // Another desk's id, or someone else's ticket, is refused rather than stored.
    assert!(store
        .write(async |tx| tx
            .set_client_state(globex, anna.id, &ClientState::ChoosingTopic, at(1))
            .await)
        .await
        .is_err());
    assert!(store
        .write(async |tx| tx
            .set_current_ticket(acme, boris.id, Some(annas.id), at(1))
            .await)
        .await
        .is_err());
    let stray = ticketgram_store::NewTicket {
        client: anna.id,
        topic: None,
        subject: "wrong desk".into(),
        priority: Default::default(),
        queue: None,
        language: anna.language,
        created_at: at(2),
    };
    assert!(store
        .write(async |tx| tx.create_ticket(globex, &stray).await)
        .await
        .is_err());
    // The refused ticket did not use up a number.
    let globex_client = client_writes_in(store, globex, 1001, "Anna").await;
    assert_eq!(
        open_ticket(store, globex, &globex_client, "Right desk", 3)
            .await
            .number
            .0,
        1
    );
    assert_eq!(
        store.client_state(acme, anna.id).await.unwrap(),
        ClientState::Idle
    );
}
