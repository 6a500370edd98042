//! Users handing a bot other people: shared contacts, forwarded messages and users picked
//! with a `request_users` keyboard button — how a desk's settings bot learns who its agents are.

use serde_json::{json, Map, Value};

use super::acting::{automatic_entities, unknown_message, user_posts};
use super::messages::NewMessage;
use super::state::{ChatRef, UserInfo, WorldState};
use super::{UserId, World};
use crate::error::ControlError;

impl World {
    /// A user shares a contact: a message with `contact`, carrying `user_id` when the contact
    /// is a Telegram user (`contact_user`).
    pub fn user_shares_contact(
        &self,
        user: UserId,
        chat: ChatRef,
        contact_user: Option<UserId>,
        phone: &str,
        first_name: &str,
    ) -> Result<Value, ControlError> {
        if phone.trim().is_empty() || first_name.trim().is_empty() {
            return Err(ControlError::Invalid(
                "a contact needs a phone number and a first name".into(),
            ));
        }
        let mut w = self.shared.world();
        let mut contact = json!({"phone_number": phone, "first_name": first_name});
        if let Some(id) = contact_user {
            known_user(&w, id)?;
            contact["user_id"] = json!(id);
        }
        let mut new = NewMessage::default();
        new.content.insert("contact".into(), contact);
        post(&mut w, user, chat, new)
    }

    /// A user forwards a text message `original_sender` wrote: `forward_origin` of type
    /// `user`, or `hidden_user` (only the sender's name) when the sender hides their account
    /// in forwards — then a bot cannot learn who it was.
    pub fn user_forwards(
        &self,
        user: UserId,
        chat: ChatRef,
        original_sender: UserId,
        text: &str,
        hidden: bool,
    ) -> Result<Value, ControlError> {
        if text.trim().is_empty() || text.chars().count() > 4096 {
            return Err(ControlError::Invalid(
                "text must have 1-4096 characters".into(),
            ));
        }
        let mut w = self.shared.world();
        let sender = known_user(&w, original_sender)?.clone();
        let date = WorldState::now();
        let origin = if hidden {
            json!({"type": "hidden_user", "date": date, "sender_user_name": full_name(&sender)})
        } else {
            json!({"type": "user", "date": date, "sender_user": sender.json()})
        };
        let mut new = NewMessage::default();
        new.content.insert("text".into(), json!(text));
        if let Some(e) = automatic_entities(text) {
            new.content.insert("entities".into(), e);
        }
        new.extra.insert("forward_origin".into(), origin);
        post(&mut w, user, chat, new)
    }

    /// A user picks `users` with the bot's `request_users` keyboard button `request_id`: a
    /// message with `users_shared`. As in Telegram, the button must be on the reply keyboard
    /// the bot shows in this private chat, the number of users must fit its `max_quantity`
    /// (default 1) and `user_is_bot`, and each `SharedUser` carries `first_name`/`last_name`
    /// only if the button set `request_name`, and `username` only with `request_username`.
    pub fn user_shares_users(
        &self,
        user: UserId,
        chat: ChatRef,
        request_id: i32,
        users: &[UserId],
    ) -> Result<Value, ControlError> {
        let ChatRef::Private { bot, .. } = chat else {
            return Err(ControlError::NotAllowed(
                "request_users buttons work in private chats only".into(),
            ));
        };
        let mut w = self.shared.world();
        let button = w
            .chats
            .get(&chat)
            .and_then(|c| c.reply_keyboards.get(&bot))
            .and_then(|k| request_users_button(k, request_id))
            .ok_or_else(|| {
                ControlError::NoSuchKeyboardButton(format!("request_users {request_id}"))
            })?;
        let flag = |name: &str| button.get(name).and_then(Value::as_bool);
        let max = button
            .get("max_quantity")
            .and_then(Value::as_u64)
            .unwrap_or(1);
        if users.is_empty() || users.len() as u64 > max {
            return Err(ControlError::Invalid(format!(
                "the button lets a user pick 1 to {max} users, not {}",
                users.len()
            )));
        }
        let mut shared = Vec::new();
        for &id in users {
            let info = known_user(&w, id)?;
            if flag("user_is_bot").is_some_and(|want_bot| want_bot != info.is_bot) {
                return Err(ControlError::NotAllowed(format!(
                    "user {id} does not match the button's user_is_bot"
                )));
            }
            let mut item = Map::new();
            item.insert("user_id".into(), json!(id));
            if flag("request_name") == Some(true) {
                item.insert("first_name".into(), json!(info.first_name));
                if let Some(last) = &info.last_name {
                    item.insert("last_name".into(), json!(last));
                }
            }
            if let (Some(true), Some(username)) = (flag("request_username"), &info.username) {
                item.insert("username".into(), json!(username));
            }
            shared.push(Value::Object(item));
        }
        let mut new = NewMessage::default();
        new.content.insert(
            "users_shared".into(),
            json!({"request_id": request_id, "users": shared}),
        );
        post(&mut w, user, chat, new)
    }
}

fn known_user(w: &WorldState, id: UserId) -> Result<&UserInfo, ControlError> {
    w.user(id).ok_or(ControlError::UnknownUser(id))
}

fn full_name(user: &UserInfo) -> String {
    match &user.last_name {
        Some(last) => format!("{} {last}", user.first_name),
        None => user.first_name.clone(),
    }
}

/// The `KeyboardButtonRequestUsers` with `request_id` on a `ReplyKeyboardMarkup`.
fn request_users_button(keyboard: &Value, request_id: i32) -> Option<Value> {
    keyboard
        .get("keyboard")?
        .as_array()?
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|button| button.get("request_users"))
        .find(|r| r.get("request_id").and_then(Value::as_i64) == Some(i64::from(request_id)))
        .cloned()
}

fn post(
    w: &mut WorldState,
    user: UserId,
    chat: ChatRef,
    new: NewMessage,
) -> Result<Value, ControlError> {
    let (id, chat) = user_posts(w, user, chat, new)?;
    w.deliver(chat, id, false);
    w.message_json(chat, id)
        .ok_or_else(|| unknown_message(chat, id))
}
