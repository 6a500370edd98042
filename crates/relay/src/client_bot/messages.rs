//! A client's message: commands, menu entries, form answers, or content for a ticket.

use super::menu;
use super::opening::{open_request, Opening};
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
use ticketgram_store::{ClientPlace, RecordedMessage, SeenClient};

pub async fn handle_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    let Some(user) = message.from.as_ref() else {
        return Ok(());
    };
    let seen = super::seen_client(desk, fx, user).await?;
    let client = &seen.client;
    if client.is_blocked() {
        return super::blocked::message_kept(desk, fx, client, message).await;
    }
    if super::public::joined(desk, fx, client, message).await? {
        return Ok(());
    }
    if super::flood::held(desk, fx, client, message).await? {
        return Ok(());
    }
    if super::self_service::took_message(desk, fx, client, message).await? {
        return Ok(());
    }
    let text = message.text().unwrap_or("");
    if let Some(command) = text.strip_prefix('/') {
        let command = command.split([' ', '@']).next().unwrap_or("");
        if matches!(
            command,
            "start" | "help" | "new" | "my" | "requests" | "language"
        ) {
            super::rating::moved_on(desk, fx, client).await?;
        }
        return match command {
            "start" => menu::welcome(desk, fx, client).await,
            "help" => menu::help(desk, fx, client).await,
            "new" => menu::choose_topic(desk, fx, client).await,
            "my" | "requests" => menu::my_requests(desk, fx, client).await,
            "language" => menu::choose_language(desk, fx, client).await,
            // Unknown commands are content: "/etc/hosts won't save" is a real question.
            _ => on_content(desk, fx, &seen, message).await,
        };
    }
    if let Some(action) = menu::menu_action(desk, text) {
        super::rating::moved_on(desk, fx, client).await?;
        return match action {
            CallbackAction::NewRequest => menu::choose_topic(desk, fx, client).await,
            CallbackAction::MyRequests => menu::my_requests(desk, fx, client).await,
            CallbackAction::ChooseLanguage => menu::choose_language(desk, fx, client).await,
            _ => menu::help(desk, fx, client).await,
        };
    }
    on_content(desk, fx, &seen, message).await
}

async fn on_content(
    desk: &Desk,
    fx: &mut Effects<'_>,
    seen: &SeenClient,
    message: &Message,
) -> Result<(), RelayError> {
    let client = &seen.client;
    let content = match content::extract(message) {
        Ok(content) => content,
        Err(kind) => {
            let text = desk.text(
                client.language,
                "unsupported-message",
                &[("kind", kind.into())],
            );
            return fx.say_to(client, text, None).await;
        }
    };
    // No look for the message among those already stored: an update is applied in the
    // transaction that marks it processed (`crate::processor`), so one applied again after a
    // crash finds nothing of itself.
    let place = desk.store.client_place_since(desk.ws(), seen).await?;
    let current = place.current;
    match place.state.clone() {
        ClientState::WritingQuestion { topic } | ClientState::DisputeForm { topic, .. } => {
            open_ticket(desk, fx, client, message, &content, topic).await
        }
        ClientState::RatingComment {
            ticket,
            prompt,
            until,
        } => {
            let step = (ticket, prompt, until);
            if super::rating::comment_taken(desk, fx, client, message, &content, step).await? {
                return Ok(());
            }
            // Read again: the step just handled may have moved the client on.
            let place = desk.store.client_place(desk.ws(), client.id).await?;
            route_content(desk, fx, client, message, &content, &place).await
        }
        ClientState::ReadingArticles { .. } => {
            let ticket = super::suggestions::did_not_help(desk, fx, client).await?;
            match ticket {
                Some(ticket) => {
                    add_to_ticket(desk, fx, client, message, &content, ticket, current).await
                }
                None => {
                    let place = desk.store.client_place(desk.ws(), client.id).await?;
                    route_content(desk, fx, client, message, &content, &place).await
                }
            }
        }
        ClientState::Rating { ticket } if rating_typed(&content).is_some() => {
            let rating = rating_typed(&content).ok_or(RelayError::Internal("rating vanished"))?;
            let ticket = desk.store.get_ticket(desk.ws(), ticket).await?;
            match super::rating::scored(desk, fx, client, &ticket, rating).await? {
                Some(refusal) => fx.say_to(client, refusal, None).await,
                None => Ok(()),
            }
        }
        _ => route_content(desk, fx, client, message, &content, &place).await,
    }
}

/// Content for a ticket: the ticket it belongs to, a new one, or the question which one.
async fn route_content(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    place: &ClientPlace,
) -> Result<(), RelayError> {
    match route(desk, client, message, place).await? {
        Route::Ticket(ticket) => {
            add_to_ticket(desk, fx, client, message, content, ticket, place.current).await
        }
        Route::NewTicket => open_ticket(desk, fx, client, message, content, None).await,
        Route::Ask(tickets) => {
            super::routing::ask_which(desk, fx, client, message, content, &tickets).await
        }
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
    if super::suggestions::offered(desk, fx, client, message, content, topic).await? {
        return Ok(());
    }
    open_ticket_from(desk, fx, client, copy_of(desk, message), content, topic)
        .await
        .map(drop)
}

fn copy_of(desk: &Desk, message: &Message) -> TelegramCopy {
    TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id: message.chat.id.0,
        message_id: message.id.0 as i64,
    }
}

