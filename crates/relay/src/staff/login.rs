//! `/login` in the manager bot: a one-time link into the web console.

use crate::delivery::job::Delivery;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{Agent, Language};

/// Answers `/login` from `agent` in the private chat `chat_id`.
pub async fn handle_login(
    desk: &Desk,
    fx: &mut Effects<'_>,
    agent: &Agent,
    chat_id: i64,
) -> Result<(), RelayError> {
    let language = agent.languages.first().copied().unwrap_or(Language::En);
    let job = Delivery::Say {
        chat_id,
        text: desk.text(language, "login-unavailable", &[]),
        keyboard: None,
    };
    fx.send(job, None).await
}
