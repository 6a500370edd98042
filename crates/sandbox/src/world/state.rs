//! The data the simulated Telegram holds: users, bots, chats, messages, files, updates.
//!
//! Everything lives behind one mutex in [`WorldState`]: operations are short and in-memory, and
//! a single lock makes cross-chat effects (a channel post forwarded into its discussion group,
//! delivered to several bots) atomic without lock-ordering rules.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use tokio::sync::watch;

use super::rights::{AdminRights, RightsScope};

/// Telegram's service account that authors automatic forwards into discussion groups.
pub const SERVICE_USER_ID: i64 = 777_000;

/// Identifies a chat from the outside. Group, supergroup and channel ids are global (negative);
/// a private chat is one per (bot, user) pair although the bot sees it under the user's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ChatRef {
    Group(i64),
    Private { bot: i64, user: i64 },
}

impl ChatRef {
    /// The id a bot uses for this chat.
    pub fn telegram_id(&self) -> i64 {
        match self {
            ChatRef::Group(id) => *id,
            ChatRef::Private { user, .. } => *user,
        }
    }
}

impl std::fmt::Display for ChatRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChatRef::Group(id) => write!(f, "{id}"),
            ChatRef::Private { bot, user } => write!(f, "private({bot},{user})"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct UserInfo {
    pub id: i64,
    pub is_bot: bool,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

impl UserInfo {
    pub fn json(&self) -> Value {
        let mut v = json!({"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name});
        if let Some(x) = &self.last_name {
            v["last_name"] = json!(x);
        }
        if let Some(x) = &self.username {
            v["username"] = json!(x);
        }
        if let Some(x) = &self.language_code {
            v["language_code"] = json!(x);
        }
        v
    }
}

#[derive(Debug, Clone)]
pub struct QueuedUpdate {
    pub id: i64,
    pub kind: &'static str,
    /// The whole `Update` object, already rendered for its bot (per-bot file_ids).
    pub json: Value,
}

#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub url: String,
    pub secret_token: Option<String>,
    pub max_connections: i64,
}

#[derive(Debug)]
pub struct BotState {
    pub id: i64,
    pub token: String,
    pub privacy_mode: bool,
    pub updates: VecDeque<QueuedUpdate>,
    pub next_update_id: i64,
    /// `None` = Telegram's default (everything except chat_member and reactions).
    pub allowed_updates: Option<Vec<String>>,
    pub webhook: Option<WebhookConfig>,
    /// Bumped on every webhook change so a superseded delivery task stops.
    pub webhook_generation: u64,
    pub last_webhook_error: Option<(i64, String)>,
    pub commands: BTreeMap<String, Value>,
    pub blocked_by: HashSet<i64>,
    /// Bumped on every new update or webhook change; long polls and delivery tasks wait on it.
    pub notify: watch::Sender<u64>,
    /// getUpdates calls that ended, for tests that reason in poll rounds.
    pub polls_answered: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
    Channel,
}

impl ChatKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Supergroup => "supergroup",
            ChatKind::Channel => "channel",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Creator,
    Administrator,
    Member,
    Left,
    Kicked,
}

impl Status {
    pub fn is_present(&self) -> bool {
        matches!(
            self,
            Status::Creator | Status::Administrator | Status::Member
        )
    }

    pub fn is_admin(&self) -> bool {
        matches!(self, Status::Creator | Status::Administrator)
    }
}

/// Who authored a stored message; decides visibility and edit rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    User(i64),
    Bot(i64),
    /// A post signed by the channel itself.
    Channel(i64),
    /// Telegram's service user (automatic forwards).
    Service,
}

#[derive(Debug, Clone)]
pub struct StoredMessage {
    /// Canonical JSON with empty `file_id`s; rendered per bot on the way out.
    pub json: Value,
    pub sender: Sender,
    pub thread_id: Option<i64>,
    /// Automatic forwards of channel posts start comment threads.
    pub is_thread_root: bool,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    pub icon_color: i64,
}

#[derive(Debug)]
pub struct ChatState {
    pub reference: ChatRef,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub is_forum: bool,
    pub members: BTreeMap<i64, Status>,
    /// Rights of the administrators in `members`; an administrator missing here has
    /// [`AdminRights::default`].
    pub admin_rights: BTreeMap<i64, AdminRights>,
    /// The reply keyboard each bot last showed in this chat (`ReplyKeyboardMarkup`), until it
    /// sends `ReplyKeyboardRemove`. Telegram keeps it beside the input field, not in messages.
    pub reply_keyboards: BTreeMap<i64, Value>,
    /// Channel ↔ discussion supergroup link (set on both sides).
    pub linked: Option<i64>,
    pub messages: BTreeMap<i64, StoredMessage>,
    pub next_message_id: i64,
    pub topics: BTreeMap<i64, Topic>,
    /// On a channel: post id → id of its automatic forward in the discussion group.
    pub auto_forwards: HashMap<i64, i64>,
    /// On a basic group upgraded to a supergroup: the supergroup's id. Every call naming the
    /// old id is answered 400 with `parameters.migrate_to_chat_id`.
    pub migrated_to: Option<i64>,
}

impl ChatState {
    pub fn new(reference: ChatRef, kind: ChatKind) -> Self {
        Self {
            reference,
            kind,
            title: None,
            username: None,
            first_name: None,
            last_name: None,
            is_forum: false,
            members: BTreeMap::new(),
            admin_rights: BTreeMap::new(),
            reply_keyboards: BTreeMap::new(),
            linked: None,
            messages: BTreeMap::new(),
            next_message_id: 1,
            topics: BTreeMap::new(),
            auto_forwards: HashMap::new(),
            migrated_to: None,
        }
    }

    pub fn id(&self) -> i64 {
        self.reference.telegram_id()
    }

    /// The `Chat` object as it appears inside messages.
    pub fn json(&self) -> Value {
        let mut v = json!({"id": self.id(), "type": self.kind.as_str()});
        for (key, value) in [
            ("title", &self.title),
            ("username", &self.username),
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
        ] {
            if let Some(x) = value {
                v[key] = json!(x);
            }
        }
        if self.is_forum {
            v["is_forum"] = json!(true);
        }
        v
    }

    pub fn status_of(&self, user: i64) -> Option<Status> {
        self.members.get(&user).copied()
    }

    /// The rights of an administrator (creators have every right; others none).
    pub fn rights_of(&self, user: i64) -> Option<AdminRights> {
        match self.status_of(user)? {
            Status::Creator => Some(AdminRights::all()),
            Status::Administrator => {
                Some(self.admin_rights.get(&user).copied().unwrap_or_default())
            }
            _ => None,
        }
    }

    /// Which subset of rights Telegram shows for this chat.
    pub(crate) fn rights_scope(&self) -> RightsScope {
        match self.kind {
            ChatKind::Channel => RightsScope::Channel,
            ChatKind::Group | ChatKind::Private => RightsScope::Group,
            ChatKind::Supergroup => RightsScope::Supergroup,
        }
    }

    pub fn live_message(&self, id: i64) -> Option<&StoredMessage> {
        self.messages.get(&id).filter(|m| !m.deleted)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Photo,
    Document,
    Video,
    Audio,
    Voice,
    Animation,
    Sticker,
    VideoNote,
}

impl MediaKind {
    pub fn field(&self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Document => "document",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Voice => "voice",
            MediaKind::Animation => "animation",
            MediaKind::Sticker => "sticker",
            MediaKind::VideoNote => "video_note",
        }
    }

    pub fn from_field(field: &str) -> Option<MediaKind> {
        Some(match field {
            "photo" => MediaKind::Photo,
            "document" => MediaKind::Document,
            "video" => MediaKind::Video,
            "audio" => MediaKind::Audio,
            "voice" => MediaKind::Voice,
            "animation" => MediaKind::Animation,
            "sticker" => MediaKind::Sticker,
            "video_note" => MediaKind::VideoNote,
            _ => return None,
        })
    }

    /// Whether messages of this kind carry a caption. The reference's `Message.caption` is for
    /// "animation, audio, document, paid media, photo, video or voice", and only the matching
    /// send methods take a `caption`: a sticker or a video note sent or copied with one
    /// arrives without it.
    pub fn takes_caption(&self) -> bool {
        !matches!(self, MediaKind::Sticker | MediaKind::VideoNote)
    }

    pub fn default_extension(&self) -> &'static str {
        match self {
            MediaKind::Photo => "jpg",
            MediaKind::Document => "bin",
            MediaKind::Video | MediaKind::VideoNote | MediaKind::Animation => "mp4",
            MediaKind::Audio => "mp3",
            MediaKind::Voice => "oga",
            MediaKind::Sticker => "webp",
        }
    }
}

