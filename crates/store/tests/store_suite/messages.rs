//! Messages and where they live in Telegram: copies, edits, albums.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_domain::{MediaKind, MediaRef, MessageDirection, TelegramCopy};
use ticketgram_store::{NewMessage, StoreError};

on_both_backends!(replies_in_telegram_map_back_to_their_message);

async fn replies_in_telegram_map_back_to_their_message(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Photo of the receipt", 0).await;
    let photo = MediaRef {
        kind: MediaKind::Photo,
        file_id: Some("AgAD-photo".into()),
        file_unique_id: Some("uniq".into()),
        file_name: None,
        size: Some(52_000),
        mime: Some("image/jpeg".into()),
        caption: Some("receipt".into()),
        media_group_id: Some("album-1".into()),
    };
    let new = NewMessage {
        ticket: ticket.id,
        direction: MessageDirection::Client,
        author_agent: None,
        text: None,
        media: vec![photo.clone()],
        created_at: at(1),
    };
    let message = store
        .write(async |tx| tx.add_message(ws, &new).await)
        .await
        .unwrap()
        .message;

    // It arrived in Anna's private chat with the client bot and was copied to the agents' thread.
    let in_private_chat = TelegramCopy {
        bot_id: 555,
        chat_id: 1001,
        message_id: 10,
    };
    let in_thread = TelegramCopy {
        bot_id: 777,
        chat_id: -100_200,
        message_id: 4242,
    };
    assert!(store
        .write(async |tx| tx.add_message_copy(ws, message.id, &in_private_chat).await)
        .await
        .unwrap());
    assert!(store
        .write(async |tx| tx.add_message_copy(ws, message.id, &in_thread).await)
        .await
        .unwrap());
    assert!(
        !store
            .write(async |tx| tx.add_message_copy(ws, message.id, &in_thread).await)
            .await
            .unwrap(),
        "a retried copy is not stored twice"
    );

    // An agent replies to the thread copy: we find the original message and its ticket.
    let found = store
        .find_message_by_copy(ws, 777, -100_200, 4242)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, found.ticket), (message.id, ticket.id));
    assert_eq!(found.media, vec![photo]);
    assert_eq!(found.copies.len(), 2);
    assert_eq!(
        store
            .find_message_by_copy(ws, 777, -100_200, 1)
            .await
            .unwrap(),
        None
    );

    // Anna edits her caption in Telegram.
    store
        .write(async |tx| {
            tx.edit_message(
                ws,
                message.id,
                Some("receipt, page 1".into()),
                found.media.clone(),
                at(2),
            )
            .await
        })
        .await
        .unwrap();
    let edited = store.get_message(ws, message.id).await.unwrap();
    assert_eq!(
        (edited.text.as_deref(), edited.edited_at),
        (Some("receipt, page 1"), Some(at(2)))
    );

    // The second photo of the album arrives as its own update; a plain text follows.
    let second_photo = MediaRef {
        file_id: Some("AgAD-photo-2".into()),
        caption: None,
        ..found.media[0].clone()
    };
    let part_two = NewMessage {
        media: vec![second_photo],
        created_at: at(3),
        ..new.clone()
    };
    let part_two = store
        .write(async |tx| tx.add_message(ws, &part_two).await)
        .await
        .unwrap()
        .message;
    let text_only = NewMessage {
        text: Some("album-1 is above".into()),
        media: vec![],
        created_at: at(4),
        ..new.clone()
    };
    store
        .write(async |tx| tx.add_message(ws, &text_only).await)
        .await
        .unwrap();
    let album = store
        .messages_in_album(ws, ticket.id, "album-1")
        .await
        .unwrap();
    assert_eq!(
        album.iter().map(|m| m.id).collect::<Vec<_>>(),
        [message.id, part_two.id]
    );
    assert!(store
        .messages_in_album(ws, ticket.id, "album-2")
        .await
        .unwrap()
        .is_empty());

    // Another desk cannot attach copies to this message.
    let other = open_desk(store, "globex").await;
    let stray = TelegramCopy {
        bot_id: 1,
        chat_id: 1,
        message_id: 1,
    };
    assert!(matches!(
        store
            .write(async |tx| tx.add_message_copy(other, message.id, &stray).await)
            .await,
        Err(StoreError::NotFound)
    ));
}
