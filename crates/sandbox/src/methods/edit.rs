//! Editing and deleting messages, answering callback queries.

use serde_json::{json, Value};

use super::send::{formatted, insert_text, target_chat, MAX_CAPTION, MAX_TEXT};
use crate::error::ApiError;
use crate::params::Params;
use crate::world::state::{ChatKind, ChatRef, MediaKind, Sender, WorldState};

/// The message a bot may edit: its own, or any channel post where it is an administrator.
fn editable(w: &WorldState, bot: i64, params: &Params) -> Result<(ChatRef, i64), ApiError> {
    if params.get("inline_message_id").is_some() {
        return Err(ApiError::bad_request(
            "inline messages are not supported by the sandbox",
        ));
    }
    let chat = target_chat(w, bot, params.get("chat_id"))?;
    let id = params
        .i64("message_id")
        .ok_or_else(|| ApiError::bad_request("message identifier is not specified"))?;
    let state = w.chats.get(&chat).ok_or_else(ApiError::chat_not_found)?;
    let msg = state
        .live_message(id)
        .ok_or_else(|| ApiError::bad_request("message to edit not found"))?;
    let channel_admin =
        state.kind == ChatKind::Channel && state.status_of(bot).is_some_and(|s| s.is_admin());
    if msg.sender != Sender::Bot(bot) && !channel_admin {
        return Err(ApiError::bad_request("message can't be edited"));
    }
    Ok((chat, id))
}

/// Applies `change` to the stored message, refusing no-op edits as Telegram does.
fn apply_edit(
    w: &mut WorldState,
    bot: i64,
    chat: ChatRef,
    id: i64,
    change: impl FnOnce(&mut Value) -> Result<(), ApiError>,
) -> Result<Value, ApiError> {
    let msg = w
        .chats
        .get_mut(&chat)
        .and_then(|c| c.messages.get_mut(&id))
        .ok_or_else(|| ApiError::bad_request("message to edit not found"))?;
    let mut json = msg.json.clone();
    change(&mut json)?;
    if json == msg.json {
        return Err(ApiError::bad_request(
            "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        ));
    }
    json["edit_date"] = json!(WorldState::now());
    msg.json = json;
    w.bump_changes();
    w.message_for(bot, chat, id)
}

fn set_markup(json: &mut Value, params: &Params) {
    if let Some(o) = json.as_object_mut() {
        match params
            .get("reply_markup")
            .filter(|m| m.get("inline_keyboard").is_some())
        {
            Some(m) => {
                o.insert("reply_markup".into(), m.clone());
            }
            None => {
                o.remove("reply_markup");
            }
        }
    }
}

pub fn edit_message_text(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let (chat, id) = editable(w, bot, params)?;
    let (text, entities) = formatted(params, "text", "entities", MAX_TEXT)?.unwrap_or_default();
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("message text is empty"));
    }
    apply_edit(w, bot, chat, id, |json| {
        if json.get("text").is_none() {
            return Err(ApiError::bad_request(
                "there is no text in the message to edit",
            ));
        }
        if let Some(o) = json.as_object_mut() {
            o.remove("text");
            o.remove("entities");
            insert_text(o, "text", "entities", (text, entities));
        }
        set_markup(json, params);
        Ok(())
    })
}

pub fn edit_message_caption(
    w: &mut WorldState,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let (chat, id) = editable(w, bot, params)?;
    let caption = formatted(params, "caption", "caption_entities", MAX_CAPTION)?;
    apply_edit(w, bot, chat, id, |json| {
        let takes_caption = json.as_object().is_some_and(|o| {
            o.keys()
                .any(|k| MediaKind::from_field(k).is_some_and(|kind| kind.takes_caption()))
        });
        if !takes_caption {
            return Err(ApiError::bad_request(
                "there is no caption in the message to edit",
            ));
        }
        if let Some(o) = json.as_object_mut() {
            o.remove("caption");
            o.remove("caption_entities");
            if let Some(caption) = caption {
                insert_text(o, "caption", "caption_entities", caption);
            }
        }
        set_markup(json, params);
        Ok(())
    })
}

pub fn edit_message_reply_markup(
    w: &mut WorldState,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let (chat, id) = editable(w, bot, params)?;
    apply_edit(w, bot, chat, id, |json| {
        set_markup(json, params);
        Ok(())
    })
}

pub fn delete_message(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let chat = target_chat(w, bot, params.get("chat_id"))?;
    let id = params.req_i64("message_id")?;
    let state = w
        .chats
        .get_mut(&chat)
        .ok_or_else(ApiError::chat_not_found)?;
    let is_admin = state.status_of(bot).is_some_and(|s| s.is_admin());
    let private = state.kind == ChatKind::Private;
    let msg = state
        .messages
        .get_mut(&id)
        .filter(|m| !m.deleted)
        .ok_or_else(|| ApiError::bad_request("message to delete not found"))?;
    if msg.sender != Sender::Bot(bot) && !is_admin && !private {
        return Err(ApiError::bad_request("message can't be deleted"));
    }
    msg.deleted = true;
    w.bump_changes();
    Ok(json!(true))
}

pub fn answer_callback_query(
    w: &mut WorldState,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let id = params.req_str("callback_query_id")?;
    let state = w
        .callbacks
        .get_mut(id)
        .filter(|c| c.bot == bot && c.answer.is_none())
        .ok_or_else(|| {
            ApiError::bad_request(
                "query is too old and response timeout expired or query ID is invalid",
            )
        })?;
    if params.str("text").is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::bad_request("MESSAGE_TOO_LONG"));
    }
    state.answer = Some(Value::Object(params.values.clone()));
    w.bump_changes();
    Ok(json!(true))
}
