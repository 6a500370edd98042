//! Answering a public complaint where it was written (docs/public-complaints.md): the desk's
//! acknowledgement, or an agent's own words, as a reply to the public message under a button
//! that opens the client bot. Called when the ticket opens (if the desk answers on its own)
//! and by `/public` in the ticket's thread.

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Actor, TicketId};

/// Longest public answer: a public reply is a line or two, not the conversation.
pub const PUBLIC_ANSWER_CHARS: usize = 1000;

/// Why a public answer was refused: nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The ticket did not come from a public chat.
    NotPublic,
    /// The text is longer than [`PUBLIC_ANSWER_CHARS`].
    TooLong,
}

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::NotPublic => "public-refused-not-public",
            Refusal::TooLong => "public-refused-too-long",
        }
    }
}

/// Answers the ticket's public message: `text`, or the desk's acknowledgement in the
/// ticket's language naming its number. The history, the audit log and the thread say so.
pub async fn answer(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    text: Option<&str>,
    by: Actor,
) -> Result<Result<(), Refusal>, RelayError> {
    let ws = desk.ws();
    let Some(post) = desk.store.public_post(ws, ticket).await? else {
        return Ok(Err(Refusal::NotPublic));
    };
    let ticket = desk.store.get_ticket(ws, ticket).await?;
    let lang = ticket.language;
    let text = match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(own) if own.chars().count() > PUBLIC_ANSWER_CHARS => return Ok(Err(Refusal::TooLong)),
        Some(own) => own.to_owned(),
        None => desk.text(
            lang,
            "public-answer-default",
            &[("number", ticket.number.to_string().into())],
        ),
    };
    let job = Delivery::PublicReply {
        ticket: ticket.id,
        text: text.clone(),
        button: desk.text(lang, "public-answer-button", &[]),
    };
    fx.send(job, Some(ticket.id)).await?;
    fx.tx.mark_public_answered(ws, ticket.id, fx.now).await?;
    let details = serde_json::json!({ "chat": post.chat_title, "text": text });
    super::complaint::history(desk, fx, &ticket, "public_answered", by, details).await?;
    let notice = desk.agent_text(
        "public-answered-thread",
        &[("chat", post.chat_title.into()), ("text", text.into())],
    );
    fx.tell_agents(ticket.id, notice).await?;
    Ok(Ok(()))
}
