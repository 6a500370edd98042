//! The marketplace platform's order lookup, for the client bot.
//!
//! A desk configures its platform's endpoint ([`LookupConfig`], stored as JSON): a URL
//! template with `{order}`, a shared secret, a timeout, which fields of the JSON answer to
//! take (JSON Pointers) and the sentence the client reads. [`PlatformClient::lookup`] checks
//! the order number (the desk's pattern: a malformed one costs no call), signs a GET
//! ([`signature`]: HMAC-SHA256 over the timestamp and the path), reads at most 64 KiB of the
//! answer and renders it. Whatever goes wrong is a [`LookupOutcome`], never a panic: the bot
//! hands the client to a human with a clear message, and nothing the client wrote is lost.
//!
//! Calls go through a [`ticketgram_outbound::GuardedClient`], so a URL typed into the console
//! cannot reach the desk's own network. No database and no Telegram here: the bot owns those.
//! `docs/platform.md` is for the platform's developers.

mod client;
mod config;
mod order;
mod outcome;
mod response;
pub mod signature;
mod template;

pub use client::PlatformClient;
pub use config::{
    ConfigError, FieldMapping, LookupConfig, Secret, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS,
    MIN_SECRET_LEN, MIN_TIMEOUT_MS,
};
pub use order::MAX_ORDER_LEN;
pub use outcome::{LookupOutcome, Reason};
pub use response::MAX_BODY;
pub use signature::{verify_signature, SignatureError};
pub use template::MISSING;
