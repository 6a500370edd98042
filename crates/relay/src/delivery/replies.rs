//! What the client receives from agents: replies signed with the agent's alias (never their
//! Telegram name), split when too long, and edits that follow the original.

use super::render::{record_copy, source_copy, DeliveryError, Outcome, Recorded};
use super::split::{split_text, CAPTION_LIMIT, TEXT_LIMIT};
use super::telegram_calls as call;
use crate::desk::Desk;
use ticketgram_domain::{Message, MessageDirection, TelegramCopy, Ticket};
use ticketgram_telegram::TelegramClient;

/// "— Kate · #1042": how a client sees who answered, never the agent's Telegram name.
pub(super) async fn signature(
    desk: &Desk,
    ticket: &Ticket,
    message: &Message,
) -> Result<String, DeliveryError> {
    let client = desk.store.get_client(desk.ws(), ticket.client).await?;
    let alias = match message.author_agent {
        Some(agent) => desk
            .store
            .get_agent(desk.ws(), agent)
            .await?
            .alias
            .map(|a| a.as_str().to_string()),
        None => None,
    };
    let alias = alias.unwrap_or_else(|| desk.text(client.language, "default-alias", &[]));
    Ok(desk.text(
        client.language,
        "reply-signature",
        &[
            ("alias", alias.into()),
            ("number", ticket.number.to_string().into()),
        ],
    ))
}

pub(super) fn join_signature(body: Option<&str>, signature: &str, limit: usize) -> Option<String> {
    let joined = match body {
        Some(body) if !body.is_empty() => format!("{body}\n\n— {signature}"),
        _ => format!("— {signature}"),
    };
    (joined.chars().count() <= limit).then_some(joined)
}

/// The translation the client gets instead of the answer as written, once approved
/// (`crate::translation`); only looked for on a desk that translates.
async fn translated(desk: &Desk, message: &Message) -> Result<Option<String>, DeliveryError> {
    if desk.profile.translation.is_none() {
        return Ok(None);
    }
    let found = desk
        .store
        .message_translation(desk.ws(), message.id)
        .await?;
    Ok(found
        .filter(|t| t.state == ticketgram_store::TranslationState::Approved)
        .and_then(|t| t.text))
}

pub(super) async fn agent_to_client(
    desk: &Desk,
    tg: &TelegramClient,
    message: ticketgram_domain::MessageId,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let ws = desk.ws();
    let message = desk.store.get_message(ws, message).await?;
    let ticket = desk.store.get_ticket(ws, message.ticket).await?;
    let client = desk.store.get_client(ws, ticket.client).await?;
    let chat = client.telegram_user_id;
    // Sent before a crash, and no part left over from an interrupted attempt.
    if rec.resume_from == 0 && message.copies.iter().any(|c| c.chat_id == chat) {
        return Ok(Outcome::Done);
    }
    let signature = signature(desk, &ticket, &message).await?;
    if message.media.is_empty() {
        let body = match translated(desk, &message).await? {
            Some(translation) => translation,
            None => message.text.clone().unwrap_or_default(),
        };
        let text = format!("{body}\n\n— {signature}");
        // Each part is a call of its own; the first one's id maps replies back to the message.
        for (i, part) in split_text(&text, TEXT_LIMIT).iter().enumerate() {
            if !rec.pending(i) {
                continue;
            }
            let id = call::send_text(tg, chat, part, None, None).await?;
            if i == 0 {
                record_copy(desk, rec, &message, chat, id);
            }
            rec.made(i);
        }
        return Ok(Outcome::Done);
    }
    if !message.media.iter().all(|m| m.kind.takes_caption()) {
        return uncaptioned_to_client(desk, tg, &message, chat, &signature, rec).await;
    }
    let source = source_copy(&message, desk.bot_id(), Some(chat))?;
    // The client reads the caption translated when the desk translated it for them.
    let translation = translated(desk, &message).await?;
    let caption = translation
        .as_deref()
        .or_else(|| message.media.first().and_then(|m| m.caption.as_deref()));
    if let Some(caption) = join_signature(caption, &signature, CAPTION_LIMIT) {
        let id = call::copy(
            tg,
            chat,
            source.chat_id,
            source.message_id,
            Some(caption),
            None,
        )
        .await?;
        record_copy(desk, rec, &message, chat, id);
        return Ok(Outcome::Done);
    }
    // A caption near the limit: the media with its caption, the signature underneath (each
    // a call of its own, so a retry sends only what is left). A translation too long to be
    // a caption follows the media (which keeps the agent's) as text, signed.
    let fits = translation
        .as_deref()
        .filter(|t| t.chars().count() <= CAPTION_LIMIT);
    if rec.pending(0) {
        let caption = fits.map(str::to_owned);
        let id = call::copy(tg, chat, source.chat_id, source.message_id, caption, None).await?;
        record_copy(desk, rec, &message, chat, id);
        rec.made(0);
    }
    let rest = match (&translation, fits) {
        (Some(long), None) => format!("{long}\n\n— {signature}"),
        _ => format!("— {signature}"),
    };
    for (i, part) in split_text(&rest, TEXT_LIMIT).iter().enumerate() {
        if rec.pending(i + 1) {
            call::send_text(tg, chat, part, None, None).await?;
            rec.made(i + 1);
        }
    }
    Ok(Outcome::Done)
}

