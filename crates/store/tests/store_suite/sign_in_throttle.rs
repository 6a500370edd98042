//! Password sign-in throttling: a few quick attempts are free, then each one closes the door
//! for twice as long as the last (up to a cap); a closed door counts nothing; a right password
//! starts the account afresh; every instance sees the same count; desks do not share it.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;
use chrono::Duration as Span;
use std::time::Duration;
use ticketgram_store::{SignInBackoff, SignInGate};

on_both_backends!(
    wrong_passwords_wait_longer_and_longer,
    a_burst_from_two_instances_is_counted_once_each,
    a_right_password_starts_afresh_and_a_quiet_hour_forgets
);

const BACKOFF: SignInBackoff = SignInBackoff {
    free_attempts: 3,
    first_delay: Duration::from_secs(1),
    max_delay: Duration::from_secs(8),
    forget_after: Duration::from_secs(3600),
};

async fn wrong_passwords_wait_longer_and_longer(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let account = "account:9001";
    let t0 = at(0);
    for _ in 0..3 {
        assert_eq!(
            store
                .write(async |tx| tx.sign_in_attempt(ws, account, &BACKOFF, t0).await)
                .await
                .unwrap(),
            SignInGate::Open,
            "the first three are free"
        );
    }
    // The fourth is tried, and closes the door for one second.
    let gate = store
        .write(async |tx| tx.sign_in_attempt(ws, account, &BACKOFF, t0).await)
        .await;
    assert_eq!(gate.unwrap(), SignInGate::Open);
    let closed = store
        .write(async |tx| tx.sign_in_attempt(ws, account, &BACKOFF, t0).await)
        .await;
    assert_eq!(
        closed.unwrap(),
        SignInGate::Closed {
            until: t0 + Span::seconds(1)
        }
    );
    // Knocking on a closed door does not make the wait longer.
    for _ in 0..10 {
        store
            .write(async |tx| {
                tx.sign_in_attempt(ws, account, &BACKOFF, t0 + Span::milliseconds(500))
                    .await
            })
            .await
            .unwrap();
    }
    let mut now = t0 + Span::seconds(1);
    for wait in [2, 4, 8, 8, 8] {
        assert_eq!(
            store
                .write(async |tx| tx.sign_in_attempt(ws, account, &BACKOFF, now).await)
                .await
                .unwrap(),
            SignInGate::Open
        );
        assert_eq!(
            store
                .write(async |tx| tx.sign_in_attempt(ws, account, &BACKOFF, now).await)
                .await
                .unwrap(),
            SignInGate::Closed {
                until: now + Span::seconds(wait)
            },
            "doubling up to the cap"
        );
        now += Span::seconds(wait);
    }
    assert_eq!(
        store
            .write(async |tx| tx.sign_in_attempt(other, account, &BACKOFF, t0).await)
            .await
            .unwrap(),
        SignInGate::Open,
        "another desk keeps its own count"
    );
}

async fn a_burst_from_two_instances_is_counted_once_each(db: TestDb) {
    let one = db.store.clone();
    let two = db.second_instance().await;
    let ws = open_desk(&one, "acme").await;
    let t0 = at(0);
    let mut tries = Vec::new();
    for i in 0..20 {
        let store = if i % 2 == 0 { one.clone() } else { two.clone() };
        tries.push(tokio::spawn(async move {
            store
                .write(async |tx| {
                    tx.sign_in_attempt(ws, "address:203.0.113.7", &BACKOFF, t0)
                        .await
                })
                .await
                .unwrap()
        }));
    }
    let mut open = 0;
    for t in tries {
        if t.await.unwrap() == SignInGate::Open {
            open += 1;
        }
    }
    assert_eq!(
        open, 4,
        "three free attempts and the one that closed the door, whichever instance got them"
    );
}

async fn a_right_password_starts_afresh_and_a_quiet_hour_forgets(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let (account, address) = ("account:9001", "address:198.51.100.4");
    let t0 = at(0);
    for subject in [account, address] {
        for _ in 0..3 {
            store
                .write(async |tx| tx.sign_in_attempt(ws, subject, &BACKOFF, t0).await)
                .await
                .unwrap();
        }
    }
    // The third attempt was the right password.
    store
        .write(async |tx| tx.forget_sign_in_attempts(ws, account).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.refund_sign_in_attempt(ws, address).await)
        .await
        .unwrap();
    for _ in 0..3 {
        assert_eq!(
            store
                .write(async |tx| tx.sign_in_attempt(ws, account, &BACKOFF, t0).await)
                .await
                .unwrap(),
            SignInGate::Open,
            "the account starts afresh"
        );
    }
    assert_eq!(
        store
            .write(async |tx| tx.sign_in_attempt(ws, address, &BACKOFF, t0).await)
            .await
            .unwrap(),
        SignInGate::Open,
        "the address got back the attempt that succeeded"
    );
    assert_eq!(
        store
            .write(async |tx| tx.sign_in_attempt(ws, address, &BACKOFF, t0).await)
            .await
            .unwrap(),
        SignInGate::Open,
        "... and no more: this one closes the door"
    );
    assert!(matches!(
        store
            .write(async |tx| tx.sign_in_attempt(ws, address, &BACKOFF, t0).await)
            .await
            .unwrap(),
        SignInGate::Closed { .. }
    ));
    let later = t0 + Span::minutes(61);
    for _ in 0..3 {
        assert_eq!(
            store
                .write(async |tx| tx.sign_in_attempt(ws, address, &BACKOFF, later).await)
                .await
                .unwrap(),
            SignInGate::Open,
            "an hour later the address is forgotten"
        );
    }
}