#[derive(Debug, Clone)]
pub struct StoredFile {
    pub unique_id: String,
    pub kind: MediaKind,
    pub bytes: Bytes,
    pub file_name: Option<String>,
    pub mime: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct CallbackState {
    pub bot: i64,
    pub answer: Option<Value>,
}

/// Everything mutable about the simulated Telegram.
#[derive(Debug)]
pub struct WorldState {
    pub next_user_id: i64,
    pub next_group_id: i64,
    pub next_file: u64,
    pub next_callback: u64,
    pub next_media_group: u64,
    pub users: HashMap<i64, UserInfo>,
    pub bots: HashMap<i64, BotState>,
    pub tokens: HashMap<String, i64>,
    pub chats: BTreeMap<ChatRef, ChatState>,
    pub files: HashMap<String, StoredFile>,
    pub file_paths: HashMap<String, String>,
    pub callbacks: HashMap<String, CallbackState>,
    /// Every emitted object that failed validation against the reference (self-check).
    pub violations: Vec<String>,
    pub self_check: bool,
    /// Bumped whenever a message is stored, so control-API waiters can wake.
    pub changes: watch::Sender<u64>,
}

impl WorldState {
    pub fn new(self_check: bool) -> Self {
        let mut users = HashMap::new();
        users.insert(
            SERVICE_USER_ID,
            UserInfo {
                id: SERVICE_USER_ID,
                is_bot: false,
                first_name: "Telegram".to_owned(),
                last_name: None,
                username: None,
                language_code: None,
            },
        );
        Self {
            next_user_id: 1_000_001,
            next_group_id: 1,
            next_file: 1,
            next_callback: 1,
            next_media_group: 13_000_000_000_000_000,
            users,
            bots: HashMap::new(),
            tokens: HashMap::new(),
            chats: BTreeMap::new(),
            files: HashMap::new(),
            file_paths: HashMap::new(),
            callbacks: HashMap::new(),
            violations: Vec::new(),
            self_check,
            changes: watch::channel(0).0,
        }
    }

