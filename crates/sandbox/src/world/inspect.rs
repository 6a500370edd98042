//! Reading the world back, waiting for it to change, and steering faults.

use std::time::Duration;

use bytes::Bytes;
use serde_json::Value;

use super::rights::AdminRights;
use super::state::{ChatRef, Sender, WorldState};
use super::{UserId, World};
use crate::error::ControlError;
use crate::faults::Fault;

impl World {
    /// Every live message of a chat, oldest first, as stored (file_ids neutral, not any bot's).
    pub fn chat_messages(&self, chat: ChatRef) -> Vec<Value> {
        let w = self.shared.world();
        w.chats
            .get(&chat)
            .map(|c| {
                c.messages
                    .values()
                    .filter(|m| !m.deleted)
                    .map(|m| WorldState::render_for(0, &m.json))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// One live message of a chat.
    pub fn message(&self, chat: ChatRef, message_id: i64) -> Option<Value> {
        let w = self.shared.world();
        w.message_json(chat, message_id)
            .map(|m| WorldState::render_for(0, &m))
    }

    /// Messages a bot sent into a chat.
    pub fn bot_messages(&self, chat: ChatRef, bot: UserId) -> Vec<Value> {
        self.chat_messages(chat)
            .into_iter()
            .filter(|m| m.pointer("/from/id").and_then(Value::as_i64) == Some(bot))
            .collect()
    }

    /// Waits until `chat` holds at least `count` messages (or `deadline` passes) and returns them.
    pub async fn wait_for_messages(
        &self,
        chat: ChatRef,
        count: usize,
        deadline: Duration,
    ) -> Result<Vec<Value>, ControlError> {
        self.wait_for(chat, deadline, |msgs| msgs.len() >= count)
            .await
            .map_err(|got| {
                ControlError::Timeout(format!("{count} messages in {chat}, got {}", got.len()))
            })
    }

    /// Waits until `done` holds for the chat's messages. Wakes on every stored message instead of
    /// sleeping, so tests neither race nor waste time. On timeout returns what was there.
    pub async fn wait_for(
        &self,
        chat: ChatRef,
        deadline: Duration,
        mut done: impl FnMut(&[Value]) -> bool,
    ) -> Result<Vec<Value>, Vec<Value>> {
        let until = tokio::time::Instant::now() + deadline;
        let mut changes = self.shared.world().changes.subscribe();
        loop {
            changes.borrow_and_update();
            let msgs = self.chat_messages(chat);
            if done(&msgs) {
                return Ok(msgs);
            }
            match tokio::time::timeout_at(until, changes.changed()).await {
                Ok(Ok(())) => {}
                _ => return Err(self.chat_messages(chat)),
            }
        }
    }

    /// The id of the automatic forward of a channel post in the discussion group, i.e. the
    /// `message_thread_id` of its comments.
    pub fn discussion_thread(&self, channel: ChatRef, post_id: i64) -> Option<(ChatRef, i64)> {
        let w = self.shared.world();
        let c = w.chats.get(&channel)?;
        Some((ChatRef::Group(c.linked?), *c.auto_forwards.get(&post_id)?))
    }

    /// How a bot answered a callback query (`None` while unanswered).
    pub fn callback_answer(&self, callback_query_id: &str) -> Option<Value> {
        let w = self.shared.world();
        w.callbacks.get(callback_query_id)?.answer.clone()
    }

    /// The bytes behind a `file_unique_id`.
    pub fn file_bytes(&self, file_unique_id: &str) -> Option<Bytes> {
        let w = self.shared.world();
        w.files.get(file_unique_id).map(|f| f.bytes.clone())
    }

    /// The last document `bot` sent into `chat`: its file name (empty when it had none) and
    /// bytes, e.g. to open a report the bot sent.
    pub fn last_document_sent(&self, bot: UserId, chat: ChatRef) -> Option<(String, Bytes)> {
        let w = self.shared.world();
        let document = w
            .chats
            .get(&chat)?
            .messages
            .values()
            .rev()
            .filter(|m| !m.deleted && m.sender == Sender::Bot(bot))
            .find_map(|m| m.json.get("document"))?;
        let unique = document.get("file_unique_id")?.as_str()?;
        let name = document
            .get("file_name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        Some((name.to_owned(), w.files.get(unique)?.bytes.clone()))
    }

    /// The reply keyboard (`ReplyKeyboardMarkup`) `bot` currently shows in `chat`, if any.
    pub fn reply_keyboard(&self, bot: UserId, chat: ChatRef) -> Option<Value> {
        let w = self.shared.world();
        w.chats.get(&chat)?.reply_keyboards.get(&bot).cloned()
    }

    /// The rights of an administrator (or creator) of a chat; `None` for anyone else.
    pub fn admin_rights(&self, chat: ChatRef, member: UserId) -> Option<AdminRights> {
        let w = self.shared.world();
        w.chats.get(&chat)?.rights_of(member)
    }

    /// Updates queued for a bot and not yet confirmed.
    pub fn pending_updates(&self, bot: UserId) -> usize {
        let w = self.shared.world();
        w.bots.get(&bot).map_or(0, |b| b.updates.len())
    }

    /// How many getUpdates calls of a bot have been answered (with updates or empty).
    pub fn polls_answered(&self, bot: UserId) -> u64 {
        let w = self.shared.world();
        w.bots.get(&bot).map_or(0, |b| b.polls_answered)
    }

    /// Commands set with setMyCommands for the default scope and language.
    pub fn bot_commands(&self, bot: UserId) -> Option<Value> {
        let w = self.shared.world();
        w.bots.get(&bot)?.commands.get("default:").cloned()
    }

    pub fn inject_fault(&self, fault: Fault) {
        self.shared.faults().inject(fault);
    }

    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// How many times `bot` called `method` (its name as in the reference, `editMessageText`)
    /// into `chat`, or anywhere with `None`, counting calls Telegram refused.
    pub fn call_count(&self, bot: UserId, method: &str, chat: Option<ChatRef>) -> u64 {
        let chat = chat.map(|c| c.telegram_id());
        self.shared.calls().of(bot, method, chat)
    }

    pub fn set_flood_limits(&self, enabled: bool) {
        self.shared.flood().enabled = enabled;
    }

    /// Emitted objects that failed validation against the reference. Empty in a healthy sandbox.
    pub fn spec_violations(&self) -> Vec<String> {
        self.shared.world().violations.clone()
    }

    /// A summary of the world, for the control API and debugging.
    pub fn snapshot(&self) -> Value {
        let w = self.shared.world();
        let users: Vec<Value> = w.users.values().map(|u| u.json()).collect();
        let chats: Vec<Value> = w
            .chats
            .values()
            .map(|c| {
                serde_json::json!({
                    "ref": c.reference,
                    "chat": c.json(),
                    "linked_chat_id": c.linked,
                    "members": c.members,
                    "message_count": c.messages.len(),
                })
            })
            .collect();
        serde_json::json!({"users": users, "chats": chats})
    }
}
