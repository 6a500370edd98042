//! The conversation as a support lead walks it: rating a closed request (once, with a comment
//! that never swallows the next question), blocking an abusive client, a desk that takes
//! requests before its channel is linked, and stickers that cannot carry a signature.

use crate::harness::*;
use serde_json::Value;
use std::time::Duration;
use ticketgram_domain::{Language, TicketStatus};
use ticketgram_sandbox::{MediaKind, MediaUpload, UserMessage};

impl TestDesk {
    /// A desk whose comment step closes at once: only a reply to the prompt is a comment.
    async fn without_comment_window() -> TestDesk {
        let setup = ticketgram_testkit::TestDesk::setup()
            .tune(|config| config.rating_comment_window = Duration::ZERO);
        TestDesk(setup.start().await)
    }

    /// How the bot answered a button press (the toast or alert the user saw).
    async fn press_answer(&self, callback_id: &str) -> Value {
        let what = format!("an answer to the press {callback_id}");
        eventually(&what, || async {
            self.sandbox.world().callback_answer(callback_id)
        })
        .await
    }
}

/// Ann asks, Kate closes the request from its card: Ann is asked for a rating.
async fn closed_and_asked(desk: &TestDesk, ann: &Client, question: &str, number: i64) {
    desk.says(ann, question);
    desk.client_gets(ann, &format!("Request #{number} created"))
        .await;
    desk.thread(number).await;
    desk.press_on_card(desk.kate.0, number, "Close").await;
    desk.card_shows(number, "Status: closed").await;
    let asked = desk
        .client_sees(ann, |m| {
            m.iter().any(|m| {
                text_of(m).contains("How would you rate")
                    && text_of(m).contains(&number.to_string())
            })
        })
        .await;
    assert!(!asked.is_empty());
}

/// Waits for the `n`-th message to the client containing `needle`, and returns it.
async fn nth(desk: &TestDesk, client: &Client, needle: &str, n: usize) -> Value {
    let seen = desk.client_sees(client, |m| count(m, needle) >= n).await;
    seen.into_iter()
        .filter(|m| text_of(m).contains(needle))
        .nth(n - 1)
        .expect("found")
}

const PROMPT: &str = "Add a comment if you like";

fn count(messages: &[Value], needle: &str) -> usize {
    messages
        .iter()
        .filter(|m| text_of(m).contains(needle))
        .count()
}

async fn history_kinds(desk: &TestDesk, number: i64) -> Vec<(String, Value)> {
    let ticket = desk.ticket(number).await;
    desk.store
        .ticket_history(desk.ws, ticket.id)
        .await
        .expect("history")
        .into_iter()
        .map(|e| (e.kind, e.details))
        .collect()
}

#[tokio::test]
async fn stars_count_once_and_a_later_press_is_answered_without_overwriting() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    closed_and_asked(&desk, &ann, "My payout is stuck", 1000).await;

    desk.client_presses(&ann, "⭐⭐⭐⭐⭐").await;
    desk.client_gets(&ann, PROMPT).await;
    desk.card_shows(1000, "★★★★★").await;

    // A second thought, on the same stars: the press is answered, the first score stands.
    let press = desk.client_presses(&ann, "⭐").await;
    let answer = desk.press_answer(&press).await;
    assert!(
        answer["text"]
            .as_str()
            .is_some_and(|t| t.contains("already rated request #1000")),
        "{answer:#}"
    );
    desk.settled().await;
    assert_eq!(desk.ticket(1000).await.rating.map(|r| r.score()), Some(5));
    let rated = history_kinds(&desk, 1000).await;
    assert_eq!(rated.iter().filter(|(k, _)| k == "rated").count(), 1);
}

#[tokio::test]
async fn the_comment_step_never_swallows_a_menu_button_or_a_new_question() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    closed_and_asked(&desk, &ann, "My payout is stuck", 1000).await;
    desk.client_presses(&ann, "⭐⭐⭐⭐").await;
    desk.client_gets(&ann, PROMPT).await;

    // Ann moves on through the menu; her next message is a new question, not a comment.
    desk.says(&ann, "📋 My requests");
    desk.client_gets(&ann, "Your requests").await;
    desk.says(&ann, "Another problem: I was charged twice");
    desk.client_gets(&ann, "Request #1001 created").await;
    assert_eq!(desk.ticket(1000).await.rating_comment, None);
    desk.thread_sees(1001, |m| {
        m.iter()
            .any(|c| text_of(c) == "Another problem: I was charged twice")
    })
    .await;
}

