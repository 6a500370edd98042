//! Opening a request: the one core every way into a ticket shares (a first question, a
//! question the knowledge base did not answer, a flow handing over to a person). The ticket
//! takes its topic's queue and priority, the client leaves whatever form they were in and the
//! new ticket becomes the one their next message joins, and the agents' channel gets its card.
//! What the client wrote, and what they are told, differs per caller and stays with it.

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Client, ClientState, Priority, Ticket, Topic};
use ticketgram_store::NewTicket;

/// What a new request starts with.
pub(crate) struct Opening<'a> {
    pub topic: Option<&'a Topic>,
    /// A line the queue shows; cut to what a list can show.
    pub subject: String,
    /// Asked for by the caller (a flow's hand-off); otherwise the topic's default.
    pub priority: Option<Priority>,
}

/// The longest subject a queue line shows.
const SUBJECT_CHARS: usize = 120;

pub(crate) async fn open_request(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    opening: Opening<'_>,
) -> Result<Ticket, RelayError> {
    let priority = opening
        .priority
        .or(opening.topic.map(|t| t.default_priority))
        .unwrap_or_default();
    let ticket = fx
        .tx
        .create_ticket(
            desk.ws(),
            &NewTicket {
                client: client.id,
                topic: opening.topic.map(|t| t.id),
                subject: opening.subject.chars().take(SUBJECT_CHARS).collect(),
                priority,
                queue: opening.topic.and_then(|t| t.queue.clone()),
                language: client.language,
                created_at: fx.now,
            },
        )
        .await?;
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
        .await?;
    fx.tx
        .set_current_ticket(desk.ws(), client.id, Some(ticket.id), fx.now)
        .await?;
    // With no agents' channel linked yet the card waits: linking one posts the cards of the
    // open tickets (`settings_bot::chats`), and the client's confirmation is not held back.
    if desk.config.chats.channel_id.is_some() {
        fx.send(Delivery::PostCard { ticket: ticket.id }, Some(ticket.id))
            .await?;
    }
    // Who works on it, when the desk routes its queue (docs/routing.md).
    crate::actions::route::route_ticket(desk, fx, ticket).await
}
