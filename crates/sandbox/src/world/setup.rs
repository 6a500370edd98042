//! Creating the cast: bots, users, groups, channels and memberships.

use rand::distributions::Alphanumeric;
use rand::Rng;
use serde_json::{json, Value};
use tokio::sync::watch;

use super::rights::AdminRights;
use super::state::{BotState, ChatKind, ChatRef, ChatState, Status, UserInfo, WorldState};
use super::{BotHandle, GroupKind, UserId, World};
use crate::error::ControlError;

impl World {
    /// Registers a bot. Its token has Telegram's shape, `"<id>:<35 random characters>"`.
    pub fn create_bot(&self, username: &str) -> BotHandle {
        let mut w = self.shared.world();
        let id = 7_000_000_000 + w.next_user_id;
        w.next_user_id += 1;
        insert_bot(&mut w, id, username)
    }

    /// Registers a bot under a chosen id, which must be free. For a bot whose id has to differ
    /// from run to run: Ticketgram's demo keys what it stores by bot id, and its database
    /// outlives the sandbox.
    pub fn create_bot_with_id(
        &self,
        id: UserId,
        username: &str,
    ) -> Result<BotHandle, ControlError> {
        let mut w = self.shared.world();
        if w.users.contains_key(&id) {
            return Err(ControlError::Invalid(format!("user id {id} is taken")));
        }
        Ok(insert_bot(&mut w, id, username))
    }

    /// Numbers the groups and channels created from now on from `first` (never backwards).
    /// For chats whose ids have to differ from run to run, like the demo's bot: a database
    /// that outlives the sandbox must not take a new channel's message 1 for an old one's.
    pub fn number_chats_from(&self, first: i64) {
        let mut w = self.shared.world();
        w.next_group_id = w.next_group_id.max(first);
    }
}

fn insert_bot(w: &mut WorldState, id: UserId, username: &str) -> BotHandle {
    let secret: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(35)
        .map(char::from)
        .collect();
    let token = format!("{id}:{secret}");
    let first_name = username.trim_end_matches("_bot").trim_end_matches("bot");
    w.users.insert(
        id,
        UserInfo {
            id,
            is_bot: true,
            first_name: if first_name.is_empty() {
                username
            } else {
                first_name
            }
            .to_owned(),
            last_name: None,
            username: Some(username.to_owned()),
            language_code: None,
        },
    );
    w.tokens.insert(token.clone(), id);
    w.bots.insert(
        id,
        BotState {
            id,
            token: token.clone(),
            privacy_mode: true,
            updates: Default::default(),
            // Real update ids are large and arbitrary; starting high catches bots that
            // assume they begin at 1.
            next_update_id: rand::thread_rng().gen_range(100_000_000..900_000_000),
            allowed_updates: None,
            webhook: None,
            webhook_generation: 0,
            last_webhook_error: None,
            commands: Default::default(),
            blocked_by: Default::default(),
            notify: watch::channel(0).0,
            polls_answered: 0,
        },
    );
    BotHandle {
        id,
        token,
        username: username.to_owned(),
    }
}

impl World {
    /// Registers a human user.
    pub fn create_user(
        &self,
        first_name: &str,
        username: Option<&str>,
        language_code: Option<&str>,
    ) -> UserId {
        let mut w = self.shared.world();
        let id = w.next_user_id;
        w.next_user_id += 1;
        w.users.insert(
            id,
            UserInfo {
                id,
                is_bot: false,
                first_name: first_name.to_owned(),
                last_name: None,
                username: username.map(str::to_owned),
                language_code: language_code.map(str::to_owned),
            },
        );
        id
    }

    /// The user changes their name in Telegram: what they send from now on carries it.
    pub fn rename_user(&self, user: UserId, first_name: &str, last_name: Option<&str>) {
        if let Some(info) = self.shared.world().users.get_mut(&user) {
            info.first_name = first_name.to_owned();
            info.last_name = last_name.map(str::to_owned);
        }
    }