#[tokio::test]
async fn after_the_comment_window_only_a_reply_to_the_prompt_is_a_comment() {
    let desk = TestDesk::without_comment_window().await;
    let ann = desk.client("Ann", "en");
    closed_and_asked(&desk, &ann, "My payout is stuck", 1000).await;
    desk.client_presses(&ann, "⭐⭐⭐⭐").await;
    desk.client_gets(&ann, PROMPT).await;
    desk.says(&ann, "Another problem: I was charged twice");
    desk.client_gets(&ann, "Request #1001 created").await;

    // With the window over at once, only a reply to the prompt is a comment...
    desk.press_on_card(desk.kate.0, 1001, "Close").await;
    desk.client_gets(&ann, "How would you rate our help with request #1001")
        .await;
    desk.client_presses(&ann, "⭐⭐⭐").await;
    let prompt = nth(&desk, &ann, PROMPT, 2).await;
    desk.sandbox
        .world()
        .user_replies(ann.user, ann.chat, message_id(&prompt), "Fast and polite")
        .expect("reply");
    desk.client_gets(&ann, "Thank you for your feedback").await;
    let rated = desk.ticket(1001).await;
    assert_eq!(rated.rating_comment.as_deref(), Some("Fast and polite"));
    desk.card_shows(1001, "Fast and polite").await;

    // ...and a plain message after the window is a new request.
    closed_and_asked(&desk, &ann, "Where is my invoice?", 1002).await;
    desk.client_presses(&ann, "⭐⭐⭐⭐⭐").await;
    nth(&desk, &ann, PROMPT, 3).await;
    desk.says(&ann, "And the delivery is late");
    desk.client_gets(&ann, "Request #1003 created").await;
    assert_eq!(desk.ticket(1002).await.rating_comment, None);

    // Skip, pressed twice, thanks once.
    desk.press_on_card(desk.kate.0, 1003, "Close").await;
    desk.client_gets(&ann, "How would you rate our help with request #1003")
        .await;
    desk.client_presses(&ann, "⭐⭐⭐⭐⭐").await;
    nth(&desk, &ann, PROMPT, 4).await;
    let before = count(
        &desk.client_sees(&ann, |_| true).await,
        "Thank you for your feedback",
    );
    desk.client_presses(&ann, "Skip").await;
    desk.client_presses(&ann, "Skip").await;
    // The presses are updates still on their way when the outbox is empty: wait for the
    // thanks, then for anything a second thanks would have queued.
    desk.client_sees(&ann, |m| count(m, "Thank you for your feedback") > before)
        .await;
    desk.settled().await;
    let after = count(
        &desk.client_sees(&ann, |_| true).await,
        "Thank you for your feedback",
    );
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn reopening_sets_the_old_rating_aside_and_the_next_close_asks_again() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    closed_and_asked(&desk, &ann, "My payout is stuck", 1000).await;
    desk.client_presses(&ann, "⭐⭐").await;
    desk.client_gets(&ann, PROMPT).await;
    desk.says(&ann, "Still not paid");
    desk.client_gets(&ann, "Thank you for your feedback").await;
    desk.card_shows(1000, "Still not paid").await;

    // Kate reopens: the score is for work that did not end it; history keeps it.
    desk.press_on_card(desk.kate.0, 1000, "Reopen").await;
    desk.client_gets(&ann, "was reopened by our support team")
        .await;
    desk.settled().await;
    let reopened = desk.ticket(1000).await;
    assert_eq!(reopened.status, TicketStatus::Open);
    assert_eq!((reopened.rating, reopened.rating_comment), (None, None));
    let history = history_kinds(&desk, 1000).await;
    let archived = history
        .iter()
        .find(|(kind, _)| kind == "rating_archived")
        .expect("the old rating is in the history");
    assert_eq!(archived.1["rating"], 2);
    assert_eq!(archived.1["comment"], "Still not paid");
    assert!(!text_of(&desk.card(1000).await).contains("★★"));

    // The old stars do nothing while the request is open again.
    let press = desk.client_presses(&ann, "⭐⭐⭐⭐⭐").await;
    let answer = desk.press_answer(&press).await;
    assert!(
        answer["text"]
            .as_str()
            .is_some_and(|t| t.contains("open again")),
        "{answer:#}"
    );

    // The next close asks again, and the new score counts.
    desk.press_on_card(desk.kate.0, 1000, "Close").await;
    let seen = desk
        .client_sees(&ann, |m| count(m, "How would you rate our help") == 2)
        .await;
    assert_eq!(count(&seen, "How would you rate our help"), 2);
    desk.client_presses(&ann, "⭐⭐⭐⭐⭐").await;
    desk.card_shows(1000, "★★★★★").await;
    assert_eq!(desk.ticket(1000).await.rating.map(|r| r.score()), Some(5));
}

