//! What lets the desk skip work: a client's profile is rewritten only when it changed, a
//! burst of a client's messages is read back from the messages, and a card remembers what it
//! shows.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_domain::{Language, MessageDirection, MessageId, TicketId, WorkspaceId};
use ticketgram_store::{NewClient, NewMessage, Store};

on_both_backends!(
    a_client_seen_again_is_new_only_when_renamed,
    a_burst_is_read_back_from_the_clients_messages,
    a_card_remembers_what_it_shows
);

async fn a_client_seen_again_is_new_only_when_renamed(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let seen = |first_name: &str, language: Language| NewClient {
        telegram_user_id: 1001,
        first_name: first_name.into(),
        last_name: None,
        username: Some("anna".into()),
        language,
        attributes: serde_json::json!({}),
        seen_at: at(0),
    };
    let first = store
        .write(async |tx| tx.client_seen(ws, &seen("Anna", Language::De)).await)
        .await
        .unwrap();
    assert!(first.profile_changed, "a new client is news");
    let again = store
        .write(async |tx| tx.client_seen(ws, &seen("Anna", Language::En)).await)
        .await
        .unwrap();
    assert!(!again.profile_changed);
    assert_eq!(
        again.client, first.client,
        "and the language she chose is kept"
    );
    let renamed = store
        .write(async |tx| tx.client_seen(ws, &seen("Anna K.", Language::En)).await)
        .await
        .unwrap();
    assert!(renamed.profile_changed);
    assert_eq!(
        (renamed.client.id, renamed.client.first_name.as_str()),
        (first.client.id, "Anna K.")
    );
    assert_eq!(renamed.client.language, Language::De);
}

/// A message on the ticket at `minute`; the agent's are Kate's.
async fn write(
    store: &Store,
    ws: WorkspaceId,
    ticket: TicketId,
    direction: MessageDirection,
    minute: i64,
) -> MessageId {
    let author_agent = match direction {
        MessageDirection::Agent => {
            let kate = crate::helpers::new_agent(2001, "Kate");
            let kate = store.write(async |tx| tx.upsert_agent(ws, &kate).await);
            Some(kate.await.unwrap().id)
        }
        _ => None,
    };
    let new = NewMessage {
        ticket,
        direction,
        author_agent,
        text: Some(format!("minute {minute}")),
        media: vec![],
        created_at: at(minute),
    };
    store
        .write(async |tx| tx.add_message(ws, &new).await)
        .await
        .unwrap()
        .message
        .id
}

async fn a_burst_is_read_back_from_the_clients_messages(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Refund", 0).await.id;
    let opening = write(store, ws, ticket, MessageDirection::Client, 0).await;
    let answer = write(store, ws, ticket, MessageDirection::Agent, 1).await;
    let second = write(store, ws, ticket, MessageDirection::Client, 2).await;
    let third = write(store, ws, ticket, MessageDirection::Client, 3).await;

    assert_eq!(
        store
            .client_message_before(ws, ticket, opening)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .client_message_before(ws, ticket, second)
            .await
            .unwrap(),
        Some(at(0)),
        "the agent's answer in between is not the client's"
    );
    assert_eq!(
        store
            .client_messages_from(ws, ticket, second, 10)
            .await
            .unwrap(),
        vec![(second, at(2)), (third, at(3))]
    );
    assert_eq!(
        store
            .client_messages_from(ws, ticket, answer, 1)
            .await
            .unwrap(),
        vec![(second, at(2))]
    );
}

async fn a_card_remembers_what_it_shows(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Refund", 0).await.id;
    let post = store
        .write(async |tx| tx.claim_ticket_post(ws, ticket, -100_500, at(1)).await)
        .await
        .unwrap()
        .post;
    assert_eq!(post.card_fingerprint, None, "not sent yet");
    store
        .write(async |tx| {
            tx.set_channel_message(ws, ticket, 31).await?;
            tx.set_card_fingerprint(ws, ticket, "3f1a").await
        })
        .await
        .unwrap();
    let post = store.find_ticket_post(ws, ticket).await.unwrap().unwrap();
    assert_eq!(post.card_fingerprint.as_deref(), Some("3f1a"));

    // A second card sent after the first one's record was lost never takes its place: the
    // conversation lives in the first card's thread.
    let moved = store
        .write(async |tx| tx.set_channel_message(ws, ticket, 32).await)
        .await
        .unwrap();
    assert!(!moved);
    let post = store.find_ticket_post(ws, ticket).await.unwrap().unwrap();
    assert_eq!(post.channel_message_id, Some(31));
}
