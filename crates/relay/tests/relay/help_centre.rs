//! The help centre answers first. A buyer asking about a refund is shown the refund article
//! before any agent is involved; "yes, that answered it" ends there and counts for the article.
//! When the articles do not answer, "no" opens the request with the buyer's very question and
//! the agents see what was already tried; a buyer who just writes on is not made to choose.

use crate::harness::TestDesk;
use ticketgram_domain::{MessageDirection, TicketNumber};

const REFUNDS: &str = "If an order is cancelled, the money held in escrow is **refunded** to \
                       your card or wallet within 5 working days.";

async fn help_centre() -> TestDesk {
    let desk = TestDesk::start().await;
    desk.published_article("en", "Refunds for cancelled orders", REFUNDS)
        .await;
    desk.published_article(
        "en",
        "Two-factor login",
        "Protect your account with a one-time code from an authenticator app.",
    )
    .await;
    desk
}

#[tokio::test]
async fn a_buyer_reads_the_refund_article_and_needs_no_agent() {
    let desk = help_centre().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "How do I get a refund for a cancelled order?");
    let offer = desk.client_gets(&ann, "These articles may answer").await;
    let offer = ticketgram_testkit::text_of(&offer);
    assert!(offer.contains("Refunds for cancelled orders"), "{offer}");
    assert!(!offer.contains("Two-factor"), "{offer}");

    desk.client_presses(&ann, "📄 Refunds").await;
    desk.client_gets(&ann, "refunded to your card or wallet")
        .await;
    desk.client_presses(&ann, "Yes, thanks").await;
    desk.client_gets(&ann, "Glad it helped").await;
    desk.settled().await;

    let opened = desk
        .store
        .find_ticket_by_number(desk.ws, TicketNumber(1000))
        .await
        .expect("store");
    assert!(
        opened.is_none(),
        "no request for a question the article answered"
    );
    let figures = desk.deflections().await;
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert_eq!((figures[0].helped, figures[0].not_helped), (1, 0));

    // A second press on the old buttons changes nothing.
    desk.client_presses(&ann, "Yes, thanks").await;
    desk.client_gets(&ann, "You already answered this").await;
    desk.settled().await;
    assert_eq!(desk.deflections().await[0].helped, 1);
}

#[tokio::test]
async fn when_the_articles_do_not_answer_the_request_opens_with_the_very_question() {
    let desk = help_centre().await;
    let ann = desk.client("Ann", "en");
    let question = "My refund for the cancelled order never arrived";
    desk.says(&ann, question);
    desk.client_gets(&ann, "Did this answer your question?")
        .await;
    desk.client_presses(&ann, "No, I need a person").await;
    desk.client_gets(&ann, "Request #1000 created").await;

    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| ticketgram_testkit::text_of(m).contains(question))
    })
    .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter().any(|m| {
            ticketgram_testkit::text_of(m)
                .contains("the client was shown: Refunds for cancelled orders")
        })
    })
    .await;
    desk.settled().await;
    let figures = desk.deflections().await;
    assert_eq!((figures[0].helped, figures[0].not_helped), (0, 1));
    let ticket = desk.ticket(1000).await;
    let history = desk
        .store
        .ticket_messages(desk.ws, ticket.id)
        .await
        .expect("messages");
    let from_client: Vec<_> = history
        .iter()
        .filter(|m| m.direction == MessageDirection::Client)
        .collect();
    assert_eq!(
        from_client.len(),
        1,
        "the question, stored once: {history:?}"
    );
}

#[tokio::test]
async fn a_buyer_who_writes_on_gets_a_request_with_both_messages() {
    let desk = help_centre().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "How long does a refund take for a cancelled order?");
    desk.client_gets(&ann, "Did this answer your question?")
        .await;
    desk.says(&ann, "Order A-1042, paid by card on Monday");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.thread_sees(1000, |msgs| {
        let texts: Vec<String> = msgs.iter().map(ticketgram_testkit::text_of).collect();
        texts
            .iter()
            .any(|t| t.contains("How long does a refund take"))
            && texts.iter().any(|t| t.contains("Order A-1042"))
    })
    .await;
}

#[tokio::test]
async fn a_question_no_article_covers_opens_a_request_at_once() {
    let desk = help_centre().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my parcel? It was due on Monday");
    desk.client_gets(&ann, "Request #1000 created").await;
}

#[tokio::test]
async fn an_agent_looks_up_an_article_from_the_thread_and_the_client_never_sees_the_lookup() {
    let desk = help_centre().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my parcel? It was due on Monday");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.thread(1000).await;

    desk.agent_comments(desk.kate.0, 1000, "/kb refund cancelled order")
        .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter().any(|m| {
            let text = ticketgram_testkit::text_of(m);
            text.contains("Help-centre articles") && text.contains("Refunds for cancelled orders")
        })
    })
    .await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let history = desk
        .store
        .ticket_messages(desk.ws, ticket.id)
        .await
        .expect("messages");
    let lookup = history
        .iter()
        .find(|m| m.text.as_deref() == Some("/kb refund cancelled order"))
        .expect("the lookup is in the history");
    assert_eq!(lookup.direction, MessageDirection::InternalNote);
    let seen: Vec<String> = desk
        .sandbox
        .world()
        .chat_messages(ann.chat)
        .iter()
        .map(ticketgram_testkit::text_of)
        .collect();
    assert!(!seen.iter().any(|t| t.contains("/kb")), "{seen:?}");
}
