//! Replies and notes written outside Telegram, shown in the ticket's thread for the agents.

use super::render::{record_copy, DeliveryError, Outcome, Recorded};
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
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    if rec.resume_from == 0 && message.copies.iter().any(|c| c.chat_id == group) {
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
    for (i, part) in split_text(&text, TEXT_LIMIT).iter().enumerate() {
        if !rec.pending(i) {
            continue;
        }
        let id = call::send_text(tg, group, part, None, Some(thread)).await?;
        if i == 0 {
            record_copy(desk, rec, message, group, id);
        }
        rec.made(i);
    }
    Ok(Outcome::Done)
}
