//! `/agents`: the team. Agents are added by a forwarded message, a shared contact or the
//! request-users button; removing one deactivates them, and since every agent action checks
//! `active`, their access ends with the next update.

use super::dialog::Dialog;
use super::reply::{audit, Reply};
use crate::commands::SETTINGS_BUTTON;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use teloxide_core::types::{Message, MessageOrigin};
use ticketgram_domain::{Agent, AgentAlias, AgentId, AgentRole};
use ticketgram_store::NewAgent;

pub async fn show(desk: &Desk, fx: &mut Effects<'_>, reply: &Reply) -> Result<(), RelayError> {
    let agents: Vec<Agent> = desk
        .store
        .list_agents(desk.ws())
        .await?
        .into_iter()
        .filter(|a| a.active)
        .collect();
    let mut lines = vec![reply.text(desk, "settings-agents-title", &[])];
    let mut rows = Vec::new();
    for agent in &agents {
        let alias = agent.alias.as_ref().map_or("—", |a| a.as_str()).to_string();
        lines.push(reply.text(
            desk,
            "settings-agents-line",
            &[
                ("name", agent.name.clone().into()),
                ("alias", alias.into()),
                ("role", agent.role.as_str().into()),
            ],
        ));
        if agent.role == AgentRole::Owner {
            continue;
        }
        let name = || agent.name.clone().into();
        let id = agent.id.0;
        rows.push(vec![
            agent_button(
                reply.text(desk, "settings-agents-alias-button", &[("name", name())]),
                format!("alias:{id}"),
            ),
            agent_button(
                reply.text(desk, "settings-agents-role-button", &[("name", name())]),
                format!("role:{id}"),
            ),
            agent_button(
                reply.text(desk, "settings-agents-remove-button", &[("name", name())]),
                format!("rm:{id}"),
            ),
        ]);
    }
    rows.push(vec![agent_button(
        reply.text(desk, "settings-agents-add-button", &[]),
        "add".into(),
    )]);
    reply
        .send(fx, lines.join("\n"), Some(Keyboard::Inline(rows)))
        .await
}

fn agent_button(text: String, action: String) -> Button {
    Button {
        text,
        data: format!("{SETTINGS_BUTTON}ag:{action}"),
    }
}

pub async fn button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    data: &str,
) -> Result<(), RelayError> {
    let (action, id) = data.split_once(':').unwrap_or((data, ""));
    if action == "add" {
        return ask_for_agent(desk, fx, reply, admin).await;
    }
    let Ok(id) = id.parse::<i64>() else {
        return Ok(());
    };
    let agent = match desk.store.get_agent(desk.ws(), AgentId(id)).await {
        Ok(agent) if agent.active && agent.role != AgentRole::Owner => agent,
        Ok(_) | Err(ticketgram_store::StoreError::NotFound) => {
            return reply.say(desk, fx, "settings-agents-gone", &[]).await
        }
        Err(e) => return Err(e.into()),
    };
    let name = agent.name.clone();
    match action {
        "rm" => {
            fx.tx.set_agent_active(desk.ws(), agent.id, false).await?;
            audit(desk, fx, admin, "agent.removed", subject(&agent), vec![]).await?;
            reply
                .say(
                    desk,
                    fx,
                    "settings-agents-removed",
                    &[("name", name.into())],
                )
                .await
        }
        "role" => {
            let role = match agent.role {
                AgentRole::Agent => AgentRole::Admin,
                _ => AgentRole::Agent,
            };
            fx.tx.set_agent_role(desk.ws(), agent.id, role).await?;
            let details = vec![("role", role.as_str().to_string())];
            audit(
                desk,
                fx,
                admin,
                "agent.role_changed",
                subject(&agent),
                details,
            )
            .await?;
            let args = [("name", name.into()), ("role", role.as_str().into())];
            reply.say(desk, fx, "settings-agents-role-set", &args).await
        }
        "alias" => {
            let step = Dialog::AgentAlias { agent: agent.id };
            super::ask(
                desk,
                fx,
                reply,
                admin,
                step,
                "settings-agents-ask-alias",
                &[("name", name.into())],
            )
            .await
        }
        _ => Ok(()),
    }
}

