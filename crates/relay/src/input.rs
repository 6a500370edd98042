//! An input from outside Telegram — a console form, an API call — applied like an update:
//! in one transaction, with outbox jobs keyed by the request's own idempotency key, so a
//! retried form post or API call acts once.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::Timestamp;
use ticketgram_store::Tx;

/// One open input: its transaction and the desk (as its client bot sees it) reading through
/// it. Act with [`Input::effects`], then [`Input::commit`]; dropping it changes nothing.
pub struct Input {
    pub desk: Desk,
    pub tx: Tx,
    origin: String,
    pub now: Timestamp,
}

impl Input {
    /// Opens an input. `origin` names it for deduplication: the API's Idempotency-Key, the
    /// console form's nonce. An origin that was applied already is refused with
    /// [`RelayError::AlreadyApplied`]: the form posted twice changes nothing the second time.
    pub async fn open(desk: &Desk, origin: String, now: Timestamp) -> Result<Input, RelayError> {
        // The profile is read before the transaction opens, so the write lock is held only
        // for the input's own work.
        let desk = desk.as_client_bot().await?;
        let tx = desk.store.begin_tx_for("request").await?;
        if !tx.mark_input_applied(desk.ws(), &origin, now).await? {
            tx.rollback().await;
            return Err(RelayError::AlreadyApplied);
        }
        let desk = desk.bound_to(&tx);
        Ok(Input {
            desk,
            tx,
            origin,
            now,
        })
    }

    /// The effects of this input; create it once and pass it to every action of the input.
    pub fn effects(&self) -> Effects<'_> {
        Effects::new(&self.desk, &self.tx, self.origin.clone(), self.now)
    }

    pub async fn commit(self) -> Result<(), RelayError> {
        self.tx.commit().await?;
        // The jobs it queued go out now, not at the dispatcher's next idle look.
        self.desk.signals.jobs_queued.ring();
        Ok(())
    }

    /// Opens, acts and commits: `act` gets the desk reading through the transaction and the
    /// input's effects. An error from `act` leaves nothing behind.
    pub async fn apply<T, E>(
        desk: &Desk,
        origin: String,
        now: Timestamp,
        act: impl AsyncFnOnce(&Desk, &mut Effects<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<RelayError>,
    {
        let input = Input::open(desk, origin, now).await?;
        let out = {
            let mut fx = input.effects();
            act(&input.desk, &mut fx).await?
        };
        input.commit().await?;
        Ok(out)
    }
}
