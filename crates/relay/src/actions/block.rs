//! Blocking a client: the desk stops relaying what they send. The reason is for agents (the
//! audit log, the card, the ticket's history and thread); the client is told the desk's
//! neutral notice (`blocked-notice`, or the desk's own text set with the settings bot's
//! `/blocknotice`), once per block.

use crate::desk::{custom_text, Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Actor, AgentId, AuditEntry, BlockState, Client};

/// Whether a block or unblock changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// The client already was (or was not) blocked.
    AlreadySo,
}

/// Blocks `client` for `reason`, in `by`'s name.
pub async fn block(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    reason: &str,
    by: AgentId,
) -> Result<Changed, RelayError> {
    if client.blocked.is_some() {
        return Ok(Changed::AlreadySo);
    }
    let block = BlockState {
        reason: reason.to_string(),
        by: Actor::Agent(by),
        at: fx.now,
    };
    fx.tx
        .set_client_block(desk.ws(), client.id, Some(&block))
        .await?;
    audit(desk, fx, by, "client.blocked", client, reason).await?;
    let agent = desk.store.get_agent(desk.ws(), by).await?.name;
    let details = serde_json::json!({ "reason": reason });
    let notice = desk.agent_text(
        "client-blocked-by",
        &[
            ("actor", agent.into()),
            ("reason", reason.to_string().into()),
        ],
    );
    on_their_tickets(desk, fx, client, by, "client_blocked", details, notice).await?;
    let blocked = Client {
        blocked: Some(block),
        ..client.clone()
    };
    tell_client(desk, fx, &blocked).await?;
    Ok(Changed::Done)
}

/// Lets `client` write to the desk again.
pub async fn unblock(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    by: AgentId,
) -> Result<Changed, RelayError> {
    if client.blocked.is_none() {
        return Ok(Changed::AlreadySo);
    }
    fx.tx.set_client_block(desk.ws(), client.id, None).await?;
    audit(desk, fx, by, "client.unblocked", client, "").await?;
    let agent = desk.store.get_agent(desk.ws(), by).await?.name;
    let notice = desk.agent_text("client-unblocked-by", &[("actor", agent.into())]);
    let details = serde_json::json!({});
    on_their_tickets(desk, fx, client, by, "client_unblocked", details, notice).await?;
    Ok(Changed::Done)
}

/// The block is part of each active ticket's story: a line in its history, a notice in its
/// thread, and its card redrawn (the card shows the block).
async fn on_their_tickets(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    by: AgentId,
    kind: &'static str,
    details: serde_json::Value,
    notice: String,
) -> Result<(), RelayError> {
    let tickets = desk
        .store
        .active_tickets_of_client(desk.ws(), client.id)
        .await?;
    for ticket in tickets {
        fx.tx
            .record_ticket_event(
                desk.ws(),
                ticket.id,
                kind,
                Actor::Agent(by),
                details.clone(),
                fx.now,
            )
            .await?;
        // The client bot sends both, whichever bot was asked (`DeskBots::sender_of`).
        fx.tell_agents(ticket.id, notice.clone()).await?;
        fx.refresh_card(ticket.id).await?;
    }
    Ok(())
}

async fn audit(
    desk: &Desk,
    fx: &Effects<'_>,
    by: AgentId,
    action: &str,
    client: &Client,
    reason: &str,
) -> Result<(), RelayError> {
    let mut details = vec![(
        "telegram_id".to_string(),
        client.telegram_user_id.to_string(),
    )];
    if !reason.is_empty() {
        details.push(("reason".into(), reason.to_string()));
    }
    fx.tx
        .record_audit(&AuditEntry {
            workspace: desk.ws(),
            actor: Actor::Agent(by),
            action: action.into(),
            subject: client.id.0.to_string(),
            details,
            at: fx.now,
        })
        .await?;
    Ok(())
}

/// What a blocked client reads: the desk's own text in their language, else the standard
/// neutral one. Never the reason.
pub fn notice_text(desk: &Desk, client: &Client) -> String {
    match custom_text(&desk.profile.blocked_notice, client.language) {
        Some(custom) => custom.to_string(),
        None => desk.text(client.language, "blocked-notice", &[]),
    }
}

/// Tells a blocked client, through the client bot, once per block: the first message after
/// the block (or the block itself) says it, later ones are kept quietly.
pub async fn tell_client(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<(), RelayError> {
    // The key names the block's start, so a client blocked again later is told again.
    let since = client
        .blocked
        .as_ref()
        .map_or(0, |b| b.at.timestamp_millis());
    let key = format!("blocked-notice:{}:{since}", client.id.0);
    if desk.store.get_setting(desk.ws(), &key).await?.is_some() {
        return Ok(());
    }
    fx.tx.set_setting(desk.ws(), &key, "1", fx.now).await?;
    let job = Delivery::Say {
        chat_id: client.telegram_user_id,
        text: notice_text(desk, client),
        keyboard: None,
    };
    fx.send_via(desk.config.bots.client, job, None).await
}
