//! Outgoing Telegram traffic: the outbox jobs and the loop that sends them.

pub mod dispatcher;
mod joining;
mod mirror;
mod pacing;
mod read_ahead;
pub(crate) use read_ahead::side_by_side;
pub mod render;
mod replies;
pub mod split;
mod telegram_calls;
mod translate;
