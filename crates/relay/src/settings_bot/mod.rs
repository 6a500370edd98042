//! The settings bot: first-run setup (the one-time code that makes its sender the owner) and
//! the desk's configuration, for the owner and admins only.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, ChatMemberUpdated, Message};

/// A private message to the settings bot. `Ok(false)` leaves it to the other roles.
pub async fn handle_message(
    _desk: &Desk,
    _fx: &mut Effects<'_>,
    _message: &Message,
) -> Result<bool, RelayError> {
    Ok(false)
}

/// A settings button; `data` is the callback data without [`crate::staff::SETTINGS_BUTTON`].
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

/// The bot was added to or removed from a group or channel.
pub async fn handle_membership(
    _desk: &Desk,
    _fx: &mut Effects<'_>,
    _change: &ChatMemberUpdated,
) -> Result<(), RelayError> {
    Ok(())
}