fn subject(agent: &Agent) -> String {
    format!("agent:{}", agent.id.0)
}

async fn ask_for_agent(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
) -> Result<(), RelayError> {
    super::dialog::set(desk, fx, admin.telegram_user_id, Some(&Dialog::NewAgent)).await?;
    let keyboard = Keyboard::RequestUsers(reply.text(desk, "settings-agents-pick-button", &[]));
    reply
        .send(
            fx,
            reply.text(desk, "settings-agents-ask-new", &[]),
            Some(keyboard),
        )
        .await
}

/// Who the admin pointed at: a forwarded message's author, a contact, or a shared user.
fn person_in(message: &Message) -> Result<(i64, String), &'static str> {
    if let Some(shared) = message.shared_users() {
        let user = shared.users.first().ok_or("settings-agents-not-a-person")?;
        let name = [user.first_name.as_deref(), user.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let name = if name.is_empty() {
            user.username
                .clone()
                .unwrap_or_else(|| user.user_id.0.to_string())
        } else {
            name
        };
        return Ok((user.user_id.0 as i64, name));
    }
    if let Some(contact) = message.contact() {
        let id = contact
            .user_id
            .ok_or("settings-agents-contact-without-account")?;
        let name = [
            Some(contact.first_name.as_str()),
            contact.last_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        return Ok((id.0 as i64, name));
    }
    match message.forward_origin() {
        Some(MessageOrigin::User { sender_user, .. }) if !sender_user.is_bot => {
            Ok((sender_user.id.0 as i64, sender_user.full_name()))
        }
        Some(MessageOrigin::HiddenUser { .. }) => Err("settings-agents-forward-hidden"),
        _ => Err("settings-agents-not-a-person"),
    }
}

pub async fn add_from(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    message: &Message,
) -> Result<(), RelayError> {
    let (user_id, name) = match person_in(message) {
        Ok(found) => found,
        Err(key) => return reply.say(desk, fx, key, &[]).await,
    };
    let existing = desk
        .store
        .find_agent_by_telegram_id(desk.ws(), user_id)
        .await?;
    if existing.as_ref().is_some_and(|a| a.active) {
        super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
        return reply
            .say(
                desk,
                fx,
                "settings-agents-already",
                &[("name", name.into())],
            )
            .await;
    }
    let new = NewAgent {
        telegram_user_id: user_id,
        name: existing.as_ref().map_or(name, |a| a.name.clone()),
        role: AgentRole::Agent,
        alias: existing.as_ref().and_then(|a| a.alias.clone()),
        languages: existing
            .as_ref()
            .map_or_else(|| vec![desk.config.agent_language], |a| a.languages.clone()),
        skills: existing
            .as_ref()
            .map_or_else(Vec::new, |a| a.skills.clone()),
        schedule: existing.as_ref().and_then(|a| a.schedule.clone()),
        created_at: fx.now,
    };
    let agent = fx.tx.upsert_agent(desk.ws(), &new).await?;
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let details = vec![("telegram_user_id", user_id.to_string())];
    audit(desk, fx, admin, "agent.added", subject(&agent), details).await?;
    reply
        .say(
            desk,
            fx,
            "settings-agents-added",
            &[("name", agent.name.into())],
        )
        .await
}

pub async fn set_alias(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    agent: AgentId,
    text: &str,
) -> Result<(), RelayError> {
    let alias = if text == "-" {
        None
    } else {
        match AgentAlias::parse(text) {
            Some(alias) => Some(alias),
            None => return reply.say(desk, fx, "settings-agents-bad-alias", &[]).await,
        }
    };
    fx.tx
        .set_agent_alias(desk.ws(), agent, alias.as_ref())
        .await?;
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let shown = alias.as_ref().map_or("—", |a| a.as_str()).to_string();
    let details = vec![("alias", shown.clone())];
    audit(
        desk,
        fx,
        admin,
        "agent.alias_set",
        format!("agent:{}", agent.0),
        details,
    )
    .await?;
    reply
        .say(
            desk,
            fx,
            "settings-agents-alias-set",
            &[("alias", shown.into())],
        )
        .await
}
