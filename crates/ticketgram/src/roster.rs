//! This instance among the desk's instances (docs/deploy.md, several instances): its row in
//! the `instances` table, kept alive while it runs; the share-out of the desk's bots, read
//! from that table and handed to the relays ([`ticketgram_relay::spread`]); and the drain on
//! SIGTERM, which hands this instance's bots to the others before it exits.
//!
//! The row is written only when little of it is left (every few seconds), and the table is
//! read every few seconds like the bots table: an idle desk costs one small read and, now and
//! then, one small write.

use std::time::Duration;

use ticketgram_domain::{Timestamp, WorkspaceId};
use ticketgram_relay::spread::{should_hand_over, Spread};
use ticketgram_store::{Store, StoreError};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How long this instance counts as live if it dies without a word: its bots are taken at
/// their lease's end anyway (5 s); this only decides how long the others keep counting it
/// when they share the bots out.
pub const INSTANCE_TTL: Duration = Duration::from_secs(10);
/// Renew the row when this little of it is left (one look later it would still be alive).
const RENEW_WHEN_LEFT: Duration = Duration::from_secs(4);
/// How often the share-out is read again: as often as the bots table.
const LOOK: Duration = crate::supervisor::RESCAN;
/// How long a draining instance waits for the others to take its bots before it exits
/// anyway (they then take them when their leases lapse).
const HAND_OVER_WAIT: Duration = Duration::from_secs(10);
/// How often a draining instance looks whether its bots were taken.
const HAND_OVER_LOOK: Duration = Duration::from_millis(50);

/// This instance in the roster: keep it with [`Roster::join`], end it with [`Member::leave`].
pub struct Roster {
    pub store: Store,
    pub ws: WorkspaceId,
    /// The incarnation's id, as leases name their holder.
    pub me: String,
    pub spread: Spread,
}

/// A joined instance; its row is kept alive until [`Member::leave`].
pub struct Member {
    roster: std::sync::Arc<Roster>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Roster {
    /// Registers this instance and reads the share-out once, before the relays start (so the
    /// first instance takes every bot and a later one leaves them where they are), then keeps
    /// both up to date.
    pub async fn join(self) -> Result<Member, StoreError> {
        let now = chrono::Utc::now();
        self.beat(now).await?;
        self.look(now).await?;
        let roster = std::sync::Arc::new(self);
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(roster.clone().keep(now, stopped));
        Ok(Member { roster, stop, task })
    }

    async fn keep(
        self: std::sync::Arc<Self>,
        mut beaten: Timestamp,
        mut stop: watch::Receiver<bool>,
    ) {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(LOOK) => {}
                _ = stop.changed() => return,
            }
            let now = chrono::Utc::now();
            let expires = beaten + chrono::Duration::from_std(INSTANCE_TTL).unwrap_or_default();
            if expires - now <= chrono::Duration::from_std(RENEW_WHEN_LEFT).unwrap_or_default() {
                match self.beat(now).await {
                    Ok(()) => beaten = now,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot renew this instance's row; retrying")
                    }
                }
            }
            if let Err(e) = self.look(now).await {
                tracing::warn!(error = %e, "cannot read the desk's instances; keeping the last share-out");
            }
        }
    }

    async fn beat(&self, now: Timestamp) -> Result<(), StoreError> {
        self.store
            .write(async |tx| tx.beat_instance(self.ws, &self.me, INSTANCE_TTL, now).await)
            .await
    }

    /// Reads who runs the desk and how many bots each holds; asks a relay to hand its bot over
    /// when this instance holds more than its share and another fewer.
    async fn look(&self, now: Timestamp) -> Result<(), StoreError> {
        let loads = self.store.instance_loads(self.ws, now).await?;
        let others: Vec<u64> = loads
            .iter()
            .filter(|load| load.id != self.me)
            .map(|load| load.bots)
            .collect();
        let live = others.len() + 1;
        self.spread.set_live(live);
        ticketgram_relay::metrics::instances_live(live);
        let bots = self.spread.bots();
        if !self.spread.is_draining()
            && bots > 0
            && should_hand_over(bots, self.spread.held(), &others, self.spread.still_for())
        {
            self.spread.ask_hand_over();
        }
        Ok(())
    }
}

impl Member {
    /// SIGTERM: from now on this instance takes no bot, and the others stop counting it, so
    /// the bots its relays let go when they stop are taken at once. Returns the bot leases it
    /// holds now, for [`Member::leave`].
    pub async fn drain(&self) -> Vec<String> {
        let roster = &self.roster;
        roster.spread.drain();
        let me = roster.me.as_str();
        if let Err(e) = roster
            .store
            .write(async |tx| tx.drain_instance(me).await)
            .await
        {
            tracing::warn!(error = %e, "cannot mark this instance as draining; the others notice when its row lapses");
        }
        let held = roster
            .store
            .leases_of(me, chrono::Utc::now())
            .await
            .unwrap_or_default();
        held.into_iter()
            .filter(|name| name.starts_with("bot:"))
            .collect()
    }

    /// After the relays stopped (their leases released): waits until another instance holds
    /// each bot in `handed` (if any other runs), then removes this instance's row.
    pub async fn leave(self, handed: Vec<String>) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        let roster = &self.roster;
        let started = std::time::Instant::now();
        let others = roster
            .store
            .instance_loads(roster.ws, chrono::Utc::now())
            .await
            .map(|loads| loads.iter().any(|load| load.id != roster.me))
            .unwrap_or(false);
        if others && !handed.is_empty() {
            let mut waiting = handed.clone();
            while !waiting.is_empty() && started.elapsed() < HAND_OVER_WAIT {
                let now = chrono::Utc::now();
                let mut still = Vec::new();
                for name in waiting {
                    match roster.store.lease_holder(&name, now).await {
                        Ok(Some(holder)) if holder != roster.me => {}
                        _ => still.push(name),
                    }
                }
                waiting = still;
                if !waiting.is_empty() {
                    tokio::time::sleep(HAND_OVER_LOOK).await;
                }
            }
            if waiting.is_empty() {
                tracing::info!(
                    bots = handed.len(),
                    ms = started.elapsed().as_millis() as u64,
                    "handed this instance's bots over to the others"
                );
            } else {
                tracing::warn!(
                    bots = ?waiting,
                    "no other instance took these bots in time; they are taken when one does"
                );
            }
        }
        let me = roster.me.as_str();
        if let Err(e) = roster
            .store
            .write(async |tx| tx.retire_instance(me).await)
            .await
        {
            tracing::warn!(error = %e, "cannot remove this instance's row; it lapses instead");
        }
    }
}
