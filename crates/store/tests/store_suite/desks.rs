//! Many desks in one database, read across desks only where a deployment must: the list of
//! desks with their counts, the desks one person works in, and which desk a console session
//! or sign-in link belongs to (so one console can serve them all).

use crate::helpers::{at, client_writes_in, new_agent, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use std::time::Duration;

on_both_backends!(
    each_desk_is_listed_with_its_own_agents_and_open_tickets,
    a_person_working_in_two_desks_sees_both_and_sessions_name_their_desk
);

const AN_HOUR: Duration = Duration::from_secs(3600);

async fn each_desk_is_listed_with_its_own_agents_and_open_tickets(db: TestDb) {
    let store = &db.store;
    let bakery = open_desk(store, "bakery").await;
    let florist = open_desk(store, "florist").await;
    for (id, name) in [(1, "Kate"), (2, "Max")] {
        store
            .write(async |tx| tx.upsert_agent(bakery, &new_agent(id, name)).await)
            .await
            .unwrap();
    }
    let nina = client_writes_in(store, bakery, 501, "Nina").await;
    open_ticket(store, bakery, &nina, "Cake for Saturday", 1).await;
    open_ticket(store, bakery, &nina, "And candles", 2).await;

    let desks = store.desk_summaries().await.unwrap();
    let counts: Vec<(&str, i64, i64)> = desks
        .iter()
        .map(|d| (d.workspace.slug.as_str(), d.agents, d.open_tickets))
        .collect();
    assert_eq!(counts, [("bakery", 2, 2), ("florist", 0, 0)]);
    assert_eq!(desks[1].workspace.id, florist);
}

async fn a_person_working_in_two_desks_sees_both_and_sessions_name_their_desk(db: TestDb) {
    let store = &db.store;
    let bakery = open_desk(store, "bakery").await;
    let florist = open_desk(store, "florist").await;
    let garage = open_desk(store, "garage").await;
    let kate_here = store
        .write(async |tx| tx.upsert_agent(bakery, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    let kate_there = store
        .write(async |tx| tx.upsert_agent(florist, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    let gone = store
        .write(async |tx| tx.upsert_agent(garage, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    store
        .write(async |tx| tx.set_agent_active(garage, gone.id, false).await)
        .await
        .unwrap();

    let hers: Vec<_> = store
        .desks_of_person(7)
        .await
        .unwrap()
        .into_iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(hers, [bakery, florist], "not the desk that deactivated her");

    let session = store
        .write(async |tx| {
            tx.create_web_session(florist, kate_there.id, AN_HOUR, at(0))
                .await
        })
        .await
        .unwrap();
    assert_eq!(
        store.web_session_desk(&session.token, at(1)).await.unwrap(),
        Some(florist)
    );
    store
        .write(async |tx| tx.revoke_web_session(florist, &session.token, at(2)).await)
        .await
        .unwrap();
    assert_eq!(
        store.web_session_desk(&session.token, at(3)).await.unwrap(),
        None
    );

    let link = store
        .write(async |tx| {
            tx.create_login_link(bakery, kate_here.id, AN_HOUR, at(0))
                .await
        })
        .await
        .unwrap();
    assert_eq!(
        store.login_link_desk(&link, at(1)).await.unwrap(),
        Some(bakery)
    );
    assert_eq!(
        store.login_link_desk(&link, at(61)).await.unwrap(),
        None,
        "expired"
    );
}
