//! Joined comments. One bot may post about twenty messages a minute into a group, whatever
//! the number of threads in it; a client who writes five short lines while the group's budget
//! is spent would cost five of those twenty. So while a ticket's comment waits for Telegram's
//! limit (paced, or told 429), the client's text messages queued right behind it go out with
//! it as one comment, each line with the time it was written, in order. Each of them records
//! that comment as its copy, so an agent's reply to it and a client's later edit still find
//! their messages, and their outbox jobs finish in the transaction that records the send:
//! exactly once, like any other job.
//!
//! Only plain texts join: media, albums and translated messages keep their own comments, and
//! a comment that never waited is copied as before (with the client's formatting).

use super::render::{thread_of, DeliveryError, Outcome, Recorded, THREAD_WAIT};
use super::telegram_calls as call;
use crate::desk::Desk;
use crate::jobs::Delivery;
use chrono_tz::Tz;
use ticketgram_domain::{MediaRef, Message, MessageId, TelegramCopy};
use ticketgram_store::{OutboxJob, Store, StoreError};
use ticketgram_telegram::TelegramClient;

/// At most this many queued messages join one comment.
const MAX_JOINED: i64 = 20;
/// Telegram's limit for a message's text; a joined comment stays within it.
const TEXT_LIMIT: usize = 4096;

/// A job queued behind a held comment, and the message it would copy.
#[derive(Debug, Clone)]
pub(super) struct Follower {
    pub job: i64,
    pub message: MessageId,
}

/// Whether the job last waited for its chat's sending budget (the pacer, or Telegram's 429),
/// which is when what queued behind it may join it.
pub(super) fn held_by_budget(job: &OutboxJob, paced: &str) -> bool {
    // The reasons the dispatcher records: its own pacing note, or Telegram's 429 as
    // `TelegramError::RetryAfter` words it.
    job.last_error
        .as_deref()
        .is_some_and(|why| why == paced || why.starts_with("flood limit"))
}

/// Read in the claiming transaction: the client's messages queued right behind `job` (its
/// ticket's next jobs, as long as they copy a client's message into the thread).
pub(super) async fn followers(reads: &Store, job: &OutboxJob) -> Result<Vec<Follower>, StoreError> {
    let behind = reads.waiting_behind(job, MAX_JOINED).await?;
    let mut followers = Vec::new();
    for next in behind {
        match serde_json::from_str(&next.payload) {
            Ok(Delivery::ClientToThread { message }) => followers.push(Follower {
                job: next.id,
                message,
            }),
            // Jobs that post nothing in the thread (the agents' notice of the client's
            // burst, the card's refresh in the channel) keep their turn; the thread's order
            // is all that joining must keep.
            Ok(Delivery::ClientBurst { .. } | Delivery::RefreshCard { .. }) => continue,
            _ => break,
        }
    }
    Ok(followers)
}

/// The bot a comment is posted by: this relay's own, or a helper bot (which cannot copy
/// from the client's chat, so it posts the text even when nothing joins).
pub(super) struct Via<'a> {
    pub bot_id: i64,
    pub telegram: &'a TelegramClient,
    pub alone: bool,
    /// This relay's own bot: the client's files are its file ids, downloaded through it.
    pub own: &'a TelegramClient,
}

