//! Questions a decision must ask Telegram or the desk's platform, answered outside the
//! input's transaction.
//!
//! A handler never calls out while its transaction is open (on SQLite that would hold the
//! desk's write lock for a network round trip, up to a lookup's 15 s timeout). When it needs
//! an answer it does not have yet — who is behind a pasted bot token, which group is linked to
//! a channel, what rights the bot has in a chat, what the platform says about an order — it
//! returns [`RelayError::Ask`]; the processor rolls the transaction back, asks
//! (`crate::asking`), remembers the answer for this input, and applies the input again from the
//! start, now with the answer at hand. The settings bot asks rarely, and an order lookup once
//! per order a client types, so running a handler twice costs nothing worth measuring.

use crate::RelayError;
use std::collections::HashMap;
use std::sync::Mutex;
use teloxide_core::types::ChatMemberKind;
use ticketgram_platform::LookupOutcome;
use ticketgram_telegram::TelegramError;

/// One question for Telegram, or for the platform.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// `getMe` with a token an admin pasted into the settings bot.
    BotBehindToken(String),
    /// `getChat`: the chat linked to `chat` (a channel's discussion group), asked as `bot`.
    LinkedChat { bot: i64, chat: i64 },
    /// `getChatMember`: what `bot` may do in `chat`.
    Rights { bot: i64, chat: i64, channel: bool },
    /// The desk's platform: what it knows about this order number (`crate::order_lookup`).
    Order(String),
}

/// Tokens are secrets: a lookup never prints one.
impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lookup::BotBehindToken(_) => f.write_str("BotBehindToken(<redacted>)"),
            Lookup::LinkedChat { bot, chat } => write!(f, "LinkedChat({bot}, {chat})"),
            Lookup::Rights { bot, chat, channel } => {
                write!(f, "Rights({bot}, {chat}, channel: {channel})")
            }
            Lookup::Order(order) => write!(f, "Order({order:?})"),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Answer {
    Bot {
        id: i64,
        username: String,
    },
    LinkedChat(Option<i64>),
    Rights(Rights),
    /// The platform's answer; `Err` when the desk's lookup could not be used at all (its
    /// secret cannot be opened here), in words for the operator.
    Order(Result<LookupOutcome, String>),
}

/// The answers gathered for one input. A failed call is an answer too (the handler tells
/// the admin Telegram is unreachable, or the token was refused).
#[derive(Debug, Default)]
pub struct Lookups {
    answers: Mutex<HashMap<Lookup, Result<Answer, TelegramError>>>,
}

impl Lookups {
    /// Keeps Telegram's answer to `question`, success or failure.
    pub fn remember(&self, question: Lookup, answer: Result<Answer, TelegramError>) {
        self.answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(question, answer);
    }

    /// The answer, or [`RelayError::Ask`] for the processor to ask first.
    pub fn get(&self, question: Lookup) -> Result<Result<Answer, TelegramError>, RelayError> {
        let answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        match answers.get(&question) {
            Some(answer) => Ok(answer.clone()),
            None => Err(RelayError::Ask(Box::new(question))),
        }
    }

    pub fn bot_behind_token(
        &self,
        token: &str,
    ) -> Result<Result<(i64, String), TelegramError>, RelayError> {
        Ok(match self.get(Lookup::BotBehindToken(token.to_string()))? {
            Ok(Answer::Bot { id, username }) => Ok((id, username)),
            Ok(_) => Err(TelegramError::Other("unexpected answer".into())),
            Err(e) => Err(e),
        })
    }

    pub fn linked_chat(
        &self,
        bot: i64,
        chat: i64,
    ) -> Result<Result<Option<i64>, TelegramError>, RelayError> {
        Ok(match self.get(Lookup::LinkedChat { bot, chat })? {
            Ok(Answer::LinkedChat(linked)) => Ok(linked),
            Ok(_) => Err(TelegramError::Other("unexpected answer".into())),
            Err(e) => Err(e),
        })
    }

    pub fn rights(
        &self,
        bot: i64,
        chat: i64,
        channel: bool,
    ) -> Result<Result<Rights, TelegramError>, RelayError> {
        Ok(match self.get(Lookup::Rights { bot, chat, channel })? {
            Ok(Answer::Rights(rights)) => Ok(rights),
            Ok(_) => Err(TelegramError::Other("unexpected answer".into())),
            Err(e) => Err(e),
        })
    }
}

impl Lookups {
    /// What the platform said about `order` (asked with no transaction open).
    pub fn order(&self, order: &str) -> Result<Result<LookupOutcome, String>, RelayError> {
        Ok(match self.get(Lookup::Order(order.to_string()))? {
            Ok(Answer::Order(answer)) => answer,
            Ok(_) => Err("unexpected answer".into()),
            Err(e) => Err(e.to_string()),
        })
    }
}

/// What the bot can do in one chat, as far as the desk needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rights {
    pub present: bool,
    /// Fluent keys of the rights it lacks, in the order an admin fixes them.
    pub missing: Vec<&'static str>,
}

/// The rights the desk needs: in the channel, post and edit the cards; in the group, be an
/// administrator (a bot with privacy mode on reads other people's messages only then).
pub fn rights_of(kind: &ChatMemberKind, is_channel: bool) -> Rights {
    match kind {
        ChatMemberKind::Owner(_) => Rights {
            present: true,
            missing: vec![],
        },
        ChatMemberKind::Administrator(admin) => {
            let mut missing = vec![];
            if is_channel && !admin.can_post_messages {
                missing.push("settings-right-post-messages");
            }
            if is_channel && !admin.can_edit_messages {
                missing.push("settings-right-edit-messages");
            }
            Rights {
                present: true,
                missing,
            }
        }
        ChatMemberKind::Member(_) => Rights {
            present: true,
            missing: vec!["settings-right-administrator"],
        },
        ChatMemberKind::Restricted(r) => Rights {
            present: r.is_member,
            missing: vec!["settings-right-administrator"],
        },
        ChatMemberKind::Left | ChatMemberKind::Banned(_) => Rights {
            present: false,
            missing: vec!["settings-right-administrator"],
        },
    }
}
