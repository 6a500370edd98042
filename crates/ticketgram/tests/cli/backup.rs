//! `ticketgram backup`: a desk is backed up while it serves, and the copy, put in place of a
//! lost database, holds the desk's tickets.

use ticketgram_store::Store;

use crate::desk::{terminate, wait_for, Telegram};
use crate::helpers::{run, sqlite_url, Sandbox};
use crate::serve::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_backed_up_while_serving_is_restored_with_its_tickets() {
    let telegram = Telegram::start().await;
    let dir = Sandbox::new();
    let database = sqlite_url(&dir.path("desk.db"));
    let mut server = Server::start(&mut telegram.serve(&dir));
    wait_for(&mut server, "Ticketgram is running");
    telegram.client_opens_a_ticket().await;

    // Taken while serve runs and holds the database open.
    let backup = dir.path("backup.db");
    let backup_arg = backup.display().to_string();
    let taken = run(dir
        .cmd(&["backup", &backup_arg])
        .env("TICKETGRAM_DATABASE_URL", &database));
    taken.assert_success();
    assert!(taken.stdout.contains("backed up to"), "{}", taken.dump());
    let again = run(dir
        .cmd(&["backup", &backup_arg])
        .env("TICKETGRAM_DATABASE_URL", &database));
    assert_ne!(
        again.code,
        Some(0),
        "a backup never overwrites: {}",
        again.dump()
    );
    terminate(server);

    // The database is lost; the backup takes its place.
    std::fs::remove_file(dir.path("desk.db")).expect("the database goes");
    std::fs::copy(&backup, dir.path("desk.db")).expect("restore");
    run(dir
        .cmd(&["migrate"])
        .env("TICKETGRAM_DATABASE_URL", &database))
    .assert_success();
    let store = Store::connect(&database)
        .await
        .expect("the restored file opens");
    let ws = store
        .find_workspace_by_slug("default")
        .await
        .unwrap()
        .expect("the desk")
        .id;
    let ticket = store
        .find_ticket_by_number(ws, ticketgram_domain::TicketNumber(1000))
        .await
        .unwrap()
        .expect("ticket #1000 is in the restored desk");
    let messages = store.ticket_messages(ws, ticket.id).await.unwrap();
    assert!(messages
        .iter()
        .any(|m| m.text.as_deref() == Some("Hi, the order page shows an error")));
    store.close().await;
}

#[test]
fn postgres_desks_are_told_to_use_pg_dump() {
    let dir = Sandbox::new();
    let out = run(dir.cmd(&["backup", "copy.db"]).env(
        "TICKETGRAM_DATABASE_URL",
        "postgres://ticketgram@127.0.0.1:1/none",
    ));
    assert_ne!(out.code, Some(0));
    assert!(out.stderr.contains("pg_dump"), "{}", out.dump());
}
