//! The complaint register: Ann's angry message about a lost parcel, with a lawyer named, is
//! recognised as a delivery complaint of high severity and acknowledged with the time the desk
//! promises; Kate writes the root cause and proposes a refund above her limit, which waits
//! until an admin approves it in the manager bot (once: a second tap is told it was decided).
//! On a desk that recognises nothing, Kate registers a calm question as a complaint herself,
//! raises its severity with a reason and gives a coupon within her limit.

use crate::harness::{text_of, TestDesk};
use ticketgram_domain::complaint::{
    CompensationKind, CompensationStatus, ComplaintSettings, Money, Severity,
};
use ticketgram_domain::{Actor, Priority};
use ticketgram_relay::actions::complaint;

async fn recognising() -> TestDesk {
    let desk = TestDesk::start().await;
    let settings = ComplaintSettings {
        recognise: true,
        acknowledge: true,
        promise_hours: 24,
        ..ComplaintSettings::default()
    };
    let now = chrono::Utc::now();
    desk.store
        .write(async |tx| {
            complaint::save_settings(tx, desk.ws, Some(&settings), Actor::System, now).await
        })
        .await
        .expect("stored")
        .expect("valid settings");
    desk
}

#[tokio::test]
async fn an_angry_delivery_complaint_is_acknowledged_and_its_refund_waits_for_an_admin() {
    let desk = recognising().await;
    let kate = desk.kate.0;
    let (olga, olga_agent) = desk.admin("Olga").await;
    let ann = desk.client("Ann", "en");
    desk.says(
        &ann,
        "My parcel is two weeks late!!! This is unacceptable, I will call my lawyer",
    );
    desk.client_gets(&ann, "#1000").await;
    desk.client_gets(&ann, "registered your complaint about delivery")
        .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter().any(|m| {
            let text = text_of(m);
            text.contains("Registered as a complaint: delivery, severity high")
                && text.contains("names outside action")
        })
    })
    .await;

    desk.agent_comments(kate, 1000, "/cause the courier lost the parcel in transit")
        .await;
    desk.agent_comments(kate, 1000, "/compensate refund 120 lost parcel")
        .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("waiting for approval"))
    })
    .await;
    let ask = desk.agent_gets(olga, "Approval needed on #1000").await;
    assert!(text_of(&ask).contains("refund of 120.00 EUR"), "{ask:#}");
    desk.agent_presses(olga, &ask, "Approve");
    desk.agent_gets(olga, "Approved.").await;
    desk.agent_gets(kate, "Olga approved the refund of 120.00 EUR on #1000")
        .await;
    desk.settled().await;

    let ticket = desk.ticket(1000).await;
    assert!(ticket.priority >= Priority::High, "{:?}", ticket.priority);
    let registered = desk
        .store
        .complaint(desk.ws, ticket.id)
        .await
        .expect("store")
        .expect("a complaint");
    let c = &registered.complaint;
    assert_eq!(c.category.as_str(), "delivery");
    assert_eq!(c.severity(), Severity::High);
    assert_eq!(
        c.root_cause.as_deref(),
        Some("the courier lost the parcel in transit")
    );
    assert!(c.promised_by.is_some_and(|p| p > c.registered_at));
    let compensations = desk
        .store
        .compensations(desk.ws, ticket.id)
        .await
        .expect("store");
    assert_eq!(compensations.len(), 1);
    let refund = &compensations[0];
    assert_eq!(refund.kind, CompensationKind::Refund);
    assert_eq!(refund.amount, Money::parse("120").unwrap());
    assert_eq!(refund.status, CompensationStatus::Approved);
    assert_eq!(refund.decided_by, Some(olga_agent.id));

    // The button again: the first verdict counts, and Olga is told.
    desk.agent_presses(olga, &ask, "Reject");
    desk.agent_gets(olga, "already decided").await;
    desk.settled().await;
    let compensations = desk.store.compensations(desk.ws, ticket.id).await.unwrap();
    assert_eq!(compensations[0].status, CompensationStatus::Approved);
    let actions: Vec<String> = desk
        .store
        .audit_log(desk.ws, 100)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "complaint.registered",
        "complaint.root_cause",
        "compensation.proposed",
        "compensation.decided",
    ] {
        assert_eq!(
            actions.iter().filter(|a| *a == action).count(),
            1,
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn an_agent_registers_a_complaint_by_hand_and_raises_its_severity_with_a_reason() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let bob = desk.client("Bob", "en");
    desk.says(&bob, "Why was my card charged twice for one order?");
    desk.client_gets(&bob, "#1000").await;
    desk.agent_comments(kate, 1000, "/severity high important partner")
        .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("not a complaint yet"))
    })
    .await;

    desk.agent_comments(kate, 1000, "/complaint weather").await;
    desk.agent_comments(kate, 1000, "/complaint").await;
    desk.agent_comments(kate, 1000, "/severity high partner with 2,000 orders")
        .await;
    desk.agent_comments(kate, 1000, "/compensate coupon 10 sorry for the trouble")
        .await;
    desk.thread_sees(1000, |msgs| {
        let has = |needle: &str| msgs.iter().any(|m| text_of(m).contains(needle));
        has("Not one of the desk's complaint categories")
            && has("Registered as a complaint: payment, severity low")
            && has("Kate set the severity to high: partner with 2,000 orders")
            && has("Kate decided a coupon of 10.00 EUR")
    })
    .await;
    desk.settled().await;

    let ticket = desk.ticket(1000).await;
    let registered = desk
        .store
        .complaint(desk.ws, ticket.id)
        .await
        .unwrap()
        .expect("a complaint");
    assert_eq!(registered.complaint.severity(), Severity::High);
    assert_eq!(registered.complaint.assessed.severity, Severity::Low);
    assert_eq!(
        registered.complaint.adjusted,
        Some((Severity::High, "partner with 2,000 orders".to_string()))
    );
    // A desk that does not acknowledge tells the client nothing.
    assert!(registered.complaint.acknowledged_at.is_none());
    let coupon = desk.store.compensations(desk.ws, ticket.id).await.unwrap();
    assert_eq!(coupon[0].status, CompensationStatus::Approved);
    // Kate's commands are notes: none reached Bob.
    assert!(desk
        .client_sees(&bob, |_| true)
        .await
        .iter()
        .all(|m| !text_of(m).contains("/complaint") && !text_of(m).contains("coupon")));
}
