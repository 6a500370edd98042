//! Bad input gets a clear answer and breaks nothing.

use crate::harness::*;

#[tokio::test]
async fn an_agents_answer_over_telegrams_limit_is_split_not_lost() {
    let desk = TestDesk::start().await;
    let hana = desk.client("Hana", "en");
    desk.says(&hana, "Explain the fees please");
    desk.thread(1000).await;
    // Telegram lets the agent write 4096 characters; the signature pushes it over the limit.
    let long = "Fees explained. ".repeat(256); // 4096 characters with the last space
    desk.agent_comments(desk.kate.0, 1000, long.trim()).await;
    let seen = desk
        .client_sees(&hana, |m| {
            m.iter().any(|x| text_of(x).contains("— Kate · #1000"))
        })
        .await;
    let parts: Vec<String> = seen
        .iter()
        .map(text_of)
        .skip_while(|t| !t.starts_with("Fees explained"))
        .collect();
    assert!(
        parts.len() >= 2,
        "the answer and its signature do not fit one message: {parts:?}"
    );
    assert!(parts.iter().all(|p| p.chars().count() <= 4096));
    assert_eq!(
        parts.concat().matches("Fees explained.").count(),
        256,
        "nothing lost"
    );
}

#[tokio::test]
async fn strangers_in_the_discussion_group_are_not_relayed_and_cannot_press_take() {
    let desk = TestDesk::start().await;
    let ivan = desk.client("Ivan", "en");
    desk.says(&ivan, "Help with my order");
    let thread = desk.thread(1000).await;
    let world = desk.sandbox.world();
    let stranger = world.create_user("Mallory", Some("mallory"), Some("en"));
    desk.joins_the_team_chats(stranger);
    world
        .user_comments(stranger, desk.group, thread, "send me your password")
        .expect("comment");
    let answer = desk.press_on_card(stranger, 1000, "Take").await;
    // A real agent's comment afterwards proves the stranger's was handled (and skipped) first.
    desk.agent_comments(desk.kate.0, 1000, "Hello Ivan").await;
    desk.client_gets(&ivan, "Hello Ivan").await;
    desk.settled().await;
    let seen = desk.client_sees(&ivan, |_| true).await;
    assert!(
        !seen.iter().any(|m| text_of(m).contains("password")),
        "stranger's comment was relayed"
    );
    let reply = world
        .callback_answer(&answer)
        .expect("the stranger got an answer");
    assert!(reply.to_string().contains("Only agents"), "{reply}");
    let ticket = desk.ticket(1000).await;
    assert_eq!(
        ticket.assignee,
        Some(desk.kate.1.id),
        "Kate, not the stranger, is assigned"
    );
}

#[tokio::test]
async fn malformed_and_unsupported_updates_are_kept_visible_and_break_nothing() {
    let desk = TestDesk::start().await;
    let jon = desk.client("Jon", "en");
    let bot = desk.bot.id;
    let now = chrono::Utc::now();
    // Garbage where an update should be: kept as a failed update, not retried forever.
    desk.store
        .record_update(desk.ws, bot, 1, "{not json", now)
        .await
        .expect("store");
    // A dice: valid Telegram, nothing a support desk can relay.
    let dice = serde_json::json!({
        "update_id": 2,
        "message": {
            "message_id": 1, "date": now.timestamp(),
            "chat": {"id": jon.chat.telegram_id(), "type": "private", "first_name": "Jon"},
            "from": {"id": jon.user, "is_bot": false, "first_name": "Jon", "language_code": "en"},
            "dice": {"emoji": "🎲", "value": 3}
        }
    });
    desk.store
        .record_update(desk.ws, bot, 2, &dice.to_string(), now)
        .await
        .expect("store");
    desk.client_gets(&jon, "can't pass on this kind of message (dice)")
        .await;
    desk.says(&jon, "/start");
    desk.client_gets(&jon, "Hello, Jon").await;
    let failed = desk.store.failed_updates(desk.ws, 10).await.expect("store");
    assert_eq!(failed.len(), 1);
    assert!(failed[0].1.contains("malformed update"), "{failed:?}");
    assert!(desk
        .store
        .find_ticket_by_number(desk.ws, ticketgram_domain::TicketNumber(1000))
        .await
        .expect("store")
        .is_none());
}

#[tokio::test]
async fn a_blocked_client_gets_one_polite_notice_and_nothing_is_relayed() {
    let desk = TestDesk::start().await;
    let spam = desk.client("Spammer", "en");
    desk.says(&spam, "Buy followers cheap");
    desk.thread(1000).await;
    let client = desk
        .store
        .find_client_by_telegram_id(desk.ws, spam.user)
        .await
        .expect("store")
        .expect("client");
    let block = ticketgram_domain::BlockState {
        reason: "advertising".into(),
        by: ticketgram_domain::Actor::Agent(desk.kate.1.id),
        at: chrono::Utc::now(),
    };
    desk.store
        .write(async |tx| tx.set_client_block(desk.ws, client.id, Some(&block)).await)
        .await
        .expect("block");

    for text in ["Buy followers now", "Last chance", "Hello?"] {
        desk.says(&spam, text);
    }
    desk.client_gets(&spam, "can no longer take your messages")
        .await;
    desk.settled().await;
    let seen = desk.client_sees(&spam, |_| true).await;
    assert_eq!(
        seen.iter()
            .filter(|m| text_of(m).contains("can no longer"))
            .count(),
        1,
        "one notice, not one per message"
    );
    let thread = desk.thread_sees(1000, |_| true).await;
    assert!(
        !thread.iter().any(|c| text_of(c).contains("Last chance")),
        "nothing relayed from a blocked client"
    );
}
