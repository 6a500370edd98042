//! Updates are stored before they are acknowledged, exactly once each.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;

on_both_backends!(
    a_redelivered_update_is_stored_once,
    the_offset_only_moves_forward
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
