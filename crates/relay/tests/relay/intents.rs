//! A marketplace desk whose agents have filed a few weeks of questions under Payments and
//! Delivery: overnight the desk learns from them, and the next morning a buyer who just
//! writes "my card payment was declined" lands in Payments — its queue, its priority — with
//! the guess and its confidence on the card. A guess the model made itself never teaches the
//! next model.

use crate::harness::TestDesk;
use ticketgram_domain::{Language, MessageDirection, Priority, TopicId};
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

/// Past tickets, each filed by an agent under `topic`, with the client's first words.
async fn filed(desk: &TestDesk, topic: TopicId, questions: &[&str], from: i64) {
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
                            topic: Some(topic),
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
            }
            Ok::<(), ticketgram_store::StoreError>(())
        })
        .await
        .expect("past tickets");
}

#[tokio::test]
async fn a_buyer_who_names_no_topic_lands_where_the_desks_own_history_says() {
    let desk = TestDesk(
        ticketgram_testkit::TestDesk::setup()
            .topics(&[("Payments", Priority::High), ("Delivery", Priority::Normal)])
            .start()
            .await,
    );
    let topics = desk
        .store
        .list_topics(desk.ws, false)
        .await
        .expect("topics");
    let payments = topics
        .iter()
        .find(|t| t.name.in_language(Language::En) == "Payments")
        .expect("Payments")
        .id;
    let delivery = topics
        .iter()
        .find(|t| t.name.in_language(Language::En) == "Delivery")
        .expect("Delivery")
        .id;

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
    let examples = desk
        .store
        .labelled_questions(desk.ws, intents::MAX_EXAMPLES)
        .await
        .expect("store");
    assert_eq!(examples.len(), 24);
}
