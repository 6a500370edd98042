//! A marketplace desk runs its self-service flow: a buyer disputes order A-1042 for quality
//! with a screenshot, and the request reaches the agents with every answer attached; another
//! types "оператор" halfway and reaches a person with what they had filled in. A desk that
//! never saved a flow keeps its built-in menu (every other story).

use crate::harness::TestDesk;
use ticketgram_flows::{builtin, FieldValue};

pub(crate) async fn marketplace_desk() -> TestDesk {
    let desk = TestDesk::start().await;
    let tx = desk.store.begin_tx().await.expect("tx");
    tx.save_flow(
        desk.ws,
        builtin::MARKETPLACE,
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("the shipped flow saves");
    tx.commit().await.expect("commit");
    desk
}

#[tokio::test]
async fn a_buyer_disputes_an_order_and_the_request_carries_every_answer() {
    let desk = marketplace_desk().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "/start");
    desk.client_gets(&ann, "What can we help you with?").await;
    desk.client_presses(&ann, "2. Submit a dispute").await;
    desk.client_gets(&ann, "What is the order number?").await;
    desk.says(&ann, "A-1042");
    desk.client_gets(&ann, "What is the dispute about?").await;
    desk.client_presses(&ann, "Product quality").await;
    desk.client_gets(&ann, "describe what happened").await;
    desk.says(&ann, "The logo arrived in the wrong colours");
    desk.client_gets(&ann, "Send photos or documents").await;
    desk.sandbox
        .world()
        .user_sends_photo(ann.user, ann.chat, &b"\x89PNG logo"[..], None)
        .expect("photo");
    desk.client_gets(&ann, "Received 1").await;
    desk.client_presses(&ann, "Done").await;
    desk.client_gets(&ann, "has been accepted as #1000").await;

    desk.thread_sees(1000, |msgs| {
        msgs.iter().any(|m| {
            let text = ticketgram_testkit::text_of(m);
            text.contains("A-1042") && text.contains("quality") && text.contains("1 file")
        })
    })
    .await;
    // The card says at a glance what the dispute is about.
    desk.card_shows(1000, "• dispute_type: ").await;
    desk.card_shows(1000, "• order: A-1042").await;
    // The screenshot itself reaches the agents, as the client sent it.
    desk.thread_sees(1000, |msgs| msgs.iter().any(|m| m.get("photo").is_some()))
        .await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let fields = desk
        .store
        .ticket_fields(desk.ws, ticket.id)
        .await
        .expect("fields");
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["order", "dispute_type", "reason", "evidence"]);
    assert!(
        matches!(&fields[3].value, FieldValue::Media { files } if files.len() == 1),
        "{fields:?}"
    );
    let funnel = desk
        .store
        .flow_step_funnel(
            desk.ws,
            chrono::DateTime::UNIX_EPOCH,
            chrono::Utc::now() + chrono::Duration::days(1),
        )
        .await
        .expect("funnel");
    assert!(
        funnel
            .iter()
            .any(|s| s.step == "dispute_reason" && s.completed == 1),
        "{funnel:?}"
    );
}

#[tokio::test]
async fn typing_operator_mid_form_reaches_a_person_with_what_was_filled_in() {
    let desk = marketplace_desk().await;
    let ivan = desk.client("Ivan", "ru");
    desk.says(&ivan, "/start");
    desk.client_gets(&ivan, "Чем можем помочь?").await;
    desk.client_presses(&ivan, "2. Открыть спор").await;
    desk.says(&ivan, "A-1042");
    desk.client_gets(&ivan, "С чем связан спор?").await;
    desk.says(&ivan, "оператор");
    desk.client_gets(&ivan, "#1000").await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let fields = desk
        .store
        .ticket_fields(desk.ws, ticket.id)
        .await
        .expect("fields");
    assert_eq!(fields[0].name, "order");
    assert_eq!(fields[0].display, "A-1042");
}
