//! A new request's topic guessed from its question when the client chose none
//! (`crate::intents`): applied when the desk's model is confident, shown on the card always,
//! and written in the input's transaction with the ticket.

use crate::desk::{Desk, Effects};
use crate::intents::APPLY_FROM;
use crate::RelayError;
use ticketgram_domain::{TicketId, Topic, TopicId};
use ticketgram_store::{StoreError, TicketIntent};

pub(crate) struct Guess {
    label: String,
    confidence_pct: i64,
    /// The topic the ticket takes, when the guess is confident and names an active topic.
    pub applied: Option<Topic>,
}

/// The desk's guess for `text`; `None` when it has no model or the guess names no topic.
pub(crate) async fn guess(desk: &Desk, text: &str) -> Result<Option<Guess>, RelayError> {
    let Some(prediction) = desk.intents.guess(&desk.store, desk.ws(), text).await? else {
        return Ok(None);
    };
    let Ok(id) = prediction.label.parse().map(TopicId) else {
        return Ok(None);
    };
    let topic = match desk.store.get_topic(desk.ws(), id).await {
        Ok(topic) => topic,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let confident = prediction.confidence >= APPLY_FROM && topic.active;
    Ok(Some(Guess {
        label: prediction.label,
        confidence_pct: (prediction.confidence * 100.0).round() as i64,
        applied: confident.then_some(topic),
    }))
}

pub(crate) async fn record(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    guess: &Guess,
) -> Result<(), RelayError> {
    let intent = TicketIntent {
        label: guess.label.clone(),
        confidence_pct: guess.confidence_pct,
        applied: guess.applied.is_some(),
    };
    fx.tx
        .record_ticket_intent(desk.ws(), ticket, &intent, fx.now)
        .await?;
    Ok(())
}
