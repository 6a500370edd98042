//! The schema: created by `migrate`, and migrating again changes nothing.

use crate::helpers::{at, client_writes_in, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_store::{Backend, Store, StoreError};

on_both_backends!(
    migrating_again_is_a_no_op,
    every_table_exists,
    a_desk_survives_a_restart
);

async fn migrating_again_is_a_no_op(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    open_ticket(store, ws, &anna, "Payment stuck", 1).await;

    // A second instance starting up runs migrations too: nothing happens, data stays.
    store.migrate().await.expect("second migrate");
    db.second_instance()
        .await
        .migrate()
        .await
        .expect("migrate from another instance");
    assert_eq!(
        store
            .active_tickets_of_client(ws, anna.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn every_table_exists(db: TestDb) {
    let tables = [
        "workspaces",
        "workspace_counters",
        "clients",
        "agents",
        "topics",
        "tickets",
        "ticket_tags",
        "ticket_events",
        "messages",
        "message_copies",
        "client_states",
        "audit_log",
        "settings",
        "bots",
        "ticket_posts",
        "updates",
        "update_offsets",
        "outbox",
        "leases",
        "instances",
        "sign_in_throttle",
        "desk_flows",
        "ticket_fields",
        "flow_events",
        "desk_order_lookups",
    ];
    for table in tables {
        let (count,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(db.store.pool())
            .await
            .unwrap_or_else(|e| panic!("table {table} is missing: {e}"));
        assert!(count >= 0);
    }
}

async fn a_desk_survives_a_restart(db: TestDb) {
    let ws = open_desk(&db.store, "acme").await;
    let anna = client_writes_in(&db.store, ws, 1001, "Anna").await;
    let ticket = open_ticket(&db.store, ws, &anna, "Where is my refund?", 3).await;
    db.store.close().await;

    let restarted = Store::connect(&db.url).await.unwrap();
    assert_eq!(restarted.backend(), Backend::from_url(&db.url).unwrap());
    let reloaded = restarted.get_ticket(ws, ticket.id).await.unwrap();
    assert_eq!(reloaded, ticket);
    assert_eq!(reloaded.created_at, at(3));
    assert!(matches!(
        restarted
            .get_ticket(ws, ticketgram_domain::TicketId(9999))
            .await,
        Err(StoreError::NotFound)
    ));
}
