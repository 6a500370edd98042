//! The client's side of rating a closed request: the stars (pressed, or typed as a digit
//! while asked), then an optional comment. The comment step never swallows a real message:
//! it takes a reply to its prompt, or the next text within `rating_comment_window` that
//! replies to nothing else; a command, a menu button, media or a later message ends it and is
//! handled as usual (a new question opens a new request).

use super::menu;
use crate::actions::rating::{self, Scored};
use crate::callback::CallbackAction;
use crate::content::Content;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{Client, ClientState, MessageId, Rating, Ticket, TicketId, Timestamp};

/// A score for `ticket`. Returns what the client is told when the score was not taken
/// (already rated, open again): a button press shows it as the press's answer.
pub async fn scored(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: &Ticket,
    stars: Rating,
) -> Result<Option<String>, RelayError> {
    let number = ticket.number.to_string();
    let refusal = match rating::rate(desk, fx, ticket, stars).await? {
        Scored::Recorded => None,
        Scored::AlreadyRated => Some("rating-already-given"),
        Scored::StillOpen => Some("rating-ticket-open"),
    };
    if let Some(key) = refusal {
        let text = desk.text(client.language, key, &[("number", number.into())]);
        return Ok(Some(text));
    }
    let skip = Button {
        text: desk.text(client.language, "button-skip", &[]),
        data: CallbackAction::SkipComment(ticket.id).encode(),
    };
    let text = desk.text(client.language, "rating-thanks", &[]);
    let keyboard = Some(Keyboard::Inline(vec![vec![skip]]));
    let prompt = fx.notify_client_message(ticket.id, text, keyboard).await?;
    let window = chrono::Duration::from_std(desk.config.rating_comment_window).unwrap_or_default();
    let state = ClientState::RatingComment {
        ticket: ticket.id,
        prompt: Some(prompt),
        until: Some(fx.now + window),
    };
    fx.tx
        .set_client_state(desk.ws(), client.id, &state, fx.now)
        .await?;
    Ok(None)
}

/// Skip: the comment step ends, thanked once (a second press of Skip says nothing more).
pub async fn skipped(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let state = desk.store.client_state(desk.ws(), client.id).await?;
    if !matches!(state, ClientState::RatingComment { ticket: t, .. } if t == ticket) {
        return Ok(());
    }
    idle(desk, fx, client).await?;
    thank(desk, fx, client).await
}

/// A message while the comment step is open: taken as the comment when it is one (true);
/// otherwise the step ends and the caller handles the message as usual (false).
pub async fn comment_taken(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    step: (TicketId, Option<MessageId>, Option<Timestamp>),
) -> Result<bool, RelayError> {
    let (ticket, prompt, until) = step;
    idle(desk, fx, client).await?;
    let Some(text) = content.text.as_deref().filter(|_| content.media.is_empty()) else {
        return Ok(false);
    };
    let answers_prompt = match (prompt, message.reply_to_message()) {
        (Some(prompt), Some(replied)) => desk
            .store
            .find_message_by_copy(
                desk.ws(),
                desk.bot_id(),
                message.chat.id.0,
                replied.id.0 as i64,
            )
            .await?
            .is_some_and(|m| m.id == prompt),
        _ => false,
    };
    let in_window = message.reply_to_message().is_none() && until.is_some_and(|u| fx.now <= u);
    if !answers_prompt && !in_window {
        return Ok(false);
    }
    let ticket = desk.store.get_ticket(desk.ws(), ticket).await?;
    if !rating::comment(desk, fx, &ticket, text).await? {
        return Ok(false);
    }
    thank(desk, fx, client).await?;
    Ok(true)
}

/// A command or a menu button ends a pending comment step: the client moved on.
pub async fn moved_on(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<(), RelayError> {
    let state = desk.store.client_state(desk.ws(), client.id).await?;
    if matches!(state, ClientState::RatingComment { .. }) {
        idle(desk, fx, client).await?;
    }
    Ok(())
}

async fn idle(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
        .await?;
    Ok(())
}

async fn thank(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    let text = desk.text(client.language, "rating-comment-thanks", &[]);
    let keyboard = Some(menu::main_menu(desk, client.language));
    fx.say_to(client, text, keyboard).await
}
