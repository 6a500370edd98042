//! A working day at the desk, told from both sides.

use crate::harness::*;
use serde_json::Value;
use ticketgram_domain::{MessageDirection, TicketStatus};
use ticketgram_sandbox::{MediaKind, MediaUpload};

fn photo(bytes: &'static [u8]) -> MediaUpload {
    MediaUpload {
        kind: MediaKind::Photo,
        bytes: bytes.into(),
        file_name: None,
        mime_type: None,
    }
}

#[tokio::test]
async fn two_clients_three_tickets_from_question_to_rating_and_back() {
    let desk = TestDesk::start().await;
    let world = desk.sandbox.world();
    let anna = desk.client("Anna", "ru");
    let ben = desk.client("Ben", "en");

    // Anna starts in Russian and opens a payments request through the menu.
    desk.says(&anna, "/start");
    desk.client_gets(&anna, "Здравствуйте, Anna").await;
    desk.says(&anna, "📋 Мои обращения");
    desk.client_gets(&anna, "нет обращений").await;
    desk.says(&anna, "✍️ Новое обращение");
    desk.client_presses(&anna, "Payments").await;
    desk.client_gets(&anna, "Тема: Payments").await;
    desk.says(&anna, "My payout of 120 EUR is stuck since Monday");
    desk.client_gets(&anna, "Обращение #1000 создано").await;

    // The card appears in the channel and the question is the first comment of its thread.
    let card = desk.card_shows(1000, "#1000 · Payments").await;
    assert!(
        text_of(&card).contains("Anna (@anna"),
        "card names the client: {card:#}"
    );
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c).contains("payout of 120 EUR"))
    })
    .await;

    // Ben writes without any menu: his first message opens a ticket by itself, with a photo.
    desk.says(&ben, "Hi, the order page shows an error");
    desk.client_gets(&ben, "Request #1001 created").await;
    world
        .user_sends_photo(
            ben.user,
            ben.chat,
            &b"\x89PNG screenshot"[..],
            Some("this one"),
        )
        .expect("photo");
    desk.thread_sees(1001, |m| {
        m.iter()
            .any(|c| c.get("photo").is_some() && text_of(c) == "this one")
    })
    .await;

    // Anna opens a second request in parallel (a dispute) and sends an album and a document.
    desk.says(&anna, "✍️ Новое обращение");
    desk.client_presses(&anna, "Disputes").await;
    desk.says(&anna, "The seller sent a broken item, order A-1042");
    desk.client_gets(&anna, "Обращение #1002 создано").await;
    world
        .user_sends_album(
            anna.user,
            anna.chat,
            vec![photo(b"box"), photo(b"item"), photo(b"label")],
            Some("evidence"),
        )
        .expect("album");
    let thread = desk
        .thread_sees(1002, |m| {
            m.iter()
                .filter(|c| c.get("media_group_id").is_some())
                .count()
                == 3
        })
        .await;
    let groups: std::collections::BTreeSet<_> = thread
        .iter()
        .filter_map(|c| c.get("media_group_id").and_then(Value::as_str))
        .collect();
    assert_eq!(groups.len(), 1, "the album arrives as one album");
    world
        .user_sends(
            anna.user,
            anna.chat,
            ticketgram_sandbox::UserMessage {
                media: Some(MediaUpload {
                    kind: MediaKind::Document,
                    bytes: b"%PDF-1.4 invoice".as_slice().into(),
                    file_name: Some("invoice.pdf".into()),
                    mime_type: Some("application/pdf".into()),
                }),
                ..Default::default()
            },
        )
        .expect("document");
    desk.thread_sees(1002, |m| {
        m.iter().any(|c| {
            c.pointer("/document/file_name").and_then(Value::as_str) == Some("invoice.pdf")
        })
    })
    .await;

    // Kate answers the dispute: Anna sees "Kate", never Kate's Telegram name or username.
    desk.agent_comments(
        desk.kate.0,
        1002,
        "We have asked the seller for tracking details.",
    )
    .await;
    let reply = desk.client_gets(&anna, "tracking details").await;
    assert!(text_of(&reply).contains("Kate · #1002"), "{reply:#}");
    assert!(!text_of(&reply).contains("@kate"));
    assert_eq!(
        desk.ticket(1002).await.assignee,
        Some(desk.kate.1.id),
        "first to answer is assigned"
    );
    desk.card_shows(1002, "Assigned: Kate").await;

    // An internal note stays with the agents.
    desk.agent_comments(desk.max.0, 1002, "// seller has 3 open disputes already")
        .await;
    // Max answers Ben without an alias: Ben sees "Support".
    desk.agent_comments(desk.max.0, 1001, "Fixed, please reload the page.")
        .await;
    let reply = desk.client_gets(&ben, "please reload").await;
    assert!(text_of(&reply).contains("Support · #1001"), "{reply:#}");
    desk.settled().await;
    let anna_saw = desk.client_sees(&anna, |_| true).await;
    assert!(
        !anna_saw.iter().any(|m| text_of(m).contains("seller has 3")),
        "internal note leaked"
    );

    // Anna corrects her first question; the copy in the thread follows.
    let question = world
        .chat_messages(anna.chat)
        .into_iter()
        .find(|m| text_of(m).contains("payout of 120 EUR"))
        .expect("question");
    world
        .user_edits(
            anna.user,
            anna.chat,
            message_id(&question),
            "My payout of 150 EUR is stuck since Monday",
        )
        .expect("edit");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c).contains("150 EUR")))
        .await;

    // Replying to the bot's message about #1000 routes there, even though #1002 is current.
    let created = desk.client_gets(&anna, "Обращение #1000 создано").await;
    world
        .user_replies(anna.user, anna.chat, message_id(&created), "Any news?")
        .expect("reply");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "Any news?"))
        .await;

    // Transfer #1002 from Kate to Max with the card's buttons.
    desk.press_on_card(desk.kate.0, 1002, "Transfer").await;
    let offer = desk
        .thread_sees(1002, |m| m.iter().any(|c| button_data(c, "Max").is_some()))
        .await;
    let offer = offer
        .iter()
        .rev()
        .find(|c| button_data(c, "Max").is_some())
        .expect("offer");
    world
        .user_presses_button(
            desk.kate.0,
            desk.group,
            message_id(offer),
            &button_data(offer, "Max").expect("data"),
        )
        .expect("press");
    desk.card_shows(1002, "Assigned: Max").await;
    assert_eq!(desk.ticket(1002).await.assignee, Some(desk.max.1.id));

    // Max closes it; Anna is asked for a rating, gives 4 stars and a comment.
    desk.press_on_card(desk.max.0, 1002, "Close").await;
    desk.client_gets(&anna, "Как вы оцениваете").await;
    desk.client_presses(&anna, "⭐⭐⭐⭐").await;
    desk.client_gets(&anna, "добавить комментарий").await;
    desk.says(&anna, "Quick, thanks");
    desk.client_gets(&anna, "Спасибо за отзыв").await;
    let closed = desk.ticket(1002).await;
    assert_eq!(closed.status, TicketStatus::Closed);
    assert_eq!(closed.rating.map(|r| r.score()), Some(4));
    assert_eq!(closed.rating_comment.as_deref(), Some("Quick, thanks"));
    desk.card_shows(1002, "★★★★").await;

    // She reopens it from "My requests"; the thread comes back to life.
    desk.says(&anna, "/my");
    desk.client_presses(&anna, "Открыть #1002 снова").await;
    desk.client_gets(&anna, "снова открыто").await;
    desk.says(&anna, "The replacement is broken too");
    desk.thread_sees(1002, |m| {
        m.iter()
            .any(|c| text_of(c) == "The replacement is broken too")
    })
    .await;
    assert_eq!(desk.ticket(1002).await.status, TicketStatus::Open);

    // The history keeps everything, notes included, in order.
    let ticket = desk.ticket(1002).await;
    let history = desk
        .store
        .ticket_messages(desk.ws, ticket.id)
        .await
        .expect("history");
    assert!(history
        .iter()
        .any(|m| m.direction == MessageDirection::InternalNote));
    assert!(history
        .windows(2)
        .all(|w| w[0].created_at <= w[1].created_at));
    assert!(
        desk.sandbox.world().spec_violations().is_empty(),
        "{:?}",
        desk.sandbox.world().spec_violations()
    );
}

