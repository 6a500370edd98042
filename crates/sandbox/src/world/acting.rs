//! Users acting in the world: sending, editing, pressing buttons, commenting.

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::messages::NewMessage;
use super::setup::ensure_private_chat;
use super::state::{ChatKind, ChatRef, MediaKind, Sender, WorldState};
use super::{UserId, World};
use crate::error::{ApiError, ControlError};

/// A file a user sends, with real bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MediaUpload {
    pub kind: MediaKind,
    #[serde(with = "base64_bytes")]
    pub bytes: Bytes,
    #[serde(default)]
    pub file_name: Option<String>,
    #[serde(default)]
    pub mime_type: Option<String>,
}

/// What a user sends. `reply_to` and `thread_id` place it in a conversation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserMessage {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub media: Option<MediaUpload>,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub reply_to: Option<i64>,
    #[serde(default)]
    pub thread_id: Option<i64>,
}

impl UserMessage {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            ..Self::default()
        }
    }
}

impl World {
    /// A user sends a message; bots that may see it get an update. Returns the stored message.
    pub fn user_sends(
        &self,
        user: UserId,
        chat: ChatRef,
        message: UserMessage,
    ) -> Result<Value, ControlError> {
        let mut w = self.shared.world();
        let (id, chat) = user_post(&mut w, user, chat, message, None)?;
        w.deliver(chat, id, false);
        w.message_json(chat, id)
            .ok_or_else(|| unknown_message(chat, id))
    }

    pub fn user_sends_text(
        &self,
        user: UserId,
        chat: ChatRef,
        text: &str,
    ) -> Result<Value, ControlError> {
        self.user_sends(user, chat, UserMessage::text(text))
    }

    /// A reply to `reply_to` (in a discussion group this joins the replied message's thread).
    pub fn user_replies(
        &self,
        user: UserId,
        chat: ChatRef,
        reply_to: i64,
        text: &str,
    ) -> Result<Value, ControlError> {
        let message = UserMessage {
            reply_to: Some(reply_to),
            ..UserMessage::text(text)
        };
        self.user_sends(user, chat, message)
    }

    /// A comment under a channel post: a message in the discussion group replying to the
    /// automatic forward whose id is `thread_id`.
    pub fn user_comments(
        &self,
        user: UserId,
        group: ChatRef,
        thread_id: i64,
        text: &str,
    ) -> Result<Value, ControlError> {
        let message = UserMessage {
            thread_id: Some(thread_id),
            ..UserMessage::text(text)
        };
        self.user_sends(user, group, message)
    }

    pub fn user_sends_media(
        &self,
        user: UserId,
        chat: ChatRef,
        media: MediaUpload,
        caption: Option<&str>,
    ) -> Result<Value, ControlError> {
        let message = UserMessage {
            media: Some(media),
            caption: caption.map(str::to_owned),
            ..UserMessage::default()
        };
        self.user_sends(user, chat, message)
    }

    pub fn user_sends_photo(
        &self,
        user: UserId,
        chat: ChatRef,
        bytes: impl Into<Bytes>,
        caption: Option<&str>,
    ) -> Result<Value, ControlError> {
        let media = MediaUpload {
            kind: MediaKind::Photo,
            bytes: bytes.into(),
            file_name: None,
            mime_type: Some("image/jpeg".into()),
        };
        self.user_sends_media(user, chat, media, caption)
    }

    pub fn user_sends_document(
        &self,
        user: UserId,
        chat: ChatRef,
        bytes: impl Into<Bytes>,
        file_name: &str,
        caption: Option<&str>,
    ) -> Result<Value, ControlError> {
        let media = MediaUpload {
            kind: MediaKind::Document,
            bytes: bytes.into(),
            file_name: Some(file_name.to_owned()),
            mime_type: Some("application/octet-stream".into()),
        };
        self.user_sends_media(user, chat, media, caption)
    }

    /// An album: separate messages sharing one `media_group_id`, as Telegram delivers them.
    pub fn user_sends_album(
        &self,
        user: UserId,
        chat: ChatRef,
        items: Vec<MediaUpload>,
        caption: Option<&str>,
    ) -> Result<Vec<Value>, ControlError> {
        self.user_sends_album_in(user, chat, None, items, caption)
    }

