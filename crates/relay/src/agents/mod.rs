//! The agents' side: the private channel of ticket cards and its discussion group, where
//! each card's comment thread is the ticket's conversation.

pub(crate) mod assign;
mod buttons;
pub mod card;
mod comments;

pub use buttons::handle_button;
pub use comments::{handle_comment, handle_edit, handle_thread_opened};

use crate::desk::Desk;
use crate::RelayError;
use ticketgram_domain::Agent;

/// The agent behind a Telegram user, if they are an active agent of this desk.
pub(crate) async fn agent_of(
    desk: &Desk,
    telegram_user_id: i64,
) -> Result<Option<Agent>, RelayError> {
    let agent = desk
        .store
        .find_agent_by_telegram_id(desk.ws(), telegram_user_id)
        .await?;
    Ok(agent.filter(|a| a.active))
}
