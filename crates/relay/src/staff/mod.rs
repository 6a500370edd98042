//! The support team's side of the bots, in private chats: the settings bot (the owner and
//! admins configure the desk) and the manager bot (agents run their queue). One bot may play
//! every role; then a private message goes to the settings bot first, the manager bot next,
//! and is a client's message only when neither takes it.
//!
//! Staff buttons carry their own prefixes ([`SETTINGS_BUTTON`], [`MANAGER_BUTTON`]), so they
//! never collide with the client bot's callback codes.

use crate::commands::{MANAGER_BUTTON, SETTINGS_BUTTON};
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, Message};

/// Offers a private message to the staff roles this bot plays. `Ok(true)` when one took it.
pub async fn handle_private(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<bool, RelayError> {
    let roles = desk.config.roles;
    if roles.settings && crate::settings_bot::handle_message(desk, fx, message).await? {
        return Ok(true);
    }
    if roles.manager && crate::manager_bot::handle_message(desk, fx, message).await? {
        return Ok(true);
    }
    Ok(false)
}

/// A staff button pressed in a private chat.
pub async fn handle_button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
) -> Result<(), RelayError> {
    let data = query.data.as_deref().unwrap_or("");
    let roles = desk.config.roles;
    if let Some(rest) = data.strip_prefix(SETTINGS_BUTTON) {
        if roles.settings {
            return crate::settings_bot::handle_button(desk, fx, query, rest).await;
        }
    } else if let Some(rest) = data.strip_prefix(MANAGER_BUTTON) {
        if roles.manager {
            return crate::manager_bot::handle_button(desk, fx, query, rest).await;
        }
    }
    let job = Delivery::AnswerCallback {
        callback_id: query.id.0.clone(),
        text: None,
        alert: false,
    };
    fx.send(job, None).await
}

/// A bot that only serves the team, written to by someone who is not on it.
pub async fn not_for_clients(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    let language = ticketgram_domain::Language::from_telegram_code(
        message
            .from
            .as_ref()
            .and_then(|u| u.language_code.as_deref()),
    );
    let job = Delivery::Say {
        chat_id: message.chat.id.0,
        text: desk.text(language, "staff-bot-only", &[]),
        keyboard: None,
    };
    fx.send(job, None).await
}
