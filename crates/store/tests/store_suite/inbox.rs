//! Updates are stored before they are acknowledged, exactly once each.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;

on_both_backends!(
    a_redelivered_update_is_stored_once,
    the_offset_only_moves_forward,
    a_pasted_bot_token_leaves_the_inbox_whatever_becomes_of_its_update
);

const BOT: i64 = 555;

async fn a_redelivered_update_is_stored_once(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;

    assert!(store
        .record_update(ws, BOT, 100, r#"{"update_id":100}"#, at(0))
        .await
        .unwrap());
    assert!(store
        .record_update(ws, BOT, 101, r#"{"update_id":101}"#, at(0))
        .await
        .unwrap());
    // We crashed before confirming the offset; Telegram sends 100 again.
    assert!(!store
        .record_update(ws, BOT, 100, r#"{"update_id":100}"#, at(1))
        .await
        .unwrap());
    // Another bot's update 100 is a different update.
    assert!(store
        .record_update(ws, 777, 100, "{}", at(1))
        .await
        .unwrap());

    let queue = store.unprocessed_updates(BOT, 10).await.unwrap();
    assert_eq!(
        queue.iter().map(|u| u.update_id).collect::<Vec<_>>(),
        [100, 101]
    );
    assert_eq!(queue[0].payload, r#"{"update_id":100}"#);

    store
        .write(async |tx| tx.mark_update_processed(BOT, 100, at(2)).await)
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.mark_update_failed(BOT, 101, "handler panicked", at(2))
                .await
        })
        .await
        .unwrap();
    assert!(store.unprocessed_updates(BOT, 10).await.unwrap().is_empty());
    let failed = store.failed_updates(ws, 10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].0.update_id, failed[0].1.as_str()),
        (101, "handler panicked")
    );
}

async fn the_offset_only_moves_forward(db: TestDb) {
    let store = &db.store;
    assert_eq!(store.confirmed_update_offset(BOT).await.unwrap(), None);
    store.confirm_update_offset(BOT, 101, at(0)).await.unwrap();
    store.confirm_update_offset(BOT, 99, at(1)).await.unwrap();
    assert_eq!(store.confirmed_update_offset(BOT).await.unwrap(), Some(101));
    store.confirm_update_offset(BOT, 150, at(2)).await.unwrap();
    assert_eq!(store.confirmed_update_offset(BOT).await.unwrap(), Some(150));
}

/// An admin pastes a bot token into the settings chat: the handler seals it into `bots` and
/// takes it out of the stored update in the same transaction; an update whose handler failed
/// loses anything token-shaped when it is marked failed. Either way, no plain token stays.
async fn a_pasted_bot_token_leaves_the_inbox_whatever_becomes_of_its_update(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let token = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
    let other = "7099999999:AAotherTokenPastedInAFailingUpdate_x";
    let pasted = |id: i64, text: &str| {
        format!(r#"{{"update_id":{id},"message":{{"text":"{text}","chat":{{"id":42}}}}}}"#)
    };
    store
        .record_update(ws, BOT, 200, &pasted(200, token), at(0))
        .await
        .unwrap();
    store
        .record_update(ws, BOT, 201, &pasted(201, other), at(0))
        .await
        .unwrap();
    // Another bot's inbox is not this handler's business.
    store
        .record_update(ws, 777, 200, &pasted(200, token), at(0))
        .await
        .unwrap();

    let redacted = store
        .write(async |tx| {
            let n = tx.redact_from_pending_updates(BOT, token).await?;
            tx.mark_update_processed(BOT, 200, at(1)).await?;
            Ok::<_, ticketgram_store::StoreError>(n)
        })
        .await
        .unwrap();
    assert_eq!(redacted, 1);
    store
        .write(async |tx| {
            let error = format!("getMe refused {other}");
            tx.mark_update_failed(BOT, 201, &error, at(1)).await
        })
        .await
        .unwrap();

    let failed = store.failed_updates(ws, 10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert!(
        !failed[0].0.payload.contains(other),
        "{}",
        failed[0].0.payload
    );
    assert!(failed[0].0.payload.contains("[redacted]"));
    assert_eq!(failed[0].1, "getMe refused [redacted]");
    assert_eq!(
        store.columns_containing(other).await.unwrap(),
        Vec::<String>::new()
    );
    // Only the other bot's copy still holds the first token.
    assert_eq!(
        store.columns_containing(token).await.unwrap(),
        ["updates.payload"]
    );
    let theirs = store.unprocessed_updates(777, 10).await.unwrap();
    assert!(theirs[0].payload.contains(token));
}
