//! Edits of relayed messages, on either side: the stored text follows, and so does the copy
//! on the other side.

use crate::content;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::MessageDirection;

/// Records the edit of a message we know, and re-sends it to the other side when it is of a
/// direction that is relayed there (`None`: nothing the sender edits is relayed now, as for a
/// blocked client). Edits of anything never relayed (menu commands, notes) change nothing.
pub async fn apply_edit(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
    relayed: Option<MessageDirection>,
) -> Result<(), RelayError> {
    let chat_id = message.chat.id.0;
    let telegram_id = message.id.0 as i64;
    let known = desk
        .store
        .find_message_by_copy(desk.ws(), desk.bot_id(), chat_id, telegram_id)
        .await?;
    let (Some(known), Ok(content)) = (known, content::extract(message)) else {
        return Ok(());
    };
    fx.tx
        .edit_message(desk.ws(), known.id, content.text, content.media, fx.now)
        .await?;
    if Some(known.direction) != relayed {
        return Ok(());
    }
    let translated = desk.profile.translation.is_some()
        && desk
            .store
            .message_translation(desk.ws(), known.id)
            .await?
            .is_some();
    // The client has a translation of this answer (or is about to): repeating the edit would
    // replace it with the agent's own language. The edit is kept in the history; the agent is
    // told to write a new message instead.
    if known.direction == MessageDirection::Agent && translated {
        let notice = desk.agent_text("translation-edit-not-sent", &[]);
        return fx.tell_agents(known.ticket, notice).await;
    }
    fx.send(Delivery::SyncEdit { message: known.id }, Some(known.ticket))
        .await?;
    // A client's translated words: the agents' translation follows the edit.
    if known.direction == MessageDirection::Client && translated {
        let job = Delivery::TranslateEditForThread { message: known.id };
        fx.send(job, Some(known.ticket)).await?;
    }
    Ok(())
}
