//! End to end: a trivial echo bot built on `ticketgram-telegram` (the client Ticketgram uses)
//! driven through private chat, media, inline buttons, a channel post with comments, edits and
//! a 429 storm.

use std::collections::HashMap;

use serde_json::Value;
use teloxide_core::payloads::{
    AnswerCallbackQuerySetters, GetUpdatesSetters, SendMessageSetters, SendPhotoSetters,
};
use teloxide_core::prelude::Requester;
use teloxide_core::requests::{Output, Request};
use teloxide_core::types::{
    ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MaybeInaccessibleMessage,
    Message, MessageId, ReplyParameters, UpdateKind,
};
use teloxide_core::RequestError;
use ticketgram_sandbox::{Fault, Sandbox};
use ticketgram_telegram::{Secret, TelegramClient, TelegramError};
use tokio::sync::watch;

use crate::helpers::{sandbox, DEADLINE};

/// Sends a request, honouring `retry_after` and retrying transient failures, like a real bot.
async fn send<R>(request: R) -> Output<R>
where
    R: Request<Err = RequestError>,
{
    loop {
        match request.send_ref().await {
            Ok(v) => return v,
            Err(e) => match TelegramError::from(e) {
                TelegramError::RetryAfter(delay) => tokio::time::sleep(delay).await,
                e if e.is_transient() => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await
                }
                e => panic!("echo bot request failed: {e}"),
            },
        }
    }
}

/// The echo bot: commands get a keyboard, text is echoed (edits follow the original), photos are
/// downloaded and uploaded again, documents are copied, comment threads are greeted.
struct EchoBot {
    client: TelegramClient,
    replies: HashMap<(ChatId, MessageId), MessageId>,
}

impl EchoBot {
    async fn run(mut self, mut stop: watch::Receiver<bool>) {
        let mut offset = 0;
        loop {
            let poll = self.client.bot().get_updates().offset(offset).timeout(1);
            let updates = tokio::select! {
                updates = send(poll) => updates,
                _ = stop.changed() => return,
            };
            for update in updates {
                offset = update.id.0 as i32 + 1;
                self.handle(update.kind).await;
            }
        }
    }

    async fn handle(&mut self, update: UpdateKind) {
        let bot = self.client.bot().clone();
        match update {
            UpdateKind::Message(msg) => self.on_message(msg).await,
            UpdateKind::EditedMessage(msg) => {
                if let (Some(text), Some(reply)) =
                    (msg.text(), self.replies.get(&(msg.chat.id, msg.id)))
                {
                    send(bot.edit_message_text(msg.chat.id, *reply, format!("echo: {text}"))).await;
                }
            }
            UpdateKind::CallbackQuery(q) => {
                send(bot.answer_callback_query(q.id.clone()).text("pong")).await;
                if let Some(MaybeInaccessibleMessage::Regular(m)) = q.message {
                    send(bot.edit_message_text(m.chat.id, m.id, "pong!")).await;
                }
            }
            _ => {}
        }
    }

    async fn on_message(&mut self, msg: Message) {
        let bot = self.client.bot().clone();
        let chat = msg.chat.id;
        let reply = ReplyParameters::new(msg.id);
        let sent = if msg.is_automatic_forward() {
            send(
                bot.send_message(chat, "comments are open")
                    .reply_parameters(reply),
            )
            .await
        } else if let Some(text) = msg.text() {
            if text.starts_with("/start") {
                let keyboard =
                    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
                        "Ping", "ping",
                    )]]);
                send(
                    bot.send_message(chat, "Welcome! Press the button.")
                        .reply_markup(keyboard),
                )
                .await
            } else {
                send(
                    bot.send_message(chat, format!("echo: {text}"))
                        .reply_parameters(reply),
                )
                .await
            }
        } else if let Some(photo) = msg.photo().and_then(|sizes| sizes.last()) {
            let bytes = self
                .client
                .download(&photo.file.id.0)
                .await
                .expect("photo downloads");
            let caption = format!("echo photo of {} bytes", bytes.len());
            send(
                bot.send_photo(chat, InputFile::memory(bytes).file_name("echo.jpg"))
                    .caption(caption),
            )
            .await
        } else if msg.document().is_some() {
            send(bot.copy_message(chat, chat, msg.id)).await;
            return;
        } else {
            return;
        };
        self.replies.insert((chat, msg.id), sent.id);
    }
}

fn start_echo_bot(sandbox: &Sandbox, token: &str) -> watch::Sender<bool> {
    let client = TelegramClient::new(sandbox.base_url(), Secret::new(token));
    let (stop, rx) = watch::channel(false);
    let bot = EchoBot {
        client,
        replies: HashMap::new(),
    };
    tokio::spawn(bot.run(rx));
    stop
}

