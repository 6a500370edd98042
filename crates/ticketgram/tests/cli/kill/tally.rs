//! Counting, at Telegram (the sandbox), what the desk delivered: every client message in its
//! ticket's thread, every answer in its client's chat, one confirmation and one card per
//! ticket. Whatever is missing is listed; whatever arrived more than once is a duplicate.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use ticketgram_sandbox::{ChatRef, UserId, World};

use super::conversation::{from, parse_token, text_of, Client};

/// Everything the story expects to find, and how often each thing was found.
#[derive(Debug, Default)]
pub struct Tally {
    /// Client messages expected in the threads, and answers expected in the clients' chats.
    pub client_messages: usize,
    pub answers: usize,
    /// What has not arrived (yet), in words.
    pub missing: Vec<String>,
    /// What arrived more than once, in words, one entry per extra copy.
    pub duplicates: Vec<String>,
    /// What arrived but is wrong: a client's messages split over threads, two clients in one.
    pub misplaced: Vec<String>,
    /// Client messages seen in threads, answers seen by clients (each counted once).
    pub relayed_in: usize,
    pub relayed_out: usize,
}

impl Tally {
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Where the desk's bot writes.
pub struct Chats {
    pub bot: UserId,
    pub channel: ChatRef,
    pub group: ChatRef,
}

/// Counts what the sandbox holds now; `written[i]` is how many messages client `i` wrote.
pub fn count(world: &World, chats: &Chats, clients: &[Client], written: &[usize]) -> Tally {
    let total: usize = written.iter().sum();
    let mut tally = Tally {
        client_messages: total,
        answers: total,
        ..Tally::default()
    };
    let by_bot = |chat: ChatRef| -> Vec<Value> {
        world
            .chat_messages(chat)
            .into_iter()
            .filter(|m| from(m) == Some(chats.bot))
            .collect()
    };

    // The threads: each client message once, all of a client's in one thread of their own.
    let mut copies: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut threads_of: BTreeMap<usize, BTreeSet<i64>> = BTreeMap::new();
    for m in by_bot(chats.group) {
        let Some(token) = parse_token(text_of(&m), 'c') else {
            continue;
        };
        *copies.entry(token).or_default() += 1;
        if let Some(thread) = m.get("message_thread_id").and_then(Value::as_i64) {
            threads_of.entry(token.0).or_default().insert(thread);
        }
    }
    let mut owner_of_thread: BTreeMap<i64, usize> = BTreeMap::new();
    for (client, threads) in &threads_of {
        if threads.len() > 1 {
            tally.misplaced.push(format!(
                "client {client}'s messages are in threads {threads:?}"
            ));
        }
        for thread in threads {
            if let Some(other) = owner_of_thread.insert(*thread, *client) {
                tally.misplaced.push(format!(
                    "clients {other} and {client} share thread {thread}"
                ));
            }
        }
    }

    // The cards: one per ticket. (Channel posts are signed by the channel, not the bot, and
    // only the bot posts there.)
    let mut cards: BTreeMap<String, usize> = BTreeMap::new();
    for m in world.chat_messages(chats.channel) {
        if let Some(number) = text_of(&m)
            .split_whitespace()
            .next()
            .filter(|word| word.starts_with('#'))
        {
            *cards.entry(number.to_owned()).or_default() += 1;
        }
    }
    for (number, n) in &cards {
        for _ in 1..*n {
            tally.duplicates.push(format!("card {number} posted again"));
        }
    }

    for client in clients {
        let received = by_bot(client.chat);
        let confirmations: Vec<&str> = received
            .iter()
            .map(text_of)
            .filter(|t| t.starts_with("Request #") && t.contains(" created"))
            .collect();
        let numbers: BTreeSet<&str> = confirmations
            .iter()
            .filter_map(|t| t.split_whitespace().nth(1))
            .collect();
        match confirmations.len() {
            0 => tally
                .missing
                .push(format!("client {}'s confirmation", client.index)),
            n => {
                for _ in 1..n {
                    tally
                        .duplicates
                        .push(format!("client {}'s confirmation sent again", client.index));
                }
            }
        }
        if numbers.len() > 1 {
            tally.misplaced.push(format!(
                "client {} was told of several requests: {numbers:?}",
                client.index
            ));
        }
        for number in &numbers {
            if !cards.contains_key(*number) {
                tally.missing.push(format!("the card of {number}"));
            }
        }

        let mut answers: BTreeMap<usize, usize> = BTreeMap::new();
        for m in &received {
            for word in text_of(m).split_whitespace() {
                if let Some((of, message)) = parse_token(word, 'a') {
                    if of == client.index {
                        *answers.entry(message).or_default() += 1;
                    } else {
                        tally.misplaced.push(format!(
                            "client {} got the answer meant for client {of}",
                            client.index
                        ));
                    }
                }
            }
        }
        for message in 0..written[client.index] {
            match copies.get(&(client.index, message)) {
                None => tally.missing.push(format!(
                    "client {}'s message {message} in the thread",
                    client.index
                )),
                Some(n) => {
                    tally.relayed_in += 1;
                    for _ in 1..*n {
                        tally.duplicates.push(format!(
                            "client {}'s message {message} relayed again",
                            client.index
                        ));
                    }
                }
            }
            match answers.get(&message) {
                None => tally.missing.push(format!(
                    "the answer to client {}'s message {message}",
                    client.index
                )),
                Some(n) => {
                    tally.relayed_out += 1;
                    for _ in 1..*n {
                        tally.duplicates.push(format!(
                            "the answer to client {}'s message {message} delivered again",
                            client.index
                        ));
                    }
                }
            }
        }
    }
    tally
}
