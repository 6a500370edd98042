//! A marketplace desk that configured its platform's order lookup: a buyer asks about order
//! A-1042 and reads its status; when the platform is slow or broken the buyer is told so and
//! handed to a person with the order number attached; a dispute about an order the platform
//! does not know asks for the number again, and the dispute that follows is accepted with
//! everything the platform will tell the seller.
//!
//! The platform is a stand-in on 127.0.0.1 (`platform.rs`) that checks every signature; the
//! desk allows 127.0.0.0/8 in its outbound policy, as an operator whose platform runs beside
//! the desk would.

use crate::harness::{TestDatabase, TestDesk, TEST_SECRET_KEY};
use crate::platform::{Platform, BROKEN, IN_ESCROW, SECRET, SLOW, TIMEOUT_MS};
use ticketgram_domain::{Actor, Priority};
use ticketgram_flows::{builtin, FieldValue, OrderCheck};
use ticketgram_outbound::DestinationPolicy;
use ticketgram_relay::order_lookup::{self, LookupChange, LookupSettings, SavedBy};
use ticketgram_store::SealingKey;
use ticketgram_testkit::text_of;

/// The shipped marketplace flow, and the desk's lookup pointed at `platform`.
async fn marketplace_desk(platform: &Platform, database: Option<TestDatabase>) -> TestDesk {
    let setup = ticketgram_testkit::TestDesk::setup()
        .topics(&[("Orders", Priority::Normal), ("Disputes", Priority::Normal)])
        .tune(|config| {
            config.outbound = DestinationPolicy::parse(["127.0.0.0/8"]).expect("network");
        });
    let setup = match database {
        Some(database) => setup.database(database),
        None => setup,
    };
    let desk = TestDesk(setup.start().await);
    let now = chrono::Utc::now();
    let tx = desk.store.begin_tx().await.expect("tx");
    tx.save_flow(desk.ws, builtin::MARKETPLACE, None, None, now)
        .await
        .expect("the shipped flow saves");
    let change = LookupChange {
        settings: LookupSettings::of(&platform.lookup()),
        secret: Some(SECRET.into()),
    };
    let by = SavedBy {
        actor: Actor::System,
        via: "test",
    };
    let key = SealingKey::derive(TEST_SECRET_KEY);
    order_lookup::save(&tx, Some(&key), desk.ws, &change, by, now)
        .await
        .expect("the lookup saves");
    tx.commit().await.expect("commit");
    desk
}

async fn order_field(desk: &TestDesk, number: i64) -> FieldValue {
    desk.settled().await;
    let ticket = desk.ticket(number).await;
    let fields = desk
        .store
        .ticket_fields(desk.ws, ticket.id)
        .await
        .expect("fields");
    let order = fields.iter().find(|f| f.name == "order").expect("order");
    order.value.clone()
}

async fn a_buyer_reads_the_status_of_their_order(database: Option<TestDatabase>) {
    let platform = Platform::start().await;
    let desk = marketplace_desk(&platform, database).await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "/start");
    desk.client_gets(&ann, "What can we help you with?").await;
    desk.client_presses(&ann, "1. Order inquiry").await;
    desk.client_gets(&ann, "send your order number").await;
    desk.says(&ann, IN_ESCROW);
    desk.client_gets(&ann, "Order A-1042: in escrow, due Friday")
        .await;

    let seen = platform.seen();
    assert_eq!(seen.len(), 1, "asked once: {seen:?}");
    assert_eq!(seen[0].order, IN_ESCROW);
    assert!(seen[0].signed, "the platform checked the signature");
    // Answered by the platform: nobody had to open a ticket.
    desk.settled().await;
    let tickets = desk
        .store
        .search_tickets(desk.ws, &Default::default())
        .await
        .expect("tickets");
    assert!(tickets.is_empty(), "{tickets:?}");
}

#[tokio::test]
async fn a_buyer_asks_about_order_a1042_and_reads_its_status() {
    a_buyer_reads_the_status_of_their_order(None).await;
}

#[tokio::test]
async fn a_buyer_asks_about_order_a1042_and_reads_its_status_on_postgres() {
    let Some(database) = TestDatabase::postgres().await else {
        return;
    };
    a_buyer_reads_the_status_of_their_order(Some(database)).await;
}