/// Opens a ticket with the client's message `copy` as its question (a message just received,
/// or one held while the client read suggested articles), registered as a complaint when its
/// words read as one and the desk asks for that.
pub(crate) async fn open_ticket_from(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    copy: TelegramCopy,
    content: &Content,
    topic: Option<TopicId>,
) -> Result<TicketId, RelayError> {
    let ticket = open_with_question(desk, fx, client, copy, content, topic).await?;
    crate::actions::complaint::recognise(desk, fx, &ticket, content.text.as_deref()).await?;
    Ok(ticket.id)
}

/// [`open_ticket_from`] without the complaint register, for callers that register it
/// themselves (a public complaint is one whatever the desk recognises).
pub(crate) async fn open_with_question(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    copy: TelegramCopy,
    content: &Content,
    topic: Option<TopicId>,
) -> Result<ticketgram_domain::Ticket, RelayError> {
    // The question's language decides the language of the ticket and of the answer below.
    let text = content.text.as_deref();
    let client = &super::language::learn_from(desk, fx, client, text).await?;
    let topic = match topic {
        Some(id) => Some(desk.store.get_topic(desk.ws(), id).await?),
        None => None,
    };
    // No topic chosen: the desk's model may know it from the question (`crate::intents`).
    let guess = match (&topic, text) {
        (None, Some(text)) => super::intent::guess(desk, text).await?,
        _ => None,
    };
    let topic = topic.or_else(|| guess.as_ref().and_then(|g| g.applied.clone()));
    let opening = Opening {
        topic: topic.as_ref(),
        subject: content.subject(),
        priority: None,
    };
    let ticket = open_request(desk, fx, client, opening).await?;
    if let Some(guess) = &guess {
        super::intent::record(desk, fx, ticket.id, guess).await?;
    }
    let ticket = super::urgency::raise_if_called_for(desk, fx, ticket, text).await?;
    super::mood::note(desk, fx, ticket.id, text).await?;
    let stored = store_client_message(desk, fx, copy, content, ticket.id).await?;
    relay_to_thread(desk, fx, ticket.id, stored.message.id, content).await?;
    let words = words_of(content);
    crate::translation::queue_for_thread(desk, fx, client, ticket.id, stored.message.id, words)
        .await?;
    crate::notices::notify::ticket_opened(desk, fx, &ticket, client).await?;
    let text = desk.first_reply_promise(&ticket, client.language, fx.now);
    fx.notify_client(
        ticket.id,
        text,
        Some(menu::main_menu(desk, client.language)),
    )
    .await?;
    Ok(ticket)
}

pub(crate) async fn add_to_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    ticket: TicketId,
    current: Option<TicketId>,
) -> Result<(), RelayError> {
    // `current` is the client's current ticket as the caller read it in this input: writing
    // it again would change nothing.
    if current != Some(ticket) {
        fx.tx
            .set_current_ticket(desk.ws(), client.id, Some(ticket), fx.now)
            .await?;
    }
    let learned = super::language::learn_from(desk, fx, client, content.text.as_deref()).await?;
    let angry = super::mood::note(desk, fx, ticket, content.text.as_deref()).await?;
    let recorded = store_client_message(desk, fx, copy_of(desk, message), content, ticket).await?;
    relay_to_thread(desk, fx, ticket, recorded.message.id, content).await?;
    // An album's caption too: its translation waits for the album's copy in the thread.
    let words = words_of(content);
    crate::translation::queue_for_thread(desk, fx, &learned, ticket, recorded.message.id, words)
        .await?;
    crate::notices::bursts::client_wrote(desk, fx, &recorded.ticket, &recorded.message).await?;
    // Only a client answering a ticket that waited on them changes what its card shows (the
    // status), one writing in a language new to the desk or sounding angry for the first
    // time; any other message leaves the
    // card as it is, so it is not redrawn.
    if recorded.status_change.is_some()
        || angry
        || learned.written_language != client.written_language
    {
        fx.refresh_card(ticket).await?;
    }
    Ok(())
}

/// The words of a message to translate: its text, or its caption.
fn words_of(content: &Content) -> Option<&str> {
    content
        .text
        .as_deref()
        .or_else(|| content.media.first().and_then(|m| m.caption.as_deref()))
}

async fn store_client_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    copy: TelegramCopy,
    content: &Content,
    ticket: TicketId,
) -> Result<RecordedMessage, RelayError> {
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
    // No discussion group, no thread: the message is stored, and posted when a channel with
    // its group is linked.
    if desk.config.chats.group_id.is_none() {
        return Ok(());
    }
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

/// An edit in the private chat: the copy on the other side follows — unless the client is
/// blocked: what a blocked client sends, edits included, is kept in the history only.
pub async fn handle_edit(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<(), RelayError> {
    let blocked = match &message.from {
        Some(user) => desk
            .store
            .find_client_by_telegram_id(desk.ws(), user.id.0 as i64)
            .await?
            .is_some_and(|client| client.is_blocked()),
        None => false,
    };
    let relayed = (!blocked).then_some(MessageDirection::Client);
    crate::edits::apply_edit(desk, fx, message, relayed).await
}