    pub fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    pub fn user(&self, id: i64) -> Option<&UserInfo> {
        self.users.get(&id)
    }

    /// A per-bot file_id for a stored file. Telegram's file_ids are per bot; encoding the bot
    /// in the id lets the sandbox refuse another bot's id without a lookup table.
    pub fn file_id_for(bot: i64, unique_id: &str) -> String {
        format!("BQACAgI{bot:x}-{unique_id}")
    }

    /// The inverse of [`Self::file_id_for`]: `(bot, unique_id)`.
    pub fn parse_file_id(file_id: &str) -> Option<(i64, &str)> {
        let rest = file_id.strip_prefix("BQACAgI")?;
        let (bot, unique) = rest.split_once('-')?;
        Some((i64::from_str_radix(bot, 16).ok()?, unique))
    }

    /// Replaces every empty `file_id` next to a `file_unique_id` with the one for `bot`.
    pub fn render_for(bot: i64, value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut out = Map::with_capacity(map.len());
                for (k, v) in map {
                    out.insert(k.clone(), Self::render_for(bot, v));
                }
                if let Some(unique) = map.get("file_unique_id").and_then(Value::as_str) {
                    if map.contains_key("file_id") {
                        out.insert("file_id".to_owned(), json!(Self::file_id_for(bot, unique)));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| Self::render_for(bot, v)).collect())
            }
            other => other.clone(),
        }
    }

    pub fn bump_changes(&self) {
        self.changes.send_modify(|n| *n += 1);
    }

    /// Records a self-check failure; tests assert the list stays empty.
    pub fn check_emitted(&mut self, value: &Value, ty: &str, context: &str) {
        if !self.self_check {
            return;
        }
        if let Err(e) = crate::validate::check_one(crate::spec::Spec::get(), value, ty, ty) {
            tracing::error!(%context, error = %e, "sandbox emitted an object that violates the Bot API reference");
            self.violations.push(format!("{context}: {e}"));
        }
    }
}
