//! A new request's topic and tag guessed from its question when the client chose no topic
//! (`crate::intents`): applied when the desk's model is confident, shown on the card always,
//! and written in the input's transaction with the ticket.

use crate::desk::{Desk, Effects};
use crate::intents::{Label, APPLY_FROM};
use crate::RelayError;
use ticketgram_domain::{Actor, Tag, TicketId, Topic};
use ticketgram_store::{StoreError, TicketIntent};

pub(crate) struct Guess {
    label: String,
    confidence_pct: i64,
    /// The topic the ticket takes, when the guess is confident and names an active topic.
    pub applied: Option<Topic>,
    /// The tag the ticket gets, when the guess is confident and names one.
    tag: Option<Tag>,
}

/// The desk's guess for `text`; `None` when it has no model or the guess names nothing the
/// desk still has.
pub(crate) async fn guess(desk: &Desk, text: &str) -> Result<Option<Guess>, RelayError> {
    let Some(prediction) = desk.intents.guess(&desk.store, desk.ws(), text).await? else {
        return Ok(None);
    };
    let Some(label) = Label::parse(&prediction.label) else {
        return Ok(None);
    };
    let topic = match label.topic {
        Some(id) => match desk.store.get_topic(desk.ws(), id).await {
            Ok(topic) => Some(topic),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if topic.is_none() && label.tag.is_none() {
        return Ok(None);
    }
    let confident = prediction.confidence >= APPLY_FROM;
    Ok(Some(Guess {
        label: prediction.label,
        confidence_pct: (prediction.confidence * 100.0).round() as i64,
        applied: topic.filter(|topic| confident && topic.active),
        tag: label.tag.filter(|_| confident),
    }))
}

/// Records the guess, and gives the ticket its tag when the guess is confident: as the
/// system, so the tag never teaches the next model (`intents::lessons`).
pub(crate) async fn record(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    guess: &Guess,
) -> Result<(), RelayError> {
    let intent = TicketIntent {
        label: guess.label.clone(),
        confidence_pct: guess.confidence_pct,
        applied: guess.applied.is_some() || guess.tag.is_some(),
    };
    fx.tx
        .record_ticket_intent(desk.ws(), ticket, &intent, fx.now)
        .await?;
    if let Some(tag) = &guess.tag {
        fx.tx
            .add_ticket_tag(desk.ws(), ticket, tag, Actor::System, fx.now)
            .await?;
    }
    Ok(())
}
