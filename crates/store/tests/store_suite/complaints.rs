//! The complaint register, compensation decisions, the spike watch's hourly counts and
//! proactive alerts, on both backends: a complaint is registered once, filtered by category and
//! the severity in force, counted as a repeat for its client; a pending compensation is decided
//! once; openings are counted per hour, topic and category for one desk only; an event id is
//! recorded once and an opt-out is remembered.

use crate::helpers::{at, client_writes_in, new_agent, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_domain::complaint::{
    Assessment, CompensationKind, CompensationStatus, Complaint, ComplaintCategory, Money, Severity,
};
use ticketgram_domain::proactive::Delivery;
use ticketgram_store::{ComplaintFilter, NewAlert, NewCompensation};

on_both_backends!(a_lead_reads_the_register_and_its_decisions,);

fn complaint(ticket: ticketgram_domain::TicketId, category: &str, minute: i64) -> Complaint {
    Complaint {
        ticket,
        category: ComplaintCategory::parse(category).unwrap(),
        assessed: Assessment {
            severity: Severity::Medium,
            points: 2,
            reasons: vec!["angry".into()],
        },
        adjusted: None,
        public: false,
        root_cause: None,
        resolution: None,
        acknowledged_at: None,
        promised_by: None,
        registered_at: at(minute),
    }
}

async fn a_lead_reads_the_register_and_its_decisions(db: TestDb) {
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, ws, 1001, "Anna").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(ws, &new_agent(7, "Kate")).await)
        .await
        .unwrap();
    let lost = open_ticket(store, ws, &anna, "Lost parcel", 5).await;
    let charged = open_ticket(store, ws, &anna, "Charged twice", 70).await;
    let boris = client_writes_in(store, other, 2002, "Boris").await;
    open_ticket(store, other, &boris, "Elsewhere", 10).await;

    let (first, again) = store
        .write(async |tx| {
            let first = tx
                .register_complaint(ws, anna.id, &complaint(lost.id, "delivery", 6))
                .await?;
            let again = tx
                .register_complaint(ws, anna.id, &complaint(lost.id, "payment", 7))
                .await?;
            tx.register_complaint(ws, anna.id, &complaint(charged.id, "payment", 71))
                .await?;
            tx.adjust_complaint_severity(ws, charged.id, Severity::Critical, "regulator named")
                .await?;
            Ok::<_, ticketgram_store::StoreError>((first, again))
        })
        .await
        .unwrap();
    assert!(first && !again, "the first registration counts");
    let all = store
        .complaints(
            ws,
            &ComplaintFilter {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].number, charged.number, "newest first");
    assert_eq!(all[1].complaint.category.as_str(), "delivery");
    let critical = ComplaintFilter {
        severity: Some(Severity::Critical),
        limit: 10,
        ..Default::default()
    };
    let found = store.complaints(ws, &critical).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].complaint.adjusted,
        Some((Severity::Critical, "regulator named".to_string()))
    );
    let delivery = ComplaintFilter {
        category: ComplaintCategory::parse("delivery"),
        from: Some(at(0)),
        to: Some(at(60)),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.complaints(ws, &delivery).await.unwrap().len(), 1);
    assert_eq!(
        store
            .complaints_of_client(ws, anna.id, at(0), at(70))
            .await
            .unwrap(),
        1
    );
    assert!(store
        .complaints(
            other,
            &ComplaintFilter {
                limit: 10,
                ..Default::default()
            }
        )
        .await
        .unwrap()
        .is_empty());

    // A refund above Kate's limit waits; two verdicts: the first counts.
    let new = NewCompensation {
        ticket: lost.id,
        kind: CompensationKind::Refund,
        amount: Money::parse("120.50").unwrap(),
        currency: "EUR".into(),
        note: "lost".into(),
        status: CompensationStatus::Pending,
        by: kate.id,
        at: at(8),
    };
    let id = store
        .write(async |tx| tx.propose_compensation(ws, &new).await)
        .await
        .unwrap();
    assert_eq!(store.pending_compensations(ws).await.unwrap().len(), 1);
    let verdicts = store
        .write(async |tx| {
            let approve = tx
                .decide_compensation(ws, id, CompensationStatus::Approved, kate.id, at(9))
                .await?;
            let reject = tx
                .decide_compensation(ws, id, CompensationStatus::Rejected, kate.id, at(10))
                .await?;
            Ok::<_, ticketgram_store::StoreError>((approve, reject))
        })
        .await
        .unwrap();
    assert_eq!(verdicts, (true, false));
    let decided = store.compensation(ws, id).await.unwrap();
    assert_eq!(decided.status, CompensationStatus::Approved);
    assert_eq!(decided.amount.minor(), 12050);
    assert!(store.pending_compensations(ws).await.unwrap().is_empty());

    // The spike watch's counts: per hour since the window's start, with the category.
    let hours = store.hourly_openings(ws, at(0), at(120)).await.unwrap();
    let in_hour = |hour: usize| -> u64 {
        hours
            .iter()
            .filter(|h| h.hour == hour)
            .map(|h| h.tickets)
            .sum()
    };
    assert_eq!((in_hour(0), in_hour(1)), (1, 1));
    assert!(hours
        .iter()
        .any(|h| h.hour == 1 && h.complaint.as_deref() == Some("payment")));
    let recent = store
        .openings_between(ws, at(0), at(120), 10)
        .await
        .unwrap();
    assert_eq!(recent[0].number, charged.number);

    // A proactive alert is recorded once; an opt-out is remembered.
    let alert = NewAlert {
        event_id: "evt-1",
        event_type: "payment_stuck",
        client: anna.id,
        delivery: Delivery::Sent,
        risk: Some(80),
        ticket: Some(charged.id),
        at: at(20),
    };
    let recorded = store
        .write(async |tx| {
            let first = tx.record_alert(ws, &alert).await?;
            let again = tx.record_alert(ws, &alert).await?;
            tx.set_alert_opt_out(ws, anna.id, true, at(21)).await?;
            Ok::<_, ticketgram_store::StoreError>((first, again))
        })
        .await
        .unwrap();
    assert_eq!(recorded, (true, false));
    let stored = store.proactive_alert(ws, "evt-1").await.unwrap().unwrap();
    assert_eq!(
        (stored.delivery, stored.ticket),
        (Delivery::Sent, Some(charged.number))
    );
    assert_eq!(
        store.alerts_sent_since(ws, anna.id, at(0)).await.unwrap(),
        1
    );
    assert!(store.opted_out_of_alerts(ws, anna.id).await.unwrap());
    assert!(store
        .proactive_alert(other, "evt-1")
        .await
        .unwrap()
        .is_none());
}

