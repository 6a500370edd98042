//! Privacy: a client asks to be forgotten, and a desk keeps conversations for a set time only.
//! Either way the tickets stay and still count; what names or quotes anyone goes.

use crate::helpers::{at, client_says, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use chrono::Duration;
use ticketgram_domain::{Actor, MediaKind, MediaRef, Rating, TelegramCopy, TicketStatus};
use ticketgram_store::{Store, StoreError};

on_both_backends!(
    an_erased_client_names_no_one_but_their_tickets_still_count,
    retention_empties_old_closed_conversations_only,
    a_backup_is_a_copy_the_desk_can_run_on,
);

fn receipt() -> MediaRef {
    MediaRef {
        kind: MediaKind::Document,
        file_id: Some("BQAD-receipt".into()),
        file_unique_id: Some("uniq-receipt".into()),
        file_name: Some("receipt-anna-petrova.pdf".into()),
        size: Some(1200),
        mime: Some("application/pdf".into()),
        caption: Some("my receipt".into()),
        media_group_id: None,
    }
}

async fn an_erased_client_names_no_one_but_their_tickets_still_count(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 4242, "Anna").await;
    let boris = client_writes_in(store, ws, 4243, "Boris").await;
    let refund = open_ticket(store, ws, &anna, "Refund for order 77, Anna Petrova", 0).await;
    let first = client_says(
        store,
        ws,
        refund.id,
        "My card ends in 4417-XQ",
        1,
        vec![receipt()],
    )
    .await;
    let copy = TelegramCopy {
        bot_id: 1,
        chat_id: 4242,
        message_id: 10,
    };
    store
        .write(async |tx| tx.add_message_copy(ws, first, &copy).await)
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.change_status(ws, refund.id, TicketStatus::Closed, Actor::System, at(5))
                .await?;
            tx.rate_ticket(
                ws,
                refund.id,
                Rating::new(5).unwrap(),
                Some("Thanks, Anna".into()),
                at(6),
            )
            .await
        })
        .await
        .unwrap();
    let his = open_ticket(store, ws, &boris, "Boris's question", 2).await;
    client_says(store, ws, his.id, "Boris here", 3, vec![]).await;

    let erased = store
        .write(async |tx| tx.erase_client(ws, &anna, at(60)).await)
        .await
        .unwrap();
    assert_eq!((erased.tickets, erased.messages), (1, 1));

    // Nobody finds Anna any more; her row says when she was erased and nothing else.
    assert!(store
        .find_client_by_telegram_id(ws, 4242)
        .await
        .unwrap()
        .is_none());
    let gone = store.get_client(ws, anna.id).await.unwrap();
    assert_eq!(gone.erased_at, Some(at(60)));
    assert_eq!(
        (
            gone.first_name.as_str(),
            gone.last_name.clone(),
            gone.username.clone()
        ),
        ("", None, None)
    );
    assert!(
        gone.telegram_user_id < 0,
        "no Telegram user has a negative id"
    );
    assert_eq!(
        store.client_attributes(ws, anna.id).await.unwrap(),
        serde_json::json!({})
    );
    // Her ticket keeps its number, status, times and score: the reports still count it.
    let ticket = store.get_ticket(ws, refund.id).await.unwrap();
    assert_eq!(ticket.status, TicketStatus::Closed);
    assert_eq!(ticket.rating.map(|r| r.score()), Some(5));
    assert_eq!(
        (ticket.subject.as_str(), ticket.rating_comment.clone()),
        ("", None)
    );
    let messages = store.ticket_messages(ws, refund.id).await.unwrap();
    assert_eq!(messages.len(), 1, "the message stays, empty");
    assert_eq!(
        (messages[0].text.clone(), messages[0].media.len()),
        (None, 0)
    );
    assert!(
        messages[0].copies.is_empty(),
        "where it was in her chat is gone too"
    );
    for event in store.ticket_history(ws, refund.id).await.unwrap() {
        assert!(!event.details.to_string().contains("Anna"), "{event:?}");
    }
    // Boris is untouched.
    let his_messages = store.ticket_messages(ws, his.id).await.unwrap();
    assert_eq!(his_messages[0].text.as_deref(), Some("Boris here"));
    assert_eq!(
        store.get_ticket(ws, his.id).await.unwrap().subject,
        "Boris's question"
    );

    // Erasing twice is refused: there is no one left to erase.
    let again = store
        .write(async |tx| tx.erase_client(ws, &anna, at(61)).await)
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");

    // Nothing of what she wrote is left anywhere in the database.
    for needle in [
        // A needle no timestamp or id can contain by chance: the migrations' timings once did.
        "4417-XQ",
        "receipt-anna",
        "Anna Petrova",
        "Thanks, Anna",
        "my receipt",
    ] {
        let found = store.columns_containing(needle).await.unwrap();
        assert!(found.is_empty(), "{needle:?} still in {found:?}");
    }
}

