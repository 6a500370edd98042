//! A blocked client: nothing they send reaches the agents' thread or notifies anyone, but it
//! is kept in the ticket's history (the desk may need it: a threat, a refund claim), and
//! they are told the desk's neutral notice once per block. Their button presses are answered
//! with the same notice, so no spinner is left turning.

use super::routing::{route, Route};
use crate::actions::block;
use crate::content;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, Message};
use ticketgram_domain::{Client, MessageDirection, TelegramCopy, TicketId};

/// Keeps what a blocked client sent, without relaying it, and tells them once.
pub async fn message_kept(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
) -> Result<(), RelayError> {
    keep(desk, fx, client, message).await?;
    block::tell_client(desk, fx, client).await
}

/// Stores a message in the history of the ticket it would have gone to, relaying nothing
/// (a blocked client's, or one over the flood limit). Returns that ticket; `None` when nothing
/// could be kept: a poll or a dice, or a client with no ticket at all.
pub(super) async fn keep(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
) -> Result<Option<TicketId>, RelayError> {
    let Ok(content) = content::extract(message) else {
        return Ok(None);
    };
    let chat_id = message.chat.id.0;
    let telegram_id = message.id.0 as i64;
    // Re-handling an update after a crash must not store the message twice.
    if let Some(known) = desk
        .store
        .find_message_by_copy(desk.ws(), desk.bot_id(), chat_id, telegram_id)
        .await?
    {
        return Ok(Some(known.ticket));
    }
    let Some(ticket) = ticket_for(desk, client, message).await? else {
        return Ok(None);
    };
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id,
        message_id: telegram_id,
    };
    let content = (content.text, content.media);
    desk.record_message(fx, ticket, MessageDirection::Client, None, content, copy)
        .await?;
    Ok(Some(ticket))
}

/// The ticket a blocked client's message belongs to: where it would have gone, else their
/// latest ticket. A client with no ticket at all opens none (nothing is kept then).
async fn ticket_for(
    desk: &Desk,
    client: &Client,
    message: &Message,
) -> Result<Option<TicketId>, RelayError> {
    let place = desk.store.client_place(desk.ws(), client.id).await?;
    Ok(match route(desk, client, message, &place).await? {
        Route::Ticket(ticket) => Some(ticket),
        Route::Ask(tickets) => tickets.last().map(|t| t.id),
        Route::NewTicket => desk
            .store
            .recent_tickets_of_client(desk.ws(), client.id, 1)
            .await?
            .first()
            .map(|t| t.id),
    })
}

/// A blocked client pressed a button: the press is answered with the notice, nothing done.
pub async fn press_answered(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    query: &CallbackQuery,
) -> Result<(), RelayError> {
    let answer = Delivery::AnswerCallback {
        callback_id: query.id.0.clone(),
        text: Some(block::notice_text(desk, client)),
        alert: true,
    };
    fx.send(answer, None).await
}
