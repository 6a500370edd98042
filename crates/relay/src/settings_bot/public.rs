//! Public chats (docs/public-complaints.md): an admin adds the client bot to a public group,
//! or to the discussion group of a public channel, and the desk watches it for complaints;
//! removing the bot (or "Stop watching" under `/public`) ends it. `/public` lists the chats
//! and switches whether the desk answers a complaint there on its own or when an agent asks.

use super::reply::Reply;
use crate::commands::SETTINGS_BUTTON;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::lookups::Rights;
use crate::RelayError;
use ticketgram_domain::public_chats::{PublicAnswer, PublicSettings, WatchedChat};
use ticketgram_domain::{Actor, Agent};
use ticketgram_store::desk_profile_keys as keys;

fn settings(desk: &Desk) -> PublicSettings {
    desk.profile.public.clone().unwrap_or_default()
}

async fn save(
    desk: &Desk,
    fx: &mut Effects<'_>,
    admin: &Agent,
    settings: &PublicSettings,
) -> Result<(), RelayError> {
    crate::actions::save_profile_setting(
        fx.tx,
        desk.ws(),
        keys::PUBLIC_CHATS,
        Some(settings),
        "public_chats",
        Actor::Agent(admin.id),
        fx.now,
    )
    .await
}

/// The bot was added to a public chat by an admin: watch it, and say what the bot still
/// needs there (to read every message it must be an administrator).
pub(super) async fn watch(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    chat: WatchedChat,
    rights: &Rights,
) -> Result<(), RelayError> {
    let mut settings = settings(desk);
    let title = chat.title.clone();
    settings.watch(chat);
    save(desk, fx, admin, &settings).await?;
    super::chats::tell_with_rights(desk, fx, reply, "settings-public-watched", &title, rights).await
}

/// The bot left a chat (or was removed): if the desk watched it, it no longer does.
pub(super) async fn unwatch(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    chat_id: i64,
) -> Result<(), RelayError> {
    let mut settings = settings(desk);
    let Some(chat) = settings.unwatch(chat_id) else {
        return Ok(());
    };
    save(desk, fx, admin, &settings).await?;
    super::chats::tell(desk, fx, reply, "settings-public-unwatched", &chat.title).await
}

/// `/public`: the watched chats, each with a button to stop, and how the desk answers.
pub async fn show(desk: &Desk, fx: &mut Effects<'_>, reply: &Reply) -> Result<(), RelayError> {
    show_settings(desk, fx, reply, &settings(desk)).await
}

async fn show_settings(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    settings: &PublicSettings,
) -> Result<(), RelayError> {
    let mut lines = vec![reply.text(desk, "settings-public-title", &[])];
    let mut rows = Vec::new();
    if settings.chats.is_empty() {
        lines.push(reply.text(desk, "settings-public-none", &[]));
    }
    for chat in &settings.chats {
        let place = match &chat.username {
            Some(group) => format!("t.me/{group}"),
            None => String::new(),
        };
        lines.push(reply.text(
            desk,
            "settings-public-line",
            &[
                ("title", chat.title.clone().into()),
                ("place", place.into()),
            ],
        ));
        rows.push(vec![Button {
            text: reply.text(
                desk,
                "settings-public-stop-button",
                &[("title", chat.title.clone().into())],
            ),
            data: format!("{SETTINGS_BUTTON}pub:off:{}", chat.chat_id),
        }]);
    }
    let mode = format!("settings-public-answer-{}", settings.answer.as_str());
    lines.push(reply.text(desk, &mode, &[]));
    rows.push(vec![Button {
        text: reply.text(desk, "settings-public-switch-button", &[]),
        data: format!("{SETTINGS_BUTTON}pub:mode"),
    }]);
    reply
        .send(fx, lines.join("\n"), Some(Keyboard::Inline(rows)))
        .await
}

pub async fn button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    data: &str,
) -> Result<(), RelayError> {
    let mut settings = settings(desk);
    let (action, rest) = data.split_once(':').unwrap_or((data, ""));
    match action {
        "mode" => {
            settings.answer = match settings.answer {
                PublicAnswer::Automatic => PublicAnswer::ByAgents,
                PublicAnswer::ByAgents => PublicAnswer::Automatic,
            };
        }
        "off" => {
            let Ok(chat) = rest.parse::<i64>() else {
                return Ok(());
            };
            if settings.unwatch(chat).is_none() {
                return show(desk, fx, reply).await;
            }
        }
        _ => return Ok(()),
    }
    save(desk, fx, admin, &settings).await?;
    // What was saved (the desk's profile, read when the input began, is older).
    show_settings(desk, fx, reply, &settings).await
}
