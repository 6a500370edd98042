//! The console's sign-in: links work once and expire, sessions end on logout (one or all),
//! nothing crosses desks, and passwords are stored as given (already hashed).

use crate::helpers::{at, new_agent, open_desk, TestDb};
use crate::on_both_backends;
use std::time::Duration;
use ticketgram_store::StoreError;

on_both_backends!(
    login_links_work_once_and_expire,
    sessions_end_on_logout_and_logout_everywhere,
    passwords_are_kept_per_agent
);

const TEN_MINUTES: Duration = Duration::from_secs(600);

async fn login_links_work_once_and_expire(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(9001, "Kate")).await)
        .await
        .unwrap();

    let token = store
        .write(async |tx| tx.create_login_link(ws, kate.id, TEN_MINUTES, at(0)).await)
        .await
        .unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(
        store
            .write(async |tx| tx.consume_login_link(other, &token, at(1)).await)
            .await
            .unwrap(),
        None,
        "another desk does not know the link"
    );
    assert_eq!(
        store
            .write(async |tx| tx.consume_login_link(ws, &token, at(1)).await)
            .await
            .unwrap(),
        Some(kate.id)
    );
    assert_eq!(
        store
            .write(async |tx| tx.consume_login_link(ws, &token, at(2)).await)
            .await
            .unwrap(),
        None,
        "single use"
    );

    let late = store
        .write(async |tx| tx.create_login_link(ws, kate.id, TEN_MINUTES, at(0)).await)
        .await
        .unwrap();
    assert_eq!(
        store
            .write(async |tx| tx.consume_login_link(ws, &late, at(10)).await)
            .await
            .unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        store
            .write(async |tx| tx.consume_login_link(ws, "not-a-token", at(1)).await)
            .await
            .unwrap(),
        None
    );

    let stranger = store
        .write(async |tx| tx.upsert_agent(other, &new_agent(9002, "Olaf")).await)
        .await
        .unwrap();
    assert!(matches!(
        store
            .write(async |tx| tx
                .create_login_link(ws, stranger.id, TEN_MINUTES, at(0))
                .await)
            .await,
        Err(StoreError::NotFound)
    ));

    // Two racing clicks: exactly one signs in.
    let token = store
        .write(async |tx| tx.create_login_link(ws, kate.id, TEN_MINUTES, at(0)).await)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        store.write(async |tx| tx.consume_login_link(ws, &token, at(1)).await),
        store.write(async |tx| tx.consume_login_link(ws, &token, at(1)).await)
    );
    let wins = [a.unwrap(), b.unwrap()]
        .iter()
        .filter(|r| r.is_some())
        .count();
    assert_eq!(wins, 1);
}

async fn sessions_end_on_logout_and_logout_everywhere(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(9001, "Kate")).await)
        .await
        .unwrap();
    let week = Duration::from_secs(7 * 24 * 3600);
    let laptop = store
        .write(async |tx| tx.create_web_session(ws, kate.id, week, at(0)).await)
        .await
        .unwrap();
    let phone = store
        .write(async |tx| tx.create_web_session(ws, kate.id, week, at(0)).await)
        .await
        .unwrap();
    assert_ne!(laptop.token, phone.token);
    assert_ne!(laptop.csrf, laptop.token);

    let live = store
        .web_session(ws, &laptop.token, at(5))
        .await
        .unwrap()
        .expect("live");
    assert_eq!(live.agent, kate.id);
    assert_eq!(live.csrf, laptop.csrf);
    assert_eq!(live.expires_at, laptop.expires_at);
    assert_eq!(
        store
            .web_session(ws, &laptop.token, at(7 * 24 * 60 + 1))
            .await
            .unwrap(),
        None,
        "expired"
    );

    assert!(store
        .write(async |tx| tx.revoke_web_session(ws, &laptop.token, at(6)).await)
        .await
        .unwrap());
    assert_eq!(
        store.web_session(ws, &laptop.token, at(7)).await.unwrap(),
        None
    );
    assert!(store
        .web_session(ws, &phone.token, at(7))
        .await
        .unwrap()
        .is_some());

    let tablet = store
        .write(async |tx| tx.create_web_session(ws, kate.id, week, at(8)).await)
        .await
        .unwrap();
    assert_eq!(
        store
            .write(async |tx| tx.revoke_agent_sessions(ws, kate.id, at(9)).await)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store.web_session(ws, &phone.token, at(10)).await.unwrap(),
        None
    );
    assert_eq!(
        store.web_session(ws, &tablet.token, at(10)).await.unwrap(),
        None
    );
}

async fn passwords_are_kept_per_agent(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(9001, "Kate")).await)
        .await
        .unwrap();
    assert_eq!(store.agent_password_hash(ws, kate.id).await.unwrap(), None);
    store
        .write(async |tx| {
            tx.set_agent_password(ws, kate.id, Some("$argon2id$one"), at(0))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.set_agent_password(ws, kate.id, Some("$argon2id$two"), at(1))
                .await
        })
        .await
        .unwrap();
    assert_eq!(
        store
            .agent_password_hash(ws, kate.id)
            .await
            .unwrap()
            .as_deref(),
        Some("$argon2id$two")
    );
    store
        .write(async |tx| tx.set_agent_password(ws, kate.id, None, at(2)).await)
        .await
        .unwrap();
    assert_eq!(store.agent_password_hash(ws, kate.id).await.unwrap(), None);
}
