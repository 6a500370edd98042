//! The ticket conversation, end to end: the client bot, the agents' channel and the outbox
//! that carries every message between them exactly once.
//!
//! Flow: [`intake`] stores each Telegram update (deduplicated by `(bot, update_id)`), the
//! [`processor`] applies it (client bot or agents' side) and queues outbox jobs, and the
//! [`delivery::dispatcher`] sends them in order per ticket, honouring flood limits.

pub mod actions;
pub mod agents;
mod asking;
pub mod callback;
pub mod card;
pub mod client_bot;
pub mod commands;
pub mod content;
pub mod delivery;
pub mod desk;
pub mod directory;
mod edits;
pub mod event;
pub mod flows;
pub mod forecast;
pub mod from_api;
pub mod health;
pub mod heard;
pub mod help_centre;
pub mod input;
pub mod intake;
pub mod intents;
pub mod jobs;
pub mod knowledge;
mod lease;
pub mod lookups;
pub mod manager_bot;
pub mod metrics;
pub mod migration;
pub mod notices;
pub mod order_lookup;
pub mod proactive;
pub mod processor;
pub mod reporting;
mod service;
pub mod settings_bot;
pub mod signals;
pub mod spread;
pub mod staff;
pub mod translation;
pub mod translation_settings;
mod translators;
pub mod trends;
pub mod webhook;

pub use desk::DeskChats;
pub use desk::{BotRoles, Desk, DeskBots, DeskConfig, HelperBot};
pub use input::Input;
pub use service::{Relay, RelayHandle};

use ticketgram_store::StoreError;
use ticketgram_telegram::TelegramError;

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Telegram(#[from] TelegramError),
    #[error("cannot encode an outbox job: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("internal error: {0}")]
    Internal(&'static str),
    /// A card's forward arrived before the card's sending was recorded: try again shortly.
    #[error("a ticket card is still being posted")]
    CardInFlight,
    /// The input needs Telegram's or the platform's answer to a question first (see
    /// [`lookups`]).
    #[error("the input needs an answer from outside first: {0:?}")]
    Ask(Box<lookups::Lookup>),
    /// A console form or API request with this origin was applied before.
    #[error("this request was already applied")]
    AlreadyApplied,
}

impl RelayError {
    /// Errors worth retrying the same work for (the database or Telegram was unreachable).
    pub fn is_transient(&self) -> bool {
        match self {
            RelayError::Store(e) => e.is_transient(),
            RelayError::Telegram(e) => e.is_transient(),
            RelayError::CardInFlight => true,
            _ => false,
        }
    }
}
