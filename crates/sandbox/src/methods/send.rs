//! Sending methods: text, media, albums, copies and forwards.

use serde_json::{json, Map, Value};

use super::format;
use crate::error::ApiError;
use crate::params::Params;
use crate::world::messages::{is_content_field, NewMessage};
use crate::world::state::{ChatKind, ChatRef, MediaKind, Sender, Status, WorldState};

pub const MAX_TEXT: usize = 4096;
pub const MAX_CAPTION: usize = 1024;

/// Resolves a `chat_id` as the calling bot may use it, with Telegram's refusals.
pub fn target_chat(w: &WorldState, bot: i64, value: Option<&Value>) -> Result<ChatRef, ApiError> {
    let chat = match value {
        Some(Value::Number(n)) => n.as_i64().ok_or_else(ApiError::chat_not_found)?,
        Some(Value::String(s)) => match s.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                let name = s.strip_prefix('@').ok_or_else(ApiError::chat_not_found)?;
                w.chats
                    .values()
                    .find(|c| c.kind != ChatKind::Private && c.username.as_deref() == Some(name))
                    .map(|c| c.id())
                    .ok_or_else(ApiError::chat_not_found)?
            }
        },
        _ => return Err(ApiError::bad_request("chat_id is empty")),
    };
    if chat > 0 {
        let chat_ref = ChatRef::Private { bot, user: chat };
        if !w.users.contains_key(&chat) {
            return Err(ApiError::chat_not_found());
        }
        if w.bots
            .get(&bot)
            .is_some_and(|b| b.blocked_by.contains(&chat))
        {
            return Err(ApiError::forbidden("bot was blocked by the user"));
        }
        if !w.chats.contains_key(&chat_ref) {
            return Err(ApiError::forbidden(
                "bot can't initiate conversation with a user",
            ));
        }
        return Ok(chat_ref);
    }
    let chat_ref = ChatRef::Group(chat);
    let state = w
        .chats
        .get(&chat_ref)
        .ok_or_else(ApiError::chat_not_found)?;
    if let Some(to) = state.migrated_to {
        return Err(ApiError::migrated(to));
    }
    match state.status_of(bot) {
        Some(s) if s.is_present() => Ok(chat_ref),
        Some(Status::Kicked) => Err(ApiError::forbidden(format!(
            "bot was kicked from the {} chat",
            state.kind.as_str()
        ))),
        Some(_) => Err(ApiError::forbidden(format!(
            "bot is not a member of the {} chat",
            state.kind.as_str()
        ))),
        None => Err(ApiError::chat_not_found()),
    }
}

/// The chat a sending method targets; posting in a channel needs admin rights.
pub fn sending_chat(w: &WorldState, bot: i64, params: &Params) -> Result<ChatRef, ApiError> {
    let chat = target_chat(w, bot, params.get("chat_id"))?;
    if let Some(state) = w.chats.get(&chat) {
        // An administrator without `can_post_messages` is refused like a non-administrator.
        let may_post = state.rights_of(bot).is_some_and(|r| r.can_post_messages);
        if state.kind == ChatKind::Channel && !may_post {
            return Err(ApiError::bad_request(
                "need administrator rights in the channel chat",
            ));
        }
    }
    Ok(chat)
}

