//! `/bots`: the client and manager bots' tokens. A pasted token is deleted from the chat at
//! once, checked with `getMe`, sealed with the instance's key and stored; the admin sees only
//! the bot's @username. The binary's supervisor starts the new bot's relay within seconds.

use super::dialog::Dialog;
use super::reply::{audit, Reply};
use crate::commands::SETTINGS_BUTTON;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Delivery, Keyboard};
use crate::RelayError;
use serde::{Deserialize, Serialize};
use teloxide_core::types::Message;
use ticketgram_domain::Agent;
use ticketgram_store::{BotRole, NewBot};

/// The roles a pasted token can take (the settings bot's own token is the instance's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenRole {
    Client,
    Manager,
    /// A helper: posts clients' messages in the agents' groups (their sending limits are
    /// per bot, so each helper adds a group's worth).
    Helper,
}

impl TokenRole {
    fn store_role(self) -> BotRole {
        match self {
            TokenRole::Client => BotRole::Client,
            TokenRole::Manager => BotRole::Manager,
            TokenRole::Helper => BotRole::Helper,
        }
    }
}

/// `123456789:AA…`: digits, a colon, then at least 30 characters of base64url.
pub fn looks_like_token(text: Option<&str>) -> bool {
    let Some((id, secret)) = text.map(str::trim).and_then(|t| t.split_once(':')) else {
        return false;
    };
    id.len() >= 5
        && id.chars().all(|c| c.is_ascii_digit())
        && secret.len() >= 30
        && secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

pub async fn show(desk: &Desk, fx: &mut Effects<'_>, reply: &Reply) -> Result<(), RelayError> {
    let bots = desk.store.bots_of_workspace(desk.ws()).await?;
    let mut lines = vec![reply.text(desk, "settings-bots-title", &[])];
    for bot in &bots {
        let args = [
            ("username", bot.username.clone().into()),
            ("role", bot.role.as_str().into()),
        ];
        lines.push(reply.text(desk, "settings-bots-line", &args));
    }
    if bots.is_empty() {
        lines.push(reply.text(desk, "settings-bots-one-for-all", &[]));
    }
    let button = |key: &str, role: &str| Button {
        text: reply.text(desk, key, &[]),
        data: format!("{SETTINGS_BUTTON}bot:{role}"),
    };
    let keyboard = Keyboard::Inline(vec![vec![
        button("settings-bots-client-button", "client"),
        button("settings-bots-manager-button", "manager"),
        button("settings-bots-helper-button", "helper"),
    ]]);
    reply.send(fx, lines.join("\n"), Some(keyboard)).await
}

pub async fn button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    data: &str,
) -> Result<(), RelayError> {
    let role = match data {
        "client" => TokenRole::Client,
        "manager" => TokenRole::Manager,
        "helper" => TokenRole::Helper,
        _ => return Ok(()),
    };
    super::ask(
        desk,
        fx,
        reply,
        admin,
        Dialog::BotToken { role },
        "settings-bots-ask-token",
        &[],
    )
    .await
}

/// A token arrived: delete it from the chat and take it out of the stored update first,
/// whatever happens next; only its sealed form is kept (in `bots`, once checked).
pub async fn received(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    message: &Message,
) -> Result<(), RelayError> {
    let delete = Delivery::DeleteMessage {
        chat_id: message.chat.id.0,
        message_id: message.id.0 as i64,
    };
    fx.send(delete, None).await?;
    let token = message.text().unwrap_or("").trim().to_string();
    // In this input's transaction, so the update is never marked handled with the token in it.
    fx.tx
        .redact_from_pending_updates(desk.bot_id(), &token)
        .await?;
    let role = match super::dialog::current(desk, admin.telegram_user_id).await? {
        Some(Dialog::BotToken { role }) => role,
        _ => {
            return reply
                .say(desk, fx, "settings-bots-token-unasked", &[])
                .await
        }
    };
    let (Some(_), Some(key)) = (desk.telegram.as_ref(), desk.token_key.as_ref()) else {
        return reply.say(desk, fx, "settings-bots-no-key", &[]).await;
    };
    // Asked of Telegram before this input's transaction opened (see `lookups`).
    let (bot_id, username) = match desk.lookups.bot_behind_token(&token)? {
        Ok(me) => me,
        Err(e) if e.is_transient() => {
            return reply
                .say(desk, fx, "settings-bots-telegram-down", &[])
                .await
        }
        Err(_) => {
            return reply
                .say(desk, fx, "settings-bots-token-refused", &[])
                .await
        }
    };
    if bot_id == desk.config.bots.settings {
        return reply
            .say(desk, fx, "settings-bots-token-is-settings", &[])
            .await;
    }
    let new = NewBot {
        role: role.store_role(),
        telegram_bot_id: bot_id,
        username: username.clone(),
        token_ciphertext: key.seal(&token),
        created_at: fx.now,
    };
    match fx.tx.register_bot(desk.ws(), &new).await {
        Ok(_) => {}
        Err(ticketgram_store::StoreError::Conflict(_)) => {
            return reply.say(desk, fx, "settings-bots-token-taken", &[]).await
        }
        Err(e) => return Err(e.into()),
    }
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let details = vec![
        ("bot_id", bot_id.to_string()),
        ("role", new.role.as_str().into()),
    ];
    audit(
        desk,
        fx,
        admin,
        "bot.registered",
        format!("bot:{bot_id}"),
        details,
    )
    .await?;
    let args = [
        ("username", username.into()),
        ("role", new.role.as_str().into()),
    ];
    let key = match role {
        TokenRole::Helper => "settings-bots-helper-stored",
        TokenRole::Client | TokenRole::Manager => "settings-bots-token-stored",
    };
    reply.say(desk, fx, key, &args).await
}
