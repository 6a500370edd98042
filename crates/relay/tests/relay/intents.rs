//! A marketplace desk whose agents have filed a few weeks of questions under Payments and
//! Delivery: overnight the desk learns from them, and the next morning a buyer who just
//! writes "my card payment was declined" lands in Payments — its queue, its priority — with
//! the guess and its confidence on the card. A guess the model made itself never teaches the
//! next model.
//!
//! And a desk whose agents tag refund questions `refund`: the tag is learned with its topic,
//! and a buyer asking where her refund is lands in Payments tagged `refund`, the card saying
//! so; the tags the desk sets itself (`angry`) and one an agent used once (`vip`) are no
//! intents.

use crate::harness::{TestDatabase, TestDesk};
use ticketgram_domain::{Actor, Language, MessageDirection, Priority, Tag, TopicId};
use ticketgram_relay::intents;
use ticketgram_store::{NewClient, NewMessage, NewTicket};

const PAYMENTS: [&str; 12] = [
    "my card payment was declined",
    "the payment failed at checkout",
    "why was I charged twice for one order",
    "refund has not arrived on my card",
    "card declined when paying the seller",
    "I was charged but the order says unpaid",
    "how long does a refund to the card take",
    "double charge on my bank statement",
    "payment stuck in pending",
    "the bank declined my payment again",
    "I paid and the money left my card twice",
    "where is my refund for the cancelled order",
];
const DELIVERY: [&str; 12] = [
    "my parcel has not arrived yet",
    "the courier never came",
    "tracking number shows nothing",
    "package delivered to the wrong address",
    "when will my order be shipped",
    "the delivery is late by a week",
    "parcel lost in transit",
    "courier left the box at the door and it is gone",
    "can I change the delivery address",
    "the shipment tracking has not moved for days",
    "delivery date keeps moving",
    "item shipped to another city",
];

/// Refund questions, which Kate files under Payments and tags `refund`.
const REFUNDS: [&str; 8] = [
    "where is my refund for the cancelled order",
    "refund has not arrived on my card",
    "how long does a refund to the card take",
    "the seller promised a refund a week ago",
    "I returned the item but got no refund",
    "refund status still says processing",
    "when will I get my money back for the return",
    "my refund was approved but the money is not there",
];

/// Past tickets, each filed by an agent under `topic`, with the client's first words.
async fn filed(desk: &TestDesk, topic: TopicId, questions: &[&str], from: i64) {
    filed_with(desk, Some(topic), questions, from, &[]).await;
}

/// Past tickets filed under `topic` (or none), each given `tags` by whoever added them.
async fn filed_with(
    desk: &TestDesk,
    topic: Option<TopicId>,
    questions: &[&str],
    from: i64,
    tags: &[(&str, Actor)],
) {
    let ws = desk.ws;
    let at = chrono::Utc::now() - chrono::Duration::days(10);
    desk.store
        .write(async |tx| {
            for (i, question) in questions.iter().enumerate() {
                let client = tx
                    .upsert_client(
                        ws,
                        &NewClient {
                            telegram_user_id: from + i as i64,
                            first_name: "Buyer".into(),
                            last_name: None,
                            username: None,
                            language: Language::En,
                            attributes: serde_json::json!({}),
                            seen_at: at,
                        },
                    )
                    .await?;
                let ticket = tx
                    .create_ticket(
                        ws,
                        &NewTicket {
                            client: client.id,
                            topic,
                            subject: question.to_string(),
                            priority: Priority::Normal,
                            queue: None,
                            language: Language::En,
                            created_at: at,
                        },
                    )
                    .await?;
                tx.add_message(
                    ws,
                    &NewMessage {
                        ticket: ticket.id,
                        direction: MessageDirection::Client,
                        author_agent: None,
                        text: Some(question.to_string()),
                        media: vec![],
                        created_at: at,
                    },
                )
                .await?;
                for (tag, by) in tags {
                    let tag = Tag::parse(tag).expect("a tag");
                    tx.add_ticket_tag(ws, ticket.id, &tag, *by, at).await?;
                }
            }
            Ok::<(), ticketgram_store::StoreError>(())
        })
        .await
        .expect("past tickets");
}

/// The marketplace desk with its Payments and Delivery topics.
async fn marketplace(database: Option<TestDatabase>) -> (TestDesk, TopicId, TopicId) {
    let setup = ticketgram_testkit::TestDesk::setup()
        .topics(&[("Payments", Priority::High), ("Delivery", Priority::Normal)]);
    let setup = match database {
        Some(database) => setup.database(database),
        None => setup,
    };
    let desk = TestDesk(setup.start().await);
    let topics = desk
        .store
        .list_topics(desk.ws, false)
        .await
        .expect("topics");
    let topic = |name: &str| {
        topics
            .iter()
            .find(|t| t.name.in_language(Language::En) == name)
            .expect("topic")
            .id
    };
    let (payments, delivery) = (topic("Payments"), topic("Delivery"));
    (desk, payments, delivery)
}

