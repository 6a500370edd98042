//! A posted console form is one input (see `ticketgram_relay::Input`): its changes, history,
//! audit rows and outbox jobs commit together with the input's mark, named by the form's
//! nonce, so a form posted twice (a double click, a browser re-sending) acts once.

use crate::auth::Signed;
use crate::error::WebError;
use crate::nonce::FormNonce;
use crate::WebState;
use ticketgram_relay::desk::Effects;
use ticketgram_relay::{Desk, Input};

/// Applies `act` inside the form's input; `None` when this form was already applied.
pub(crate) async fn apply<T>(
    state: &WebState,
    signed: &Signed,
    nonce: FormNonce,
    act: impl AsyncFnOnce(&Desk, &mut Effects<'_>) -> Result<T, WebError>,
) -> Result<Option<T>, WebError> {
    let origin = format!("web:{}:{}", signed.agent.id.0, nonce.0);
    match Input::apply(&state.desk, origin, chrono::Utc::now(), act).await {
        Ok(out) => Ok(Some(out)),
        Err(WebError::Replayed) => Ok(None),
        Err(e) => Err(e),
    }
}
