//! Outgoing Telegram traffic: the outbox jobs and the loop that sends them.

pub mod dispatcher;
mod mirror;
pub mod render;
mod replies;
pub mod split;
mod telegram_calls;
