//! Which ticket a client's message belongs to. A client may have several requests open at
//! once; the rules, in order:
//! 1. a reply to a bot message about a ticket goes to that ticket;
//! 2. otherwise the client's current ticket (last created, written to or switched to);
//! 3. otherwise their only open ticket;
//! 4. no open ticket: the message opens a new one;
//! 5. several open tickets and no current one: the bot asks, holding the message.

use crate::callback::CallbackAction;
use crate::content::Content;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{Client, ClientState, PendingMessage, Ticket, TicketId};
use ticketgram_store::ClientPlace;

pub enum Route {
    Ticket(TicketId),
    NewTicket,
    Ask(Vec<Ticket>),
}

/// `place` is where the caller read the client to be, current ticket and whether it is still
/// active included, in one read ([`ticketgram_store::Store::client_place`]): a message to an
/// active current ticket, the common case, needs no further query.
pub async fn route(
    desk: &Desk,
    client: &Client,
    message: &Message,
    place: &ClientPlace,
) -> Result<Route, RelayError> {
    if let Some(replied) = message.reply_to_message() {
        let found = desk
            .store
            .find_message_by_copy(
                desk.ws(),
                desk.bot_id(),
                message.chat.id.0,
                replied.id.0 as i64,
            )
            .await?;
        if let Some(found) = found {
            let ticket = desk.store.get_ticket(desk.ws(), found.ticket).await?;
            if ticket.status.is_active() {
                return Ok(Route::Ticket(ticket.id));
            }
        }
    }
    if let (Some(current), true) = (place.current, place.current_active) {
        return Ok(Route::Ticket(current));
    }
    let active = desk
        .store
        .active_tickets_of_client(desk.ws(), client.id)
        .await?;
    Ok(match active.len() {
        0 => Route::NewTicket,
        1 => Route::Ticket(active[0].id),
        _ => Route::Ask(active),
    })
}

/// Holds the message and asks which open ticket it is for.
pub async fn ask_which(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    tickets: &[Ticket],
) -> Result<(), RelayError> {
    let pending = PendingMessage {
        chat_id: message.chat.id.0,
        message_id: message.id.0 as i64,
        text: content.text.clone(),
        media: content.media.clone(),
    };
    fx.tx
        .set_client_state(
            desk.ws(),
            client.id,
            &ClientState::ChoosingTicket { pending },
            fx.now,
        )
        .await?;
    let lang = client.language;
    let rows = tickets
        .iter()
        .map(|ticket| {
            let label = format!(
                "{} · {}",
                ticket.number,
                ticket.subject.chars().take(40).collect::<String>()
            );
            vec![Button {
                text: label,
                data: CallbackAction::RouteTo(ticket.id).encode(),
            }]
        })
        .collect();
    let text = desk.text(lang, "which-ticket", &[]);
    fx.say_to(client, text, Some(Keyboard::Inline(rows))).await
}
