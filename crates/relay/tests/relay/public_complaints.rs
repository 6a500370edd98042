//! Public complaints: Olga adds the client bot to the marketplace's public group. Pete, who
//! has never opened the bot, writes there that his parcel is three weeks late: a ticket opens,
//! linked to his message and registered as a public complaint, and the desk answers under it
//! with a button to the bot. Kate's answer waits — Telegram lets no bot write first — until
//! Pete opens the bot; then it reaches him, and his next words join the same ticket. In a
//! public channel's comments, where the desk answers in public only when an agent says so,
//! Kate answers Ann (a client the bot already knows) with `/public`, and Ann hears Kate
//! privately at once. Chatter is never a ticket, and a crash anywhere in a public complaint
//! opens one ticket with one public answer.

use crate::harness::*;
use serde_json::Value;
use ticketgram_domain::TicketId;
use ticketgram_sandbox::{ChatRef, GroupKind, UserId};

const MAX_STEPS: u32 = 80;

/// A public supergroup of Olga's with the client bot as an administrator (so it reads every
/// message, as Telegram lets admins).
async fn public_group(desk: &TestDesk, olga: UserId, username: &str) -> ChatRef {
    let world = desk.sandbox.world();
    let group = world
        .create_group(olga, "Market talk", GroupKind::Supergroup)
        .expect("group");
    world
        .set_chat_username(group, Some(username))
        .expect("public");
    world
        .add_bot_to_chat(desk.bot.id, group, true)
        .expect("bot in the group");
    desk.agent_gets(olga, "watching “Market talk” for complaints")
        .await;
    group
}

fn stranger(desk: &TestDesk, name: &str, group: ChatRef) -> UserId {
    let world = desk.sandbox.world();
    let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
    world.add_member(group, user, false).expect("member");
    user
}

fn said(messages: &[Value], needle: &str) -> usize {
    messages
        .iter()
        .filter(|m| text_of(m).contains(needle))
        .count()
}

