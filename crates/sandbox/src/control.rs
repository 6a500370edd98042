//! The control API over HTTP (`/control/...`, JSON): the same operations as [`World`], for the
//! standalone server, the demo and tests in other languages. Documented in README.md.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::ControlError;
use crate::faults::Fault;
use crate::shared::Shared;
use base64::Engine;

use crate::world::{AdminRights, ChatRef, GroupKind, MediaUpload, UserId, UserMessage, World};

type Result<T> = std::result::Result<T, ControlError>;

pub fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/bots", post(create_bot))
        .route("/users", post(create_user))
        .route("/groups", post(create_group))
        .route("/channels", post(create_channel))
        .route("/upgrades", post(upgrade_group))
        .route("/discussions", post(link_discussion))
        .route("/members", post(add_member))
        .route("/members/remove", post(remove_member))
        .route("/privacy", post(set_privacy))
        .route("/messages", post(send_message).get(list_messages))
        .route("/albums", post(send_album))
        .route("/contacts", post(share_contact))
        .route("/forwards", post(forward))
        .route("/users_shared", post(share_users))
        .route("/keyboards", get(keyboard))
        .route("/documents/last", get(last_document))
        .route("/edits", post(edit_message))
        .route("/button_presses", post(press_button))
        .route("/blocks", post(block))
        .route("/wait", post(wait))
        .route("/threads", get(thread))
        .route("/callbacks/{id}", get(callback_answer))
        .route("/files/{unique_id}", get(file))
        .route("/faults", post(inject_fault).delete(clear_faults))
        .route("/flood", post(set_flood))
        .route("/calls", get(calls))
        .route("/world", get(snapshot))
        .route("/violations", get(violations))
}

fn world(shared: Arc<Shared>) -> World {
    World::new(shared)
}

#[derive(Deserialize)]
struct NewBot {
    username: String,
}

async fn create_bot(State(s): State<Arc<Shared>>, Json(b): Json<NewBot>) -> Json<Value> {
    let bot = world(s).create_bot(&b.username);
    Json(json!({"id": bot.id, "token": bot.token, "username": bot.username}))
}

#[derive(Deserialize)]
struct NewUser {
    first_name: String,
    username: Option<String>,
    language_code: Option<String>,
}

async fn create_user(State(s): State<Arc<Shared>>, Json(u): Json<NewUser>) -> Json<Value> {
    let id = world(s).create_user(
        &u.first_name,
        u.username.as_deref(),
        u.language_code.as_deref(),
    );
    Json(json!({"id": id}))
}

#[derive(Deserialize)]
struct NewGroup {
    owner: UserId,
    title: String,
    #[serde(default)]
    kind: GroupKind,
    /// A public supergroup's @username.
    #[serde(default)]
    username: Option<String>,
}

async fn create_group(
    State(s): State<Arc<Shared>>,
    Json(g): Json<NewGroup>,
) -> Result<Json<Value>> {
    let world = world(s);
    let chat = world.create_group(g.owner, &g.title, g.kind)?;
    if g.username.is_some() {
        world.set_chat_username(chat, g.username.as_deref())?;
    }
    Ok(Json(json!({"chat": chat})))
}

#[derive(Deserialize)]
struct NewChannel {
    owner: UserId,
    title: String,
    username: Option<String>,
    #[serde(default)]
    discussion: bool,
}

async fn create_channel(
    State(s): State<Arc<Shared>>,
    Json(c): Json<NewChannel>,
) -> Result<Json<Value>> {
    let w = world(s);
    if c.discussion {
        let (channel, group) = w.create_channel_with_discussion(c.owner, &c.title)?;
        Ok(Json(json!({"channel": channel, "discussion": group})))
    } else {
        let channel = w.create_channel(c.owner, &c.title, c.username.as_deref())?;
        Ok(Json(json!({"channel": channel})))
    }
}

#[derive(Deserialize)]
struct Upgrade {
    chat: ChatRef,
    by: UserId,
}

async fn upgrade_group(
    State(s): State<Arc<Shared>>,
    Json(u): Json<Upgrade>,
) -> Result<Json<Value>> {
    let chat = world(s).upgrade_group(u.chat, u.by)?;
    Ok(Json(json!({"chat": chat})))
}

#[derive(Deserialize)]
struct Discussion {
    channel: ChatRef,
    group: ChatRef,
    by: UserId,
}

async fn link_discussion(
    State(s): State<Arc<Shared>>,
    Json(d): Json<Discussion>,
) -> Result<Json<Value>> {
    let group = world(s).link_discussion(d.channel, d.group, d.by)?;
    Ok(Json(json!({"discussion": group})))
}

#[derive(Deserialize)]
struct Membership {
    chat: ChatRef,
    user: UserId,
    #[serde(default)]
    admin: bool,
    /// Administrator rights; implies `admin`. Missing fields take the defaults.
    #[serde(default)]
    rights: Option<AdminRights>,
}

