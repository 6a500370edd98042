//! A client's message: commands, menu entries, form answers, or content for a ticket.

use super::menu;
use super::routing::{route, Route};
use crate::callback::CallbackAction;
use crate::content::{self, Content};
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{
    Client, ClientState, MessageDirection, Rating, TelegramCopy, TicketId, TopicId,
};
use ticketgram_store::{NewTicket, RecordedMessage};

pub async fn handle_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    let Some(user) = message.from.as_ref() else {
        return Ok(());
    };
    let client = super::client_of(desk, fx, user).await?;
    if let Some(block) = &client.blocked {
        return blocked_notice(desk, fx, &client, &block.reason).await;
    }
    let text = message.text().unwrap_or("");
    if let Some(command) = text.strip_prefix('/') {
        let command = command.split([' ', '@']).next().unwrap_or("");
        return match command {
            "start" => menu::welcome(desk, fx, &client).await,
            "help" => menu::help(desk, fx, &client).await,
            "new" => menu::choose_topic(desk, fx, &client).await,
            "my" | "requests" => menu::my_requests(desk, fx, &client).await,
            "language" => menu::choose_language(desk, fx, &client).await,
            // Unknown commands are content: "/etc/hosts won't save" is a real question.
            _ => on_content(desk, fx, &client, message).await,
        };
    }
    if let Some(action) = menu::menu_action(desk, text) {
        return match action {
            CallbackAction::NewRequest => menu::choose_topic(desk, fx, &client).await,
            CallbackAction::MyRequests => menu::my_requests(desk, fx, &client).await,
            CallbackAction::ChooseLanguage => menu::choose_language(desk, fx, &client).await,
            _ => menu::help(desk, fx, &client).await,
        };
    }
    on_content(desk, fx, &client, message).await
}

async fn on_content(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
) -> Result<(), RelayError> {
    let content = match content::extract(message) {
        Ok(content) => content,
        Err(kind) => {
            let text = desk.text(
                client.language,
                "unsupported-message",
                &[("kind", kind.into())],
            );
            return menu::say(fx, client, text, None).await;
        }
    };
    // Re-handling an update after a crash must not store the message twice.
    let chat_id = message.chat.id.0;
    if let Some(known) = desk
        .store
        .find_message_by_copy(desk.ws(), desk.bot_id(), chat_id, message.id.0 as i64)
        .await?
    {
        return relay_to_thread(desk, fx, known.ticket, known.id, &content).await;
    }
    let state = desk.store.client_state(desk.ws(), client.id).await?;
    match state {
        ClientState::WritingQuestion { topic } | ClientState::DisputeForm { topic, .. } => {
            open_ticket(desk, fx, client, message, &content, topic).await
        }
        ClientState::RatingComment { ticket } if content.text.is_some() => {
            let stored = desk.store.get_ticket(desk.ws(), ticket).await?;
            if let Some(rating) = stored.rating {
                fx.tx
                    .rate_ticket(desk.ws(), ticket, rating, content.text.clone(), fx.now)
                    .await?;
                super::buttons::after_rating(
                    desk,
                    fx,
                    client,
                    ticket,
                    rating,
                    content.text.clone(),
                )
                .await?;
            }
            fx.tx
                .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
                .await?;
            let text = desk.text(client.language, "rating-comment-thanks", &[]);
            menu::say(
                fx,
                client,
                text,
                Some(menu::main_menu(desk, client.language)),
            )
            .await
        }
        ClientState::Rating { ticket } if rating_typed(&content).is_some() => {
            let rating = rating_typed(&content).ok_or(RelayError::Internal("rating vanished"))?;
            super::buttons::rate(desk, fx, client, ticket, rating).await
        }
        _ => match route(desk, client, message).await? {
            Route::Ticket(ticket) => {
                add_to_ticket(desk, fx, client, message, &content, ticket).await
            }
            Route::NewTicket => open_ticket(desk, fx, client, message, &content, None).await,
            Route::Ask(tickets) => {
                super::routing::ask_which(desk, fx, client, message, &content, &tickets).await
            }
        },
    }
}

fn rating_typed(content: &Content) -> Option<Rating> {
    let text = content.text.as_deref()?.trim();
    Rating::new(text.parse().ok()?).ok()
}

