//! The client's score for a closed ticket. Asked at every close; given once per close (a
//! second press of an old star button changes nothing); a reopen sets the score aside in the
//! ticket's history (the store does that with the status change), so the next close asks
//! again. The optional comment completes the score and is never replaced either.

use crate::callback::CallbackAction;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use ticketgram_domain::{Client, ClientState, Rating, Ticket};

/// What became of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scored {
    /// Stored, the agents told, the card redrawn.
    Recorded,
    /// This close was already rated: the first score stands.
    AlreadyRated,
    /// The ticket is active again (reopened): there is nothing to rate yet.
    StillOpen,
}

/// After a close (by either side): the closing notice with the 1-5 stars.
pub async fn ask_rating(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: &Ticket,
) -> Result<(), RelayError> {
    let number = ticket.number.to_string();
    let lang = client.language;
    let text = format!(
        "{}\n{}",
        desk.text(lang, "ticket-closed", &[("number", number.clone().into())]),
        desk.text(lang, "rate-request", &[("number", number.into())])
    );
    fx.tx
        .set_client_state(
            desk.ws(),
            client.id,
            &ClientState::Rating { ticket: ticket.id },
            fx.now,
        )
        .await?;
    fx.notify_client(ticket.id, text, Some(rating_keyboard(ticket)))
        .await
}

/// The 1-5 stars keyboard sent after a ticket is closed.
pub fn rating_keyboard(ticket: &Ticket) -> Keyboard {
    let row = (1..=5u8)
        .map(|stars| Button {
            text: "⭐".repeat(stars as usize),
            data: CallbackAction::Rate(ticket.id, stars).encode(),
        })
        .collect::<Vec<_>>();
    // Five stars on one row are too wide on phones: 3 + 2.
    let (first, second) = row.split_at(3);
    Keyboard::Inline(vec![first.to_vec(), second.to_vec()])
}

/// The client's score for `ticket`, taken only once per close.
pub async fn rate(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    rating: Rating,
) -> Result<Scored, RelayError> {
    if ticket.status.is_active() {
        return Ok(Scored::StillOpen);
    }
    if ticket.rating.is_some() {
        return Ok(Scored::AlreadyRated);
    }
    fx.tx
        .rate_ticket(desk.ws(), ticket.id, rating, None, fx.now)
        .await?;
    tell(desk, fx, ticket, rating, None).await?;
    Ok(Scored::Recorded)
}

/// The comment that completes a score; false when there is no score to complete, or it
/// already has a comment (nothing is overwritten).
pub async fn comment(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    text: &str,
) -> Result<bool, RelayError> {
    let (Some(rating), None) = (ticket.rating, &ticket.rating_comment) else {
        return Ok(false);
    };
    if ticket.status.is_active() || text.trim().is_empty() {
        return Ok(false);
    }
    let text = text.trim().to_string();
    fx.tx
        .rate_ticket(desk.ws(), ticket.id, rating, Some(text.clone()), fx.now)
        .await?;
    tell(desk, fx, ticket, rating, Some(text)).await?;
    Ok(true)
}

/// Tells the agents about a rating and shows it on the card.
async fn tell(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    rating: Rating,
    comment: Option<String>,
) -> Result<(), RelayError> {
    let notice = desk.agent_text(
        "client-rated",
        &[
            ("stars", i64::from(rating.score()).into()),
            ("comment", comment.unwrap_or_default().into()),
        ],
    );
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await
}