async fn history(desk: &TestDesk, ticket: TicketId) -> Vec<String> {
    desk.store
        .ticket_history(desk.ws, ticket)
        .await
        .expect("history")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[tokio::test]
async fn a_complaint_in_a_public_group_is_answered_there_and_continues_in_private() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let (olga, _) = desk.admin("Olga").await;
    let market = public_group(&desk, olga, "market_talk").await;
    let pete = stranger(&desk, "Pete", market);
    let world = desk.sandbox.world();

    world
        .user_sends_text(pete, market, "Does anyone know a good courier in Porto?")
        .expect("chatter");
    let complaint = world
        .user_sends_text(
            pete,
            market,
            "My parcel is three weeks late and support ignores me, this is unacceptable!",
        )
        .expect("complaint");
    let answer = desk.chat_shows(market, "opened request #1000").await;
    assert_eq!(
        answer.pointer("/reply_to_message/message_id"),
        complaint.get("message_id"),
        "answered under Pete's message: {answer:#}"
    );
    let url = answer
        .pointer("/reply_markup/inline_keyboard/0/0/url")
        .and_then(Value::as_str)
        .expect("a button to the bot");
    assert!(url.ends_with("?start=complaint"), "{url}");
    let link = format!("https://t.me/market_talk/{}", message_id(&complaint));
    desk.thread_sees(1000, |m| said(m, "three weeks late") == 1)
        .await;
    desk.card_shows(
        1000,
        &format!("Public: Market talk · {link} · has not opened the bot"),
    )
    .await;

    kate_answers_and_it_waits(&desk, kate).await;
    // Pete answers the desk in the group: his words join his ticket.
    world
        .user_replies(
            pete,
            market,
            message_id(&answer),
            "Thanks, I will write to the bot",
        )
        .expect("reply");
    desk.thread_sees(1000, |m| said(m, "I will write to the bot") == 1)
        .await;

    // Pete opens the bot through the button: the ticket is his there, Kate's answer arrives.
    let chat = world.private_chat(desk.bot.id, pete).expect("private chat");
    let pete_in_private = Client { user: pete, chat };
    world
        .user_sends_text(pete, chat, "/start complaint")
        .expect("start");
    desk.client_gets(
        &pete_in_private,
        "what you wrote in “Market talk”: it is request #1000",
    )
    .await;
    desk.client_gets(&pete_in_private, "it arrives tomorrow")
        .await;
    desk.says(&pete_in_private, "Great, thank you!");
    desk.thread_sees(1000, |m| said(m, "Great, thank you!") == 1)
        .await;
    desk.card_shows(1000, &format!("Public: Market talk · {link}"))
        .await;
    desk.settled().await;

    let ticket = desk.ticket(1000).await;
    let client = desk
        .store
        .find_client_by_telegram_id(desk.ws, pete)
        .await
        .expect("store")
        .expect("Pete is a client");
    let tickets = desk
        .store
        .recent_tickets_of_client(desk.ws, client.id, 10)
        .await
        .expect("store");
    assert_eq!(tickets.len(), 1, "chatter and replies open nothing");
    let registered = desk
        .store
        .complaint(desk.ws, ticket.id)
        .await
        .expect("store")
        .expect("a complaint");
    assert!(registered.complaint.public);
    let post = desk
        .store
        .public_post(desk.ws, ticket.id)
        .await
        .expect("store")
        .expect("its public message");
    assert_eq!(post.link, link);
    assert!(post.answered_at.is_some() && post.joined_at.is_some());
    let kinds = history(&desk, ticket.id).await;
    for kind in [
        "public_complaint",
        "complaint_registered",
        "public_answered",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
    // Pete heard Kate once, and nothing from before he came (the promise, the register's
    // acknowledgement) was sent into a chat that did not exist.
    let seen = desk.client_sees(&pete_in_private, |_| true).await;
    assert_eq!(said(&seen, "it arrives tomorrow"), 1, "{seen:#?}");
    let group = world.chat_messages(market);
    assert_eq!(said(&group, "opened request #1000"), 1, "{group:#?}");
}

async fn kate_answers_and_it_waits(desk: &TestDesk, kate: UserId) {
    desk.agent_comments(
        kate,
        1000,
        "So sorry, Pete: I found your parcel, it arrives tomorrow.",
    )
    .await;
    desk.thread_sees(1000, |m| said(m, "Not sent yet") == 1)
        .await;
}

#[tokio::test]
async fn in_a_channels_comments_the_desk_answers_in_public_when_an_agent_says_so() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let (olga, _) = desk.admin("Olga").await;
    let world = desk.sandbox.world();
    let (channel, comments) = world
        .create_channel_with_discussion(olga, "Shop news")
        .expect("channel");
    world
        .set_chat_username(channel, Some("shopnews"))
        .expect("public channel");
    world
        .add_bot_to_chat(desk.bot.id, comments, true)
        .expect("bot in the comments");
    desk.agent_gets(olga, "watching “Shop news Chat” for complaints")
        .await;
    // Olga: answers in public only when an agent asks.
    world
        .user_sends_text(olga, desk.private_chat_of(olga), "/public")
        .expect("command");
    let list = desk
        .agent_gets(olga, "Public chats watched for complaints")
        .await;
    assert!(text_of(&list).contains("• Shop news Chat"), "{list:#}");
    desk.agent_presses(olga, &list, "Switch how complaints are answered");
    desk.agent_gets(olga, "only when an agent writes /public")
        .await;

    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Hello");
    desk.client_gets(&ann, "#1000").await;
    world.add_member(comments, ann.user, false).expect("member");
    world
        .user_sends_text(olga, channel, "Our summer sale starts today!")
        .expect("post");
    let root = desk.chat_shows(comments, "summer sale").await;
    let post_id = root
        .pointer("/forward_origin/message_id")
        .and_then(Value::as_i64)
        .expect("the post's id in the channel");
    let comment = world
        .user_comments(
            ann.user,
            comments,
            message_id(&root),
            "I was charged twice for my order and nobody answers. Terrible service!",
        )
        .expect("comment");
    let link = format!(
        "https://t.me/shopnews/{post_id}?comment={}",
        message_id(&comment)
    );
    desk.thread_sees(1001, |m| said(m, "charged twice") == 1)
        .await;
    desk.card_shows(1001, &format!("Public: Shop news Chat · {link}"))
        .await;

    desk.agent_comments(
        kate,
        1001,
        "/public We are sorry, Ann: we have written to you in private.",
    )
    .await;
    let public = desk
        .chat_shows(comments, "we have written to you in private")
        .await;
    assert_eq!(
        public.pointer("/reply_to_message/message_id"),
        comment.get("message_id")
    );
    // Ann uses the bot already: Kate's answer reaches her at once.
    desk.agent_comments(kate, 1001, "The second charge is refunded today.")
        .await;
    desk.client_gets(&ann, "The second charge is refunded today.")
        .await;
    desk.settled().await;
    let group = world.chat_messages(comments);
    assert_eq!(
        said(&group, "opened request"),
        0,
        "no automatic answer: {group:#?}"
    );
    let thread = desk.thread_sees(1001, |_| true).await;
    assert_eq!(said(&thread, "Not sent yet"), 0, "{thread:#?}");
    // /public on a ticket that came from the bot is refused in its thread.
    desk.agent_comments(kate, 1000, "/public hello").await;
    desk.thread_sees(1000, |m| said(m, "did not come from a public chat") == 1)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_a_public_complaint_opens_one_ticket_answered_once() {
    // About atomicity, not pacing: each complaint posts four messages into the groups, and
    // Telegram's 20 a minute per group would make the story wait minutes for nothing.
    let config = ticketgram_sandbox::SandboxConfig {
        flood_limits: false,
        ..Default::default()
    };
    let desk = TestDesk::start_on(config, None).await;
    let (olga, _) = desk.admin("Olga").await;
    let market = public_group(&desk, olga, "market_talk").await;
    let world = desk.sandbox.world();
    for (number, step) in (1000..).zip(1..MAX_STEPS) {
        let author = stranger(&desk, &format!("Buyer{step}"), market);
        let before = desk.faults.fired();
        desk.faults.fail_at_step("update", step);
        let words = format!("Order {step} is three weeks late, this is unacceptable!");
        world
            .user_sends_text(author, market, &words)
            .expect("complaint");
        let answer = format!("opened request #{number}");
        desk.chat_shows(market, &answer).await;
        desk.thread_sees(number, |m| said(m, &words) >= 1).await;
        desk.settled().await;
        desk.faults.fail_at_step("update", 0);
        let crashed = desk.faults.fired() > before;

        let group = world.chat_messages(market);
        assert_eq!(said(&group, &answer), 1, "step {step}: {group:#?}");
        let thread = desk.thread_sees(number, |_| true).await;
        assert_eq!(said(&thread, &words), 1, "step {step}: {thread:#?}");
        let client = desk
            .store
            .find_client_by_telegram_id(desk.ws, author)
            .await
            .expect("store")
            .expect("known");
        let tickets = desk
            .store
            .recent_tickets_of_client(desk.ws, client.id, 10)
            .await
            .expect("store");
        assert_eq!(tickets.len(), 1, "step {step}");
        if !crashed {
            assert!(step > 5, "a public complaint takes more than {step} steps");
            return;
        }
    }
    panic!("the fault never stopped firing");
}