fn texts_from(messages: &[Value], user: i64) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m.pointer("/from/id").and_then(Value::as_i64) == Some(user))
        .filter_map(|m| m["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn echo_bot_end_to_end() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("echo_bot");
    let alice = world.create_user("Alice", Some("alice"), Some("en"));
    let chat = world.private_chat(bot.id, alice).unwrap();
    let stop = start_echo_bot(&sandbox, &bot.token);

    // Private chat: a command gets an inline keyboard, text is echoed.
    world.user_sends_text(alice, chat, "/start").unwrap();
    let msgs = world
        .wait_for(chat, DEADLINE, |m| m.len() >= 2)
        .await
        .unwrap();
    let welcome = &msgs[1];
    assert_eq!(
        welcome["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
        "ping"
    );
    world.user_sends_text(alice, chat, "hello").unwrap();
    let msgs = world
        .wait_for(chat, DEADLINE, |m| {
            texts_from(m, bot.id).contains(&"echo: hello".to_owned())
        })
        .await
        .unwrap();
    let hello_id = msgs.iter().find(|m| m["text"] == "hello").unwrap()["message_id"]
        .as_i64()
        .unwrap();

    // Media: the photo goes through getFile + download + upload and keeps its bytes.
    let photo_bytes: Vec<u8> = (0..=255u8).cycle().take(50_000).collect();
    world
        .user_sends_photo(alice, chat, photo_bytes.clone(), Some("look"))
        .unwrap();
    let msgs = world
        .wait_for(chat, DEADLINE, |m| {
            m.iter()
                .any(|x| x.pointer("/from/id") == Some(&bot.id.into()) && x.get("photo").is_some())
        })
        .await
        .unwrap();
    let echoed = msgs
        .iter()
        .rev()
        .find(|m| m.get("photo").is_some())
        .unwrap();
    assert_eq!(echoed["caption"], "echo photo of 50000 bytes");
    let unique = echoed["photo"][0]["file_unique_id"].as_str().unwrap();
    assert_eq!(
        world.file_bytes(unique).unwrap().as_ref(),
        photo_bytes.as_slice()
    );

    // A document is copied back with the same file behind it.
    world
        .user_sends_document(alice, chat, b"%PDF-1.4 tiny".to_vec(), "report.pdf", None)
        .unwrap();
    let msgs = world
        .wait_for(chat, DEADLINE, |m| {
            m.iter().filter(|x| x.get("document").is_some()).count() == 2
        })
        .await
        .unwrap();
    let docs: Vec<&Value> = msgs
        .iter()
        .filter(|m| m.get("document").is_some())
        .collect();
    assert_eq!(
        docs[0]["document"]["file_unique_id"],
        docs[1]["document"]["file_unique_id"]
    );
    assert_eq!(docs[1]["from"]["id"], bot.id);
    assert_eq!(docs[1]["document"]["file_name"], "report.pdf");

    // Inline button: callback answered, message edited.
    let welcome_id = welcome["message_id"].as_i64().unwrap();
    let query = world
        .user_presses_button(alice, chat, welcome_id, "ping")
        .unwrap();
    world
        .wait_for(chat, DEADLINE, |m| {
            m.iter()
                .any(|x| x["message_id"] == welcome_id && x["text"] == "pong!")
        })
        .await
        .unwrap();
    assert_eq!(world.callback_answer(&query).unwrap()["text"], "pong");

    // A user edit reaches the bot as edited_message; the bot edits its echo.
    world
        .user_edits(alice, chat, hello_id, "hello again")
        .unwrap();
    world
        .wait_for(chat, DEADLINE, |m| {
            texts_from(m, bot.id).contains(&"echo: hello again".to_owned())
        })
        .await
        .unwrap();

    // Channel post with comments in the linked discussion group (bot is admin there).
    let (channel, group) = world.create_channel_with_discussion(alice, "News").unwrap();
    world.add_bot_to_chat(bot.id, group, true).unwrap();
    let post = world
        .user_sends_text(alice, channel, "Release 1.0 is out")
        .unwrap();
    let (linked, thread) = world
        .discussion_thread(channel, post["message_id"].as_i64().unwrap())
        .unwrap();
    assert_eq!(linked, group);
    let forward = world.message(group, thread).unwrap();
    assert_eq!(forward["is_automatic_forward"], true);
    assert_eq!(forward["from"]["id"], 777000);
    assert_eq!(forward["sender_chat"]["id"], channel.telegram_id());
    assert_eq!(forward["forward_origin"]["type"], "channel");
    assert_eq!(forward["forward_origin"]["message_id"], post["message_id"]);
    let bob = world.create_user("Bob", None, Some("de"));
    world.add_member(group, bob, false).unwrap();
    let comment = world
        .user_comments(bob, group, thread, "great news")
        .unwrap();
    assert_eq!(comment["message_thread_id"], thread);
    assert_eq!(comment["reply_to_message"]["message_id"], thread);
    let msgs = world
        .wait_for(group, DEADLINE, |m| {
            texts_from(m, bot.id).contains(&"echo: great news".to_owned())
        })
        .await
        .unwrap();
    let greeting = msgs
        .iter()
        .find(|m| m["text"] == "comments are open")
        .unwrap();
    assert_eq!(greeting["message_thread_id"], thread);
    let echo = msgs
        .iter()
        .find(|m| m["text"] == "echo: great news")
        .unwrap();
    assert_eq!(
        echo["message_thread_id"], thread,
        "the bot's answer stays in the comment thread"
    );

    // 429 storm: every message still arrives exactly once, in order.
    world.inject_fault(Fault::FloodStorm {
        n: 3,
        retry_after: 1,
    });
    for i in 1..=5 {
        world
            .user_sends_text(alice, chat, &format!("m{i}"))
            .unwrap();
    }
    let msgs = world
        .wait_for(chat, DEADLINE, |m| {
            texts_from(m, bot.id)
                .iter()
                .filter(|t| t.starts_with("echo: m"))
                .count()
                >= 5
        })
        .await
        .unwrap();
    let echoes: Vec<String> = texts_from(&msgs, bot.id)
        .into_iter()
        .filter(|t| t.starts_with("echo: m"))
        .collect();
    assert_eq!(
        echoes,
        ["echo: m1", "echo: m2", "echo: m3", "echo: m4", "echo: m5"]
    );

    let _ = stop.send(true);
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}
