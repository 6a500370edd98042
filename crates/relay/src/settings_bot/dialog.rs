//! Multi-step answers: the question the settings bot asked an admin last, persisted per admin.

use super::reply::Reply;
use super::texts::Which;
use super::{hours, sla, team, texts, topics};
use crate::desk::{Desk, Effects};
use crate::RelayError;
use serde::{Deserialize, Serialize};
use teloxide_core::types::Message;
use ticketgram_domain::{Agent, AgentId, Language};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Dialog {
    /// "Paste the token of the client (or manager) bot."
    BotToken {
        role: super::tokens::TokenRole,
    },
    /// "Forward a message from the agent, share their contact or press the button."
    NewAgent,
    AgentAlias {
        agent: AgentId,
    },
    /// "en: Payments | ru: Платежи"
    NewTopic,
    Hours,
    Holidays,
    Sla,
    Text {
        which: Which,
        language: Language,
    },
}

pub async fn current(desk: &Desk, user: i64) -> Result<Option<Dialog>, RelayError> {
    let Some(json) = desk.store.staff_dialog(desk.ws(), user).await? else {
        return Ok(None);
    };
    match serde_json::from_str(&json) {
        Ok(step) => Ok(Some(step)),
        // A step from another version: start over rather than fail every message.
        Err(e) => {
            tracing::warn!(error = %e, "unreadable settings dialog dropped");
            Ok(None)
        }
    }
}

pub async fn set(
    desk: &Desk,
    fx: &Effects<'_>,
    user: i64,
    step: Option<&Dialog>,
) -> Result<(), RelayError> {
    let json = step.map(serde_json::to_string).transpose()?;
    fx.tx
        .set_staff_dialog(desk.ws(), user, json.as_deref(), fx.now)
        .await?;
    Ok(())
}

/// The admin answered the question of `step`.
pub async fn answer(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    step: Dialog,
    message: &Message,
) -> Result<(), RelayError> {
    let text = message.text().map(str::trim).unwrap_or("");
    match step {
        Dialog::BotToken { .. } => reply.say(desk, fx, "settings-bots-not-a-token", &[]).await,
        Dialog::NewAgent => team::add_from(desk, fx, reply, admin, message).await,
        Dialog::AgentAlias { agent } => team::set_alias(desk, fx, reply, admin, agent, text).await,
        Dialog::NewTopic => topics::add(desk, fx, reply, admin, text).await,
        Dialog::Hours => hours::set_hours(desk, fx, reply, admin, text).await,
        Dialog::Holidays => hours::set_holidays(desk, fx, reply, admin, text).await,
        Dialog::Sla => sla::set(desk, fx, reply, admin, text).await,
        Dialog::Text { which, language } => {
            texts::set(desk, fx, reply, admin, which, language, text).await
        }
    }
}