    /// Creates a group owned by `owner`.
    pub fn create_group(
        &self,
        owner: UserId,
        title: &str,
        kind: GroupKind,
    ) -> Result<ChatRef, ControlError> {
        let mut w = self.shared.world();
        let (chat_kind, forum) = match kind {
            GroupKind::Group => (ChatKind::Group, false),
            GroupKind::Supergroup => (ChatKind::Supergroup, false),
            GroupKind::Forum => (ChatKind::Supergroup, true),
        };
        let chat = new_group_chat(&mut w, owner, title, chat_kind)?;
        if let Some(c) = w.chats.get_mut(&chat) {
            c.is_forum = forum;
        }
        Ok(chat)
    }

    /// Creates a channel owned by `owner`, optionally with a public username.
    pub fn create_channel(
        &self,
        owner: UserId,
        title: &str,
        username: Option<&str>,
    ) -> Result<ChatRef, ControlError> {
        let mut w = self.shared.world();
        let chat = new_group_chat(&mut w, owner, title, ChatKind::Channel)?;
        if let Some(c) = w.chats.get_mut(&chat) {
            c.username = username.map(str::to_owned);
        }
        Ok(chat)
    }

    /// Makes a group or channel public under `username` (or private again with `None`), as
    /// its owner does in its settings: updates and `getChat` then carry the username, and its
    /// messages can be opened as `t.me/<username>/<id>`. Telegram's rules apply: 5–32
    /// letters, digits and underscores, starting with a letter; a basic group must become a
    /// supergroup first.
    pub fn set_chat_username(
        &self,
        chat: ChatRef,
        username: Option<&str>,
    ) -> Result<(), ControlError> {
        if let Some(name) = username {
            let valid = (5..=32).contains(&name.len())
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(ControlError::Invalid(format!("username {name:?}")));
            }
        }
        let mut w = self.shared.world();
        let taken = username.is_some_and(|name| {
            w.chats.values().any(|c| {
                c.reference != chat
                    && c.username
                        .as_deref()
                        .is_some_and(|u| u.eq_ignore_ascii_case(name))
            })
        });
        if taken {
            return Err(ControlError::NotAllowed("that username is taken".into()));
        }
        let state = w
            .chats
            .get_mut(&chat)
            .ok_or_else(|| ControlError::UnknownChat(chat.to_string()))?;
        if state.kind == ChatKind::Group && username.is_some() {
            return Err(ControlError::NotAllowed(
                "a basic group must become a supergroup to be public".into(),
            ));
        }
        state.username = username.map(str::to_owned);
        Ok(())
    }

    /// Creates a channel and its linked discussion supergroup, both owned by `owner`.
    pub fn create_channel_with_discussion(
        &self,
        owner: UserId,
        title: &str,
    ) -> Result<(ChatRef, ChatRef), ControlError> {
        let channel = self.create_channel(owner, title, None)?;
        let group = self.create_group(owner, &format!("{title} Chat"), GroupKind::Supergroup)?;
        let mut w = self.shared.world();
        if let Some(c) = w.chats.get_mut(&channel) {
            c.linked = Some(group.telegram_id());
        }
        if let Some(g) = w.chats.get_mut(&group) {
            g.linked = Some(channel.telegram_id());
        }
        Ok((channel, group))
    }

    /// Adds a user or a bot to a group or channel. A bot gets the `my_chat_member` update
    /// Telegram sends when it is added. Administrators get [`AdminRights::default`].
    pub fn add_member(
        &self,
        chat: ChatRef,
        member: UserId,
        admin: bool,
    ) -> Result<(), ControlError> {
        let status = if admin {
            Status::Administrator
        } else {
            Status::Member
        };
        self.set_member_status(chat, member, status, None)
    }

    /// Makes a user or a bot an administrator of a group or channel with exactly `rights`
    /// (adding them if needed, or changing the rights of an administrator). A bot gets
    /// `my_chat_member` showing the old and new rights.
    pub fn add_member_with_rights(
        &self,
        chat: ChatRef,
        member: UserId,
        rights: AdminRights,
    ) -> Result<(), ControlError> {
        self.set_member_status(chat, member, Status::Administrator, Some(rights))
    }

    /// Adds a bot to a group or channel, as an administrator or a plain member.
    pub fn add_bot_to_chat(
        &self,
        bot: UserId,
        chat: ChatRef,
        admin: bool,
    ) -> Result<(), ControlError> {
        self.add_member(chat, bot, admin)
    }

    /// Adds a bot to a group or channel as an administrator with exactly `rights`, e.g.
    /// without `can_post_messages`, to see how a bot copes with missing rights.
    pub fn add_bot_to_chat_with_rights(
        &self,
        bot: UserId,
        chat: ChatRef,
        rights: AdminRights,
    ) -> Result<(), ControlError> {
        if !self.shared.world().bots.contains_key(&bot) {
            return Err(ControlError::UnknownBot(bot));
        }
        self.add_member_with_rights(chat, bot, rights)
    }

    /// Removes a member (status `left`).
    pub fn remove_member(&self, chat: ChatRef, member: UserId) -> Result<(), ControlError> {
        self.set_member_status(chat, member, Status::Left, None)
    }

    fn set_member_status(
        &self,
        chat: ChatRef,
        member: UserId,
        status: Status,
        rights: Option<AdminRights>,
    ) -> Result<(), ControlError> {
        let mut w = self.shared.world();
        if !w.users.contains_key(&member) {
            return Err(ControlError::UnknownUser(member));
        }
        let state = w
            .chats
            .get_mut(&chat)
            .filter(|c| c.kind != ChatKind::Private)
            .ok_or_else(|| ControlError::UnknownChat(chat.to_string()))?;
        if state.kind == ChatKind::Channel
            && w.bots.contains_key(&member)
            && status == Status::Member
        {
            return Err(ControlError::NotAllowed(
                "bots can only be channel administrators".into(),
            ));
        }
        let state = w
            .chats
            .get_mut(&chat)
            .ok_or_else(|| ControlError::UnknownChat(chat.to_string()))?;
        let old = state.status_of(member).unwrap_or(Status::Left);
        let old_rights = state.rights_of(member);
        state.members.insert(member, status);
        if status == Status::Administrator {
            state
                .admin_rights
                .insert(member, rights.unwrap_or_default());
        } else {
            state.admin_rights.remove(&member);
        }
        let new_rights = state.rights_of(member);
        let owner = state
            .members
            .iter()
            .find(|(_, s)| **s == Status::Creator)
            .map(|(id, _)| *id)
            .unwrap_or(member);
        if w.bots.contains_key(&member) {
            emit_my_chat_member(
                &mut w,
                chat,
                member,
                owner,
                (old, old_rights),
                (status, new_rights),
            );
        }
        Ok(())
    }

    /// Turns a bot's privacy mode on (the default) or off (`/setprivacy` in BotFather).
    pub fn set_privacy_mode(&self, bot: UserId, enabled: bool) -> Result<(), ControlError> {
        let mut w = self.shared.world();
        let state = w.bots.get_mut(&bot).ok_or(ControlError::UnknownBot(bot))?;
        state.privacy_mode = enabled;
        Ok(())
    }

    /// The private chat between `user` and `bot`, opened if needed (as when a user opens the bot).
    pub fn private_chat(&self, bot: UserId, user: UserId) -> Result<ChatRef, ControlError> {
        let mut w = self.shared.world();
        ensure_private_chat(&mut w, bot, user)
    }

    /// The user blocks the bot: `my_chat_member` with status `kicked`, then 403 on every send.
    pub fn user_blocks_bot(&self, user: UserId, bot: UserId) -> Result<(), ControlError> {
        let mut w = self.shared.world();
        let chat = ensure_private_chat(&mut w, bot, user)?;
        if let Some(b) = w.bots.get_mut(&bot) {
            b.blocked_by.insert(user);
        }
        emit_my_chat_member(
            &mut w,
            chat,
            bot,
            user,
            (Status::Member, None),
            (Status::Kicked, None),
        );
        Ok(())
    }

    /// The user unblocks the bot (and restarts it).
    pub fn user_unblocks_bot(&self, user: UserId, bot: UserId) -> Result<(), ControlError> {
        let mut w = self.shared.world();
        let chat = ensure_private_chat(&mut w, bot, user)?;
        if let Some(b) = w.bots.get_mut(&bot) {
            b.blocked_by.remove(&user);
        }
        emit_my_chat_member(
            &mut w,
            chat,
            bot,
            user,
            (Status::Kicked, None),
            (Status::Member, None),
        );
        Ok(())
    }
}

