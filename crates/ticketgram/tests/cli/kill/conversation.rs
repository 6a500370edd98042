//! The people of the story: clients who each write a few messages to the bot at their own
//! pace, and Kate, the agent, who answers every client message that reaches a ticket's thread
//! with a comment there.
//!
//! Every message carries a token naming its author and place in the conversation
//! (`c7-m2`: client 7's third message; `a7-m2`: Kate's answer to it), so the tally can count
//! each one wherever it turns up.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rand::{Rng as _, SeedableRng as _};
use serde_json::Value;
use ticketgram_sandbox::{ChatRef, UserId, World};

#[derive(Clone, Copy)]
pub struct Client {
    pub index: usize,
    pub user: UserId,
    pub chat: ChatRef,
}

/// The token of client `index`'s message `message`.
pub fn client_token(index: usize, message: usize) -> String {
    format!("c{index}-m{message}")
}

/// The token of Kate's answer to it.
pub fn answer_token(index: usize, message: usize) -> String {
    format!("a{index}-m{message}")
}

/// The token a text starts with, parsed back: `(client, message)`.
pub fn parse_token(text: &str, prefix: char) -> Option<(usize, usize)> {
    let token = text.split_whitespace().next()?.strip_prefix(prefix)?;
    let (client, message) = token.split_once("-m")?;
    Some((client.parse().ok()?, message.parse().ok()?))
}

pub fn text_of(message: &Value) -> &str {
    message.get("text").and_then(Value::as_str).unwrap_or("")
}

pub fn from(message: &Value) -> Option<i64> {
    message.pointer("/from/id").and_then(Value::as_i64)
}

/// Creates the clients, each with a private chat with the bot.
pub fn clients(world: &World, bot: UserId, count: usize) -> Vec<Client> {
    (0..count)
        .map(|index| {
            let user = world.create_user(
                &format!("Client {index}"),
                Some(&format!("client_{index}")),
                Some("en"),
            );
            let chat = world.private_chat(bot, user).expect("private chat");
            Client { index, user, chat }
        })
        .collect()
}

/// One client writes at their own pace (a seeded pause between messages) until `stop` is set
/// and they wrote at least `at_least`, without waiting for anything: what they write while
/// the desk is down waits at Telegram. Returns how many messages they wrote.
pub async fn client_writes(
    world: World,
    client: Client,
    at_least: usize,
    seed: u64,
    stop: Arc<AtomicBool>,
) -> usize {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ (client.index as u64 + 1));
    let mut message = 0;
    while message < at_least || !stop.load(Ordering::SeqCst) {
        if message > 0 {
            let pause = rng.gen_range(Duration::from_millis(500)..=Duration::from_millis(2500));
            tokio::time::sleep(pause).await;
        }
        let text = format!(
            "{} Hello, this is client {} with question {message}",
            client_token(client.index, message),
            client.index
        );
        world
            .user_sends_text(client.user, client.chat, &text)
            .expect("the client writes");
        message += 1;
    }
    message
}

/// Kate reads the discussion group and answers each client message once, in its own thread,
/// until `stop` is set. Returns how many she answered.
pub async fn agent_answers(
    world: World,
    kate: UserId,
    bot: UserId,
    group: ChatRef,
    stop: Arc<AtomicBool>,
) -> usize {
    let mut answered: HashSet<(usize, usize)> = HashSet::new();
    while !stop.load(Ordering::SeqCst) {
        let unanswered = |msgs: &[Value]| -> Vec<((usize, usize), i64)> {
            msgs.iter()
                .filter(|m| from(m) == Some(bot))
                .filter_map(|m| {
                    let token = parse_token(text_of(m), 'c')?;
                    let thread = m.get("message_thread_id").and_then(Value::as_i64)?;
                    Some((token, thread))
                })
                .filter(|(token, _)| !answered.contains(token))
                .collect()
        };
        // Wakes on every change in the group; the timeout only lets `stop` be noticed.
        let msgs = match world
            .wait_for(group, Duration::from_secs(1), |msgs| {
                !unanswered(msgs).is_empty()
            })
            .await
        {
            Ok(msgs) => msgs,
            Err(_) => continue,
        };
        for ((client, message), thread) in unanswered(&msgs) {
            if !answered.insert((client, message)) {
                continue;
            }
            let text = format!(
                "{} Thanks, client {client}: here is the answer to question {message}",
                answer_token(client, message)
            );
            world
                .user_comments(kate, group, thread, &text)
                .expect("Kate comments");
        }
    }
    answered.len()
}