/// Threading, reply and keyboard parameters shared by every sending method.
fn placement(params: &Params) -> NewMessage {
    let reply = params.get("reply_parameters");
    NewMessage {
        reply_to: reply
            .and_then(|r| r.get("message_id"))
            .and_then(Value::as_i64),
        allow_without_reply: reply
            .and_then(|r| r.get("allow_sending_without_reply"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        thread_id: params.i64("message_thread_id"),
        reply_markup: params.get("reply_markup").cloned(),
        ..NewMessage::default()
    }
}

/// Stores the bot's message, delivers it, and returns it as the bot sees it.
fn post(w: &mut WorldState, bot: i64, chat: ChatRef, msg: NewMessage) -> Result<Value, ApiError> {
    let markup = msg.reply_markup.clone();
    let id = w.store_message(chat, Sender::Bot(bot), msg)?;
    if let (Some(markup), Some(state)) = (markup, w.chats.get_mut(&chat)) {
        if markup.get("keyboard").is_some() {
            state.reply_keyboards.insert(bot, markup);
        } else if markup.get("remove_keyboard").is_some() {
            state.reply_keyboards.remove(&bot);
        }
    }
    w.deliver(chat, id, false);
    w.message_for(bot, chat, id)
}

/// Text with `parse_mode` or explicit entities applied, length-checked.
pub fn formatted(
    params: &Params,
    text_field: &str,
    entities_field: &str,
    limit: usize,
) -> Result<Option<(String, Vec<Value>)>, ApiError> {
    let Some(raw) = params.str(text_field) else {
        return Ok(None);
    };
    let (text, entities) = match params.get(entities_field).and_then(Value::as_array) {
        Some(list) => (raw.to_owned(), list.clone()),
        None => format::apply(raw, params.str("parse_mode"))?,
    };
    if text.chars().count() > limit {
        return Err(if text_field == "text" {
            ApiError::bad_request("message is too long")
        } else {
            ApiError::bad_request("message caption is too long")
        });
    }
    Ok(Some((text, entities)))
}

pub(crate) fn insert_text(
    content: &mut Map<String, Value>,
    field: &str,
    entities_field: &str,
    value: (String, Vec<Value>),
) {
    let (text, explicit) = value;
    if text.is_empty() {
        return;
    }
    // Telegram adds the automatic entities (hashtags, links, ...) to whatever the bot set.
    let entities = crate::entities::with_automatic(&text, explicit);
    content.insert(field.into(), json!(text));
    if !entities.is_empty() {
        content.insert(entities_field.into(), json!(entities));
    }
}

pub fn send_message(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = sending_chat(w, bot, params)?;
    let text = formatted(params, "text", "entities", MAX_TEXT)?.unwrap_or_default();
    if text.0.trim().is_empty() {
        return Err(ApiError::bad_request("message text is empty"));
    }
    let mut msg = placement(params);
    insert_text(&mut msg.content, "text", "entities", text);
    post(w, bot, chat, msg)
}

pub fn send_media(
    w: &mut WorldState,
    bot: i64,
    kind: MediaKind,
    params: &Params,
) -> Result<Value, ApiError> {
    let chat = sending_chat(w, bot, params)?;
    let caption = formatted(params, "caption", "caption_entities", MAX_CAPTION)?;
    let reference = params.req_str(kind.field())?.to_owned();
    let unique = w.resolve_input_file(bot, kind, &reference, params)?;
    let (field, value) = w
        .media_json(&unique, Some(params))
        .ok_or_else(ApiError::wrong_file_id)?;
    let mut msg = placement(params);
    msg.content.insert(field, value);
    if let Some(c) = caption {
        insert_text(&mut msg.content, "caption", "caption_entities", c);
    }
    post(w, bot, chat, msg)
}

pub fn send_location(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = sending_chat(w, bot, params)?;
    let (lat, lon) = (
        params.f64("latitude").unwrap_or(0.0),
        params.f64("longitude").unwrap_or(0.0),
    );
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(ApiError::bad_request(
            "wrong latitude or longitude specified",
        ));
    }
    let mut msg = placement(params);
    msg.content.insert(
        "location".into(),
        json!({"latitude": lat, "longitude": lon}),
    );
    post(w, bot, chat, msg)
}

pub fn send_contact(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = sending_chat(w, bot, params)?;
    let mut contact = json!({
        "phone_number": params.req_str("phone_number")?,
        "first_name": params.req_str("first_name")?,
    });
    for key in ["last_name", "vcard"] {
        if let Some(v) = params.str(key) {
            contact[key] = json!(v);
        }
    }
    let mut msg = placement(params);
    msg.content.insert("contact".into(), contact);
    post(w, bot, chat, msg)
}

/// sendMediaGroup: one message per item, sharing a `media_group_id`.
pub fn send_media_group(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = sending_chat(w, bot, params)?;
    let items = params
        .get("media")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !(2..=10).contains(&items.len()) {
        return Err(ApiError::bad_request("media group must include 2-10 items"));
    }
    let kinds: Vec<MediaKind> = items
        .iter()
        .map(|i| {
            i.get("type")
                .and_then(Value::as_str)
                .and_then(MediaKind::from_field)
        })
        .collect::<Option<_>>()
        .ok_or_else(|| ApiError::bad_request("unsupported media type in the album"))?;
    for exclusive in [MediaKind::Audio, MediaKind::Document] {
        if kinds.contains(&exclusive) && kinds.iter().any(|k| *k != exclusive) {
            return Err(ApiError::bad_request(format!(
                "{} can't be mixed with other media types",
                exclusive.field()
            )));
        }
    }
    // Resolve every file first so a bad item sends nothing, as Telegram does.
    let mut resolved = Vec::new();
    for (item, kind) in items.iter().zip(&kinds) {
        let reference = item.get("media").and_then(Value::as_str).unwrap_or("");
        let unique = w.resolve_input_file(bot, *kind, reference, params)?;
        let caption = item
            .get("caption")
            .and_then(Value::as_str)
            .map(str::to_owned);
        if caption
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_CAPTION)
        {
            return Err(ApiError::bad_request("message caption is too long"));
        }
        resolved.push((unique, caption));
    }
    let group_id = w.next_media_group.to_string();
    w.next_media_group += 1;
    let mut out = Vec::new();
    for (unique, caption) in resolved {
        let (field, value) = w
            .media_json(&unique, None)
            .ok_or_else(ApiError::wrong_file_id)?;
        let mut msg = placement(params);
        msg.reply_markup = None;
        msg.content.insert(field, value);
        if let Some(c) = caption {
            insert_text(
                &mut msg.content,
                "caption",
                "caption_entities",
                (c, Vec::new()),
            );
        }
        msg.extra.insert("media_group_id".into(), json!(group_id));
        out.push(post(w, bot, chat, msg)?);
    }
    Ok(Value::Array(out))
}