#[tokio::test]
async fn a_blocked_client_reads_a_neutral_notice_and_what_they_send_is_kept_for_agents() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let ann = desk.client("Ann", "en");
    let first = desk.says(&ann, "First question");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.press_on_card(kate, 1000, "Take").await;
    desk.card_shows(1000, "Assigned: Kate").await;
    desk.says(&ann, "📋 My requests");
    desk.client_gets(&ann, "Your requests").await;

    desk.agent_says(kate, "/block ticket 1000 abusive language");
    desk.agent_gets(kate, "is blocked. Reason: abusive language")
        .await;
    // The client reads the desk's neutral notice; the reason is for agents.
    desk.client_gets(&ann, "can no longer take your messages")
        .await;
    // Agents see the block on the card, in the thread and in the ticket's history.
    desk.card_shows(1000, "⛔ Client blocked: abusive language")
        .await;
    desk.thread_sees(1000, |m| {
        m.iter()
            .any(|c| text_of(c).contains("Kate blocked this client: abusive language"))
    })
    .await;
    let history = history_kinds(&desk, 1000).await;
    assert!(history
        .iter()
        .any(|(kind, d)| kind == "client_blocked" && d["reason"] == "abusive language"));

    // What Ann sends now is kept in the ticket's history, not relayed, and wakes nobody —
    // her edit of the question relayed before the block included.
    let inbox_before = desk.agent_inbox(kate).len();
    desk.says(&ann, "You will regret this");
    desk.sandbox
        .world()
        .user_edits(
            ann.user,
            ann.chat,
            first,
            "First question, now with insults",
        )
        .expect("edit");
    let press = desk.client_presses(&ann, "Close #1000").await;
    let answer = desk.press_answer(&press).await;
    assert!(
        answer["text"]
            .as_str()
            .is_some_and(|t| t.contains("can no longer take your messages")),
        "a blocked client's press is answered: {answer:#}"
    );
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    assert_eq!(ticket.status, TicketStatus::Open, "the press did nothing");
    let messages = desk
        .store
        .ticket_messages(desk.ws, ticket.id)
        .await
        .expect("messages");
    assert!(messages
        .iter()
        .any(|m| m.text.as_deref() == Some("You will regret this")));
    assert!(messages
        .iter()
        .any(|m| m.text.as_deref() == Some("First question, now with insults")));
    let thread = desk.thread_sees(1000, |_| true).await;
    assert_eq!(count(&thread, "You will regret this"), 0, "not relayed");
    assert_eq!(
        count(&thread, "insults"),
        0,
        "the thread's copy is left as it was"
    );
    assert_eq!(
        desk.agent_inbox(kate).len(),
        inbox_before,
        "nobody notified"
    );
    let seen = desk.client_sees(&ann, |_| true).await;
    assert_eq!(count(&seen, "can no longer take your messages"), 1);
    assert_eq!(
        count(&seen, "abusive"),
        0,
        "the reason never reaches the client"
    );

    // Unblocked, Ann writes to the desk again; the card drops the mark.
    desk.agent_says(kate, "/unblock ticket 1000");
    desk.agent_gets(kate, "can write to the desk again").await;
    desk.says(&ann, "Sorry about that");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "Sorry about that"))
        .await;
    desk.settled().await;
    assert!(!text_of(&desk.card(1000).await).contains("⛔"));
    assert!(history_kinds(&desk, 1000)
        .await
        .iter()
        .any(|(kind, _)| kind == "client_unblocked"));
}

