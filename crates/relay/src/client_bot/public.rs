//! Public complaints (docs/public-complaints.md). Where a desk admin added the client bot to a
//! public group or to a public channel's comments, a person's message that reads as a
//! complaint opens a ticket linked to it — registered in the complaint register as public —
//! and the desk answers there (on its own, or when an agent says `/public`) with a button
//! that opens the client bot. Their later replies to it (or to the bot) join the ticket.
//!
//! Telegram lets no bot write first to a person in private, so until the author opens the
//! client bot, answers to them wait (`Effects::held_for_public_client`); the moment they do,
//! whatever they start with, the waiting tickets become theirs in the chat and the answers go
//! out, in order.

use super::messages::{add_to_ticket, open_with_question};
use crate::content;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use std::collections::BTreeSet;
use teloxide_core::types::{Message, MessageOrigin};
use ticketgram_domain::public_chats::{PublicAnswer, WatchedChat};
use ticketgram_domain::{Actor, Client, MessageDirection, TelegramCopy, TicketId};
use ticketgram_store::PublicPost;
use ticketgram_understanding::cues::complaint as complaint_cues;

/// A person's message in a group that is not the agents' one.
pub async fn public_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    let settings = desk.profile.public.as_ref();
    let Some(chat) = settings.and_then(|s| s.watched(message.chat.id.0)) else {
        tracing::debug!(
            chat = message.chat.id.0,
            "a group the desk does not watch: ignored"
        );
        return Ok(());
    };
    let answer = settings.map(|s| s.answer).unwrap_or_default();
    let Some(user) = message.from.as_ref() else {
        return Ok(());
    };
    let Ok(content) = content::extract(message) else {
        return Ok(()); // polls, games and stickers' kin: no complaint to read
    };
    let words = content
        .text
        .as_deref()
        .or_else(|| content.media.first().and_then(|m| m.caption.as_deref()));
    // Decided from the words first: most of a busy public chat is chatter, read for nothing.
    let complains = words.is_some_and(|w| complaint_cues(w).is_complaint);
    let replying = message.reply_to_message();
    if !complains && replying.is_none() {
        return Ok(());
    }
    let author = user.id.0 as i64;
    if desk.active_agent(author).await?.is_some() {
        return Ok(()); // the team speaking in public is no complaint
    }
    let known = desk
        .store
        .find_client_by_telegram_id(desk.ws(), author)
        .await?;
    if known
        .as_ref()
        .is_some_and(|c| c.is_blocked() || c.is_erased())
    {
        tracing::info!(
            author,
            "a blocked or erased client wrote in public: not a ticket"
        );
        return Ok(());
    }
    let active = match &known {
        Some(client) => {
            desk.store
                .active_public_post(desk.ws(), client.id, chat.chat_id)
                .await?
        }
        None => None,
    };
    match active {
        // Their complaint goes on (in reply to it, or to the desk): the same ticket.
        Some(post) if complains || replies_to(message, &post, desk.bot_id()) => {
            let client = super::client_of(desk, fx, user).await?;
            fx.client_unreachable = post.is_waiting();
            add_to_ticket(desk, fx, &client, message, &content, post.ticket, None).await
        }
        Some(_) => Ok(()),
        None if complains => {
            let joined = match &known {
                Some(client) => desk
                    .store
                    .waiting_public_posts(desk.ws(), client.id)
                    .await?
                    .is_empty(),
                None => false,
            };
            let opened = Opened {
                chat,
                message,
                words,
                joined,
                answer,
            };
            open(desk, fx, user, &content, opened).await
        }
        None => Ok(()),
    }
}

struct Opened<'a> {
    chat: &'a WatchedChat,
    message: &'a Message,
    words: Option<&'a str>,
    /// The author has opened the client bot before: the desk can write to them.
    joined: bool,
    answer: PublicAnswer,
}