/// The live message a bot refers to in another chat (copy/forward sources).
fn source_message(
    w: &WorldState,
    bot: i64,
    params: &Params,
    missing: &str,
) -> Result<(ChatRef, Value, Sender), ApiError> {
    let from = target_chat(w, bot, params.get("from_chat_id"))?;
    let id = params.req_i64("message_id")?;
    let msg = w
        .chats
        .get(&from)
        .and_then(|c| c.live_message(id))
        .ok_or_else(|| ApiError::bad_request(missing))?;
    Ok((from, msg.json.clone(), msg.sender))
}

fn content_of(json: &Value) -> Map<String, Value> {
    json.as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| is_content_field(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

pub fn copy_message(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let (_, source, _) = source_message(w, bot, params, "message to copy not found")?;
    let chat = sending_chat(w, bot, params)?;
    let mut content = content_of(&source);
    if content.is_empty() {
        return Err(ApiError::bad_request("message can't be copied"));
    }
    // Only these kinds carry a caption (the reference's `Message.caption`: "animation, audio,
    // document, paid media, photo, video or voice"); a sticker, a video note, a location or
    // a contact copied with one arrives without it, as in Telegram.
    let takes_caption = content
        .keys()
        .any(|k| MediaKind::from_field(k).is_some_and(|kind| kind.takes_caption()));
    if let Some(caption) = formatted(params, "caption", "caption_entities", MAX_CAPTION)? {
        if takes_caption {
            content.remove("caption");
            content.remove("caption_entities");
            insert_text(&mut content, "caption", "caption_entities", caption);
        }
    }
    let mut msg = placement(params);
    msg.content = content;
    let id = w.store_message(chat, Sender::Bot(bot), msg)?;
    w.deliver(chat, id, false);
    Ok(json!({"message_id": id}))
}

pub fn forward_message(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let (from, source, sender) = source_message(w, bot, params, "message to forward not found")?;
    let chat = sending_chat(w, bot, params)?;
    let content = content_of(&source);
    if content.is_empty() {
        return Err(ApiError::bad_request("message can't be forwarded"));
    }
    let date = source["date"].clone();
    let origin = match source.get("forward_origin") {
        Some(o) => o.clone(),
        None => match sender {
            Sender::User(_) | Sender::Bot(_) => {
                json!({"type": "user", "date": date, "sender_user": source["from"]})
            }
            Sender::Channel(_) => json!({
                "type": "channel", "date": date, "chat": source["sender_chat"],
                "message_id": source["message_id"],
            }),
            Sender::Service => {
                json!({"type": "hidden_user", "date": date, "sender_user_name": "Telegram"})
            }
        },
    };
    let origin = if w
        .chats
        .get(&from)
        .is_some_and(|c| c.kind == ChatKind::Channel)
    {
        json!({"type": "channel", "date": date, "chat": source["chat"], "message_id": source["message_id"]})
    } else {
        origin
    };
    let mut msg = NewMessage {
        content,
        thread_id: params.i64("message_thread_id"),
        ..NewMessage::default()
    };
    msg.extra.insert("forward_origin".into(), origin);
    post(w, bot, chat, msg)
}
