//! A client sending faster than anyone reads: past the desk's flood limit
//! ([`DeskConfig::client_flood`](crate::DeskConfig)) their messages are stored in the ticket's
//! history but not relayed one by one, so a thousand messages cost a thousand small writes
//! and no Telegram call, and other clients' messages are not queued behind them in the
//! agents' group. Each flood earns the client one polite notice and the ticket's thread one
//! summary, rendered when the flood is over (the bucket full again, the client paused) with
//! the number of messages held.
//!
//! The bucket is judged by the time the client sent each message (Telegram's `date`), so a
//! replayed update, or a backlog applied after downtime, is judged as it was sent; the state
//! is written in the message's own transaction, so a crash inside leaves no notice queued
//! without its flood, nor a flood without its notice.

use super::blocked;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{Client, Verdict};

/// Judges `message` against the desk's limit. `Ok(true)`: it was over the limit and has been
/// kept (and the flood announced if it is the first of one); the caller does nothing more.
pub async fn held(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
) -> Result<bool, RelayError> {
    let Some(limit) = desk.config.client_flood else {
        return Ok(false);
    };
    let state = desk.store.client_flood(desk.ws(), client.id).await?;
    let (verdict, next) = state.judge(&limit, message.date, fx.now);
    fx.tx.set_client_flood(desk.ws(), client.id, &next).await?;
    let Verdict::Hold { flood_started } = verdict else {
        return Ok(false);
    };
    let ticket = blocked::keep(desk, fx, client, message).await?;
    if flood_started {
        let since = message.date;
        let notice = Delivery::Say {
            chat_id: client.telegram_user_id,
            text: desk.text(client.language, "flood-notice", &[]),
            keyboard: None,
        };
        fx.send(notice, None).await?;
        // No thread to summarise into without a ticket or a discussion group.
        if let (Some(ticket), Some(_)) = (ticket, desk.config.chats.group_id) {
            let summary = Delivery::FloodSummary {
                ticket,
                client: client.id,
                since,
                held_before: next.held_before_flood,
            };
            // Not before the bucket is full again, when the flood is over at the earliest.
            let due = next.full_at.unwrap_or(fx.now).max(fx.now);
            fx.send_later(summary, Some(ticket), due).await?;
        }
    }
    Ok(true)
}