/// Sends `head` and the followers that can join it as one comment. `None`: nothing joins
/// (the head is not a plain text, or no follower is), and the head goes out on its own.
pub(super) async fn deliver(
    desk: &Desk,
    via: Via<'_>,
    head: MessageId,
    followers: &[Follower],
    rec: &mut Recorded,
) -> Result<Option<Outcome>, DeliveryError> {
    let ws = desk.ws();
    let head = desk.store.get_message(ws, head).await?;
    let Some((group, thread)) = thread_of(desk, head.ticket).await? else {
        return Ok(Some(Outcome::NotReady(
            THREAD_WAIT,
            "waiting for the card's discussion thread",
        )));
    };
    if head.copies.iter().any(|c| c.chat_id == group) {
        return Ok(None);
    }
    if let (true, Some(media)) = (via.alone, single_upload(&head)) {
        // File ids are per bot: the helper posts the bytes the client bot downloads.
        let file_id = media.file_id.as_deref().unwrap_or_default();
        let bytes = via.own.download(file_id).await?;
        let name = media
            .file_name
            .clone()
            .unwrap_or_else(|| media.kind.as_str().to_string());
        let caption = media.caption.clone();
        let id = call::upload(
            via.telegram,
            group,
            &media.kind,
            (bytes, name),
            caption,
            thread,
        )
        .await?;
        record(rec, &head, via.bot_id, group, id);
        return Ok(Some(Outcome::Done));
    }
    if !is_plain_text(&head) {
        return Ok(None);
    }
    let zone = desk.config.hours.time_zone;
    let mut parts = vec![head];
    let mut joined = Vec::new();
    let mut length = line(&parts[0], zone).chars().count();
    for follower in followers {
        let message = desk.store.get_message(ws, follower.message).await?;
        let grows = line(&message, zone).chars().count() + 1;
        if message.ticket != parts[0].ticket
            || !is_plain_text(&message)
            || message.copies.iter().any(|c| c.chat_id == group)
            || length + grows > TEXT_LIMIT
        {
            break;
        }
        length += grows;
        parts.push(message);
        joined.push(follower.job);
    }
    let text = match (joined.is_empty(), via.alone) {
        (true, false) => return Ok(None),
        (true, true) => parts[0].text.clone().unwrap_or_default(),
        (false, _) => joined_text(&parts, zone),
    };
    let id = call::send_text(via.telegram, group, &text, None, Some(thread)).await?;
    for part in &parts {
        record(rec, part, via.bot_id, group, id);
    }
    rec.joined = joined;
    Ok(Some(Outcome::Done))
}

fn record(rec: &mut Recorded, message: &Message, bot_id: i64, group: i64, id: i64) {
    let copy = TelegramCopy {
        bot_id,
        chat_id: group,
        message_id: id,
    };
    rec.copies.push((message.id, copy));
}

/// Whether a helper bot can post this client message: a plain text, or one file it can
/// upload once the client bot downloaded it (Telegram lets a bot download up to 20 MB; a
/// larger file, an album or a sticker stays with the client bot, which copies it).
pub(super) fn postable_by_helper(message: &Message) -> bool {
    is_plain_text(message) || single_upload(message).is_some()
}

fn single_upload(message: &Message) -> Option<&MediaRef> {
    let [media] = message.media.as_slice() else {
        return None;
    };
    let small = media
        .size
        .and_then(|size| u64::try_from(size).ok())
        .is_some_and(|size| size <= ticketgram_telegram::MAX_DOWNLOAD_BYTES);
    (media.media_group_id.is_none()
        // Kinds posted from bytes with their caption (what a helper re-uploads).
        && media.kind.takes_caption()
        && media.file_id.is_some()
        && small)
        .then_some(media)
}

pub(super) fn is_plain_text(message: &Message) -> bool {
    message.media.is_empty() && message.text.as_deref().is_some_and(|t| !t.is_empty())
}

/// One line per message: the time it was written (the desk's zone), then its text.
fn line(message: &Message, zone: Tz) -> String {
    let at = message.created_at.with_timezone(&zone).format("%H:%M");
    format!("{at} {}", message.text.as_deref().unwrap_or_default())
}

/// The text of a joined comment, rendered again when one of its messages is edited.
pub(super) fn joined_text(parts: &[Message], zone: Tz) -> String {
    parts
        .iter()
        .map(|m| line(m, zone))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;
    use ticketgram_domain::{MessageDirection, TicketId};

    fn said(id: i64, minute: u32, text: &str) -> Message {
        Message {
            id: MessageId(id),
            ticket: TicketId(1),
            direction: MessageDirection::Client,
            author_agent: None,
            text: Some(text.into()),
            media: vec![],
            copies: vec![],
            created_at: chrono::Utc
                .with_ymd_and_hms(2026, 12, 4, 13, minute, 0)
                .unwrap(),
            edited_at: None,
        }
    }

    #[test]
    fn each_line_says_when_the_client_wrote_it_in_the_desk_s_time() {
        let parts = [said(1, 2, "my payout is late"), said(2, 3, "order 4417")];
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(
            joined_text(&parts, berlin),
            "14:02 my payout is late\n14:03 order 4417"
        );
    }
}
