//! The settings bot: first-run setup (the one-time code that makes its sender the owner) and
//! the desk's configuration, for the owner and admins only. Everyone else is refused with one
//! sentence that says nothing about what the desk has.
//!
//! Each command has its own module; multi-step answers ("send me the token") are a
//! [`dialog::Dialog`] kept in the database per admin, so a restart loses nothing.

mod access;
mod chats;
mod dialog;
mod hours;
mod public;
mod reply;
mod setup;
mod shards;
mod sla;
mod status;
mod team;
mod texts;
mod tokens;
mod topics;

use crate::commands::Command;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use dialog::Dialog;
use reply::Reply;
use teloxide_core::types::{CallbackQuery, ChatMemberUpdated, Message};

pub use access::admin_of;

/// Commands only the owner and admins may use. A non-admin sending one is refused, even on a
/// desk whose single bot also serves clients and agents.
pub const SETTINGS_COMMANDS: &[&str] = &[
    "status",
    "bots",
    "agents",
    "topics",
    "hours",
    "holidays",
    "sla",
    "welcome",
    "offhours",
    "blocknotice",
    "public",
    "channels",
    "cancel",
    "settings",
];

/// A private message to the settings bot. `Ok(false)` leaves it to the other roles.
pub async fn handle_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<bool, RelayError> {
    let Some(from) = message.from.as_ref() else {
        return Ok(false);
    };
    let user_id = from.id.0 as i64;
    let reply = Reply::to(message);
    let command = message.text().and_then(Command::parse);
    let Some(admin) = access::admin_of(desk, user_id).await? else {
        return not_an_admin(desk, fx, message, &reply, command).await;
    };
    let reply = reply.for_agent(&admin);
    if tokens::looks_like_token(message.text()) {
        tokens::received(desk, fx, &reply, &admin, message).await?;
        return Ok(true);
    }
    if let Some(command) = command {
        return run_command(desk, fx, &reply, &admin, command).await;
    }
    match dialog::current(desk, user_id).await? {
        Some(step) => {
            dialog::answer(desk, fx, &reply, &admin, step, message).await?;
            Ok(true)
        }
        // An admin who is also an agent talks to the manager bot outside settings dialogs.
        None if desk.config.roles.manager || desk.config.roles.client => Ok(false),
        None => {
            reply.say(desk, fx, "settings-unknown", &[]).await?;
            Ok(true)
        }
    }
}

async fn run_command(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &ticketgram_domain::Agent,
    command: Command<'_>,
) -> Result<bool, RelayError> {
    match command.name {
        "start" | "help" | "settings" => reply.say(desk, fx, "settings-help", &[]).await?,
        "status" => status::show(desk, fx, reply).await?,
        "bots" => tokens::show(desk, fx, reply).await?,
        "agents" => team::show(desk, fx, reply).await?,
        "topics" => topics::show(desk, fx, reply).await?,
        "hours" => hours::ask_hours(desk, fx, reply, admin).await?,
        "holidays" => hours::ask_holidays(desk, fx, reply, admin).await?,
        "sla" => sla::ask(desk, fx, reply, admin).await?,
        "welcome" => texts::choose_language(desk, fx, reply, texts::Which::Welcome).await?,
        "offhours" => texts::choose_language(desk, fx, reply, texts::Which::OutOfHours).await?,
        "blocknotice" => texts::choose_language(desk, fx, reply, texts::Which::Blocked).await?,
        "public" => public::show(desk, fx, reply).await?,
        "channels" => shards::command(desk, fx, reply, admin, command.args).await?,
        "cancel" => {
            dialog::set(desk, fx, admin.telegram_user_id, None).await?;
            reply.say(desk, fx, "settings-cancelled", &[]).await?;
        }
        // Another role's command (the manager bot's /my, a client's /new).
        _ => return Ok(false),
    }
    Ok(true)
}

/// Someone who is not an admin: the first-run claim, a polite refusal, or someone else's turn.
async fn not_an_admin(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
    reply: &Reply,
    command: Option<Command<'_>>,
) -> Result<bool, RelayError> {
    if setup::maybe_claim(desk, fx, reply, message).await? {
        return Ok(true);
    }
    let settings_command = command.is_some_and(|c| SETTINGS_COMMANDS.contains(&c.name));
    let settings_only = !desk.config.roles.client && !desk.config.roles.manager;
    if settings_command || settings_only {
        reply.say(desk, fx, "settings-refused", &[]).await?;
        return Ok(true);
    }
    Ok(false)
}

/// A settings button; `data` is the callback data without [`crate::commands::SETTINGS_BUTTON`].
pub async fn handle_button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
    data: &str,
) -> Result<(), RelayError> {
    let user_id = query.from.id.0 as i64;
    let chat_id = query.message.as_ref().map_or(user_id, |m| m.chat().id.0);
    let Some(admin) = access::admin_of(desk, user_id).await? else {
        let lang = reply::language_of(Some(&query.from));
        let text = desk.text(lang, "settings-refused", &[]);
        return reply::answer_button(fx, query, Some(text)).await;
    };
    let reply = Reply::chat(chat_id, &admin);
    reply::answer_button(fx, query, None).await?;
    let (area, rest) = data.split_once(':').unwrap_or((data, ""));
    match area {
        "bot" => tokens::button(desk, fx, &reply, &admin, rest).await,
        "ag" => team::button(desk, fx, &reply, &admin, rest).await,
        "tp" => topics::button(desk, fx, &reply, &admin, rest).await,
        "tx" => texts::button(desk, fx, &reply, &admin, rest).await,
        "pub" => public::button(desk, fx, &reply, &admin, rest).await,
        _ => Ok(()),
    }
}

/// The bot was added to or removed from a group or channel.
pub async fn handle_membership(
    desk: &Desk,
    fx: &mut Effects<'_>,
    change: &ChatMemberUpdated,
) -> Result<(), RelayError> {
    chats::membership(desk, fx, change).await
}

/// Starts a dialog step and asks its question.
async fn ask(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &ticketgram_domain::Agent,
    step: Dialog,
    key: &str,
    args: &[(&str, ticketgram_i18n::Arg)],
) -> Result<(), RelayError> {
    dialog::set(desk, fx, admin.telegram_user_id, Some(&step)).await?;
    reply.say(desk, fx, key, args).await
}