pub(super) fn new_group_chat(
    w: &mut WorldState,
    owner: UserId,
    title: &str,
    kind: ChatKind,
) -> Result<ChatRef, ControlError> {
    if !w.users.contains_key(&owner) {
        return Err(ControlError::UnknownUser(owner));
    }
    let n = w.next_group_id;
    w.next_group_id += 1;
    let id = match kind {
        ChatKind::Group => -(4_000_000_000 + n),
        _ => -(1_002_000_000_000 + n),
    };
    let chat = ChatRef::Group(id);
    let mut state = ChatState::new(chat, kind);
    state.title = Some(title.to_owned());
    state.members.insert(owner, Status::Creator);
    w.chats.insert(chat, state);
    Ok(chat)
}

pub(super) fn ensure_private_chat(
    w: &mut WorldState,
    bot: UserId,
    user: UserId,
) -> Result<ChatRef, ControlError> {
    if !w.bots.contains_key(&bot) {
        return Err(ControlError::UnknownBot(bot));
    }
    let info = w
        .users
        .get(&user)
        .cloned()
        .ok_or(ControlError::UnknownUser(user))?;
    let chat = ChatRef::Private { bot, user };
    w.chats.entry(chat).or_insert_with(|| {
        let mut state = ChatState::new(chat, ChatKind::Private);
        state.first_name = Some(info.first_name.clone());
        state.last_name = info.last_name.clone();
        state.username = info.username.clone();
        state.members.insert(user, Status::Member);
        state.members.insert(bot, Status::Member);
        state
    });
    Ok(chat)
}

