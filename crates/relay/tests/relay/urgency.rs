//! A client whose card was stolen does not wait behind "where is my parcel": the words of the
//! question raise the new ticket's priority (never lowering a topic's), the card shows it, and
//! the history says the rules did it. A client who turns angry gets a senior agent's eye: the
//! system tags the ticket and the card says so.

use crate::harness::TestDesk;
use ticketgram_domain::Priority;

#[tokio::test]
async fn a_stolen_card_opens_urgent_and_a_plain_question_stays_normal() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my parcel? It was due on Monday");
    desk.client_gets(&ann, "Request #1000 created").await;
    let ivan = desk.client("Ivan", "ru");
    desk.says(
        &ivan,
        "Срочно! Мою карту украли, и с неё списали деньги, я этих платежей не совершал",
    );
    desk.client_gets(&ivan, "#1001").await;

    desk.card_shows(1001, "Priority: urgent").await;
    desk.card_shows(1000, "Priority: normal").await;
    desk.settled().await;
    assert_eq!(desk.ticket(1000).await.priority, Priority::Normal);
    let urgent = desk.ticket(1001).await;
    assert_eq!(urgent.priority, Priority::Urgent);
    let raised: Vec<_> = desk
        .store
        .ticket_history(desk.ws, urgent.id)
        .await
        .expect("history")
        .into_iter()
        .filter(|e| e.kind == "priority_changed")
        .collect();
    assert_eq!(raised.len(), 1, "{raised:?}");
    assert_eq!(raised[0].details["to"], "urgent");
    assert_eq!(raised[0].actor.kind(), "system");
}

#[tokio::test]
async fn a_client_who_turns_angry_is_flagged_on_the_card_once() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my parcel? It was due on Monday");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.card_shows(1000, "#1000").await;
    desk.settled().await;
    assert!(desk.ticket(1000).await.tags.is_empty());

    desk.says(
        &ann,
        "This is UNACCEPTABLE!!! Worst service ever, I am closing my account",
    );
    desk.says(&ann, "TERRIBLE!!! Still nothing!!!");
    desk.card_shows(1000, "The client sounds angry").await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let tags: Vec<&str> = ticket.tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["angry"]);
    let tagged = desk
        .store
        .ticket_history(desk.ws, ticket.id)
        .await
        .expect("history")
        .into_iter()
        .filter(|e| e.kind == "tag_added")
        .count();
    assert_eq!(tagged, 1, "tagged once, however angry it gets");
}
