//! A basic group becoming a supergroup, as Telegram does it: when its owner upgrades it, or
//! makes it a channel's discussion group (only supergroups can be one, so Telegram upgrades
//! the group first).
//!
//! The supergroup is a new chat with a new id (`-100…`) and the same title, members and
//! administrators. Its message ids start afresh: the history stays behind in the old group,
//! where clients read it, and bots cannot reply to it from the new chat. The old group ends
//! with a service message carrying `migrate_to_chat_id`, the supergroup starts with one
//! carrying `migrate_from_chat_id`; bots that were members get both whatever their privacy
//! mode. From then on every Bot API call naming the old id is answered 400 "Bad Request: group
//! chat was upgraded to a supergroup chat" with `parameters.migrate_to_chat_id`.

use serde_json::{json, Map};

use super::messages::NewMessage;
use super::setup::new_group_chat;
use super::state::{ChatKind, ChatRef, Sender};
use super::{UserId, World};
use crate::error::ControlError;

impl World {
    /// `by` (the group's creator, or an administrator) upgrades the basic group `group` to a
    /// supergroup. Returns the supergroup.
    pub fn upgrade_group(&self, group: ChatRef, by: UserId) -> Result<ChatRef, ControlError> {
        let mut w = self.shared.world();
        let state = w
            .chats
            .get(&group)
            .ok_or_else(|| ControlError::UnknownChat(group.to_string()))?;
        if state.kind != ChatKind::Group || state.migrated_to.is_some() {
            return Err(ControlError::NotAllowed(format!(
                "chat {group} is not a basic group: only those are upgraded"
            )));
        }
        if !state.status_of(by).is_some_and(|s| s.is_admin()) {
            return Err(ControlError::NotAllowed(format!(
                "user {by} is not an administrator of {group}"
            )));
        }
        let title = state.title.clone().unwrap_or_default();
        let members = state.members.clone();
        let rights = state.admin_rights.clone();
        let supergroup = new_group_chat(&mut w, by, &title, ChatKind::Supergroup)?;
        if let Some(s) = w.chats.get_mut(&supergroup) {
            s.members = members;
            s.admin_rights = rights;
        }
        let (old_id, new_id) = (group.telegram_id(), supergroup.telegram_id());
        // The old group is closed only after its last message, the farewell, is stored.
        let farewell = service("migrate_to_chat_id", new_id);
        let id = w
            .store_message(group, Sender::User(by), farewell)
            .map_err(|e| ControlError::Invalid(e.description))?;
        w.deliver(group, id, false);
        let welcome = service("migrate_from_chat_id", old_id);
        let id = w
            .store_message(supergroup, Sender::User(by), welcome)
            .map_err(|e| ControlError::Invalid(e.description))?;
        w.deliver(supergroup, id, false);
        if let Some(old) = w.chats.get_mut(&group) {
            old.migrated_to = Some(new_id);
        }
        Ok(supergroup)
    }

    /// The channel's owner makes `group` its discussion group; a basic group is upgraded to
    /// a supergroup first, as Telegram does. Returns the discussion group.
    pub fn link_discussion(
        &self,
        channel: ChatRef,
        group: ChatRef,
        by: UserId,
    ) -> Result<ChatRef, ControlError> {
        let kind = |w: &World, chat: ChatRef| {
            w.shared
                .world()
                .chats
                .get(&chat)
                .map(|c| c.kind)
                .ok_or_else(|| ControlError::UnknownChat(chat.to_string()))
        };
        if kind(self, channel)? != ChatKind::Channel {
            return Err(ControlError::NotAllowed(format!(
                "chat {channel} is not a channel"
            )));
        }
        let group = match kind(self, group)? {
            ChatKind::Group => self.upgrade_group(group, by)?,
            ChatKind::Supergroup => group,
            _ => {
                return Err(ControlError::NotAllowed(format!(
                    "chat {group} cannot be a discussion group"
                )))
            }
        };
        let mut w = self.shared.world();
        if let Some(c) = w.chats.get_mut(&channel) {
            c.linked = Some(group.telegram_id());
        }
        if let Some(g) = w.chats.get_mut(&group) {
            g.linked = Some(channel.telegram_id());
        }
        Ok(group)
    }
}

/// A service message whose one field names the other chat.
fn service(field: &str, other_chat: i64) -> NewMessage {
    let mut content = Map::new();
    content.insert(field.into(), json!(other_chat));
    NewMessage {
        content,
        ..NewMessage::default()
    }
}
