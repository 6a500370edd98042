//! Turns a raw Telegram update into the one thing it means for a support desk. Everything
//! the relay ignores is named here with a reason, so "why did my message vanish" has an
//! answer in the logs.

use crate::callback::CallbackAction;
pub use crate::desk::DeskChats;
use crate::desk::DeskConfig;
use teloxide_core::types::{
    CallbackQuery, ChatMemberKind, ChatMemberUpdated, Message, MessageOrigin, Update, UpdateKind,
};

#[derive(Debug)]
pub enum Event<'a> {
    /// A client wrote to the client bot in private.
    ClientMessage(&'a Message),
    /// A client edited one of their messages.
    ClientEdit(&'a Message),
    /// A client pressed one of our buttons in the private chat.
    ClientButton(&'a CallbackQuery, CallbackAction),
    /// A client pressed a button of the desk's self-service flow (data from the flow engine).
    ClientFlowButton(&'a CallbackQuery),
    /// Someone pressed a ticket-card button in the agents' channel or group.
    AgentButton(&'a CallbackQuery, CallbackAction),
    /// The channel post of a ticket card arrived in the discussion group: its id there is the
    /// ticket's thread id.
    ThreadOpened {
        /// The agents' channel the card was posted in, and its discussion group.
        channel_id: i64,
        group_id: i64,
        channel_post_id: i64,
        thread_id: i64,
        /// When Telegram forwarded the card (bounds how long we wait for its record).
        posted_at: chrono::DateTime<chrono::Utc>,
        /// The forwarded post's text: a card's starts with its ticket's number.
        card_text: Option<&'a str>,
    },
    /// A message in a ticket's discussion thread (an agent's reply or note, or a stranger's).
    ThreadComment {
        message: &'a Message,
        thread_id: i64,
    },
    /// An edit of a message in a ticket's discussion thread.
    ThreadEdit {
        message: &'a Message,
        thread_id: i64,
    },
    /// A settings or manager bot button pressed in a private chat (data starting with
    /// [`crate::commands::SETTINGS_BUTTON`] or [`crate::commands::MANAGER_BUTTON`]).
    StaffButton(&'a CallbackQuery),
    /// The bot was added to, promoted in or removed from a group or channel: how the settings
    /// bot detects the agents' channel and its discussion group.
    BotMembership(&'a ChatMemberUpdated),
    /// The client blocked (`true`) or unblocked the bot.
    ClientBlockedBot { user_id: i64, blocked: bool },
    /// The agents' group became a supergroup with a new id (the service message in the old
    /// group, `migrate_to_chat_id`, or in the new one, `migrate_from_chat_id`).
    GroupUpgraded { from: i64, to: i64 },
    /// A person's message in a group that is not the agents' one: a public chat the client
    /// bot may watch for complaints (`client_bot::public` knows which it watches).
    PublicMessage(&'a Message),
    /// Nothing for the desk to do.
    Ignored(&'static str),
}

impl Event<'_> {
    /// Events a manager- or settings-only bot handles: private chats with people, and its own
    /// memberships (the settings bot links the agents' channel when added to it).
    pub fn is_private_to_staff(&self) -> bool {
        matches!(
            self,
            Event::ClientMessage(_)
                | Event::ClientEdit(_)
                | Event::StaffButton(_)
                | Event::BotMembership(_)
                | Event::ClientBlockedBot { .. }
                | Event::Ignored(_)
        )
    }
}

/// A button press that no longer points at a readable message, or carries data we never
/// issued, is answered and otherwise ignored.
pub fn classify<'a>(update: &'a Update, desk: &DeskConfig) -> Event<'a> {
    match &update.kind {
        UpdateKind::Message(message) => classify_message(message, desk, false),
        UpdateKind::EditedMessage(message) => classify_message(message, desk, true),
        UpdateKind::CallbackQuery(query) => classify_callback(query, desk),
        UpdateKind::MyChatMember(change) if change.chat.is_private() => {
            let blocked = matches!(change.new_chat_member.kind, ChatMemberKind::Banned(_));
            Event::ClientBlockedBot {
                user_id: change.from.id.0 as i64,
                blocked,
            }
        }
        UpdateKind::MyChatMember(change) => Event::BotMembership(change),
        UpdateKind::ChannelPost(_) | UpdateKind::EditedChannelPost(_) => {
            Event::Ignored("channel posts are the bot's own ticket cards")
        }
        UpdateKind::Error(_) => Event::Ignored("update type this version does not understand"),
        _ => Event::Ignored("update type the desk does not use"),
    }
}

fn classify_message<'a>(message: &'a Message, desk: &DeskConfig, edited: bool) -> Event<'a> {
    let chat_id = message.chat.id.0;
    if message.chat.is_private() {
        if message.from.as_ref().is_some_and(|u| u.is_bot) {
            return Event::Ignored("messages from bots");
        }
        return if edited {
            Event::ClientEdit(message)
        } else {
            Event::ClientMessage(message)
        };
    }
    let upgraded = match (message.migrate_to_chat_id(), message.migrate_from_chat_id()) {
        (Some(to), _) => Some((chat_id, to.0)),
        (_, Some(from)) => Some((from.0, chat_id)),
        _ => None,
    };
    if let Some((from, to)) = upgraded {
        return if desk.is_agents_group(from) {
            Event::GroupUpgraded { from, to }
        } else {
            Event::Ignored("a group that is not the agents' one became a supergroup")
        };
    }
    if !desk.is_agents_group(chat_id) {
        let from_a_person = message.from.as_ref().is_some_and(|u| !u.is_bot)
            && message.sender_chat.is_none()
            && !message.is_automatic_forward();
        return match (edited, from_a_person) {
            (false, true) => Event::PublicMessage(message),
            (true, _) => Event::Ignored("an edit outside the agents' discussion group"),
            // Anonymous admins and channels posting in a group have no person to answer.
            (false, false) => {
                Event::Ignored("a post that is no person's outside the agents' group")
            }
        };
    }
    if message.is_automatic_forward() {
        return match message.forward_origin() {
            Some(MessageOrigin::Channel {
                chat, message_id, ..
            }) if desk.group_of_channel(chat.id.0) == Some(chat_id) && !edited => {
                Event::ThreadOpened {
                    channel_id: chat.id.0,
                    group_id: chat_id,
                    channel_post_id: message_id.0 as i64,
                    thread_id: message.id.0 as i64,
                    posted_at: message.date,
                    card_text: message.text(),
                }
            }
            _ => Event::Ignored("automatic forward from another channel"),
        };
    }
    if message
        .from
        .as_ref()
        .is_some_and(|u| u.id.0 as i64 == desk.chats.bot_user_id)
    {
        return Event::Ignored("the bot's own message in the group");
    }
    let thread_id = message
        .thread_id
        .map(|t| t.0 .0 as i64)
        .or_else(|| message.reply_to_message().map(|r| r.id.0 as i64));
    match thread_id {
        Some(thread_id) if edited => Event::ThreadEdit { message, thread_id },
        Some(thread_id) => Event::ThreadComment { message, thread_id },
        None => Event::Ignored("group chatter outside any ticket thread"),
    }
}

fn classify_callback<'a>(query: &'a CallbackQuery, desk: &DeskConfig) -> Event<'a> {
    let private = query
        .message
        .as_ref()
        .is_some_and(|m| m.chat().is_private());
    if private
        && query
            .data
            .as_deref()
            .is_some_and(crate::commands::is_staff_button)
    {
        return Event::StaffButton(query);
    }
    if private
        && query
            .data
            .as_deref()
            .is_some_and(ticketgram_flows::is_flow_button)
    {
        return Event::ClientFlowButton(query);
    }
    let Some(action) = query.data.as_deref().and_then(CallbackAction::decode) else {
        return Event::Ignored("button data we did not issue");
    };
    let chat_id = query.message.as_ref().map(|m| m.chat().id.0);
    let in_desk_chat = chat_id.is_some_and(|chat| desk.is_agents_chat(chat));
    match (action.is_agent_action(), in_desk_chat) {
        (true, true) => Event::AgentButton(query, action),
        (false, false) => Event::ClientButton(query, action),
        _ => Event::Ignored("a button pressed outside the chat it belongs to"),
    }
}
