//! Replies and notes written outside Telegram, shown in the ticket's thread for the agents.

use super::render::{record_copy, DeliveryError, Outcome};
use super::split::{split_text, TEXT_LIMIT};
use super::telegram_calls as call;
use crate::desk::Desk;
use ticketgram_domain::{Message, MessageDirection};
use ticketgram_telegram::TelegramClient;

/// "✉️ Kate (console): text" in the thread. The first part's Telegram id is recorded as a copy
/// of the message, which also makes a retried job a no-op.
pub(super) async fn mirror_to_thread(
    desk: &Desk,
    tg: &TelegramClient,
    message: &Message,
    group: i64,
    thread: i64,
) -> Result<Outcome, DeliveryError> {
    if message.copies.iter().any(|c| c.chat_id == group) {
        return Ok(Outcome::Done);
    }
    let author = match message.author_agent {
        Some(agent) => {
            let agent = desk.store.get_agent(desk.ws(), agent).await?;
            agent
                .alias
                .map(|a| a.as_str().to_string())
                .unwrap_or(agent.name)
        }
        None => desk.agent_text("default-alias", &[]),
    };
    let key = match message.direction {
        MessageDirection::InternalNote => "console-note-mirror",
        _ => "console-reply-mirror",
    };
    let text = desk.agent_text(
        key,
        &[
            ("alias", author.into()),
            ("text", message.text.clone().unwrap_or_default().into()),
        ],
    );
    let mut first = None;
    for part in split_text(&text, TEXT_LIMIT) {
        let id = call::send_text(tg, group, &part, None, Some(thread)).await?;
        first.get_or_insert(id);
    }
    if let Some(id) = first {
        record_copy(desk, message, group, id).await?;
    }
    Ok(Outcome::Done)
}