async fn a_platform_that_cannot_answer_hands_the_buyer_over(database: Option<TestDatabase>) {
    let platform = Platform::start().await;
    let desk = marketplace_desk(&platform, database).await;

    // The platform does not answer in time.
    let bob = desk.client("Bob", "en");
    desk.says(&bob, "/start");
    desk.client_presses(&bob, "1. Order inquiry").await;
    desk.client_gets(&bob, "send your order number").await;
    desk.says(&bob, SLOW);
    desk.client_gets(&bob, "We can't check order A-5000").await;
    desk.client_gets(&bob, "Your request is with our team as #1000")
        .await;
    let timed_out = format!("did not answer within {TIMEOUT_MS} ms");
    desk.thread_sees(1000, |msgs| {
        msgs.iter().any(|m| {
            let text = text_of(m);
            text.contains("order: A-5000") && text.contains(&timed_out)
        })
    })
    .await;
    assert!(matches!(
        order_field(&desk, 1000).await,
        FieldValue::Order { number, check: Some(OrderCheck::Failed), .. } if number == SLOW
    ));

    // The platform answers 500.
    let cleo = desk.client("Cleo", "en");
    desk.says(&cleo, "/start");
    desk.client_presses(&cleo, "1. Order inquiry").await;
    desk.client_gets(&cleo, "send your order number").await;
    desk.says(&cleo, BROKEN);
    desk.client_gets(&cleo, "We can't check order A-5001").await;
    desk.client_gets(&cleo, "as #1001").await;
    desk.thread_sees(1001, |msgs| {
        msgs.iter().any(|m| {
            let text = text_of(m);
            text.contains("order: A-5001") && text.contains("HTTP 500")
        })
    })
    .await;
    assert!(platform.seen().iter().all(|s| s.signed));
}

#[tokio::test]
async fn a_platform_that_times_out_or_fails_hands_the_buyer_to_a_person_with_the_order() {
    a_platform_that_cannot_answer_hands_the_buyer_over(None).await;
}

#[tokio::test]
async fn a_platform_that_times_out_or_fails_hands_the_buyer_to_a_person_on_postgres() {
    let Some(database) = TestDatabase::postgres().await else {
        return;
    };
    a_platform_that_cannot_answer_hands_the_buyer_over(Some(database)).await;
}

#[tokio::test]
async fn a_dispute_about_an_unknown_order_asks_again_and_is_then_accepted() {
    let platform = Platform::start().await;
    let desk = marketplace_desk(&platform, None).await;
    let dina = desk.client("Dina", "en");
    desk.says(&dina, "/start");
    desk.client_presses(&dina, "2. Submit a dispute").await;
    desk.client_gets(&dina, "What is the order number?").await;
    desk.says(&dina, "A-9999");
    desk.client_gets(
        &dina,
        "We couldn't find order A-9999. Please check the number",
    )
    .await;
    desk.says(&dina, IN_ESCROW);
    desk.client_gets(&dina, "What is the dispute about?").await;
    desk.client_presses(&dina, "Payment").await;
    desk.client_gets(&dina, "describe what happened").await;
    desk.says(&dina, "I was charged twice for the same order");
    desk.client_gets(&dina, "Send photos or documents").await;
    desk.sandbox
        .world()
        .user_sends_photo(dina.user, dina.chat, &b"\x89PNG receipt"[..], None)
        .expect("photo");
    desk.client_gets(&dina, "Received 1").await;
    desk.client_presses(&dina, "Done").await;
    desk.client_gets(&dina, "has been accepted as #1000").await;

    let orders: Vec<String> = platform.seen().into_iter().map(|s| s.order).collect();
    assert_eq!(orders, ["A-9999", IN_ESCROW]);
    assert!(matches!(
        order_field(&desk, 1000).await,
        FieldValue::Order { check: Some(OrderCheck::Found), details: Some(details), .. }
            if details == "Order A-1042: in escrow, due Friday"
    ));
    // What the platform will be told, for the seller: written with the ticket.
    let ticket = desk.ticket(1000).await;
    let history = desk
        .store
        .ticket_history(desk.ws, ticket.id)
        .await
        .expect("history");
    let accepted = history
        .iter()
        .find(|e| e.kind == "dispute_accepted")
        .expect("the dispute was accepted");
    let dispute = &accepted.details;
    assert_eq!(dispute["order"]["number"], IN_ESCROW);
    assert_eq!(dispute["order"]["check"], "found");
    assert_eq!(dispute["dispute_type"], "payment");
    assert_eq!(dispute["reason"], "I was charged twice for the same order");
    assert_eq!(dispute["evidence_count"], 1);
    assert!(dispute["answer_within_hours"]
        .as_i64()
        .is_some_and(|h| h > 0));
}