/// A sticker or a video note carries no caption in Telegram (one sent with it is dropped):
/// the media goes as it is and the signature follows as a reply to it, two calls, so a retry
/// after the first sends only the signature, still replying to the copy.
async fn uncaptioned_to_client(
    desk: &Desk,
    tg: &TelegramClient,
    message: &Message,
    chat: i64,
    signature: &str,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let copied = if rec.pending(0) {
        let source = source_copy(message, desk.bot_id(), Some(chat))?;
        let id = call::copy(tg, chat, source.chat_id, source.message_id, None, None).await?;
        record_copy(desk, rec, message, chat, id);
        rec.made(0);
        Some(id)
    } else {
        message
            .copies
            .iter()
            .find(|c| c.chat_id == chat)
            .map(|c| c.message_id)
    };
    call::send_text(tg, chat, &format!("— {signature}"), None, copied).await?;
    rec.made(1);
    Ok(Outcome::Done)
}

pub(super) async fn sync_edit(
    desk: &Desk,
    tg: &TelegramClient,
    message: ticketgram_domain::MessageId,
) -> Result<Outcome, DeliveryError> {
    let ws = desk.ws();
    let message = desk.store.get_message(ws, message).await?;
    let ticket = desk.store.get_ticket(ws, message.ticket).await?;
    let (targets, body): (Vec<&TelegramCopy>, String) = match message.direction {
        MessageDirection::Client => {
            // The ticket's own group (a desk may have several); the desk's before its thread.
            let group = match super::render::thread_of(desk, ticket.id).await? {
                Some((group, _)) => Some(group),
                None => desk.config.chats.group_id,
            };
            let targets = message
                .copies
                .iter()
                .filter(|c| Some(c.chat_id) == group)
                .collect();
            let body = message
                .text
                .clone()
                .or_else(|| message.media.first().and_then(|m| m.caption.clone()))
                .unwrap_or_default();
            (targets, body)
        }
        MessageDirection::Agent => {
            let client = desk.store.get_client(ws, ticket.client).await?;
            let targets = message
                .copies
                .iter()
                .filter(|c| c.chat_id == client.telegram_user_id)
                .collect();
            let body = message
                .text
                .clone()
                .or_else(|| message.media.first().and_then(|m| m.caption.clone()))
                .unwrap_or_default();
            let signature = signature(desk, &ticket, &message).await?;
            (targets, format!("{body}\n\n— {signature}"))
        }
        _ => return Ok(Outcome::Done),
    };
    for target in targets {
        // A helper bot's comment is edited by that bot (Telegram lets a bot edit only its
        // own messages).
        let tg = desk
            .helpers
            .iter()
            .find(|h| h.bot_id == target.bot_id)
            .map_or(tg, |h| &h.telegram);
        if message.media.is_empty() {
            // A joined comment shows the client's other messages too: all of it is rendered
            // again, with this one's new text.
            let sharing = match message.direction {
                MessageDirection::Client => desk.store.messages_sharing_copy(ws, target).await?,
                _ => Vec::new(),
            };
            let body = match sharing.len() > 1 {
                true => super::joining::joined_text(&sharing, desk.config.hours.time_zone),
                false => body.clone(),
            };
            let text = split_text(&body, TEXT_LIMIT)
                .into_iter()
                .next()
                .unwrap_or_default();
            call::edit_text(tg, target.chat_id, target.message_id, &text, None).await?;
        } else {
            let caption: String = body.chars().take(CAPTION_LIMIT).collect();
            call::edit_caption(tg, target.chat_id, target.message_id, &caption).await?;
        }
    }
    Ok(Outcome::Done)
}