/// The `ChatMember` object of a member of `chat`, in the shape the reference requires for
/// each status; an administrator shows `rights` (or the defaults) as `chat` shows them.
pub(crate) fn chat_member_json(
    user: Value,
    status: Status,
    chat: &ChatState,
    rights: Option<AdminRights>,
) -> Value {
    match status {
        Status::Creator => json!({"status": "creator", "user": user, "is_anonymous": false}),
        Status::Administrator => rights
            .unwrap_or_default()
            .member_json(user, chat.rights_scope()),
        Status::Member => json!({"status": "member", "user": user}),
        Status::Left => json!({"status": "left", "user": user}),
        Status::Kicked => json!({"status": "kicked", "user": user, "until_date": 0}),
    }
}

/// A member's status and, for administrators, rights.
type Membership = (Status, Option<AdminRights>);

fn emit_my_chat_member(
    w: &mut WorldState,
    chat: ChatRef,
    bot: UserId,
    by: UserId,
    old: Membership,
    new: Membership,
) {
    let Some(state) = w.chats.get(&chat) else {
        return;
    };
    let (Some(bot_user), Some(from)) =
        (w.user(bot).map(|u| u.json()), w.user(by).map(|u| u.json()))
    else {
        return;
    };
    let payload = json!({
        "chat": state.json(),
        "from": from,
        "date": WorldState::now(),
        "old_chat_member": chat_member_json(bot_user.clone(), old.0, state, old.1),
        "new_chat_member": chat_member_json(bot_user, new.0, state, new.1),
    });
    w.enqueue(bot, "my_chat_member", payload);
}