    /// An album in a thread of a discussion group (a comment under a channel post whose
    /// automatic forward is `thread_id`), or in the chat itself with `None`.
    pub fn user_sends_album_in(
        &self,
        user: UserId,
        chat: ChatRef,
        thread_id: Option<i64>,
        items: Vec<MediaUpload>,
        caption: Option<&str>,
    ) -> Result<Vec<Value>, ControlError> {
        let mut w = self.shared.world();
        let group_id = w.next_media_group.to_string();
        w.next_media_group += 1;
        let mut out = Vec::new();
        for (i, media) in items.into_iter().enumerate() {
            let message = UserMessage {
                media: Some(media),
                caption: if i == 0 {
                    caption.map(str::to_owned)
                } else {
                    None
                },
                thread_id,
                ..UserMessage::default()
            };
            let (id, chat) = user_post(&mut w, user, chat, message, Some(&group_id))?;
            w.deliver(chat, id, false);
            out.push(
                w.message_json(chat, id)
                    .ok_or_else(|| unknown_message(chat, id))?,
            );
        }
        Ok(out)
    }

    /// A user edits the text (or caption) of their message: `edited_message` for the bots that
    /// saw it.
    pub fn user_edits(
        &self,
        user: UserId,
        chat: ChatRef,
        message_id: i64,
        new_text: &str,
    ) -> Result<Value, ControlError> {
        let mut w = self.shared.world();
        let chat = resolve_user_chat(&mut w, user, chat)?;
        let state = w
            .chats
            .get_mut(&chat)
            .ok_or_else(|| ControlError::UnknownChat(chat.to_string()))?;
        let is_channel = state.kind == ChatKind::Channel;
        let msg = state
            .messages
            .get_mut(&message_id)
            .filter(|m| !m.deleted)
            .ok_or_else(|| unknown_message(chat, message_id))?;
        let own = msg.sender == Sender::User(user)
            || (is_channel && msg.sender == Sender::Channel(chat.telegram_id()));
        if !own {
            return Err(ControlError::NotAllowed(
                "users can only edit their own messages".into(),
            ));
        }
        let field = if msg.json.get("text").is_some() {
            "text"
        } else {
            "caption"
        };
        msg.json[field] = json!(new_text);
        let entities_field = if field == "text" {
            "entities"
        } else {
            "caption_entities"
        };
        if let Some(o) = msg.json.as_object_mut() {
            o.remove(entities_field);
            if let Some(e) = automatic_entities(new_text) {
                o.insert(entities_field.into(), e);
            }
        }
        msg.json["edit_date"] = json!(WorldState::now());
        let json = msg.json.clone();
        w.bump_changes();
        w.deliver(chat, message_id, true);
        Ok(json)
    }

    /// A user presses an inline button carrying `callback_data`: a `callback_query` for the
    /// bot that sent the message. Returns the callback query id.
    pub fn user_presses_button(
        &self,
        user: UserId,
        chat: ChatRef,
        message_id: i64,
        callback_data: &str,
    ) -> Result<String, ControlError> {
        let mut w = self.shared.world();
        let chat = resolve_chat_for(&mut w, user, chat, Action::Press)?;
        let msg = w
            .chats
            .get(&chat)
            .and_then(|c| c.live_message(message_id))
            .cloned()
            .ok_or_else(|| unknown_message(chat, message_id))?;
        let has_button = msg
            .json
            .pointer("/reply_markup/inline_keyboard")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .any(|b| b.get("callback_data").and_then(Value::as_str) == Some(callback_data));
        let super::state::Sender::Bot(bot) = msg.sender else {
            return Err(ControlError::NoSuchButton(callback_data.to_owned()));
        };
        if !has_button {
            return Err(ControlError::NoSuchButton(callback_data.to_owned()));
        }
        let from = w
            .user(user)
            .map(|u| u.json())
            .ok_or(ControlError::UnknownUser(user))?;
        let n = w.next_callback;
        w.next_callback += 1;
        let id = format!("{}{n:08}", bot % 1_000_000);
        w.callbacks.insert(
            id.clone(),
            super::state::CallbackState { bot, answer: None },
        );
        let payload = json!({
            "id": id,
            "from": from,
            "message": WorldState::render_for(bot, &msg.json),
            "chat_instance": format!("{}", chat.telegram_id().unsigned_abs() ^ 0x5eed),
            "data": callback_data,
        });
        w.enqueue(bot, "callback_query", payload);
        Ok(id)
    }
}

/// What a user does in a chat: in a channel only administrators post, but every subscriber
/// may press a post's inline buttons.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Post,
    Press,
}

/// A user may post in a private chat with a bot (opened on first use), a group they belong to,
/// or a channel they administer.
fn resolve_user_chat(
    w: &mut WorldState,
    user: UserId,
    chat: ChatRef,
) -> Result<ChatRef, ControlError> {
    resolve_chat_for(w, user, chat, Action::Post)
}

