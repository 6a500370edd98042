//! Comments in a ticket's thread: agents' replies (relayed to the client under their alias),
//! internal notes (kept on the agents' side) and everything else (ignored, with a reason).

use crate::content;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{MessageDirection, TelegramCopy, Timestamp};

/// The card's automatic forward arrived in the group: remember the thread it opens, so the
/// comments waiting for it can go out.
pub async fn handle_thread_opened(
    desk: &Desk,
    fx: &mut Effects<'_>,
    channel_post_id: i64,
    thread_id: i64,
    posted_at: Timestamp,
) -> Result<(), RelayError> {
    let (Some(channel), Some(group)) = (desk.config.chats.channel_id, desk.config.chats.group_id)
    else {
        return Ok(());
    };
    // Count the cards in flight *before* looking for this one: a card recorded between the two
    // reads is then found by the second, and "none in flight" really means none was.
    let in_flight = desk.store.cards_in_flight(channel).await?;
    match desk
        .store
        .find_post_by_channel_message(channel, channel_post_id)
        .await?
    {
        Some(post) => {
            fx.tx
                .set_thread(desk.ws(), post.ticket, group, thread_id)
                .await?
        }
        // Telegram can show us the forward before the card's sender recorded which post it
        // was. While a card is in flight, wait (a recent forward only: a card whose sending
        // was never recorded must not stall the desk forever).
        None if in_flight > 0 && fx.now - posted_at < FORWARD_PATIENCE => {
            return Err(RelayError::CardInFlight);
        }
        None => tracing::warn!(
            channel_post_id,
            "a channel post's forward matches no ticket card"
        ),
    }
    Ok(())
}

/// How long a forward may wait for its card to be recorded.
const FORWARD_PATIENCE: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

pub async fn handle_comment(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
    thread_id: i64,
) -> Result<(), RelayError> {
    let Some(group) = desk.config.chats.group_id else {
        return Ok(());
    };
    let Some(post) = desk.store.find_post_by_thread(group, thread_id).await? else {
        tracing::debug!(thread_id, "comment in a thread that is no ticket's");
        return Ok(());
    };
    let Some(user) = message.from.as_ref() else {
        return Ok(());
    };
    let Some(agent) = desk.active_agent(user.id.0 as i64).await? else {
        tracing::info!(
            ticket = post.ticket.0,
            user = user.id.0,
            "comment from a non-agent in a ticket thread: not relayed"
        );
        return Ok(());
    };
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id: group,
        message_id: message.id.0 as i64,
    };
    if desk
        .store
        .find_message_by_copy(desk.ws(), copy.bot_id, copy.chat_id, copy.message_id)
        .await?
        .is_some()
    {
        return Ok(()); // handled before a crash; its delivery job is already queued
    }
    let Ok(content) = content::extract(message) else {
        return Ok(()); // polls and games in a ticket thread are the agents' own business
    };
    let is_note = content
        .text
        .as_deref()
        .or(message.caption())
        .is_some_and(|t| t.trim_start().starts_with(&desk.config.note_prefix));
    let direction = if is_note {
        MessageDirection::InternalNote
    } else {
        MessageDirection::Agent
    };
    let body = (content.text.clone(), content.media.clone());
    let recorded = desk
        .record_message(fx, post.ticket, direction, Some(agent.id), body, copy)
        .await?;
    if is_note {
        return Ok(());
    }
    match content.media_group_id() {
        Some(group_id) => {
            let job = Delivery::AgentAlbumToClient {
                ticket: post.ticket,
                media_group_id: group_id.to_string(),
            };
            let key = format!("album:{}:{group_id}", desk.bot_id());
            let after =
                fx.now + chrono::Duration::from_std(desk.config.album_window).unwrap_or_default();
            fx.send_keyed(job, Some(post.ticket), key, after).await?;
        }
        None => {
            fx.send(
                Delivery::AgentToClient {
                    message: recorded.message.id,
                },
                Some(post.ticket),
            )
            .await?
        }
    }
    if recorded.status_change.is_some() {
        fx.refresh_card(post.ticket).await?;
    }
    Ok(())
}

/// An edit in a ticket thread: the copy on the other side follows.
pub async fn handle_edit(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    crate::edits::apply_edit(desk, fx, message, MessageDirection::Agent).await
}