async fn retention_empties_old_closed_conversations_only(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "neighbour").await;
    let anna = client_writes_in(store, ws, 5001, "Anna").await;
    let old = open_ticket(store, ws, &anna, "Old question", 0).await;
    client_says(
        store,
        ws,
        old.id,
        "an old closed conversation",
        1,
        vec![receipt()],
    )
    .await;
    let open = open_ticket(store, ws, &anna, "Still open", 2).await;
    client_says(store, ws, open.id, "old, but the ticket is open", 3, vec![]).await;
    let close = |id, minute: i64| async move {
        store
            .write(async |tx| {
                tx.change_status(ws, id, TicketStatus::Closed, Actor::System, at(minute))
                    .await
            })
            .await
            .unwrap();
    };
    close(old.id, 10).await;
    let recent = open_ticket(store, ws, &anna, "Recent question", 60 * 24 * 40).await;
    client_says(
        store,
        ws,
        recent.id,
        "a recent conversation",
        60 * 24 * 40 + 1,
        vec![],
    )
    .await;
    close(recent.id, 60 * 24 * 40 + 2).await;
    // The neighbour desk keeps everything: its period is its own.
    let bob = client_writes_in(store, other, 5002, "Bob").await;
    let theirs = open_ticket(store, other, &bob, "Neighbour's", 0).await;
    client_says(
        store,
        other,
        theirs.id,
        "the neighbour's old words",
        1,
        vec![],
    )
    .await;

    store
        .write(async |tx| tx.set_retention_days(ws, Some(30), at(0)).await)
        .await
        .unwrap();
    assert_eq!(store.retention_days(ws).await.unwrap(), Some(30));
    assert_eq!(store.retention_days(other).await.unwrap(), None);

    // Forty-one days on, a period of thirty: one batch of one row at a time, as the timer runs.
    let now = at(60 * 24 * 41);
    let before = now - Duration::days(30);
    let mut swept = Vec::new();
    loop {
        let batch = store
            .write(async |tx| tx.delete_content_before(ws, before, 1, now).await)
            .await
            .unwrap();
        if batch.is_empty() {
            break;
        }
        assert!(batch.messages <= 1 && batch.tickets <= 1);
        swept.push(batch);
    }
    let messages: u64 = swept.iter().map(|b| b.messages).sum();
    let tickets: u64 = swept.iter().map(|b| b.tickets).sum();
    assert_eq!((messages, tickets), (1, 1));

    let text = |id| async move { store.ticket_messages(ws, id).await.unwrap()[0].text.clone() };
    assert_eq!(text(old.id).await, None);
    assert!(store.ticket_messages(ws, old.id).await.unwrap()[0]
        .media
        .is_empty());
    assert_eq!(store.get_ticket(ws, old.id).await.unwrap().subject, "");
    assert_eq!(
        store.get_ticket(ws, old.id).await.unwrap().status,
        TicketStatus::Closed
    );
    assert_eq!(
        text(open.id).await.as_deref(),
        Some("old, but the ticket is open")
    );
    assert_eq!(
        text(recent.id).await.as_deref(),
        Some("a recent conversation")
    );
    let neighbours = store.ticket_messages(other, theirs.id).await.unwrap();
    assert_eq!(
        neighbours[0].text.as_deref(),
        Some("the neighbour's old words")
    );

    store
        .write(async |tx| tx.set_retention_days(ws, None, at(0)).await)
        .await
        .unwrap();
    assert_eq!(store.retention_days(ws).await.unwrap(), None);
}

async fn a_backup_is_a_copy_the_desk_can_run_on(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 6001, "Anna").await;
    let ticket = open_ticket(store, ws, &anna, "Backed up", 0).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let taken = store.backup_into(&file).await;
    if store.backend() == ticketgram_store::Backend::Postgres {
        // pg_dump's job: the store says so rather than pretending.
        assert!(matches!(taken, Err(StoreError::Invalid(_))), "{taken:?}");
        return;
    }
    taken.unwrap();
    // Never over an existing file.
    assert!(store.backup_into(&file).await.is_err());
    let restored = Store::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    restored.migrate().await.unwrap();
    let found = restored
        .find_ticket_by_number(ws, ticket.number)
        .await
        .unwrap()
        .expect("the ticket is in the copy");
    assert_eq!(found.subject, "Backed up");
    restored.close().await;
}
