//! The desk's actions on a ticket, written once. The card's buttons in the agents' channel,
//! the manager bot, the web console and the REST API all call these, inside the transaction
//! of the input that asked, so every path has the same effects: the same history and audit
//! rows, the same notices in the thread, the same messages to the client and the agents.

pub mod assign;
pub mod block;
pub mod cards;
pub mod complaint;
pub mod erase;
pub mod export;
pub mod follow_up;
pub mod public;
pub mod rating;
pub mod route;

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{
    Actor, AgentId, MessageDirection, MessageId, StatusChange, TicketId, TicketStatus,
};
use ticketgram_store::{NewMessage, StoreError};

/// Stores one part of the desk's profile (`None`: removes it, the defaults apply) and audits
/// it as `{subject}.save` with what was stored, in the caller's transaction.
pub(crate) async fn save_profile_setting<T: serde::Serialize>(
    tx: &ticketgram_store::Tx,
    ws: ticketgram_domain::WorkspaceId,
    key: &str,
    value: Option<&T>,
    subject: &str,
    by: Actor,
    now: ticketgram_domain::Timestamp,
) -> Result<(), RelayError> {
    let detail = match value {
        Some(value) => {
            let json = serde_json::to_string(value)?;
            tx.set_setting(ws, key, &json, now).await?;
            json
        }
        None => {
            tx.delete_setting(ws, key).await?;
            "defaults".to_owned()
        }
    };
    tx.record_audit(&ticketgram_domain::AuditEntry {
        workspace: ws,
        actor: by,
        action: format!("{subject}.save"),
        subject: subject.into(),
        details: vec![(subject.into(), detail)],
        at: now,
    })
    .await?;
    Ok(())
}

fn non_empty(text: &str) -> Result<String, RelayError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::Invalid("the text is empty".into()).into());
    }
    Ok(text.to_string())
}

/// A public reply to the client written outside Telegram. The store refuses a reply without
/// an author (`agent: None`), exactly as for replies written in Telegram: clients are always
/// answered by someone. The client gets it from the client bot, signed with the agent's
/// alias; agents see it mirrored in the thread.
pub async fn reply(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    agent: Option<AgentId>,
    text: &str,
) -> Result<MessageId, RelayError> {
    let recorded = write(desk, fx, ticket, MessageDirection::Agent, agent, text).await?;
    let message = recorded.message.id;
    let job = crate::translation::answer_delivery(desk, ticket, message, Some(text)).await?;
    if matches!(job, Delivery::AgentToClient { .. }) {
        fx.send(job, Some(ticket)).await?;
        mirror(desk, fx, ticket, message).await?;
    } else {
        // Shown in the thread first: a translation to confirm is asked there, under it.
        mirror(desk, fx, ticket, message).await?;
        fx.send(job, Some(ticket)).await?;
    }
    if recorded.status_change.is_some() {
        fx.refresh_card(ticket).await?;
    }
    Ok(message)
}

/// An internal note: stored and shown in the thread, never sent to the client.
pub async fn note(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    agent: Option<AgentId>,
    text: &str,
) -> Result<MessageId, RelayError> {
    let direction = MessageDirection::InternalNote;
    let recorded = write(desk, fx, ticket, direction, agent, text).await?;
    mirror(desk, fx, ticket, recorded.message.id).await?;
    Ok(recorded.message.id)
}

/// Stores an agent's text on the ticket (a reply or a note), refusing an empty one.
async fn write(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    direction: MessageDirection,
    agent: Option<AgentId>,
    text: &str,
) -> Result<ticketgram_store::RecordedMessage, RelayError> {
    let message = NewMessage {
        ticket,
        direction,
        author_agent: agent,
        text: Some(non_empty(text)?),
        media: vec![],
        created_at: fx.now,
    };
    Ok(fx.tx.add_message(desk.ws(), &message).await?)
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

/// Moves a ticket to `to`. `actor` goes into the history; `actor_name` is what the thread
/// says (an agent's name, or an integration's). Closing asks the client for a rating;
/// reopening tells the client their request is open again; the card is refreshed.
pub async fn change_status(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    to: TicketStatus,
    actor: Actor,
    actor_name: &str,
) -> Result<StatusChange, RelayError> {
    let change = fx
        .tx
        .change_status(desk.ws(), ticket, to, actor, fx.now)
        .await?;
    let name = actor_name.to_string();
    if to == TicketStatus::Closed {
        let notice = desk.agent_text("ticket-closed-by", &[("actor", name.into())]);
        tell(desk, fx, ticket, notice).await?;
        let closed = desk.store.get_ticket(desk.ws(), ticket).await?;
        let client = desk.store.get_client(desk.ws(), closed.client).await?;
        rating::ask_rating(desk, fx, &client, &closed).await?;
        follow_up::schedule(desk, fx, &closed).await?;
    } else if change.is_reopen() {
        let notice = desk.agent_text("ticket-reopened-by", &[("actor", name.into())]);
        tell(desk, fx, ticket, notice).await?;
        let reopened = desk.store.get_ticket(desk.ws(), ticket).await?;
        let client = desk.store.get_client(desk.ws(), reopened.client).await?;
        let text = desk.text(
            client.language,
            "ticket-reopened-by-agent",
            &[("number", reopened.number.to_string().into())],
        );
        fx.notify_client(ticket, text, None).await?;
    }
    fx.refresh_card(ticket).await?;
    Ok(change)
}

/// [`change_status`] in an agent's name.
pub async fn change_status_as_agent(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    to: TicketStatus,
    agent: AgentId,
) -> Result<StatusChange, RelayError> {
    let who = desk.store.get_agent(desk.ws(), agent).await?;
    change_status(desk, fx, ticket, to, Actor::Agent(agent), &who.name).await
}

/// Re-renders the ticket's card after a change that has no other effect in Telegram
/// (priority, tags, a merge).
pub async fn refresh_card(fx: &mut Effects<'_>, ticket: TicketId) -> Result<(), RelayError> {
    fx.refresh_card(ticket).await
}

/// Assigns a ticket to `to`, or back to the queue with `None`; `by` is who did it. Taking an
/// unassigned ticket for oneself is a Take (refused when someone was faster); anything else
/// is a transfer: audited, said in the thread, and the receiving agent told in private.
/// Returns false when a Take lost the race.
pub async fn assign(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    to: Option<AgentId>,
    by: AgentId,
) -> Result<bool, RelayError> {
    let ws = desk.ws();
    let current = desk.store.get_ticket(ws, ticket).await?;
    let by_agent = desk.store.get_agent(ws, by).await?;
    let Some(to) = to else {
        fx.tx
            .assign_ticket(ws, ticket, None, Actor::Agent(by), fx.now)
            .await?;
        fx.refresh_card(ticket).await?;
        return Ok(true);
    };
    if to == by && current.assignee.is_none() {
        return assign::take_ticket(desk, fx, &current, &by_agent).await;
    }
    if current.assignee == Some(to) {
        return Ok(true);
    }
    let target = desk.store.get_agent(ws, to).await?;
    assign::transfer_ticket(desk, fx, &current, &by_agent, &target).await?;
    Ok(true)
}
