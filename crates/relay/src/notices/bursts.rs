//! "The client wrote again": one notification per burst of a client's messages, not one per
//! message. An album arrives as one update per photo and people type in several quick lines;
//! the agent who owns the ticket wants to hear once that the client is talking, and how much.
//!
//! A burst is a run of the client's messages on a ticket, each written less than
//! `DeskConfig::burst_pause` after the one before. Its first message queues one job (through
//! the manager bot, due a pause and a moment later); the others queue nothing. The job is rendered when it
//! is sent, like every outbox job: while the client is still writing it waits, then it counts
//! the burst's messages and quotes the first. Everything is decided from the stored messages,
//! so a replayed input, a restart or another instance decides the same.

use super::{language_of, links, preview};
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use std::time::Duration;
use ticketgram_domain::{Message, MessageId, Ticket, TicketId, Timestamp};
use ticketgram_store::StoreError;

/// How much of the client's first message a notification quotes.
const PREVIEW_CHARS: usize = 120;
/// Messages counted at most in one burst (a flood is still one notification).
const MAX_COUNTED: i64 = 1000;
/// The client's messages are stamped when their input is applied, which may commit a moment
/// later: the notification waits this much beyond the pause, so a message being applied right
/// now is seen either as part of this burst or as the start of the next.
const SETTLE: Duration = Duration::from_secs(1);

/// The client wrote `message` on `ticket` (as the message left it): its owner will hear of
/// it, once for the burst.
pub async fn client_wrote(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    message: &Message,
) -> Result<(), RelayError> {
    let Some(assignee) = ticket.assignee else {
        return Ok(());
    };
    if !desk.store.get_agent(desk.ws(), assignee).await?.active {
        return Ok(());
    }
    let pause = chrono_duration(desk.config.burst_pause);
    let before = desk
        .store
        .client_message_before(desk.ws(), ticket.id, message.id)
        .await?;
    // The message that opened the ticket (stamped with the ticket's own creation) was
    // announced as a new ticket: it starts no burst, and a reply soon after it is news.
    let continues =
        before.is_some_and(|at| at > ticket.created_at && message.created_at - at < pause);
    if continues {
        return Ok(()); // the burst's notification is already on its way
    }
    let job = Delivery::ClientBurst {
        ticket: ticket.id,
        first: message.id,
    };
    let due = message.created_at + pause + chrono_duration(SETTLE);
    fx.send_via_later(desk.config.bots.manager, job, Some(ticket.id), due)
        .await
}

/// What becomes of a burst's notification when its job comes up.
#[derive(Debug, PartialEq)]
pub enum BurstNotice {
    /// The client is still writing: look again after this long.
    StillWriting(Duration),
    /// Nobody to tell (the ticket lost its owner, or they left the desk).
    Nobody,
    Tell {
        chat_id: i64,
        text: String,
    },
}

/// The notification for the burst starting at `first`, rendered as the desk is `now`.
pub async fn burst_notice(
    desk: &Desk,
    ticket: TicketId,
    first: MessageId,
    now: Timestamp,
) -> Result<BurstNotice, StoreError> {
    let ws = desk.ws();
    let times = desk
        .store
        .client_messages_from(ws, ticket, first, MAX_COUNTED)
        .await?;
    let pause = chrono_duration(desk.config.burst_pause);
    let Some((count, last, ended)) = burst_of(&times, pause) else {
        return Ok(BurstNotice::Nobody);
    };
    let quiet = now - last;
    let wait = pause + chrono_duration(SETTLE);
    if !ended && quiet < wait {
        let left = (wait - quiet).to_std().unwrap_or_default();
        return Ok(BurstNotice::StillWriting(left));
    }
    let ticket = desk.store.get_ticket(ws, ticket).await?;
    let Some(assignee) = ticket.assignee else {
        return Ok(BurstNotice::Nobody);
    };
    let agent = desk.store.get_agent(ws, assignee).await?;
    if !agent.active {
        return Ok(BurstNotice::Nobody);
    }
    let client = desk.store.get_client(ws, ticket.client).await?;
    let first = desk.store.get_message(ws, first).await?;
    let lang = language_of(desk, &agent);
    let quote = match first.text.as_deref().or_else(|| {
        first
            .media
            .first()
            .and_then(|media| media.caption.as_deref())
    }) {
        Some(text) if !text.is_empty() => preview(text, PREVIEW_CHARS),
        _ => desk.text(lang, "manager-media", &[]),
    };
    let link = desk
        .store
        .find_ticket_post(ws, ticket.id)
        .await?
        .as_ref()
        .and_then(links::link_of_post)
        .unwrap_or_default();
    let number = ticket.number.to_string();
    let text = if count == 1 {
        desk.text(
            lang,
            "manager-notify-client-replied",
            &[
                ("number", number.into()),
                ("client", client.first_name.clone().into()),
                ("text", quote.into()),
                ("link", link.into()),
            ],
        )
    } else {
        desk.text(
            lang,
            "manager-notify-client-burst",
            &[
                ("number", number.into()),
                ("client", client.first_name.clone().into()),
                ("count", count.into()),
                ("text", quote.into()),
                ("link", link.into()),
            ],
        )
    };
    Ok(BurstNotice::Tell {
        chat_id: agent.telegram_user_id,
        text,
    })
}

/// The burst that starts with the first of `times`: how many messages, when the last was
/// written, and whether a later message (after a pause) shows it is over.
fn burst_of(
    times: &[(MessageId, Timestamp)],
    pause: chrono::Duration,
) -> Option<(i64, Timestamp, bool)> {
    let (_, mut last) = *times.first()?;
    let mut count = 1;
    for (_, at) in &times[1..] {
        if *at - last >= pause {
            return Some((count, last, true));
        }
        count += 1;
        last = *at;
    }
    Some((count, last, false))
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn at(seconds: i64) -> (MessageId, Timestamp) {
        (
            MessageId(seconds),
            DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::seconds(seconds),
        )
    }

    #[test]
    fn a_burst_runs_while_the_client_writes_without_pausing() {
        let pause = chrono::Duration::seconds(3);
        let five_quick = [at(0), at(1), at(2), at(4), at(5)];
        assert_eq!(
            burst_of(&five_quick, pause),
            Some((5, at(5).1, false)),
            "still open: a sixth may follow"
        );
        let then_a_pause = [at(0), at(1), at(10), at(11)];
        assert_eq!(burst_of(&then_a_pause, pause), Some((2, at(1).1, true)));
        assert_eq!(burst_of(&[], pause), None);
    }
}
