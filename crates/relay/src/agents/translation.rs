//! An agent's decision on the translation of their answer (`crate::translation`): send the
//! translation, or the answer as written. Any agent of the desk may decide (a colleague
//! covering a shift); the first tap counts, a second one changes nothing.

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use ticketgram_domain::{Agent, MessageId};
use ticketgram_store::{StoreError, TranslationState};

pub async fn decide(
    desk: &Desk,
    fx: &mut Effects<'_>,
    agent: &Agent,
    message: MessageId,
    translated: bool,
) -> Result<(), RelayError> {
    let ws = desk.ws();
    let Some(found) = desk.store.message_translation(ws, message).await? else {
        return Ok(());
    };
    let state = if translated {
        TranslationState::Approved
    } else {
        TranslationState::Declined
    };
    if !fx
        .tx
        .decide_translation(ws, message, state, agent.id, fx.now)
        .await?
    {
        return Ok(()); // decided already
    }
    let answer = match desk.store.get_message(ws, message).await {
        Ok(answer) => answer,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let job = crate::translation::answer_to_client(&answer);
    fx.send(job, Some(answer.ticket)).await?;
    if let Some(prompt) = found.shown_message_id {
        let text = match (translated, found.text) {
            (true, Some(text)) => desk.agent_text(
                "translation-decided-sent",
                &[("agent", agent.name.clone().into()), ("text", text.into())],
            ),
            _ => desk.agent_text(
                "translation-decided-original",
                &[("agent", agent.name.clone().into())],
            ),
        };
        let job = Delivery::EditThreadMessage {
            ticket: answer.ticket,
            message_id: prompt,
            text,
        };
        fx.send(job, Some(answer.ticket)).await?;
    }
    Ok(())
}