/// The question that opens a ticket: create it, post its card, relay the question as the
/// thread's first comment and tell the client the number.
pub(crate) async fn open_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    topic: Option<TopicId>,
) -> Result<(), RelayError> {
    let (priority, queue) = match topic {
        Some(id) => {
            let topic = desk.store.get_topic(desk.ws(), id).await?;
            (topic.default_priority, topic.queue)
        }
        None => (Default::default(), None),
    };
    let ticket = fx
        .tx
        .create_ticket(
            desk.ws(),
            &NewTicket {
                client: client.id,
                topic,
                subject: content.subject(),
                priority,
                queue,
                language: client.language,
                created_at: fx.now,
            },
        )
        .await?;
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
        .await?;
    fx.tx
        .set_current_ticket(desk.ws(), client.id, Some(ticket.id), fx.now)
        .await?;
    fx.send(Delivery::PostCard { ticket: ticket.id }, Some(ticket.id))
        .await?;
    let stored = store_client_message(desk, fx, message, content, ticket.id).await?;
    relay_to_thread(desk, fx, ticket.id, stored.message.id, content).await?;
    crate::notices::notify::ticket_opened(desk, fx, &ticket, client).await?;
    let text = desk.first_reply_promise(&ticket, client.language, fx.now);
    fx.notify_client(
        ticket.id,
        text,
        Some(menu::main_menu(desk, client.language)),
    )
    .await
}

pub(crate) async fn add_to_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    ticket: TicketId,
) -> Result<(), RelayError> {
    fx.tx
        .set_current_ticket(desk.ws(), client.id, Some(ticket), fx.now)
        .await?;
    let recorded = store_client_message(desk, fx, message, content, ticket).await?;
    relay_to_thread(desk, fx, ticket, recorded.message.id, content).await?;
    crate::notices::bursts::client_wrote(desk, fx, ticket, &recorded.message).await?;
    // Only a client answering a ticket that waited on them changes what its card shows (the
    // status); any other message leaves the card as it is, so it is not redrawn.
    if recorded.status_change.is_some() {
        fx.refresh_card(ticket).await?;
    }
    Ok(())
}

async fn store_client_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
    content: &Content,
    ticket: TicketId,
) -> Result<RecordedMessage, RelayError> {
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id: message.chat.id.0,
        message_id: message.id.0 as i64,
    };
    let content = (content.text.clone(), content.media.clone());
    desk.record_message(fx, ticket, MessageDirection::Client, None, content, copy)
        .await
}

/// Queues the relay of a stored client message; album parts are gathered into one job that
/// waits a moment for the rest of the album.
async fn relay_to_thread(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    message: ticketgram_domain::MessageId,
    content: &Content,
) -> Result<(), RelayError> {
    match content.media_group_id() {
        Some(group) => {
            let job = Delivery::ClientAlbumToThread {
                ticket,
                media_group_id: group.to_string(),
            };
            let key = format!("album:{}:{group}", desk.bot_id());
            let after =
                fx.now + chrono::Duration::from_std(desk.config.album_window).unwrap_or_default();
            fx.send_keyed(job, Some(ticket), key, after).await
        }
        None => {
            fx.send(Delivery::ClientToThread { message }, Some(ticket))
                .await
        }
    }
}

/// An edit in the private chat: the copy on the other side follows.
pub async fn handle_edit(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    crate::edits::apply_edit(desk, fx, message, MessageDirection::Client).await
}

/// Tells a blocked client, through the client bot (the manager bot calls this when an agent
/// blocks someone).
pub(crate) async fn blocked_notice(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    reason: &str,
) -> Result<(), RelayError> {
    // One polite notice per block, not one per message. The key names the block's start, so a
    // client blocked again later is told again.
    let since = client
        .blocked
        .as_ref()
        .map_or(0, |b| b.at.timestamp_millis());
    let key = format!("blocked-notice:{}:{since}", client.id.0);
    if desk.store.get_setting(desk.ws(), &key).await?.is_some() {
        return Ok(());
    }
    fx.tx.set_setting(desk.ws(), &key, "1", fx.now).await?;
    let text = desk.text(
        client.language,
        "blocked-notice",
        &[("reason", reason.to_string().into())],
    );
    let job = Delivery::Say {
        chat_id: client.telegram_user_id,
        text,
        keyboard: None,
    };
    fx.send_via(desk.config.bots.client, job, None).await
}
