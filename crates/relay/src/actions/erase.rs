//! Erasing a client (their right to be forgotten), one input: their active tickets closed, their
//! personal data and every message's contents removed (`Tx::erase_client`), the statistics kept,
//! their words in the agents' threads deleted from Telegram, the cards redrawn without their
//! name, an audit row that names no one, and the client told in their language — all in the
//! input's one transaction (docs/privacy.md).

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Actor, AuditEntry, Client, MessageDirection, TicketStatus};

/// What an erasure did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Erased(ticketgram_store::Erased),
    /// The client was erased before: nothing left to remove.
    AlreadyErased,
}

/// Erases `client` in `by`'s name (an agent from the console, an agent or an integration
/// through the API).
pub async fn erase(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    by: Actor,
) -> Result<Outcome, RelayError> {
    if client.is_erased() {
        return Ok(Outcome::AlreadyErased);
    }
    let ws = desk.ws();
    // Closed without the rating question: there is no one left to ask.
    for ticket in desk.store.active_tickets_of_client(ws, client.id).await? {
        fx.tx
            .change_status(ws, ticket.id, TicketStatus::Closed, by, fx.now)
            .await?;
    }
    let tickets = desk
        .store
        .recent_tickets_of_client(ws, client.id, i64::MAX)
        .await?;
    let bot = desk.config.bots.client;
    // In each of the desk's groups (a ticket's thread is in one of them); a joined comment
    // is the copy of several messages and goes once.
    let mut copies = std::collections::BTreeSet::new();
    for ticket in &tickets {
        for message in desk.store.ticket_messages(ws, ticket.id).await? {
            if message.direction != MessageDirection::Client {
                continue;
            }
            let in_groups = message.copies.iter();
            copies.extend(
                in_groups
                    .filter(|c| desk.config.is_agents_group(c.chat_id))
                    .map(|c| (c.chat_id, c.message_id)),
            );
        }
    }
    for (chat_id, message_id) in copies {
        let job = Delivery::DeleteMessage {
            chat_id,
            message_id,
        };
        fx.send_via(bot, job, None).await?;
    }
    // Told before the row forgets their chat; the job carries it.
    let job = Delivery::Say {
        chat_id: client.telegram_user_id,
        text: desk.text(client.language, "privacy-erased-notice", &[]),
        keyboard: None,
    };
    fx.send_via(bot, job, None).await?;
    let erased = fx.tx.erase_client(ws, client, fx.now).await?;
    for ticket in &tickets {
        fx.send_via(
            bot,
            Delivery::RefreshCard { ticket: ticket.id },
            Some(ticket.id),
        )
        .await?;
    }
    // Written after the erasure, which empties earlier client rows' details: this one names
    // no one, only what was removed.
    fx.tx
        .record_audit(&AuditEntry {
            workspace: ws,
            actor: by,
            action: "client.erased".into(),
            subject: client.id.0.to_string(),
            details: vec![
                ("tickets".into(), erased.tickets.to_string()),
                ("messages".into(), erased.messages.to_string()),
            ],
            at: fx.now,
        })
        .await?;
    Ok(Outcome::Erased(erased))
}
