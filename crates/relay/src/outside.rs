//! Agents acting from outside Telegram (the web console, the REST API). Each action has the
//! same effects as its Telegram counterpart: a reply reaches the client from the client bot
//! signed with the agent's alias, the card is refreshed, and the ticket's thread shows what
//! happened so agents working in Telegram keep the whole picture.

use crate::client_bot;
use crate::delivery::job::Delivery;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{
    Actor, AgentId, AuditEntry, MessageDirection, MessageId, TicketId, TicketStatus, Timestamp,
};
use ticketgram_store::{NewMessage, StoreError};

/// Every action queues its jobs under its own origin: outside actions have no Telegram update
/// to derive a dedupe key from.
fn effects(desk: &Desk, now: Timestamp) -> Effects<'_> {
    Effects::new(desk, format!("web:{}", uuid::Uuid::new_v4().simple()), now)
}

fn non_empty(text: &str) -> Result<String, RelayError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::Invalid("the text is empty".into()).into());
    }
    Ok(text.to_string())
}

/// A public reply to the client. The store refuses a reply without an author (`agent: None`),
/// exactly as for replies written in Telegram: clients are always answered by someone.
pub async fn reply(
    desk: &Desk,
    ticket: TicketId,
    agent: Option<AgentId>,
    text: &str,
    now: Timestamp,
) -> Result<MessageId, RelayError> {
    let desk = &desk.as_client_bot().await?;
    let text = non_empty(text)?;
    let recorded = desk
        .store
        .add_message(
            desk.ws(),
            &NewMessage {
                ticket,
                direction: MessageDirection::Agent,
                author_agent: agent,
                text: Some(text),
                media: vec![],
                created_at: now,
            },
        )
        .await?;
    let message = recorded.message.id;
    let mut fx = effects(desk, now);
    fx.send(Delivery::AgentToClient { message }, Some(ticket))
        .await?;
    mirror(desk, &mut fx, ticket, message).await?;
    if recorded.status_change.is_some() {
        fx.refresh_card(ticket).await?;
    }
    Ok(message)
}

/// An internal note: stored and shown in the thread, never sent to the client.
pub async fn note(
    desk: &Desk,
    ticket: TicketId,
    agent: Option<AgentId>,
    text: &str,
    now: Timestamp,
) -> Result<MessageId, RelayError> {
    let desk = &desk.as_client_bot().await?;
    let text = non_empty(text)?;
    let recorded = desk
        .store
        .add_message(
            desk.ws(),
            &NewMessage {
                ticket,
                direction: MessageDirection::InternalNote,
                author_agent: agent,
                text: Some(text),
                media: vec![],
                created_at: now,
            },
        )
        .await?;
    let mut fx = effects(desk, now);
    mirror(desk, &mut fx, ticket, recorded.message.id).await?;
    Ok(recorded.message.id)
}

/// Without a discussion group there is no thread to mirror into, and a job waiting for one
/// would only die later.
async fn mirror(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    message: MessageId,
) -> Result<(), RelayError> {
    if desk.config.chats.group_id.is_none() {
        return Ok(());
    }
    fx.send(Delivery::MirrorToThread { message }, Some(ticket))
        .await
}

async fn tell(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    text: String,
) -> Result<(), RelayError> {
    if desk.config.chats.group_id.is_none() {
        return Ok(());
    }
    fx.tell_agents(ticket, text).await
}

/// Moves a ticket to another status as `agent`. Closing asks the client for a rating, as the
/// card's Close button does; the thread is told who closed or reopened it.
pub async fn change_status(
    desk: &Desk,
    ticket: TicketId,
    to: TicketStatus,
    agent: AgentId,
    now: Timestamp,
) -> Result<(), RelayError> {
    let desk = &desk.as_client_bot().await?;
    let who = desk.store.get_agent(desk.ws(), agent).await?;
    desk.store
        .change_status(desk.ws(), ticket, to, Actor::Agent(agent), now)
        .await?;
    let mut fx = effects(desk, now);
    let name = who.name.clone();
    match to {
        TicketStatus::Closed => {
            tell(
                desk,
                &mut fx,
                ticket,
                desk.agent_text("ticket-closed-by", &[("actor", name.into())]),
            )
            .await?;
            let ticket = desk.store.get_ticket(desk.ws(), ticket).await?;
            let client = desk.store.get_client(desk.ws(), ticket.client).await?;
            client_bot::ask_rating(desk, &mut fx, &client, &ticket).await?;
        }
        TicketStatus::Open | TicketStatus::New => {
            tell(
                desk,
                &mut fx,
                ticket,
                desk.agent_text("ticket-reopened-by", &[("actor", name.into())]),
            )
            .await?;
        }
        TicketStatus::WaitingOnClient | TicketStatus::Resolved => {}
    }
    fx.refresh_card(ticket).await
}

/// Re-renders the ticket's card after a change made outside Telegram that has no other
/// effect there (priority, tags, a merge), through the bot that runs the agents' channel.
pub async fn refresh_card(desk: &Desk, ticket: TicketId, now: Timestamp) -> Result<(), RelayError> {
    let desk = &desk.as_client_bot().await?;
    effects(desk, now).refresh_card(ticket).await
}

/// Assigns (or, with `None`, unassigns) a ticket; `by` is who did it. A change of hands
/// between agents is a transfer and goes to the audit log, as in Telegram.
pub async fn assign(
    desk: &Desk,
    ticket: TicketId,
    to: Option<AgentId>,
    by: AgentId,
    now: Timestamp,
) -> Result<(), RelayError> {
    let desk = &desk.as_client_bot().await?;
    let ws = desk.ws();
    let before = desk.store.get_ticket(ws, ticket).await?;
    let actor = Actor::Agent(by);
    desk.store.assign_ticket(ws, ticket, to, actor, now).await?;
    let mut fx = effects(desk, now);
    if let Some(to) = to {
        let target = desk.store.get_agent(ws, to).await?;
        if before.status == TicketStatus::New {
            desk.store
                .change_status(ws, ticket, TicketStatus::Open, actor, now)
                .await?;
        }
        if before.assignee.is_some_and(|a| a != to) {
            desk.store
                .record_audit(&AuditEntry {
                    workspace: ws,
                    actor,
                    action: "ticket.transferred".into(),
                    subject: before.number.to_string(),
                    details: vec![
                        (
                            "from".into(),
                            before.assignee.map(|a| a.0.to_string()).unwrap_or_default(),
                        ),
                        ("to".into(), to.0.to_string()),
                    ],
                    at: now,
                })
                .await?;
        }
        let notice = if to == by {
            desk.agent_text("taken-by", &[("agent", target.name.clone().into())])
        } else {
            desk.agent_text("transferred-to", &[("agent", target.name.clone().into())])
        };
        tell(desk, &mut fx, ticket, notice).await?;
    }
    fx.refresh_card(ticket).await
}
