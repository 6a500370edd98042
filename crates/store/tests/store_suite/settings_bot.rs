//! The settings bot's own state: the first-run setup code, admins' dialogs, roles, sealed tokens.

use crate::helpers::{at, new_agent, open_desk, TestDb};
use crate::on_both_backends;
use ticketgram_domain::AgentRole;
use ticketgram_store::{SealingKey, SetupClaim, SETUP_ATTEMPT_LIMIT};

on_both_backends!(
    the_first_sender_of_the_setup_code_becomes_owner_once,
    wrong_setup_codes_lock_claiming_until_a_new_code,
    a_new_code_replaces_the_unused_one,
    admin_dialogs_survive_and_end,
    agents_change_roles,
    bot_tokens_are_stored_sealed,
);

async fn the_first_sender_of_the_setup_code_becomes_owner_once(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    assert!(!store.has_owner(ws).await.unwrap());
    let code = store
        .write(async |tx| tx.new_setup_code(ws, at(0)).await)
        .await
        .unwrap();
    assert_eq!(code.as_str().len(), 9, "shown as 4821-7730");

    // Another desk's code does not open this one.
    let foreign = store
        .write(async |tx| tx.new_setup_code(other, at(0)).await)
        .await
        .unwrap();
    if foreign != code {
        let claim = store
            .write(async |tx| {
                tx.claim_setup_code(ws, foreign.as_str(), &new_agent(7, "Mallory"))
                    .await
            })
            .await
            .unwrap();
        assert_eq!(claim, SetupClaim::Wrong);
    }

    let claim = store
        .write(async |tx| {
            tx.claim_setup_code(ws, code.as_str(), &new_agent(1, "Olga"))
                .await
        })
        .await
        .unwrap();
    let SetupClaim::Claimed(owner) = claim else {
        panic!("the right code claims the desk: {claim:?}");
    };
    assert_eq!((owner.role, owner.telegram_user_id), (AgentRole::Owner, 1));
    assert!(store.has_owner(ws).await.unwrap());
    assert!(!store.has_owner(other).await.unwrap());

    // Used once: the same code, or any other, means nothing now.
    let again = store
        .write(async |tx| {
            tx.claim_setup_code(ws, code.as_str(), &new_agent(2, "Eve"))
                .await
        })
        .await
        .unwrap();
    assert_eq!(again, SetupClaim::AlreadyOwned);
    let eve = store.find_agent_by_telegram_id(ws, 2).await.unwrap();
    assert!(eve.is_none());
}

async fn wrong_setup_codes_lock_claiming_until_a_new_code(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let code = store
        .write(async |tx| tx.new_setup_code(ws, at(0)).await)
        .await
        .unwrap();
    let wrong = if code.as_str() == "0000-0000" {
        "1111-1111"
    } else {
        "0000-0000"
    };
    for _ in 0..SETUP_ATTEMPT_LIMIT {
        let claim = store
            .write(async |tx| {
                tx.claim_setup_code(ws, wrong, &new_agent(9, "Guesser"))
                    .await
            })
            .await
            .unwrap();
        assert_eq!(claim, SetupClaim::Wrong);
    }
    let claim = store
        .write(async |tx| {
            tx.claim_setup_code(ws, code.as_str(), &new_agent(1, "Olga"))
                .await
        })
        .await
        .unwrap();
    assert_eq!(
        claim,
        SetupClaim::Locked,
        "even the right code, once locked"
    );

    let fresh = store
        .write(async |tx| tx.new_setup_code(ws, at(5)).await)
        .await
        .unwrap();
    let claim = store
        .write(async |tx| {
            tx.claim_setup_code(ws, fresh.as_str(), &new_agent(1, "Olga"))
                .await
        })
        .await
        .unwrap();
    assert!(matches!(claim, SetupClaim::Claimed(_)), "{claim:?}");
}

async fn a_new_code_replaces_the_unused_one(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let old = store
        .write(async |tx| tx.new_setup_code(ws, at(0)).await)
        .await
        .unwrap();
    let new = store
        .write(async |tx| tx.new_setup_code(ws, at(1)).await)
        .await
        .unwrap();
    if old != new {
        let claim = store
            .write(async |tx| {
                tx.claim_setup_code(ws, old.as_str(), &new_agent(1, "Olga"))
                    .await
            })
            .await
            .unwrap();
        assert_eq!(claim, SetupClaim::Wrong);
    }
    let claim = store
        .write(async |tx| {
            tx.claim_setup_code(ws, new.as_str(), &new_agent(1, "Olga"))
                .await
        })
        .await
        .unwrap();
    assert!(matches!(claim, SetupClaim::Claimed(_)));
}

async fn admin_dialogs_survive_and_end(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    assert_eq!(store.staff_dialog(ws, 1).await.unwrap(), None);
    store
        .write(async |tx| {
            tx.set_staff_dialog(ws, 1, Some(r#"{"step":"token"}"#), at(0))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.set_staff_dialog(ws, 1, Some(r#"{"step":"agent"}"#), at(1))
                .await
        })
        .await
        .unwrap();
    let restarted = db.second_instance().await;
    assert_eq!(
        restarted.staff_dialog(ws, 1).await.unwrap().as_deref(),
        Some(r#"{"step":"agent"}"#)
    );
    assert_eq!(store.staff_dialog(other, 1).await.unwrap(), None);
    store
        .write(async |tx| tx.set_staff_dialog(ws, 1, None, at(2)).await)
        .await
        .unwrap();
    assert_eq!(store.staff_dialog(ws, 1).await.unwrap(), None);
}

async fn agents_change_roles(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(5, "Kate")).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.set_agent_role(ws, kate.id, AgentRole::Admin).await)
        .await
        .unwrap();
    assert_eq!(
        store.get_agent(ws, kate.id).await.unwrap().role,
        AgentRole::Admin
    );
    assert!(store
        .write(async |tx| tx.set_agent_role(other, kate.id, AgentRole::Owner).await)
        .await
        .is_err());
}

async fn bot_tokens_are_stored_sealed(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let key = SealingKey::derive("0123456789abcdef0123456789abcdef-test");
    let token = "4242:AAFakeTokenForTheStoreSuite_0123456789";
    let new = ticketgram_store::NewBot {
        role: ticketgram_store::BotRole::Client,
        telegram_bot_id: 4242,
        username: "acme_help_bot".into(),
        token_ciphertext: key.seal(token),
        created_at: at(0),
    };
    store
        .write(async |tx| tx.register_bot(ws, &new).await)
        .await
        .unwrap();
    let stored = store.find_bot(4242).await.unwrap().unwrap();
    assert!(!stored.token_ciphertext.contains("AAFake"));
    assert_eq!(key.open(&stored.token_ciphertext).unwrap(), token);
}
