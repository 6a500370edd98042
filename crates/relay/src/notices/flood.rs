//! The one line agents read in a ticket's thread about a client's flood: how many messages
//! were kept in the history without being relayed, said once the flood is over — the client's
//! bucket full again and no held message applied for a pause — counted from the client's
//! stored flood state.

use crate::desk::Desk;
use std::time::Duration;
use ticketgram_domain::{ClientId, Timestamp};
use ticketgram_store::StoreError;

/// A batch of the flood's messages may commit a moment after it was applied: the summary waits
/// this much beyond the pause, so the flood's last messages are counted.
const SETTLE: Duration = Duration::from_secs(2);

#[derive(Debug, PartialEq)]
pub enum FloodSummary {
    /// The client is still flooding: look again after this long.
    StillWriting(Duration),
    /// Nothing held after all (the count is gone with an erased client).
    Nothing,
    Tell(String),
}

/// The summary of the flood that started at `held.0`, `held.1` messages into the client's
/// count, as the desk is `now`.
pub async fn flood_summary(
    desk: &Desk,
    client: ClientId,
    held: (Timestamp, i64),
    now: Timestamp,
) -> Result<FloodSummary, StoreError> {
    let (since, held_before) = held;
    let state = desk.store.client_flood(desk.ws(), client).await?;
    if state.flood_since == Some(since) {
        let pause =
            chrono::Duration::from_std(desk.config.burst_pause + SETTLE).unwrap_or_default();
        let paused = state.last_held.unwrap_or(since) + pause;
        let over = state.full_at.map_or(paused, |full| full.max(paused));
        if now < over {
            let wait = (over - now).to_std().unwrap_or_default();
            return Ok(FloodSummary::StillWriting(wait));
        }
    }
    let count = state.held_in(since, held_before);
    if count <= 0 {
        return Ok(FloodSummary::Nothing);
    }
    let name = match desk.store.get_client(desk.ws(), client).await {
        Ok(client) => client.display_name(),
        Err(StoreError::NotFound) => return Ok(FloodSummary::Nothing),
        Err(e) => return Err(e),
    };
    let text = desk.agent_text(
        "flood-summary",
        &[("client", name.into()), ("count", count.into())],
    );
    Ok(FloodSummary::Tell(text))
}
