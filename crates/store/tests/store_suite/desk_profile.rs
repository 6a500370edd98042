//! The desk's configuration from the settings bot: what is set, what falls back.

use crate::helpers::{at, open_desk, TestDb};
use crate::on_both_backends;
use ticketgram_domain::sla::{SlaTargets, WorkingHours};
use ticketgram_domain::Language;
use ticketgram_store::AgentChats;

on_both_backends!(a_lead_configures_the_desk_piece_by_piece,);

async fn a_lead_configures_the_desk_piece_by_piece(db: TestDb) {
    let store = &db.store;
    let desk = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;

    // Nothing set yet: the instance's own settings apply.
    let profile = store.desk_profile(desk).await.unwrap();
    assert_eq!(profile.hours, None);
    assert_eq!(profile.chats, None);
    assert!(profile.welcome.is_empty());

    let berlin = "Europe/Berlin".parse().unwrap();
    let hours = WorkingHours::new(berlin, "mon-fri 09:00-18:00".parse().unwrap());
    store
        .write(async |tx| tx.set_working_hours(desk, &hours, at(1)).await)
        .await
        .unwrap();
    let sla = SlaTargets {
        at_risk_percent: 30,
        ..SlaTargets::default()
    };
    store
        .write(async |tx| tx.set_sla_targets(desk, &sla, at(2)).await)
        .await
        .unwrap();
    let chats = AgentChats {
        channel_id: -1001,
        group_id: Some(-1002),
    };
    store
        .write(async |tx| tx.set_agent_chats(desk, &chats, at(3)).await)
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.set_welcome_text(desk, Language::Ru, Some("Здравствуйте!"), at(4))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| {
            tx.set_welcome_text(desk, Language::En, Some("Hello!"), at(5))
                .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| tx.set_welcome_text(desk, Language::Ru, None, at(6)).await)
        .await
        .unwrap();

    let profile = store.desk_profile(desk).await.unwrap();
    assert_eq!(profile.hours, Some(hours));
    assert_eq!(profile.sla, Some(sla));
    assert_eq!(profile.chats, Some(chats));
    assert_eq!(profile.welcome, vec![(Language::En, "Hello!".to_string())]);

    // Another desk in the same database is untouched.
    assert_eq!(store.desk_profile(other).await.unwrap().chats, None);
}
