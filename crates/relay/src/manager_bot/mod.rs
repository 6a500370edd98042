//! The manager bot: agents' own view of the desk in a private chat.

use crate::desk::{Desk, Effects};
use crate::staff::Command;
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, Message};

/// A private message to the manager bot. `Ok(false)` leaves it to the client bot (on a
/// one-bot desk an agent may also be a client).
pub async fn handle_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<bool, RelayError> {
    let Some(command) = message.text().and_then(Command::parse) else {
        return Ok(false);
    };
    let Some(user) = message.from.as_ref() else {
        return Ok(false);
    };
    let Some(agent) = crate::agents::agent_of(desk, user.id.0 as i64).await? else {
        return Ok(false);
    };
    match command.name {
        "login" => {
            crate::staff::login::handle_login(desk, fx, &agent, message.chat.id.0).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// A manager button; `data` is the callback data without [`crate::staff::MANAGER_BUTTON`].
pub async fn handle_button(
    _desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
    _data: &str,
) -> Result<(), RelayError> {
    let job = crate::delivery::job::Delivery::AnswerCallback {
        callback_id: query.id.0.clone(),
        text: None,
        alert: false,
    };
    fx.send(job, None).await
}
