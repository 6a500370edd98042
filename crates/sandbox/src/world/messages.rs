//! Storing messages and fanning them out to the bots that may see them.

use serde_json::{json, Map, Value};

use super::state::{ChatKind, ChatRef, Sender, StoredMessage, WorldState, SERVICE_USER_ID};
use crate::error::ApiError;

/// A message about to be stored. `content` holds the payload fields (text/entities, media,
/// caption, location, ...); `extra` holds origin fields (forward_origin, media_group_id, ...).
#[derive(Debug, Clone, Default)]
pub struct NewMessage {
    pub content: Map<String, Value>,
    pub extra: Map<String, Value>,
    pub reply_to: Option<i64>,
    pub thread_id: Option<i64>,
    pub reply_markup: Option<Value>,
    pub allow_without_reply: bool,
}

impl WorldState {
    /// Stores a message and returns its id. Does not deliver it; see [`Self::deliver`].
    pub fn store_message(
        &mut self,
        chat: ChatRef,
        sender: Sender,
        msg: NewMessage,
    ) -> Result<i64, ApiError> {
        let in_channel = self
            .chats
            .get(&chat)
            .is_some_and(|c| c.kind == ChatKind::Channel);
        // Channel posts are signed by the channel itself, whoever wrote them.
        let from = match sender {
            _ if in_channel => None,
            Sender::User(id) | Sender::Bot(id) => self.user(id).map(|u| u.json()),
            Sender::Service => self.user(SERVICE_USER_ID).map(|u| u.json()),
            Sender::Channel(_) => None,
        };
        let sender_chat = match sender {
            _ if in_channel => self.chats.get(&chat).map(|c| c.json()),
            Sender::Channel(id) => self.chats.get(&ChatRef::Group(id)).map(|c| c.json()),
            _ => None,
        };
        let state = self
            .chats
            .get_mut(&chat)
            .ok_or_else(ApiError::chat_not_found)?;

        // Threads: an explicit thread must exist; a reply inherits its target's thread.
        let mut thread_id = msg.thread_id;
        let mut reply_to = msg.reply_to;
        if let Some(t) = thread_id {
            let root_ok = if state.is_forum {
                state.topics.contains_key(&t)
            } else {
                state.live_message(t).is_some_and(|m| m.is_thread_root)
            };
            if !root_ok {
                return Err(ApiError::bad_request("message thread not found"));
            }
            reply_to.get_or_insert(t);
        }
        let mut reply_json = None;
        if let Some(r) = reply_to {
            match state.live_message(r) {
                Some(target) => {
                    if thread_id.is_none() {
                        thread_id = target.thread_id.or(target.is_thread_root.then_some(r));
                    }
                    let mut nested = target.json.clone();
                    if let Some(o) = nested.as_object_mut() {
                        o.remove("reply_to_message");
                    }
                    reply_json = Some(nested);
                }
                None if msg.allow_without_reply => {}
                None => return Err(ApiError::bad_request("message to be replied not found")),
            }
        }

        let id = state.next_message_id;
        state.next_message_id += 1;
        let mut json = Map::new();
        json.insert("message_id".into(), json!(id));
        if let Some(t) = thread_id {
            json.insert("message_thread_id".into(), json!(t));
        }
        if let Some(f) = from {
            json.insert("from".into(), f);
        }
        if let Some(sc) = sender_chat {
            json.insert("sender_chat".into(), sc);
        }
        json.insert("date".into(), json!(WorldState::now()));
        json.insert("chat".into(), state.json());
        if thread_id.is_some() && state.is_forum {
            json.insert("is_topic_message".into(), json!(true));
        }
        if let Some(r) = reply_json {
            json.insert("reply_to_message".into(), r);
        }
        json.extend(msg.extra);
        json.extend(msg.content);
        if let Some(markup) = msg
            .reply_markup
            .filter(|m| m.get("inline_keyboard").is_some())
        {
            json.insert("reply_markup".into(), markup);
        }
        let json = Value::Object(json);
        let is_thread_root = json.get("is_automatic_forward").is_some();
        state.messages.insert(
            id,
            StoredMessage {
                json,
                sender,
                thread_id,
                is_thread_root,
                deleted: false,
            },
        );
        self.bump_changes();
        Ok(id)
    }

    /// The canonical JSON of a live message.
    pub fn message_json(&self, chat: ChatRef, id: i64) -> Option<Value> {
        self.chats
            .get(&chat)?
            .live_message(id)
            .map(|m| m.json.clone())
    }

    /// A message as `bot` sees it (its own file_ids), validated on the way out.
    pub fn message_for(&mut self, bot: i64, chat: ChatRef, id: i64) -> Result<Value, ApiError> {
        let json = self
            .message_json(chat, id)
            .ok_or_else(|| ApiError::bad_request("message not found"))?;
        let rendered = WorldState::render_for(bot, &json);
        self.check_emitted(&rendered, "Message", &format!("message {id} in {chat}"));
        Ok(rendered)
    }

