//! The support team's side of the bots, in private chats: the settings bot (the owner and
//! admins configure the desk) and the manager bot (agents run their queue). One bot may play
//! every role; then a private message goes to the settings bot first, the manager bot next,
//! and is a client's message only when neither takes it.
//!
//! Staff buttons carry their own prefixes ([`SETTINGS_BUTTON`], [`MANAGER_BUTTON`]), so they
//! never collide with the client bot's callback codes.

pub mod login;

use crate::delivery::job::Delivery;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, Message};

/// Callback data of settings-bot buttons starts with this.
pub const SETTINGS_BUTTON: &str = "s/";
/// Callback data of manager-bot buttons starts with this.
pub const MANAGER_BUTTON: &str = "m/";

pub fn is_staff_button(data: &str) -> bool {
    data.starts_with(SETTINGS_BUTTON) || data.starts_with(MANAGER_BUTTON)
}

/// A bot command: `/transfer 1042` is `name: "transfer", args: "1042"`. The `@botname`
/// suffix Telegram adds when several bots share a chat is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command<'a> {
    pub name: &'a str,
    pub args: &'a str,
}

impl<'a> Command<'a> {
    pub fn parse(text: &'a str) -> Option<Command<'a>> {
        let rest = text.trim_start().strip_prefix('/')?;
        let (head, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let name = head.split('@').next().unwrap_or("");
        let is_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        is_name.then(|| Command {
            name,
            args: args.trim(),
        })
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_lose_the_bot_suffix_and_keep_their_arguments() {
        let c = Command::parse("/transfer@desk_bot  1042 ").unwrap();
        assert_eq!((c.name, c.args), ("transfer", "1042"));
        let c = Command::parse("/my").unwrap();
        assert_eq!((c.name, c.args), ("my", ""));
        assert_eq!(Command::parse("hello /my"), None);
        assert_eq!(Command::parse("/"), None);
        assert_eq!(Command::parse("/etc/hosts"), None);
    }

    #[test]
    fn staff_buttons_are_told_apart_from_client_buttons() {
        assert!(is_staff_button("s/agents"));
        assert!(is_staff_button("m/ticket:5"));
        assert!(!is_staff_button("t:5"));
        assert!(!is_staff_button("sw:5"));
    }
}
