//! Ticket work that arrives through the REST API instead of Telegram: a ticket opened on a
//! client's behalf, and a status change made by an integration. Each does what the bot path
//! does (same store calls, same outbox jobs), so the agents' channel cannot tell the
//! difference except where it should: the question has no Telegram original to copy, so it is
//! posted in the thread as text.

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Actor, Client, MessageDirection, MessageId, Priority, Ticket, TopicId};
use ticketgram_store::{NewMessage, NewTicket};

/// A ticket an integration opens for a client who is already known to the desk.
#[derive(Debug, Clone)]
pub struct TicketOnBehalf {
    pub topic: Option<TopicId>,
    pub subject: String,
    /// The client's question: the first message of the conversation.
    pub text: String,
    /// `None`: the topic's default priority (or the desk's).
    pub priority: Option<Priority>,
    /// Recorded as the ticket's creator in its history.
    pub opened_by: Actor,
    /// Tell the client the ticket number and when to expect an answer, as the bot does. Only
    /// possible if the client has a private chat with the bot.
    pub notify_client: bool,
}

/// The ticket and its first message.
#[derive(Debug, Clone)]
pub struct OpenedTicket {
    pub ticket: Ticket,
    pub message: MessageId,
}

/// Opens the ticket, queues its card in the agents' channel, stores the question as the
/// client's message and posts it into the card's thread.
pub async fn open_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    request: &TicketOnBehalf,
) -> Result<OpenedTicket, RelayError> {
    let now = fx.now;
    let (topic_priority, queue) = match request.topic {
        Some(id) => {
            let topic = desk.store.get_topic(desk.ws(), id).await?;
            (topic.default_priority, topic.queue)
        }
        None => (Priority::default(), None),
    };
    let new = NewTicket {
        client: client.id,
        topic: request.topic,
        subject: request.subject.clone(),
        priority: request.priority.unwrap_or(topic_priority),
        queue,
        language: client.language,
        created_at: now,
    };
    let ticket = fx
        .tx
        .create_ticket_as(desk.ws(), &new, request.opened_by)
        .await?;
    // Without a channel the card waits for one (`actions::cards`).
    if desk.config.chats.channel_id.is_some() {
        fx.send(Delivery::PostCard { ticket: ticket.id }, Some(ticket.id))
            .await?;
    }
    // Who works on it, as for a ticket opened in the client bot (docs/routing.md).
    let ticket = crate::actions::route::route_ticket(desk, fx, ticket).await?;
    let recorded = fx
        .tx
        .add_message(
            desk.ws(),
            &NewMessage {
                ticket: ticket.id,
                direction: MessageDirection::Client,
                author_agent: None,
                text: Some(request.text.clone()),
                media: vec![],
                created_at: now,
            },
        )
        .await?;
    // The question was never a Telegram message, so there is nothing to copy: its text is
    // the thread's first comment.
    fx.tell_agents(ticket.id, request.text.clone()).await?;
    if request.notify_client {
        let text = desk.first_reply_promise(&ticket, client.language, now);
        fx.notify_client(ticket.id, text, None).await?;
    }
    // Agents hear of it exactly as of a ticket opened in the client bot.
    crate::notices::notify::ticket_opened(desk, fx, &ticket, client).await?;
    Ok(OpenedTicket {
        ticket,
        message: recorded.message.id,
    })
}