async fn add_member(
    State(s): State<Arc<Shared>>,
    Json(m): Json<Membership>,
) -> Result<Json<Value>> {
    match m.rights {
        Some(rights) => world(s).add_member_with_rights(m.chat, m.user, rights)?,
        None => world(s).add_member(m.chat, m.user, m.admin)?,
    }
    Ok(Json(json!({"ok": true})))
}

async fn remove_member(
    State(s): State<Arc<Shared>>,
    Json(m): Json<Membership>,
) -> Result<Json<Value>> {
    world(s).remove_member(m.chat, m.user)?;
    Ok(Json(json!({"ok": true})))
}

#[derive(Deserialize)]
struct Privacy {
    bot: UserId,
    enabled: bool,
}

async fn set_privacy(State(s): State<Arc<Shared>>, Json(p): Json<Privacy>) -> Result<Json<Value>> {
    world(s).set_privacy_mode(p.bot, p.enabled)?;
    Ok(Json(json!({"ok": true})))
}

#[derive(Deserialize)]
struct Send {
    user: UserId,
    chat: ChatRef,
    #[serde(flatten)]
    message: UserMessage,
}

async fn send_message(State(s): State<Arc<Shared>>, Json(m): Json<Send>) -> Result<Json<Value>> {
    Ok(Json(world(s).user_sends(m.user, m.chat, m.message)?))
}

#[derive(Deserialize)]
struct Album {
    user: UserId,
    chat: ChatRef,
    items: Vec<MediaUpload>,
    caption: Option<String>,
}

async fn send_album(State(s): State<Arc<Shared>>, Json(a): Json<Album>) -> Result<Json<Value>> {
    let msgs = world(s).user_sends_album(a.user, a.chat, a.items, a.caption.as_deref())?;
    Ok(Json(Value::Array(msgs)))
}

#[derive(Deserialize)]
struct Contact {
    user: UserId,
    chat: ChatRef,
    phone_number: String,
    first_name: String,
    #[serde(default)]
    contact_user: Option<UserId>,
}

async fn share_contact(
    State(s): State<Arc<Shared>>,
    Json(c): Json<Contact>,
) -> Result<Json<Value>> {
    Ok(Json(world(s).user_shares_contact(
        c.user,
        c.chat,
        c.contact_user,
        &c.phone_number,
        &c.first_name,
    )?))
}

#[derive(Deserialize)]
struct Forward {
    user: UserId,
    chat: ChatRef,
    original_sender: UserId,
    text: String,
    #[serde(default)]
    hidden: bool,
}

async fn forward(State(s): State<Arc<Shared>>, Json(f): Json<Forward>) -> Result<Json<Value>> {
    Ok(Json(world(s).user_forwards(
        f.user,
        f.chat,
        f.original_sender,
        &f.text,
        f.hidden,
    )?))
}

#[derive(Deserialize)]
struct SharedUsers {
    user: UserId,
    chat: ChatRef,
    request_id: i32,
    users: Vec<UserId>,
}

async fn share_users(
    State(s): State<Arc<Shared>>,
    Json(u): Json<SharedUsers>,
) -> Result<Json<Value>> {
    Ok(Json(world(s).user_shares_users(
        u.user,
        u.chat,
        u.request_id,
        &u.users,
    )?))
}

#[derive(Deserialize)]
struct Edit {
    user: UserId,
    chat: ChatRef,
    message_id: i64,
    text: String,
}

async fn edit_message(State(s): State<Arc<Shared>>, Json(e): Json<Edit>) -> Result<Json<Value>> {
    Ok(Json(world(s).user_edits(
        e.user,
        e.chat,
        e.message_id,
        &e.text,
    )?))
}

#[derive(Deserialize)]
struct Press {
    user: UserId,
    chat: ChatRef,
    message_id: i64,
    callback_data: String,
}

async fn press_button(State(s): State<Arc<Shared>>, Json(p): Json<Press>) -> Result<Json<Value>> {
    let id = world(s).user_presses_button(p.user, p.chat, p.message_id, &p.callback_data)?;
    Ok(Json(json!({"callback_query_id": id})))
}

#[derive(Deserialize)]
struct Block {
    user: UserId,
    bot: UserId,
    #[serde(default = "yes")]
    blocked: bool,
}

fn yes() -> bool {
    true
}

async fn block(State(s): State<Arc<Shared>>, Json(b): Json<Block>) -> Result<Json<Value>> {
    let w = world(s);
    if b.blocked {
        w.user_blocks_bot(b.user, b.bot)?;
    } else {
        w.user_unblocks_bot(b.user, b.bot)?;
    }
    Ok(Json(json!({"ok": true})))
}

/// `?chat=-1002000000001` for groups and channels, `?bot=..&user=..` for a private chat.
#[derive(Deserialize)]
struct ChatQuery {
    chat: Option<i64>,
    bot: Option<UserId>,
    user: Option<UserId>,
}

