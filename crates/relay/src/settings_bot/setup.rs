//! First run: the desk has no owner yet, and whoever sends the setup code `serve` printed
//! becomes it. Wrong codes are refused (and counted by the store); a used code means nothing.

use super::reply::Reply;
use crate::commands::Command;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{Actor, AgentRole, AuditEntry};
use ticketgram_store::{normalize_setup_code, NewAgent, SetupClaim};

/// Handles the message if it is a claim (or `/start`, `/setup` on a settings-only bot) while
/// the desk has no owner. `Ok(false)`: not a claim, someone else's turn.
pub async fn maybe_claim(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    message: &Message,
) -> Result<bool, RelayError> {
    let Some(from) = message.from.as_ref() else {
        return Ok(false);
    };
    let text = message.text().unwrap_or("");
    let command = Command::parse(text);
    let code = match command {
        Some(c) if c.name == "setup" || c.name == "start" => c.args,
        Some(_) => return Ok(false),
        None => text,
    };
    let is_code = normalize_setup_code(code).is_some();
    let asks_for_setup = command.is_some_and(|c| c.name == "setup")
        || (command.is_some() && !desk.config.roles.client);
    if !is_code && !asks_for_setup {
        return Ok(false);
    }
    if desk.store.has_owner(desk.ws()).await? {
        return Ok(false);
    }
    if !is_code {
        reply.say(desk, fx, "settings-setup-send-code", &[]).await?;
        return Ok(true);
    }
    let owner = NewAgent {
        telegram_user_id: from.id.0 as i64,
        name: from.full_name(),
        role: AgentRole::Owner,
        alias: None,
        languages: vec![reply.lang],
        skills: vec![],
        schedule: None,
        created_at: fx.now,
    };
    let claim = fx.tx.claim_setup_code(desk.ws(), code, &owner).await?;
    match claim {
        SetupClaim::Claimed(agent) => {
            tracing::info!(
                owner = agent.telegram_user_id,
                "the desk was claimed by its owner"
            );
            let entry = AuditEntry {
                workspace: desk.ws(),
                actor: Actor::Agent(agent.id),
                action: "desk.claimed".into(),
                subject: format!("agent:{}", agent.id.0),
                details: vec![],
                at: fx.now,
            };
            fx.tx.record_audit(&entry).await?;
            let name = agent.name.clone();
            reply
                .say(desk, fx, "settings-setup-claimed", &[("name", name.into())])
                .await?;
        }
        SetupClaim::Wrong => {
            tracing::warn!(user = from.id.0, "a wrong setup code was sent");
            reply
                .say(desk, fx, "settings-setup-wrong-code", &[])
                .await?;
        }
        SetupClaim::Locked => reply.say(desk, fx, "settings-setup-locked", &[]).await?,
        // Claimed a moment ago by someone else: this is an ordinary message now.
        SetupClaim::AlreadyOwned => return Ok(false),
    }
    Ok(true)
}