#[tokio::test]
async fn with_several_open_requests_and_none_current_the_bot_asks_which_one() {
    let desk = TestDesk::start().await;
    let carl = desk.client("Carl", "de");
    desk.says(&carl, "Erste Frage");
    desk.client_gets(&carl, "Anfrage #1000 wurde erstellt")
        .await;
    for (question, number) in [("Zweite Frage", 1001), ("Dritte Frage", 1002)] {
        desk.says(&carl, "/new");
        desk.client_presses(&carl, "Payments").await;
        desk.says(&carl, question);
        desk.client_gets(&carl, &format!("Anfrage #{number} wurde erstellt"))
            .await;
    }
    // Carl closes the current request (#1002) and skips the rating comment.
    desk.says(&carl, "/my");
    desk.client_presses(&carl, "#1002 schließen").await;
    desk.client_presses(&carl, "⭐⭐⭐⭐⭐").await;
    desk.client_presses(&carl, "Überspringen").await;
    desk.client_gets(&carl, "Vielen Dank für Ihr Feedback")
        .await;

    // Two requests are open and none is current: the bot asks and holds the message.
    desk.says(&carl, "Gilt das auch für die Rechnung?");
    desk.client_gets(&carl, "mehrere offene Anfragen").await;
    desk.client_presses(&carl, "#1000").await;
    desk.thread_sees(1000, |m| {
        m.iter()
            .any(|c| text_of(c) == "Gilt das auch für die Rechnung?")
    })
    .await;
    desk.client_gets(&carl, "gehen an Anfrage #1000").await;

    // From now on #1000 is current: no more questions.
    desk.says(&carl, "Und noch etwas");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "Und noch etwas"))
        .await;
    let second = desk.ticket(1001).await;
    let messages = desk
        .store
        .ticket_messages(desk.ws, second.id)
        .await
        .expect("history");
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.direction == MessageDirection::Client)
            .count(),
        1
    );
}

/// An agent reopening a closed request from the card: the thread says who, and the client is
/// told their request is open again (a reopen no one hears of looks like silence).
#[tokio::test]
async fn an_agent_reopening_a_closed_request_tells_the_client() {
    let desk = TestDesk::start().await;
    let dana = desk.client("Dana", "en");
    desk.says(&dana, "The refund never arrived");
    desk.client_gets(&dana, "Request #1000 created").await;
    desk.card_shows(1000, "#1000").await;
    desk.press_on_card(desk.kate.0, 1000, "Close").await;
    desk.client_gets(&dana, "How would you rate").await;

    desk.card_shows(1000, "Status: closed").await;
    desk.press_on_card(desk.kate.0, 1000, "🔄 Reopen").await;
    desk.client_gets(&dana, "Your request #1000 was reopened by our support team")
        .await;
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c).contains("Reopened by Kate"))
    })
    .await;
    assert_eq!(desk.ticket(1000).await.status, TicketStatus::Open);
}