impl ChatQuery {
    fn chat(&self) -> Result<ChatRef> {
        match (self.chat, self.bot, self.user) {
            (Some(id), _, _) => Ok(ChatRef::Group(id)),
            (None, Some(bot), Some(user)) => Ok(ChatRef::Private { bot, user }),
            _ => Err(ControlError::Invalid(
                "give chat=ID or bot=ID&user=ID".into(),
            )),
        }
    }
}

async fn list_messages(
    State(s): State<Arc<Shared>>,
    Query(q): Query<ChatQuery>,
) -> Result<Json<Value>> {
    Ok(Json(Value::Array(world(s).chat_messages(q.chat()?))))
}

/// `?bot=ID&user=ID` (private chat) or `?bot=ID&chat=ID`.
fn bot_and_chat(q: &ChatQuery) -> Result<(UserId, ChatRef)> {
    let bot = q
        .bot
        .ok_or_else(|| ControlError::Invalid("give bot=ID".into()))?;
    Ok((bot, q.chat()?))
}

async fn keyboard(State(s): State<Arc<Shared>>, Query(q): Query<ChatQuery>) -> Result<Json<Value>> {
    let (bot, chat) = bot_and_chat(&q)?;
    Ok(Json(
        json!({"keyboard": world(s).reply_keyboard(bot, chat)}),
    ))
}

async fn last_document(
    State(s): State<Arc<Shared>>,
    Query(q): Query<ChatQuery>,
) -> Result<Json<Value>> {
    let (bot, chat) = bot_and_chat(&q)?;
    let (file_name, bytes) = world(s)
        .last_document_sent(bot, chat)
        .ok_or_else(|| ControlError::Invalid(format!("bot {bot} sent no document to {chat}")))?;
    Ok(Json(json!({
        "file_name": file_name,
        "bytes": base64::engine::general_purpose::STANDARD.encode(bytes),
    })))
}

#[derive(Deserialize)]
struct Wait {
    chat: ChatRef,
    count: usize,
    #[serde(default = "default_wait")]
    timeout_ms: u64,
}

fn default_wait() -> u64 {
    5_000
}

async fn wait(State(s): State<Arc<Shared>>, Json(q): Json<Wait>) -> Result<Json<Value>> {
    let msgs = world(s)
        .wait_for_messages(
            q.chat,
            q.count,
            Duration::from_millis(q.timeout_ms.min(60_000)),
        )
        .await?;
    Ok(Json(Value::Array(msgs)))
}

#[derive(Deserialize)]
struct ThreadQuery {
    channel: i64,
    post: i64,
}

async fn thread(State(s): State<Arc<Shared>>, Query(q): Query<ThreadQuery>) -> Result<Json<Value>> {
    let (group, thread_id) = world(s)
        .discussion_thread(ChatRef::Group(q.channel), q.post)
        .ok_or_else(|| ControlError::UnknownMessage {
            chat: q.channel.to_string(),
            message_id: q.post,
        })?;
    Ok(Json(json!({"chat": group, "message_thread_id": thread_id})))
}

async fn callback_answer(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Json<Value> {
    Json(json!({"answer": world(s).callback_answer(&id)}))
}

async fn file(State(s): State<Arc<Shared>>, Path(unique_id): Path<String>) -> Response {
    match world(s).file_bytes(&unique_id) {
        Some(bytes) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/octet-stream")],
            bytes,
        )
            .into_response(),
        None => ControlError::Invalid(format!("no file {unique_id}")).into_response(),
    }
}

async fn inject_fault(State(s): State<Arc<Shared>>, Json(f): Json<Fault>) -> Json<Value> {
    world(s).inject_fault(f);
    Json(json!({"ok": true}))
}

async fn clear_faults(State(s): State<Arc<Shared>>) -> Json<Value> {
    world(s).clear_faults();
    Json(json!({"ok": true}))
}

#[derive(Deserialize)]
struct CallsQuery {
    bot: i64,
    method: String,
    chat: Option<i64>,
}

async fn calls(State(s): State<Arc<Shared>>, Query(q): Query<CallsQuery>) -> Json<Value> {
    let count = s.calls().of(q.bot, &q.method, q.chat);
    Json(json!({"count": count}))
}

#[derive(Deserialize)]
struct Flood {
    enabled: bool,
}

async fn set_flood(State(s): State<Arc<Shared>>, Json(f): Json<Flood>) -> Json<Value> {
    world(s).set_flood_limits(f.enabled);
    Json(json!({"ok": true}))
}

async fn snapshot(State(s): State<Arc<Shared>>) -> Json<Value> {
    Json(world(s).snapshot())
}

async fn violations(State(s): State<Arc<Shared>>) -> Json<Value> {
    Json(json!(world(s).spec_violations()))
}
