//! Desks are isolated; their directory (agents, topics, settings, bots, audit) is per desk.

use crate::helpers::{
    at, client_writes_in, new_agent, open_desk, open_desk_numbered_from, open_ticket, TestDb,
};
use crate::on_both_backends;
use ticketgram_domain::{
    Actor, AgentAlias, AuditEntry, Language, Priority, TicketNumber, TopicName,
};
use ticketgram_store::{BotRole, NewBot, NewTopic, NewWorkspace, StoreError};

on_both_backends!(
    two_desks_share_a_database_but_nothing_else,
    a_desk_configures_its_team_topics_and_bots,
);

async fn two_desks_share_a_database_but_nothing_else(db: TestDb) {
    let store = &db.store;
    let acme = open_desk(store, "acme").await;
    let globex = open_desk_numbered_from(store, "globex", 1000).await;

    // The same Telegram user writes to both desks' bots: two clients, one per desk.
    let anna_at_acme = client_writes_in(store, acme, 42, "Anna").await;
    let anna_at_globex = client_writes_in(store, globex, 42, "Anna").await;
    assert_ne!(anna_at_acme.id, anna_at_globex.id);

    // Each desk numbers its own tickets.
    let a1 = open_ticket(store, acme, &anna_at_acme, "Card declined", 1).await;
    let a2 = open_ticket(store, acme, &anna_at_acme, "Card declined again", 2).await;
    let g1 = open_ticket(store, globex, &anna_at_globex, "Parcel lost", 3).await;
    assert_eq!(
        (a1.number, a2.number, g1.number),
        (TicketNumber(1), TicketNumber(2), TicketNumber(1000))
    );

    // One desk cannot see or touch the other's rows.
    assert!(matches!(
        store.get_ticket(globex, a1.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.get_client(acme, anna_at_globex.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .find_ticket_by_number(globex, TicketNumber(1))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .find_ticket_by_number(acme, TicketNumber(2))
            .await
            .unwrap()
            .unwrap()
            .id,
        a2.id
    );

    // Slugs are unique across the database.
    let taken = NewWorkspace {
        slug: "acme".into(),
        name: "Impostor".into(),
        first_ticket_number: 1,
        created_at: at(0),
    };
    // The refusal names no table or constraint (it may reach an API answer or a page).
    match store
        .write(async |tx| tx.create_workspace(&taken).await)
        .await
    {
        Err(StoreError::Conflict(why)) => {
            assert!(
                !why.contains("workspaces") && !why.to_lowercase().contains("constraint"),
                "{why}"
            )
        }
        other => panic!("a taken slug is a conflict, got {other:?}"),
    }
    assert_eq!(
        store
            .find_workspace_by_slug("globex")
            .await
            .unwrap()
            .unwrap()
            .id,
        globex
    );
    assert_eq!(store.list_workspaces().await.unwrap().len(), 2);
}

async fn a_desk_configures_its_team_topics_and_bots(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;

    // Kate joins, gets an alias, and re-joining updates rather than duplicates her.
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate Smith")).await)
        .await
        .unwrap();
    let alias = AgentAlias::parse("Kate").unwrap();
    store
        .write(async |tx| tx.set_agent_alias(ws, kate.id, Some(&alias)).await)
        .await
        .unwrap();
    let mut again = new_agent(7, "Kate S.");
    again.alias = Some(alias.clone());
    again.languages = vec![Language::En, Language::De];
    let kate_again = store
        .write(async |tx| tx.upsert_agent(ws, &again).await)
        .await
        .unwrap();
    assert_eq!(kate_again.id, kate.id);
    assert_eq!(kate_again.languages, vec![Language::En, Language::De]);
    store
        .write(async |tx| tx.set_agent_active(ws, kate.id, false).await)
        .await
        .unwrap();
    assert!(!store.get_agent(ws, kate.id).await.unwrap().active);
    assert_eq!(
        store
            .find_agent_by_telegram_id(ws, 7)
            .await
            .unwrap()
            .unwrap()
            .alias,
        Some(alias)
    );
    assert!(store
        .find_agent_by_telegram_id(other, 7)
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.list_agents(ws).await.unwrap().len(), 1);

    // Topics in menu order; a retired topic leaves the menu but not the settings screen.
    let payments = NewTopic {
        name: TopicName::single("Payments"),
        position: 2,
        default_priority: Priority::High,
        queue: Some("billing".into()),
    };
    let disputes = NewTopic {
        name: TopicName::single("Disputes"),
        position: 1,
        default_priority: Priority::Normal,
        queue: None,
    };
    let payments = store
        .write(async |tx| tx.add_topic(ws, &payments).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.add_topic(ws, &disputes).await)
        .await
        .unwrap();
    let menu: Vec<String> = store
        .list_topics(ws, false)
        .await
        .unwrap()
        .iter()
        .map(|t| t.name.in_language(Language::En).to_string())
        .collect();
    assert_eq!(menu, ["Disputes", "Payments"]);
    let mut retired = payments.clone();
    retired.active = false;
    store
        .write(async |tx| tx.update_topic(&retired).await)
        .await
        .unwrap();
    assert_eq!(store.list_topics(ws, false).await.unwrap().len(), 1);
    assert_eq!(store.list_topics(ws, true).await.unwrap().len(), 2);
    assert_eq!(
        store
            .get_topic(ws, payments.id)
            .await
            .unwrap()
            .default_priority,
        Priority::High
    );

    // Settings are per desk.
    store
        .write(async |tx| tx.set_setting(ws, "greeting", "Hello!", at(1)).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.set_setting(ws, "greeting", "Hi there!", at(2)).await)
        .await
        .unwrap();
    assert_eq!(
        store.get_setting(ws, "greeting").await.unwrap().as_deref(),
        Some("Hi there!")
    );
    assert_eq!(store.get_setting(other, "greeting").await.unwrap(), None);
    assert_eq!(store.all_settings(ws).await.unwrap().len(), 1);
    assert!(store
        .write(async |tx| tx.delete_setting(ws, "greeting").await)
        .await
        .unwrap());

    // A bot belongs to one desk; its token never shows up in logs.
    let bot = NewBot {
        role: BotRole::Client,
        telegram_bot_id: 555,
        username: "acme_bot".into(),
        token_ciphertext: "secret".into(),
        created_at: at(0),
    };
    let registered = store
        .write(async |tx| tx.register_bot(ws, &bot).await)
        .await
        .unwrap();
    assert!(!format!("{registered:?}").contains("secret"));
    assert!(matches!(
        store
            .write(async |tx| tx.register_bot(other, &bot).await)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.find_bot(555).await.unwrap().unwrap().workspace, ws);
    assert_eq!(store.all_bots().await.unwrap().len(), 1);
    assert!(store
        .write(async |tx| tx.remove_bot(ws, 555).await)
        .await
        .unwrap());
    assert!(store.bots_of_workspace(ws).await.unwrap().is_empty());

    // The audit log records who did it.
    let entry = AuditEntry {
        workspace: ws,
        actor: Actor::Agent(kate.id),
        action: "agent.deactivated".into(),
        subject: "agent 7".into(),
        details: vec![("reason".into(), "left the team".into())],
        at: at(5),
    };
    store
        .write(async |tx| tx.record_audit(&entry).await)
        .await
        .unwrap();
    assert_eq!(store.audit_log(ws, 10).await.unwrap(), vec![entry]);
    assert!(store.audit_log(other, 10).await.unwrap().is_empty());

    // Blocking a client is recorded with who and when.
    let spammer = client_writes_in(store, ws, 99, "Spammer").await;
    let block = ticketgram_domain::BlockState {
        reason: "spam".into(),
        by: Actor::Agent(kate.id),
        at: at(6),
    };
    store
        .write(async |tx| tx.set_client_block(ws, spammer.id, Some(&block)).await)
        .await
        .unwrap();
    assert_eq!(
        store.get_client(ws, spammer.id).await.unwrap().blocked,
        Some(block)
    );
    store
        .write(async |tx| tx.set_client_block(ws, spammer.id, None).await)
        .await
        .unwrap();
    assert!(!store.get_client(ws, spammer.id).await.unwrap().is_blocked());
    assert_eq!(
        store.client_attributes(ws, spammer.id).await.unwrap()["is_premium"],
        false
    );
}
