//! A client who sounds angry (complaint words and shouting together, insults, threats to
//! leave) is worth a senior agent's eye: the ticket gets the system's `angry` tag, which the
//! card, the console's filters and the API show. Only the system adds it, once per ticket;
//! an agent may remove it.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{Actor, Tag, TicketId};
use ticketgram_understanding::cues::{sentiment, Sentiment};

/// The tag an angry message puts on its ticket.
pub const ANGRY: &str = "angry";

/// Whether `text` reads as angry.
pub(crate) fn sounds_angry(text: Option<&str>) -> bool {
    text.is_some_and(|text| sentiment(text).sentiment == Sentiment::Angry)
}

/// Tags the ticket when the message sounds angry; true when the tag is new (the card then
/// shows it).
pub(crate) async fn note(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    text: Option<&str>,
) -> Result<bool, RelayError> {
    if !sounds_angry(text) {
        return Ok(false);
    }
    let tag = Tag::parse(ANGRY).ok_or(RelayError::Internal("the angry tag"))?;
    Ok(fx
        .tx
        .add_ticket_tag(desk.ws(), ticket, &tag, Actor::System, fx.now)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shouting_complaints_are_angry_and_a_plain_question_is_not() {
        assert!(sounds_angry(Some(
            "This is UNACCEPTABLE!!! Worst service ever, I am closing my account"
        )));
        assert!(!sounds_angry(Some(
            "Where is my parcel? It was due on Monday"
        )));
        assert!(!sounds_angry(None));
    }
}