#[tokio::test]
async fn the_blocked_notice_is_the_desks_own_when_it_set_one() {
    let desk = TestDesk::start().await;
    let ws = desk.ws;
    desk.store
        .write(async |tx| {
            tx.set_blocked_notice_text(
                ws,
                Language::En,
                Some("This desk cannot help you further."),
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("notice set");
    let spam = desk.client("Spammer", "en");
    desk.says(&spam, "Buy followers cheap");
    desk.client_gets(&spam, "Request #1000 created").await;
    desk.agent_says(desk.kate.0, "/block ticket 1000 advertising");
    desk.client_gets(&spam, "This desk cannot help you further.")
        .await;
    desk.says(&spam, "Buy followers now");
    desk.settled().await;
    let seen = desk.client_sees(&spam, |_| true).await;
    assert_eq!(count(&seen, "cannot help you further"), 1);
    assert_eq!(count(&seen, "advertising"), 0);
}

#[tokio::test]
async fn a_request_before_any_channel_is_confirmed_at_once_and_carded_when_one_is_linked() {
    let desk = TestDesk::start_bare().await;
    let lena = desk.client("Lena", "en");
    let code = desk
        .store
        .write(async |tx| tx.new_setup_code(desk.ws, chrono::Utc::now()).await)
        .await
        .expect("code");
    desk.says(&lena, code.as_str());
    desk.client_gets(&lena, "You are the owner of this desk")
        .await;

    // No channel yet: Anna is told her number straight away, and nothing waits or dies.
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "My payout is stuck");
    desk.client_gets(&anna, "Request #1000 created").await;
    desk.says(&anna, "It has been three days");
    desk.settled().await;
    let dead = desk.store.dead_jobs(desk.ws).await.expect("store");
    assert!(dead.is_empty(), "{dead:#?}");

    // Lena links a channel and its group: the waiting request gets its card and its thread.
    let world = desk.sandbox.world();
    let (channel, group) = world
        .create_channel_with_discussion(lena.user, "Helpdesk")
        .expect("channel");
    world
        .add_bot_to_chat(desk.bot.id, channel, true)
        .expect("bot in channel");
    desk.client_gets(&lena, "is now the agents' channel").await;
    world
        .add_bot_to_chat(desk.bot.id, group, true)
        .expect("bot in group");
    let posted = world
        .wait_for(channel, WAIT, |m| {
            m.iter().any(|c| text_of(c).contains("#1000"))
        })
        .await;
    assert!(
        posted.is_ok(),
        "no card for the waiting request: {posted:#?}"
    );
    let thread = desk.thread(1000).await;
    let relayed = world
        .wait_for(group, WAIT, |all| {
            let texts: Vec<String> = all
                .iter()
                .filter(|m| m["message_thread_id"].as_i64() == Some(thread))
                .map(text_of)
                .collect();
            texts.iter().any(|t| t == "My payout is stuck")
                && texts.iter().any(|t| t == "It has been three days")
        })
        .await;
    assert!(relayed.is_ok(), "the conversation so far: {relayed:#?}");
    desk.settled().await;
    let cards = world
        .chat_messages(channel)
        .into_iter()
        .filter(|c| text_of(c).contains("#1000"))
        .count();
    assert_eq!(cards, 1, "one card");
}

/// What the bot sent the client after the first `skip` messages, waiting for two: the media
/// and the signature replying to it.
async fn media_and_signature(desk: &TestDesk, ann: &Client, skip: usize) -> (Value, Value) {
    let seen = desk
        .client_sees(ann, |m| {
            m.iter().skip(skip).any(|m| text_of(m).starts_with("— "))
        })
        .await;
    let later: Vec<Value> = seen.into_iter().skip(skip).collect();
    let media = later
        .iter()
        .find(|m| m.get("sticker").is_some() || m.get("video_note").is_some())
        .expect("the media reached the client")
        .clone();
    let signature = later
        .iter()
        .find(|m| text_of(m).starts_with("— "))
        .expect("signature")
        .clone();
    (media, signature)
}

#[tokio::test]
async fn a_sticker_or_a_video_note_from_an_agent_is_signed_in_a_reply() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Is my refund on its way?");
    desk.client_gets(&ann, "Request #1000 created").await;
    let thread = desk.thread(1000).await;
    let world = desk.sandbox.world();
    let send = |agent, kind, bytes: &'static [u8]| {
        let message = UserMessage {
            media: Some(MediaUpload {
                kind,
                bytes: bytes.into(),
                file_name: None,
                mime_type: None,
            }),
            thread_id: Some(thread),
            ..UserMessage::default()
        };
        world.user_sends(agent, desk.group, message).expect("sent")
    };

    let before = desk.client_sees(&ann, |_| true).await.len();
    send(desk.kate.0, MediaKind::Sticker, b"RIFF-thumbs-up-webp");
    let (sticker, signature) = media_and_signature(&desk, &ann, before).await;
    assert!(sticker.get("caption").is_none(), "{sticker:#}");
    assert_eq!(text_of(&signature), "— Kate · #1000");
    assert_eq!(
        signature["reply_to_message"]["message_id"],
        sticker["message_id"]
    );

    let before = desk.client_sees(&ann, |_| true).await.len();
    send(desk.max.0, MediaKind::VideoNote, b"round-video-mp4");
    let (note, signature) = media_and_signature(&desk, &ann, before).await;
    assert!(note.get("video_note").is_some(), "{note:#}");
    assert_eq!(text_of(&signature), "— Support · #1000");
    assert_eq!(
        signature["reply_to_message"]["message_id"],
        note["message_id"]
    );
    desk.settled().await;
    assert!(desk
        .store
        .dead_jobs(desk.ws)
        .await
        .expect("store")
        .is_empty());
}
