//! Information about the bot and chats; commands; forum topics; files.

use serde_json::{json, Value};

use super::send::{sending_chat, target_chat};
use crate::error::ApiError;
use crate::params::Params;
use crate::world::files::MAX_DOWNLOAD;
use crate::world::messages::NewMessage;
use crate::world::state::{ChatKind, Sender, Status, Topic, WorldState};

pub fn get_me(w: &WorldState, bot: i64) -> Result<Value, ApiError> {
    let user = w.user(bot).ok_or_else(ApiError::unauthorized)?;
    let privacy = w.bots.get(&bot).is_none_or(|b| b.privacy_mode);
    let mut me = user.json();
    // Telegram answers every field the reference marks "Returned only in getMe", true or
    // false; a sandbox bot can join groups, has privacy mode as BotFather set it and none of
    // the features the sandbox does not model (inline mode, business, web apps, ...).
    for field in crate::spec::Spec::get().get_me_only_fields() {
        let value = match field {
            "can_join_groups" => true,
            "can_read_all_group_messages" => !privacy,
            _ => false,
        };
        me[field] = json!(value);
    }
    Ok(me)
}

pub fn get_chat(w: &WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = target_chat(w, bot, params.get("chat_id"))?;
    let state = w.chats.get(&chat).ok_or_else(ApiError::chat_not_found)?;
    let mut info = state.json();
    info["accent_color_id"] = json!(0);
    info["max_reaction_count"] = json!(11);
    info["accepted_gift_types"] = json!({
        "unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false,
        "premium_subscription": false, "gifts_from_channels": false,
    });
    if let Some(linked) = state.linked {
        info["linked_chat_id"] = json!(linked);
    }
    Ok(info)
}

pub fn get_chat_member(w: &WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = target_chat(w, bot, params.get("chat_id"))?;
    let user_id = params.req_i64("user_id")?;
    let user = w
        .user(user_id)
        .ok_or_else(|| ApiError::bad_request("user not found"))?;
    let state = w.chats.get(&chat).ok_or_else(ApiError::chat_not_found)?;
    let status = state.status_of(user_id).unwrap_or(Status::Left);
    Ok(crate::world::setup::chat_member_json(
        user.json(),
        status,
        state,
        state.rights_of(user_id),
    ))
}

pub fn get_chat_administrators(
    w: &WorldState,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let chat = target_chat(w, bot, params.get("chat_id"))?;
    let state = w.chats.get(&chat).ok_or_else(ApiError::chat_not_found)?;
    if state.kind == ChatKind::Private {
        return Err(ApiError::bad_request(
            "there are no administrators in the private chat",
        ));
    }
    let admins = state
        .members
        .iter()
        .filter(|(_, s)| s.is_admin())
        .filter_map(|(id, s)| {
            let user = w.user(*id)?;
            // Other bots are not listed; the calling bot sees itself with its own rights.
            (!user.is_bot || *id == bot).then(|| {
                crate::world::setup::chat_member_json(user.json(), *s, state, state.rights_of(*id))
            })
        })
        .collect();
    Ok(Value::Array(admins))
}

fn commands_key(params: &Params) -> String {
    let scope = params
        .get("scope")
        .and_then(|s| s.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("default");
    format!("{scope}:{}", params.str("language_code").unwrap_or(""))
}

pub fn set_my_commands(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let commands = params.get("commands").cloned().unwrap_or(json!([]));
    let list = commands.as_array().cloned().unwrap_or_default();
    if list.len() > 100 {
        return Err(ApiError::bad_request("too many commands"));
    }
    for c in &list {
        let name = c.get("command").and_then(Value::as_str).unwrap_or("");
        let valid = (1..=32).contains(&name.len())
            && name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
        let description = c.get("description").and_then(Value::as_str).unwrap_or("");
        if !valid || !(1..=256).contains(&description.chars().count()) {
            return Err(ApiError::bad_request("BOT_COMMAND_INVALID"));
        }
    }
    let key = commands_key(params);
    if let Some(b) = w.bots.get_mut(&bot) {
        b.commands.insert(key, commands);
    }
    Ok(json!(true))
}

pub fn get_my_commands(w: &WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let key = commands_key(params);
    Ok(w.bots
        .get(&bot)
        .and_then(|b| b.commands.get(&key).cloned())
        .unwrap_or(json!([])))
}

pub fn delete_my_commands(
    w: &mut WorldState,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let key = commands_key(params);
    if let Some(b) = w.bots.get_mut(&bot) {
        b.commands.remove(&key);
    }
    Ok(json!(true))
}

pub fn create_forum_topic(
    w: &mut WorldState,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let chat = sending_chat(w, bot, params)?;
    let name = params.req_str("name")?.to_owned();
    if !(1..=128).contains(&name.chars().count()) {
        return Err(ApiError::bad_request("TOPIC_TITLE_EMPTY"));
    }
    let state = w.chats.get(&chat).ok_or_else(ApiError::chat_not_found)?;
    if !state.is_forum {
        return Err(ApiError::bad_request("the chat is not a forum"));
    }
    if !state.status_of(bot).is_some_and(|s| s.is_admin()) {
        return Err(ApiError::bad_request("not enough rights to create a topic"));
    }
    let icon_color = params.i64("icon_color").unwrap_or(7_322_096);
    let mut msg = NewMessage::default();
    msg.content.insert(
        "forum_topic_created".into(),
        json!({"name": name, "icon_color": icon_color}),
    );
    let id = w.store_message(chat, Sender::Bot(bot), msg)?;
    let state = w
        .chats
        .get_mut(&chat)
        .ok_or_else(ApiError::chat_not_found)?;
    state.topics.insert(
        id,
        Topic {
            name: name.clone(),
            icon_color,
        },
    );
    if let Some(m) = state.messages.get_mut(&id) {
        // The creation message opens the topic: it belongs to it and is its root.
        m.thread_id = Some(id);
        m.json["message_thread_id"] = json!(id);
        m.json["is_topic_message"] = json!(true);
    }
    Ok(json!({"message_thread_id": id, "name": name, "icon_color": icon_color}))
}

pub fn get_file(w: &WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let file_id = params.req_str("file_id")?;
    let (owner, unique) = WorldState::parse_file_id(file_id)
        .ok_or_else(|| ApiError::bad_request("invalid file_id"))?;
    let file = w
        .files
        .get(unique)
        .filter(|_| owner == bot)
        .ok_or_else(|| ApiError::bad_request("invalid file_id"))?;
    if file.bytes.len() > MAX_DOWNLOAD {
        return Err(ApiError::bad_request("file is too big"));
    }
    Ok(json!({
        "file_id": file_id,
        "file_unique_id": unique,
        "file_size": file.bytes.len(),
        "file_path": file.path,
    }))
}

const CHAT_ACTIONS: [&str; 11] = [
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
];

pub fn send_chat_action(w: &WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    sending_chat(w, bot, params)?;
    let action = params.req_str("action")?;
    if !CHAT_ACTIONS.contains(&action) {
        return Err(ApiError::bad_request("wrong parameter action in request"));
    }
    Ok(json!(true))
}