#[tokio::test]
async fn a_buyer_who_names_no_topic_lands_where_the_desks_own_history_says() {
    let (desk, payments, delivery) = marketplace(None).await;

    // Too few labelled tickets: nothing is learned yet.
    filed(&desk, payments, &PAYMENTS[..5], 5_000).await;
    let now = chrono::Utc::now();
    assert_eq!(
        intents::retrain(&desk.store, desk.ws, now)
            .await
            .expect("store"),
        None
    );

    filed(&desk, payments, &PAYMENTS[5..], 5_100).await;
    filed(&desk, delivery, &DELIVERY, 5_200).await;
    let trained = intents::retrain_if_due(&desk.store, desk.ws, now)
        .await
        .expect("store")
        .expect("trained");
    assert_eq!((trained.labels, trained.examples), (2, 24));
    // Trained a moment ago: the clock does not train again before a day has passed.
    assert_eq!(
        intents::retrain_if_due(&desk.store, desk.ws, now + chrono::Duration::hours(1))
            .await
            .expect("store"),
        None
    );

    let ann = desk.client("Ann", "en");
    desk.says(
        &ann,
        "Hi, my card payment was declined twice today, what is wrong?",
    );
    desk.client_gets(&ann, "#1024").await;
    // The 24 past tickets took #1000 to #1023.
    let ticket = desk.ticket(1024).await;
    assert_eq!(ticket.topic, Some(payments), "filed under Payments");
    assert_eq!(ticket.priority, Priority::High, "with the topic's priority");
    desk.card_shows(1024, "Recognised as Payments").await;
    let intent = desk
        .store
        .ticket_intent(desk.ws, ticket.id)
        .await
        .expect("store")
        .expect("recorded");
    assert!(intent.applied && intent.confidence_pct >= 60, "{intent:?}");

    // Its own guess is not a lesson: the examples are still the agents' 24.
    assert_eq!(lessons(&desk).await.examples.len(), 24);
}

/// What the desk would learn from now.
async fn lessons(desk: &TestDesk) -> intents::lessons::Lessons {
    let past = desk
        .store
        .past_questions(desk.ws, intents::MAX_EXAMPLES)
        .await
        .expect("store");
    intents::lessons::lessons(&past)
}

async fn a_refund_question_gets_the_refund_tag(database: Option<TestDatabase>) {
    let (desk, payments, delivery) = marketplace(database).await;
    let kate = Actor::Agent(desk.kate.1.id);
    let refunds = [("refund", kate)];
    filed_with(&desk, Some(payments), &REFUNDS, 6_000, &refunds).await;
    // Payments questions that are no refunds: the ones above that are, Kate tagged.
    let other_payments: Vec<&str> = PAYMENTS
        .iter()
        .copied()
        .filter(|q| !q.contains("refund"))
        .collect();
    filed(&desk, payments, &other_payments, 6_100).await;
    // The desk tagged two delivery questions angry itself; Kate marked one buyer vip.
    let angry = [("angry", Actor::System)];
    filed_with(&desk, Some(delivery), &DELIVERY[..2], 6_200, &angry).await;
    filed_with(
        &desk,
        Some(delivery),
        &DELIVERY[2..3],
        6_300,
        &[("vip", kate)],
    )
    .await;
    filed(&desk, delivery, &DELIVERY[3..], 6_400).await;

    let learned = lessons(&desk).await;
    let labels: std::collections::BTreeSet<String> =
        learned.examples.iter().map(|e| e.label.clone()).collect();
    let refund_label = format!("{}#refund", payments.0);
    let expected = [payments.0.to_string(), refund_label, delivery.0.to_string()];
    assert_eq!(
        labels,
        expected.into_iter().collect(),
        "angry and vip are no intents"
    );
    let trained = intents::retrain(&desk.store, desk.ws, chrono::Utc::now())
        .await
        .expect("store")
        .expect("trained");
    assert_eq!(trained.labels, 3);

    // The 29 past tickets took #1000 to #1028.
    let olga = desk.client("Olga", "en");
    desk.says(
        &olga,
        "Hello, where is my refund? I cancelled the order last week",
    );
    desk.client_gets(&olga, "#1029").await;
    let ticket = desk.ticket(1029).await;
    assert_eq!(ticket.topic, Some(payments), "filed under Payments");
    let refund = Tag::parse("refund").expect("tag");
    assert!(ticket.tags.contains(&refund), "{:?}", ticket.tags);
    desk.card_shows(1029, "Recognised as Payments · #refund")
        .await;

    // A card payment question is Payments, and no refund.
    let ann = desk.client("Ann", "en");
    desk.says(
        &ann,
        "Hi, my card payment was declined twice today, what is wrong?",
    );
    desk.client_gets(&ann, "#1030").await;
    let ticket = desk.ticket(1030).await;
    assert_eq!(ticket.topic, Some(payments));
    assert!(!ticket.tags.contains(&refund), "{:?}", ticket.tags);

    // The tag the model gave is the system's: no lesson for the next model.
    let history = desk
        .store
        .ticket_history(desk.ws, desk.ticket(1029).await.id)
        .await
        .expect("history");
    assert!(history
        .iter()
        .any(|e| e.kind == "tag_added" && e.actor == Actor::System));
    assert_eq!(lessons(&desk).await.examples.len(), learned.examples.len());
}

#[tokio::test]
async fn a_buyer_asking_for_her_refund_gets_the_tag_agents_give_refunds() {
    a_refund_question_gets_the_refund_tag(None).await;
}

#[tokio::test]
async fn a_buyer_asking_for_her_refund_gets_the_tag_agents_give_refunds_on_postgres() {
    let Some(database) = TestDatabase::postgres().await else {
        return;
    };
    a_refund_question_gets_the_refund_tag(Some(database)).await;
}
