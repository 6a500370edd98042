//! Cards that wait for a channel. A desk may take requests before anyone linked the agents'
//! channel (the first day, or between two channels): those tickets are stored and their
//! clients answered, but no card is posted. When the channel and its discussion group are
//! linked, each active ticket without a card gets one, and its conversation so far follows
//! in the card's thread, in order.

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{MessageDirection, TicketStatus};
use ticketgram_store::AgentChats;

/// How many waiting tickets of each active status one link posts: a desk that ran for a while
/// without a channel is caught up; beyond that the console still lists every ticket.
const CATCH_UP: i64 = 500;

/// Queues the cards (and threads) of the active tickets the agents never saw, after `chats`
/// were linked. Sent by the client bot, which sits in the channel.
pub async fn post_waiting(
    desk: &Desk,
    fx: &mut Effects<'_>,
    chats: &AgentChats,
) -> Result<(), RelayError> {
    // A card posted before the bot sits in the discussion group opens a thread the bot never
    // sees: the cards wait for the group's link (which names the channel too).
    let Some(group) = chats.group_id else {
        return Ok(());
    };
    let bot = desk.config.bots.client;
    let ws = desk.ws();
    for status in [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::WaitingOnClient,
    ] {
        for ticket in desk.store.tickets_with_status(ws, status, CATCH_UP).await? {
            let post = desk.store.find_ticket_post(ws, ticket.id).await?;
            if post
                .as_ref()
                .is_some_and(|p| p.channel_message_id.is_some())
            {
                continue;
            }
            let about = Some(ticket.id);
            fx.send(Delivery::PostCard { ticket: ticket.id }, about)
                .await?;
            for message in desk.store.ticket_messages(ws, ticket.id).await? {
                if message.copies.iter().any(|c| c.chat_id == group) {
                    continue;
                }
                let has_original = message.copies.iter().any(|c| c.bot_id == bot);
                let job = match message.direction {
                    MessageDirection::Client if has_original => Delivery::ClientToThread {
                        message: message.id,
                    },
                    // A question taken through the API never was a Telegram message: its
                    // text opens the thread, as when the card existed.
                    MessageDirection::Client => match message.text.clone() {
                        Some(text) => Delivery::ThreadNotice {
                            ticket: ticket.id,
                            text,
                            keyboard: None,
                        },
                        None => continue,
                    },
                    MessageDirection::Agent | MessageDirection::InternalNote => {
                        Delivery::MirrorToThread {
                            message: message.id,
                        }
                    }
                    MessageDirection::System => continue,
                };
                fx.send(job, about).await?;
            }
        }
    }
    Ok(())
}
