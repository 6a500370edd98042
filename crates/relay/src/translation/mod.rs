//! Machine translation on the desk (docs/translation.md): a client's message translated for
//! the agents in its thread, an agent's answer translated for the client.
//!
//! The input that receives a message only decides *whether* it will be translated and queues
//! a job in its transaction ([`plan`]); the provider is called by the dispatcher, outside every
//! transaction, like a Telegram call ([`crate::delivery`]), and what it answered is recorded
//! with the job's outcome. A slow or failing provider therefore never holds an input, and a
//! message is never lost to it: the client's original is already in the thread, and an answer
//! goes as written, each marked untranslated with the reason.

pub(crate) mod plan;
pub(crate) mod run;
pub use crate::translation_settings as settings;

pub use settings::{KeyChange, ShownTranslation, TranslationChange, TranslationSettingsError};

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Client, Message, MessageId, TicketId};

/// The desk's settings when it translates; a damaged setting is logged and translates nothing.
pub(crate) fn desk_config(desk: &Desk) -> Option<ticketgram_translation::TranslationConfig> {
    match settings::shown(&desk.profile) {
        Ok(shown) => shown.map(|s| s.config),
        Err(error) => {
            tracing::warn!(%error, "the desk's translation settings cannot be read");
            None
        }
    }
}

/// Queues the translation of a client's message for the agents, when the desk translates its
/// language. Called after the message's own relay job, so the translation follows it.
pub(crate) async fn queue_for_thread(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
    message: MessageId,
    text: Option<&str>,
) -> Result<(), RelayError> {
    let (Some(text), Some(config)) = (text, desk_config(desk)) else {
        return Ok(());
    };
    if desk.config.chats.group_id.is_none()
        || plan::incoming(&config, desk.config.agent_language, client, text).is_none()
    {
        return Ok(());
    }
    fx.send(Delivery::TranslateForThread { message }, Some(ticket))
        .await
}

/// The job that takes an agent's answer to the client once its translation is decided (or
/// none is made): the album the answer belongs to, or the message alone.
pub(crate) fn answer_to_client(message: &Message) -> Delivery {
    match message.media.iter().find_map(|m| m.media_group_id.clone()) {
        Some(media_group_id) => Delivery::AgentAlbumToClient {
            ticket: message.ticket,
            media_group_id,
        },
        None => Delivery::AgentToClient {
            message: message.id,
        },
    }
}

/// The job that takes an agent's answer to the client: through translation when the desk
/// translates the client's language, else straight.
pub(crate) async fn answer_delivery(
    desk: &Desk,
    ticket: TicketId,
    message: MessageId,
    text: Option<&str>,
) -> Result<Delivery, RelayError> {
    let straight = Delivery::AgentToClient { message };
    let (Some(text), Some(config)) = (text, desk_config(desk)) else {
        return Ok(straight);
    };
    let ticket = desk.store.get_ticket(desk.ws(), ticket).await?;
    let client = desk.store.get_client(desk.ws(), ticket.client).await?;
    Ok(
        match plan::answer(&config, desk.config.agent_language, &client, text) {
            Some(_) => Delivery::TranslateAnswer { message },
            None => straight,
        },
    )
}
