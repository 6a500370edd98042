//! Comments in a ticket's thread: agents' replies (relayed to the client under their alias),
//! internal notes (kept on the agents' side) and everything else (ignored, with a reason).

use crate::content;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{MessageDirection, TelegramCopy, Timestamp};

/// A card's automatic forward into the discussion group.
pub struct CardForward<'a> {
    /// The desk's channel the card is in, and the group it was forwarded to.
    pub channel_id: i64,
    pub group_id: i64,
    pub channel_post_id: i64,
    pub thread_id: i64,
    pub posted_at: Timestamp,
    pub card_text: Option<&'a str>,
}

/// The card's automatic forward arrived in the group: remember the thread it opens, so the
/// comments waiting for it can go out.
pub async fn handle_thread_opened(
    desk: &Desk,
    fx: &mut Effects<'_>,
    forward: CardForward<'_>,
) -> Result<(), RelayError> {
    let (channel, group) = (forward.channel_id, forward.group_id);
    let ws = desk.ws();
    // Count the cards in flight *before* looking for this one: a card recorded between the two
    // reads is then found by the second, and "none in flight" really means none was.
    let in_flight = desk.store.cards_in_flight(channel).await?;
    match desk
        .store
        .find_post_by_channel_message(channel, forward.channel_post_id)
        .await?
    {
        Some(post) => {
            fx.tx
                .set_thread(ws, post.ticket, group, forward.thread_id)
                .await?
        }
        None if in_flight > 0 => {
            // Telegram showed us the forward before the card's sender recorded which post it
            // was (or the sender died after Telegram took the card). The card says whose it
            // is: adopt the post for that ticket, so its comments go out at once and a
            // re-run of the card's job finds the card sent instead of posting a second one.
            match card_of(desk, channel, forward.card_text).await? {
                Some(CardState::Unrecorded(ticket)) => {
                    fx.tx
                        .set_channel_message(ws, ticket, forward.channel_post_id)
                        .await?;
                    fx.tx
                        .set_thread(ws, ticket, group, forward.thread_id)
                        .await?;
                    return Ok(());
                }
                // Recorded between our two reads: this post is the card itself.
                Some(CardState::Recorded { ticket, post }) if post == forward.channel_post_id => {
                    fx.tx
                        .set_thread(ws, ticket, group, forward.thread_id)
                        .await?;
                    return Ok(());
                }
                Some(CardState::Recorded { ticket, .. }) => {
                    return second_card(fx, channel, ticket, &forward).await
                }
                None => {}
            }
            // Not recognisable: wait for the record (a recent forward only, so a card whose
            // sending was never recorded cannot stall the desk forever).
            if fx.now - forward.posted_at < FORWARD_PATIENCE {
                return Err(RelayError::CardInFlight);
            }
            tracing::warn!(
                forward.channel_post_id,
                "a channel post's forward matches no ticket card"
            );
        }
        None => match card_of(desk, channel, forward.card_text).await? {
            // The card's sender recorded it after our first look (nothing was in flight
            // then because the record had already begun to commit): this post is the card.
            Some(CardState::Recorded { ticket, post }) if post == forward.channel_post_id => {
                fx.tx
                    .set_thread(ws, ticket, group, forward.thread_id)
                    .await?
            }
            Some(CardState::Recorded { ticket, .. }) => {
                return second_card(fx, channel, ticket, &forward).await;
            }
            _ => {
                tracing::warn!(
                    forward.channel_post_id,
                    "a channel post's forward matches no ticket card"
                )
            }
        },
    }
    Ok(())
}

/// A second card of a ticket whose card is recorded (sent again after its record was lost):
/// the first stays the ticket's card, this one is removed from the channel.
async fn second_card(
    fx: &mut Effects<'_>,
    channel: i64,
    ticket: ticketgram_domain::TicketId,
    forward: &CardForward<'_>,
) -> Result<(), RelayError> {
    tracing::warn!(
        ticket = ticket.0,
        forward.channel_post_id,
        "a second card removed"
    );
    let job = Delivery::DeleteMessage {
        chat_id: channel,
        message_id: forward.channel_post_id,
    };
    fx.send(job, Some(ticket)).await
}

/// Whose card a forwarded channel post is, by the ticket number its text starts with.
enum CardState {
    /// The ticket's card is in flight with no message recorded: this post is it.
    Unrecorded(ticketgram_domain::TicketId),
    /// The ticket's card is recorded as `post`: a forward of another post is a second card.
    Recorded {
        ticket: ticketgram_domain::TicketId,
        post: i64,
    },
}

async fn card_of(
    desk: &Desk,
    channel: i64,
    text: Option<&str>,
) -> Result<Option<CardState>, RelayError> {
    let Some(number) = text.and_then(card_number) else {
        return Ok(None);
    };
    let Some(ticket) = desk.store.find_ticket_by_number(desk.ws(), number).await? else {
        return Ok(None);
    };
    let post = desk.store.find_ticket_post(desk.ws(), ticket.id).await?;
    Ok(post
        .filter(|p| p.channel_chat_id == channel)
        .map(|p| match p.channel_message_id {
            None => CardState::Unrecorded(p.ticket),
            Some(post) => CardState::Recorded {
                ticket: p.ticket,
                post,
            },
        }))
}

/// The number a card's text starts with, after any invisible marks the translation adds.
fn card_number(text: &str) -> Option<ticketgram_domain::TicketNumber> {
    let rest = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '#');
    let digits: String = rest
        .strip_prefix('#')?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().map(ticketgram_domain::TicketNumber)
}

/// How long a forward may wait for its card to be recorded.
const FORWARD_PATIENCE: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

pub async fn handle_comment(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
    thread_id: i64,
) -> Result<(), RelayError> {
    let group = message.chat.id.0;
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
    let kb_query = content.text.as_deref().and_then(super::knowledge::query_of);
    let register = content
        .text
        .as_deref()
        .and_then(super::complaint::command_of);
    let is_note = kb_query.is_some()
        || register.is_some()
        || content
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
    if let Some(query) = kb_query {
        return super::knowledge::look_up(desk, fx, post.ticket, query).await;
    }
    if let Some(command) = register {
        return super::complaint::apply(desk, fx, post.ticket, &agent, command).await;
    }
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
            let message = recorded.message.id;
            // A photo's or a document's caption is translated as a text answer is.
            let words = content
                .text
                .as_deref()
                .or_else(|| content.media.first().and_then(|m| m.caption.as_deref()));
            let job =
                crate::translation::answer_delivery(desk, post.ticket, message, words).await?;
            fx.send(job, Some(post.ticket)).await?
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
    crate::edits::apply_edit(desk, fx, message, Some(MessageDirection::Agent)).await
}

#[cfg(test)]
mod tests {
    use super::card_number;
    use ticketgram_domain::TicketNumber;

    #[test]
    fn a_card_is_known_by_the_number_its_text_starts_with() {
        assert_eq!(card_number("#1042 · Payments"), Some(TicketNumber(1042)));
        assert_eq!(
            card_number("\u{2068}#7\u{2069} · \u{2068}General\u{2069}"),
            Some(TicketNumber(7))
        );
        assert_eq!(card_number("Weekly report #3"), None);
        assert_eq!(card_number("#abc"), None);
    }
}
