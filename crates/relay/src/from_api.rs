//! Ticket work that arrives through the REST API instead of Telegram: a ticket opened on a
//! client's behalf, and a status change made by an integration. Each does what the bot path
//! does (same store calls, same outbox jobs), so the agents' channel cannot tell the
//! difference except where it should: the question has no Telegram original to copy, so it is
//! posted in the thread as text.

use crate::delivery::job::Delivery;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{
    Actor, Client, MessageDirection, MessageId, Priority, StatusChange, Ticket, TicketStatus,
    Timestamp, TopicId,
};
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
    client: &Client,
    request: &TicketOnBehalf,
    now: Timestamp,
) -> Result<OpenedTicket, RelayError> {
    let desk = &desk.as_client_bot().await?;
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
    let ticket = desk
        .store
        .create_ticket_as(desk.ws(), &new, request.opened_by)
        .await?;
    let mut fx = Effects::new(desk, format!("api-ticket:{}", ticket.id.0), now);
    fx.send(Delivery::PostCard { ticket: ticket.id }, Some(ticket.id))
        .await?;
    let recorded = desk
        .store
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
    crate::manager_bot::notify::ticket_opened(desk, &mut fx, &ticket, client).await?;
    Ok(OpenedTicket {
        ticket,
        message: recorded.message.id,
    })
}

/// Moves a ticket to `to` for an integration acting in no agent's name (an agent's change is
/// [`crate::outside::change_status`]): the history records the system, the thread is told
/// the integration's name (`actor_name`), a closed ticket asks the client for a rating, and
/// the card is refreshed.
pub async fn change_status(
    desk: &Desk,
    ticket: &Ticket,
    to: TicketStatus,
    actor_name: &str,
    now: Timestamp,
) -> Result<StatusChange, RelayError> {
    let desk = &desk.as_client_bot().await?;
    let change = desk
        .store
        .change_status(desk.ws(), ticket.id, to, Actor::System, now)
        .await?;
    // One origin per history step: a retried request that changed nothing queues nothing.
    let origin = format!(
        "api-status:{}:{}:{}",
        ticket.id.0,
        to.as_str(),
        now.timestamp_millis()
    );
    let mut fx = Effects::new(desk, origin, now);
    let name = actor_name.to_string();
    match to {
        TicketStatus::Closed => {
            let notice = desk.agent_text("ticket-closed-by", &[("actor", name.into())]);
            fx.tell_agents(ticket.id, notice).await?;
            let client = desk.store.get_client(desk.ws(), ticket.client).await?;
            let closed = desk.store.get_ticket(desk.ws(), ticket.id).await?;
            crate::client_bot::ask_rating(desk, &mut fx, &client, &closed).await?;
        }
        TicketStatus::Open if change.is_reopen() => {
            let notice = desk.agent_text("ticket-reopened-by", &[("actor", name.into())]);
            fx.tell_agents(ticket.id, notice).await?;
        }
        _ => {}
    }
    fx.refresh_card(ticket.id).await?;
    Ok(change)
}
