//! Linking the agents' channel and its discussion group: an admin adds the bot to them, the
//! bot sees its own membership change, records the chat and names any right it still lacks.

use super::reply::{audit, Reply};
use crate::delivery::job::Delivery;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use teloxide_core::prelude::Requester as _;
use teloxide_core::types::{ChatId, ChatMemberKind, ChatMemberUpdated, UserId};
use ticketgram_domain::Agent;
use ticketgram_store::AgentChats;
use ticketgram_telegram::{TelegramClient, TelegramError};

/// What the bot can do in one chat, as far as the desk needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rights {
    pub present: bool,
    /// Fluent keys of the rights it lacks, in the order an admin fixes them.
    pub missing: Vec<&'static str>,
}

/// The rights the desk needs: in the channel, post and edit the cards; in the group, be an
/// administrator (a bot with privacy mode on reads other people's messages only then).
pub fn rights_of(kind: &ChatMemberKind, is_channel: bool) -> Rights {
    match kind {
        ChatMemberKind::Owner(_) => Rights {
            present: true,
            missing: vec![],
        },
        ChatMemberKind::Administrator(admin) => {
            let mut missing = vec![];
            if is_channel && !admin.can_post_messages {
                missing.push("settings-right-post-messages");
            }
            if is_channel && !admin.can_edit_messages {
                missing.push("settings-right-edit-messages");
            }
            Rights {
                present: true,
                missing,
            }
        }
        ChatMemberKind::Member(_) => Rights {
            present: true,
            missing: vec!["settings-right-administrator"],
        },
        ChatMemberKind::Restricted(r) => Rights {
            present: r.is_member,
            missing: vec!["settings-right-administrator"],
        },
        ChatMemberKind::Left | ChatMemberKind::Banned(_) => Rights {
            present: false,
            missing: vec!["settings-right-administrator"],
        },
    }
}

/// The bot's rights in `chat`, asked of Telegram.
pub async fn rights_in(
    tg: &TelegramClient,
    chat: i64,
    bot: i64,
    is_channel: bool,
) -> Result<Rights, TelegramError> {
    let member = tg
        .bot()
        .get_chat_member(ChatId(chat), UserId(bot as u64))
        .await?;
    Ok(rights_of(&member.kind, is_channel))
}

/// The chat linked to `chat` (a channel's discussion group, a group's channel).
pub async fn linked_chat(tg: &TelegramClient, chat: i64) -> Result<Option<i64>, TelegramError> {
    let info = tg.bot().get_chat(ChatId(chat)).await?;
    Ok(info.linked_chat_id())
}

pub async fn membership(
    desk: &Desk,
    fx: &mut Effects<'_>,
    change: &ChatMemberUpdated,
) -> Result<(), RelayError> {
    let by = change.from.id.0 as i64;
    // Only the desk's owner and admins decide where agents work; a stranger adding the bot
    // to their chat changes nothing.
    let Some(admin) = super::admin_of(desk, by).await? else {
        tracing::info!(
            chat = change.chat.id.0,
            by,
            "bot added to a chat by someone who is not an admin: ignored"
        );
        return Ok(());
    };
    let Some(tg) = desk.telegram.as_ref() else {
        return Err(RelayError::Internal("the relay has no Telegram client"));
    };
    let reply = Reply::chat(by, &admin);
    let chat = change.chat.id.0;
    let is_channel = change.chat.is_channel();
    let rights = rights_of(&change.new_chat_member.kind, is_channel);
    let title = change.chat.title().unwrap_or("").to_string();
    let current = desk.config.chats;
    if !rights.present {
        if Some(chat) == current.channel_id || Some(chat) == current.group_id {
            return tell(desk, fx, &reply, "settings-link-removed", &title).await;
        }
        return Ok(());
    }
    if is_channel {
        let group = match linked_chat(tg, chat).await? {
            Some(group)
                if rights_in(tg, group, desk.bot_id(), false)
                    .await
                    .is_ok_and(|r| r.present) =>
            {
                Some(group)
            }
            _ => None,
        };
        record(
            desk,
            fx,
            &admin,
            AgentChats {
                channel_id: chat,
                group_id: group,
            },
        )
        .await?;
        let key = if group.is_some() {
            "settings-link-channel-and-group"
        } else {
            "settings-link-channel"
        };
        tell_with_rights(desk, fx, &reply, key, &title, &rights).await
    } else {
        let Some(channel) = linked_chat(tg, chat).await? else {
            return tell(
                desk,
                fx,
                &reply,
                "settings-link-group-not-discussion",
                &title,
            )
            .await;
        };
        let channel_known = Some(channel) == current.channel_id
            || rights_in(tg, channel, desk.bot_id(), true)
                .await
                .is_ok_and(|r| r.present);
        if !channel_known {
            return tell(
                desk,
                fx,
                &reply,
                "settings-link-group-channel-first",
                &title,
            )
            .await;
        }
        let chats = AgentChats {
            channel_id: channel,
            group_id: Some(chat),
        };
        record(desk, fx, &admin, chats).await?;
        tell_with_rights(desk, fx, &reply, "settings-link-group", &title, &rights).await
    }
}

async fn record(
    desk: &Desk,
    fx: &Effects<'_>,
    admin: &Agent,
    chats: AgentChats,
) -> Result<(), RelayError> {
    fx.tx.set_agent_chats(desk.ws(), &chats, fx.now).await?;
    let group = chats
        .group_id
        .map_or_else(|| "-".to_string(), |g| g.to_string());
    let details = vec![
        ("channel_id", chats.channel_id.to_string()),
        ("group_id", group),
    ];
    audit(desk, fx, admin, "desk.chats_linked", "desk".into(), details).await
}

async fn tell(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    key: &str,
    title: &str,
) -> Result<(), RelayError> {
    let text = reply.text(desk, key, &[("title", title.to_string().into())]);
    say_via_settings_bot(desk, fx, reply, text).await
}

async fn tell_with_rights(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    key: &str,
    title: &str,
    rights: &Rights,
) -> Result<(), RelayError> {
    let mut text = reply.text(desk, key, &[("title", title.to_string().into())]);
    text.push('\n');
    text.push_str(&missing_rights_line(desk, reply, rights));
    say_via_settings_bot(desk, fx, reply, text).await
}

pub fn missing_rights_line(desk: &Desk, reply: &Reply, rights: &Rights) -> String {
    if rights.missing.is_empty() {
        return reply.text(desk, "settings-rights-all-present", &[]);
    }
    let names: Vec<String> = rights
        .missing
        .iter()
        .map(|k| reply.text(desk, k, &[]))
        .collect();
    reply.text(
        desk,
        "settings-rights-missing",
        &[("rights", names.join(", ").into())],
    )
}

/// The admin talks to the settings bot, which may not be the bot that was added.
async fn say_via_settings_bot(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    text: String,
) -> Result<(), RelayError> {
    let job = Delivery::Say {
        chat_id: reply.chat_id,
        text,
        keyboard: None,
    };
    fx.send_via(desk.config.bots.settings, job, None).await
}
