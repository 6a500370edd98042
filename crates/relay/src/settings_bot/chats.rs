//! Linking the agents' channel and its discussion group: an admin adds the bot to them, the
//! bot sees its own membership change, records the chat and names any right it still lacks.

use super::reply::{audit, Reply};
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::lookups::{rights_of, Rights};
use crate::RelayError;
use teloxide_core::types::ChatMemberUpdated;
use ticketgram_domain::public_chats::WatchedChat;
use ticketgram_domain::Agent;
use ticketgram_store::AgentChats;

pub async fn membership(
    desk: &Desk,
    fx: &mut Effects<'_>,
    change: &ChatMemberUpdated,
) -> Result<(), RelayError> {
    let by = change.from.id.0 as i64;
    // Only the desk's owner and admins decide where agents work; a stranger adding the bot
    // to their chat changes nothing.
    let Some(admin) = super::admin_of(desk, by).await? else {
        let chat = change.chat.id.0;
        if desk.config.is_agents_chat(chat) {
            // The desk's own chats, set up by whoever owns them (the demo's lead, the
            // configuration file): already linked, nothing to decide.
            tracing::debug!(
                chat,
                by,
                "the bot's membership of the desk's own chat changed"
            );
        } else {
            tracing::info!(
                chat,
                by,
                "bot added to a chat by someone who is not an admin: ignored"
            );
        }
        return Ok(());
    };
    let asked = &desk.lookups;
    let bot = desk.bot_id();
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
        if super::shards::unlink(desk, fx, &admin, chat).await? {
            return tell(desk, fx, &reply, "settings-shard-removed", &title).await;
        }
        return super::public::unwatch(desk, fx, &reply, &admin, chat).await;
    }
    if is_channel {
        let group = match asked.linked_chat(bot, chat)?? {
            Some(group) if asked.rights(bot, group, false)?.is_ok_and(|r| r.present) => Some(group),
            _ => None,
        };
        if super::shards::joins_as_shard(desk, chat) {
            let key = super::shards::link(desk, fx, &admin, chat, group).await?;
            return tell_with_rights(desk, fx, &reply, key, &title, &rights).await;
        }
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
        let watched = |comments: bool| WatchedChat {
            chat_id: chat,
            title: title.clone(),
            username: change.chat.username().map(str::to_owned),
            comments,
        };
        let Some(channel) = asked.linked_chat(bot, chat)?? else {
            // A public group of the desk's clients: watched for complaints.
            if change.chat.username().is_some() {
                return super::public::watch(desk, fx, &reply, &admin, watched(false), &rights)
                    .await;
            }
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
            || desk
                .config
                .more_chats
                .iter()
                .any(|s| s.channel_id == channel)
            || asked.rights(bot, channel, true)?.is_ok_and(|r| r.present);
        // The desk has its agents' channel: the comments of another channel are its clients'
        // (the bot need not be in that channel), watched for complaints.
        if current.channel_id.is_some_and(|ours| ours != channel) && !channel_known {
            let chat = watched(true);
            return super::public::watch(desk, fx, &reply, &admin, chat, &rights).await;
        }
        if channel_known && super::shards::joins_as_shard(desk, channel) {
            let key = super::shards::link(desk, fx, &admin, channel, Some(chat)).await?;
            return tell_with_rights(desk, fx, &reply, key, &title, &rights).await;
        }
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
    fx: &mut Effects<'_>,
    admin: &Agent,
    chats: AgentChats,
) -> Result<(), RelayError> {
    fx.tx.set_agent_chats(desk.ws(), &chats, fx.now).await?;
    // Requests taken while no channel was linked get their cards now.
    crate::actions::cards::post_waiting(desk, fx, &chats).await?;
    let group = chats
        .group_id
        .map_or_else(|| "-".to_string(), |g| g.to_string());
    let details = vec![
        ("channel_id", chats.channel_id.to_string()),
        ("group_id", group),
    ];
    audit(desk, fx, admin, "desk.chats_linked", "desk".into(), details).await
}

pub(super) async fn tell(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    key: &str,
    title: &str,
) -> Result<(), RelayError> {
    let text = reply.text(desk, key, &[("title", title.to_string().into())]);
    say_via_settings_bot(desk, fx, reply, text).await
}

pub(super) async fn tell_with_rights(
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