on_both_backends!(a_public_complaint_waits_for_its_author_then_is_theirs,);

/// Pete complained in a public group twice (two chats) and has not opened the bot: both posts
/// wait; the latest active one in each chat is where his next words there belong; answered
/// once; opening the bot joins both; erasing him empties the links.
async fn a_public_complaint_waits_for_its_author_then_is_theirs(db: TestDb) {
    use ticketgram_store::PublicPost;
    let store = &db.store;
    let ws = open_desk(store, "acme").await;
    let pete = client_writes_in(store, ws, 3003, "Pete").await;
    let late = open_ticket(store, ws, &pete, "Parcel late", 5).await;
    let rude = open_ticket(store, ws, &pete, "Rude courier", 9).await;
    let post =
        |ticket: ticketgram_domain::TicketId, chat: i64, message: i64, minute: i64| PublicPost {
            ticket,
            client: pete.id,
            chat_id: chat,
            message_id: message,
            chat_title: "Market talk".into(),
            link: format!("https://t.me/market_talk/{message}"),
            answered_at: None,
            joined_at: None,
            created_at: at(minute),
        };
    store
        .write(async |tx| {
            tx.record_public_post(ws, &post(late.id, -100, 311, 5))
                .await?;
            tx.record_public_post(ws, &post(rude.id, -200, 12, 9)).await
        })
        .await
        .unwrap();
    let waiting = store.waiting_public_posts(ws, pete.id).await.unwrap();
    assert_eq!(waiting.len(), 2);
    assert_eq!(waiting[0].ticket, late.id, "oldest first");
    let in_market = store
        .active_public_post(ws, pete.id, -100)
        .await
        .unwrap()
        .expect("his post there");
    assert_eq!(in_market.message_id, 311);
    assert!(store
        .active_public_post(ws, pete.id, -300)
        .await
        .unwrap()
        .is_none());

    let (first, again) = store
        .write(async |tx| {
            let first = tx.mark_public_answered(ws, late.id, at(6)).await?;
            let again = tx.mark_public_answered(ws, late.id, at(7)).await?;
            tx.join_public_posts(ws, pete.id, at(20)).await?;
            Ok::<_, ticketgram_store::StoreError>((first, again))
        })
        .await
        .unwrap();
    assert!(first && !again, "the first answer's time is kept");
    assert!(store
        .waiting_public_posts(ws, pete.id)
        .await
        .unwrap()
        .is_empty());
    let answered = store.public_post(ws, late.id).await.unwrap().unwrap();
    assert_eq!(answered.answered_at, Some(at(6)));
    assert_eq!(answered.joined_at, Some(at(20)));

    let client = store.get_client(ws, pete.id).await.unwrap();
    store
        .write(async |tx| tx.erase_client(ws, &client, at(30)).await)
        .await
        .unwrap();
    let erased = store.public_post(ws, rude.id).await.unwrap().unwrap();
    assert_eq!(erased.link, "", "the link named him");
    assert_eq!(erased.chat_title, "Market talk");
}