/// Opens the ticket from the public message: the client's first question, copied into the
/// thread from the public chat, the complaint registered as public, the post recorded.
async fn open(
    desk: &Desk,
    fx: &mut Effects<'_>,
    user: &teloxide_core::types::User,
    content: &content::Content,
    opened: Opened<'_>,
) -> Result<(), RelayError> {
    let Opened {
        chat,
        message,
        words,
        joined,
        answer,
    } = opened;
    let client = super::client_of(desk, fx, user).await?;
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id: chat.chat_id,
        message_id: message.id.0 as i64,
    };
    fx.client_unreachable = !joined;
    let message_id = copy.message_id;
    let record = open_with_question(desk, fx, &client, copy, content, None).await?;
    let ticket = record.id;
    let comment_on = comment_on(message);
    let post = PublicPost {
        ticket,
        client: client.id,
        chat_id: chat.chat_id,
        message_id,
        chat_title: chat.title.clone(),
        link: chat.link(
            message_id,
            comment_on.as_ref().map(|(c, p)| (c.as_str(), *p)),
        ),
        answered_at: None,
        joined_at: joined.then_some(fx.now),
        created_at: fx.now,
    };
    fx.tx.record_public_post(desk.ws(), &post).await?;
    let details = serde_json::json!({ "chat": post.chat_title, "link": post.link });
    crate::actions::complaint::history(
        desk,
        fx,
        &record,
        "public_complaint",
        Actor::System,
        details,
    )
    .await?;
    crate::actions::complaint::register(desk, fx, &record, None, words, true, Actor::System)
        .await?;
    if answer == PublicAnswer::Automatic {
        // The post was just recorded: the answer cannot be refused.
        let _ = crate::actions::public::answer(desk, fx, ticket, None, Actor::System).await?;
    }
    fx.client_unreachable = false;
    fx.refresh_card(ticket).await
}

/// Whether `message` answers the ticket's public message, or the desk's bot.
fn replies_to(message: &Message, post: &PublicPost, bot: i64) -> bool {
    message.reply_to_message().is_some_and(|replied| {
        replied.id.0 as i64 == post.message_id
            || replied.from.as_ref().is_some_and(|u| u.id.0 as i64 == bot)
    })
}

/// For a comment under a public channel's post: the channel's @username and the post's id
/// there, from the thread's root (the post's automatic forward into the discussion group).
fn comment_on(message: &Message) -> Option<(String, i64)> {
    let root = message.reply_to_message()?;
    if !root.is_automatic_forward() {
        return None;
    }
    match root.forward_origin()? {
        MessageOrigin::Channel {
            chat, message_id, ..
        } => Some((chat.username()?.to_owned(), message_id.0 as i64)),
        _ => None,
    }
}

/// A client writes to the client bot in private: tickets their public complaints opened
/// become theirs here, and the answers that waited go out. `true` when their message was only
/// `/start` (the greeting said everything).
pub(super) async fn joined(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
) -> Result<bool, RelayError> {
    if desk.profile.public.is_none() {
        return Ok(false);
    }
    let waiting = desk
        .store
        .waiting_public_posts(desk.ws(), client.id)
        .await?;
    let Some(latest) = waiting.last() else {
        return Ok(false);
    };
    fx.tx
        .join_public_posts(desk.ws(), client.id, fx.now)
        .await?;
    for post in &waiting {
        send_waiting_answers(desk, fx, client, post.ticket).await?;
        fx.refresh_card(post.ticket).await?;
    }
    let ticket = desk.store.get_ticket(desk.ws(), latest.ticket).await?;
    if ticket.status.is_active() {
        fx.tx
            .set_current_ticket(desk.ws(), client.id, Some(ticket.id), fx.now)
            .await?;
    }
    let text = desk.text(
        client.language,
        "public-joined",
        &[
            ("chat", latest.chat_title.clone().into()),
            ("number", ticket.number.to_string().into()),
        ],
    );
    let menu = super::menu::main_menu(desk, client.language);
    fx.notify_client(ticket.id, text, Some(menu)).await?;
    let only_start = message
        .text()
        .is_some_and(|t| t.trim_start().starts_with("/start"));
    Ok(only_start)
}

/// The agents' answers on `ticket` that never reached the client, queued in their order
/// (through translation where the desk translates, an album as one).
async fn send_waiting_answers(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let messages = desk.store.ticket_messages(desk.ws(), ticket).await?;
    let mut albums = BTreeSet::new();
    let waiting = messages.iter().filter(|m| {
        m.direction == MessageDirection::Agent
            && !m
                .copies
                .iter()
                .any(|c| c.chat_id == client.telegram_user_id)
    });
    for message in waiting {
        match message.media.iter().find_map(|m| m.media_group_id.clone()) {
            Some(group) => {
                if albums.insert(group.clone()) {
                    let job = Delivery::AgentAlbumToClient {
                        ticket,
                        media_group_id: group,
                    };
                    fx.send(job, Some(ticket)).await?;
                }
            }
            None => {
                let text = message.text.as_deref().filter(|_| message.media.is_empty());
                let job =
                    crate::translation::answer_delivery(desk, ticket, message.id, text).await?;
                fx.send(job, Some(ticket)).await?;
            }
        }
    }
    Ok(())
}