    /// Fans a new (or edited) message out as updates to every bot allowed to see it, and, for
    /// a fresh channel post, forwards it into the linked discussion group.
    pub fn deliver(&mut self, chat: ChatRef, id: i64, edited: bool) {
        let Some(state) = self.chats.get(&chat) else {
            return;
        };
        let Some(msg) = state.live_message(id).cloned() else {
            return;
        };
        let kind = state.kind;
        let mut recipients = Vec::new();
        match chat {
            ChatRef::Private { bot, user } => {
                let blocked = self
                    .bots
                    .get(&bot)
                    .is_some_and(|b| b.blocked_by.contains(&user));
                if msg.sender == Sender::User(user) && !blocked {
                    recipients.push(bot);
                }
            }
            ChatRef::Group(_) => {
                for (&member, status) in &state.members {
                    if !status.is_present() || !self.bots.contains_key(&member) {
                        continue;
                    }
                    if let Sender::Bot(_) = msg.sender {
                        // Bots never see other bots' messages (nor their own).
                        continue;
                    }
                    if kind == ChatKind::Channel || self.bot_sees(member, status.is_admin(), &msg) {
                        recipients.push(member);
                    }
                }
            }
        }
        let update_kind = match (kind == ChatKind::Channel, edited) {
            (true, false) => "channel_post",
            (true, true) => "edited_channel_post",
            (false, false) => "message",
            (false, true) => "edited_message",
        };
        for bot in recipients {
            let rendered = WorldState::render_for(bot, &msg.json);
            self.enqueue(bot, update_kind, rendered);
        }
        if kind == ChatKind::Channel && !edited {
            self.auto_forward(chat, id);
        }
    }

    /// Privacy mode: a bot that is not an admin sees only commands and replies to itself.
    fn bot_sees(&self, bot: i64, is_admin: bool, msg: &StoredMessage) -> bool {
        let privacy = self.bots.get(&bot).is_none_or(|b| b.privacy_mode);
        // Service messages reach every bot of the chat, privacy mode or not (Bots FAQ).
        if is_admin || !privacy || is_service(&msg.json) {
            return true;
        }
        let username = self
            .user(bot)
            .and_then(|u| u.username.clone())
            .unwrap_or_default();
        let text = msg.json.get("text").and_then(Value::as_str).unwrap_or("");
        if let Some(command) = text.strip_prefix('/') {
            let word = command.split_whitespace().next().unwrap_or("");
            match word.split_once('@') {
                Some((_, target)) => return target.eq_ignore_ascii_case(&username),
                None => return !word.is_empty(),
            }
        }
        let reply_from = msg
            .json
            .pointer("/reply_to_message/from/id")
            .and_then(Value::as_i64);
        reply_from == Some(bot)
    }

    /// Telegram copies each channel post into the linked discussion group as an automatic
    /// forward from the service user; that copy is the root of the post's comment thread.
    fn auto_forward(&mut self, channel: ChatRef, post_id: i64) {
        let ChatRef::Group(channel_id) = channel else {
            return;
        };
        let Some(state) = self.chats.get(&channel) else {
            return;
        };
        let Some(group_id) = state.linked else {
            return;
        };
        let Some(post) = state.live_message(post_id) else {
            return;
        };
        let channel_json = state.json();
        let mut content = Map::new();
        for (k, v) in post.json.as_object().into_iter().flatten() {
            if is_content_field(k) || k == "media_group_id" {
                content.insert(k.clone(), v.clone());
            }
        }
        let mut extra = Map::new();
        extra.insert(
            "forward_origin".into(),
            json!({"type": "channel", "chat": channel_json, "message_id": post_id, "date": post.json["date"]}),
        );
        extra.insert("is_automatic_forward".into(), json!(true));
        let group = ChatRef::Group(group_id);
        let msg = NewMessage {
            content,
            extra,
            ..NewMessage::default()
        };
        // The forward carries the channel as sender_chat and the service user as from.
        let Ok(id) = self.store_message(group, Sender::Service, msg) else {
            return;
        };
        if let Some(c) = self.chats.get_mut(&channel) {
            c.auto_forwards.insert(post_id, id);
        }
        self.fix_forward_sender_chat(group, id, channel_id);
        self.deliver(group, id, false);
    }

    fn fix_forward_sender_chat(&mut self, group: ChatRef, id: i64, channel_id: i64) {
        let Some(channel_json) = self
            .chats
            .get(&ChatRef::Group(channel_id))
            .map(|c| c.json())
        else {
            return;
        };
        if let Some(m) = self
            .chats
            .get_mut(&group)
            .and_then(|c| c.messages.get_mut(&id))
        {
            m.json["sender_chat"] = channel_json;
        }
    }
}

/// Fields that make up what a message says or shows (copied by copyMessage, forwards, albums).
pub fn is_content_field(key: &str) -> bool {
    matches!(
        key,
        "text"
            | "entities"
            | "caption"
            | "caption_entities"
            | "photo"
            | "document"
            | "video"
            | "audio"
            | "voice"
            | "animation"
            | "sticker"
            | "video_note"
            | "location"
            | "contact"
            | "link_preview_options"
            | "show_caption_above_media"
    )
}

/// Whether a message is one of the service messages the sandbox emits (every bot of the chat
/// sees them).
fn is_service(json: &Value) -> bool {
    ["migrate_to_chat_id", "migrate_from_chat_id"]
        .iter()
        .any(|k| json.get(*k).is_some())
}