fn resolve_chat_for(
    w: &mut WorldState,
    user: UserId,
    chat: ChatRef,
    action: Action,
) -> Result<ChatRef, ControlError> {
    if !w.users.contains_key(&user) {
        return Err(ControlError::UnknownUser(user));
    }
    match chat {
        ChatRef::Private { bot, user: owner } => {
            if owner != user {
                return Err(ControlError::NotAllowed(
                    "that private chat belongs to another user".into(),
                ));
            }
            ensure_private_chat(w, bot, user)
        }
        ChatRef::Group(_) => {
            let state = w
                .chats
                .get(&chat)
                .ok_or_else(|| ControlError::UnknownChat(chat.to_string()))?;
            if let Some(to) = state.migrated_to {
                return Err(ControlError::NotAllowed(format!(
                    "chat {chat} was upgraded to the supergroup {to}"
                )));
            }
            let status = state.status_of(user);
            let allowed = match state.kind {
                ChatKind::Channel if action == Action::Post => status.is_some_and(|s| s.is_admin()),
                _ => status.is_some_and(|s| s.is_present()),
            };
            if !allowed {
                return Err(ControlError::NotAllowed(format!(
                    "user {user} cannot post in chat {chat}"
                )));
            }
            Ok(chat)
        }
    }
}

fn user_post(
    w: &mut WorldState,
    user: UserId,
    chat: ChatRef,
    message: UserMessage,
    media_group_id: Option<&str>,
) -> Result<(i64, ChatRef), ControlError> {
    let chat = resolve_user_chat(w, user, chat)?;
    let is_channel = w
        .chats
        .get(&chat)
        .is_some_and(|c| c.kind == ChatKind::Channel);
    let mut content = Map::new();
    if let Some(text) = &message.text {
        if text.trim().is_empty() || text.chars().count() > 4096 {
            return Err(ControlError::Invalid(
                "text must have 1-4096 characters".into(),
            ));
        }
        content.insert("text".into(), json!(text));
        if let Some(e) = automatic_entities(text) {
            content.insert("entities".into(), e);
        }
    }
    if let Some(media) = message.media {
        let unique = w.store_file(media.kind, media.bytes, media.file_name, media.mime_type);
        let (field, value) = w
            .media_json(&unique, None)
            .ok_or_else(|| ControlError::Invalid("file could not be stored".into()))?;
        content.insert(field, value);
        // Telegram keeps no caption on a sticker or a video note.
        let caption = message.caption.filter(|_| media.kind.takes_caption());
        if let Some(caption) = caption.filter(|c| !c.is_empty()) {
            if caption.chars().count() > crate::methods::send::MAX_CAPTION {
                return Err(ControlError::Invalid(
                    "a caption has at most 1024 characters".into(),
                ));
            }
            if let Some(e) = automatic_entities(&caption) {
                content.insert("caption_entities".into(), e);
            }
            content.insert("caption".into(), json!(caption));
        }
    }
    if content.is_empty() {
        return Err(ControlError::Invalid(
            "a message needs text or media".into(),
        ));
    }
    let mut extra = Map::new();
    if let Some(g) = media_group_id {
        extra.insert("media_group_id".into(), json!(g));
    }
    let new = NewMessage {
        content,
        extra,
        reply_to: message.reply_to,
        thread_id: message.thread_id,
        ..NewMessage::default()
    };
    let id = store_user_message(w, user, chat, is_channel, new)?;
    Ok((id, chat))
}

/// Stores a message a user posts (other than text or media) in a chat they may post in:
/// contacts, forwards, shared users. Returns the message id and the resolved chat.
pub(super) fn user_posts(
    w: &mut WorldState,
    user: UserId,
    chat: ChatRef,
    new: NewMessage,
) -> Result<(i64, ChatRef), ControlError> {
    let chat = resolve_user_chat(w, user, chat)?;
    let is_channel = w
        .chats
        .get(&chat)
        .is_some_and(|c| c.kind == ChatKind::Channel);
    let id = store_user_message(w, user, chat, is_channel, new)?;
    Ok((id, chat))
}

fn store_user_message(
    w: &mut WorldState,
    user: UserId,
    chat: ChatRef,
    is_channel: bool,
    new: NewMessage,
) -> Result<i64, ControlError> {
    let sender = if is_channel {
        Sender::Channel(chat.telegram_id())
    } else {
        Sender::User(user)
    };
    w.store_message(chat, sender, new)
        .map_err(|e: ApiError| ControlError::Invalid(e.description))
}

/// The automatic entities Telegram finds in what a user typed (a user sets no others here).
pub(crate) fn automatic_entities(text: &str) -> Option<Value> {
    let entities = crate::entities::with_automatic(text, Vec::new());
    (!entities.is_empty()).then(|| json!(entities))
}

pub(super) fn unknown_message(chat: ChatRef, id: i64) -> ControlError {
    ControlError::UnknownMessage {
        chat: chat.to_string(),
        message_id: id,
    }
}

mod base64_bytes {
    use base64::Engine;
    use bytes::Bytes;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Bytes, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map(Bytes::from)
            .map_err(serde::de::Error::custom)
    }
}
