//! Holding a bot's lease: the one task of a relay that writes it.
//!
//! The lease is short (a few seconds), so when its holder dies another instance takes the bot
//! over within seconds. It is renewed only when little of it is left — an idle holder writes
//! once every few seconds, not once per poll — and an instance waiting for it reads the
//! holder's expiry and sleeps until then instead of asking in a loop. Everything else in the
//! relay learns whether we hold the bot from a watch channel, without asking the database.

use crate::desk::Desk;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_domain::Timestamp;
use ticketgram_store::StoreError;
use tokio::sync::{watch, Notify};

/// Renew when this share of the lease is left (two fifths: every 3 s of a 5 s lease), leaving
/// room for a slow database before the lease could lapse.
const RENEW_WHEN_LEFT: (u32, u32) = (2, 5);
/// After a database error, try again this soon (the lease may still be ours for a while).
const RETRY: Duration = Duration::from_millis(500);
/// Never sleep less than this, so a clock skew between instances cannot make a busy loop.
const MIN_PAUSE: Duration = Duration::from_millis(50);

pub struct LeaseKeeper {
    pub desk: Desk,
    pub holder: String,
    /// Tells the relay whether we hold the bot.
    pub held: watch::Sender<bool>,
    /// Poked when we take the bot (over): updates a dead holder stored but never applied
    /// wait for our processor.
    pub stored: Arc<Notify>,
}

/// What a look at the lease found.
enum Look {
    /// Ours until this instant.
    Held(Timestamp),
    /// Another holder's until this instant.
    Busy(Timestamp),
}

impl LeaseKeeper {
    /// Holds (or waits for) the lease until shutdown, then releases it so another instance
    /// takes over at once.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let name = crate::intake::lease_name(self.desk.bot_id());
        let ttl = self.desk.config.lease_ttl;
        let mut ours_until: Option<Timestamp> = None;
        loop {
            let now = chrono::Utc::now();
            let wake_at = match self.look(&name, ours_until, now).await {
                Ok(Look::Held(until)) => {
                    ours_until = Some(until);
                    if !self.held.send_replace(true) {
                        tracing::info!(bot = self.desk.bot_id(), holder = %self.holder, "took the bot's lease");
                        self.stored.notify_one();
                        self.desk.signals.jobs_queued.ring();
                    }
                    until - chrono_duration(ttl * RENEW_WHEN_LEFT.0 / RENEW_WHEN_LEFT.1)
                }
                Ok(Look::Busy(until)) => {
                    ours_until = None;
                    if self.held.send_replace(false) {
                        tracing::warn!(
                            bot = self.desk.bot_id(),
                            "lost the bot's lease to another instance"
                        );
                    }
                    until
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot renew the bot's lease, retrying");
                    if ours_until.is_none_or(|until| until <= chrono::Utc::now()) {
                        ours_until = None;
                        self.held.send_replace(false);
                    }
                    now + chrono_duration(RETRY)
                }
            };
            let pause = (wake_at - chrono::Utc::now()).to_std().unwrap_or_default();
            tokio::select! {
                _ = tokio::time::sleep(pause.clamp(MIN_PAUSE, ttl)) => {}
                _ = shutdown.changed() => break,
            }
        }
        self.held.send_replace(false);
        if ours_until.is_some() {
            let _ = self.desk.store.release_lease(&name, &self.holder).await;
        }
    }

    /// Writes only when the lease must be taken or renewed; an instance waiting for another's
    /// lease only reads.
    async fn look(
        &self,
        name: &str,
        ours_until: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Look, StoreError> {
        let store = &self.desk.store;
        if ours_until.is_none() {
            if let Some(lease) = store.lease(name).await? {
                if lease.holder != self.holder && lease.expires_at > now {
                    return Ok(Look::Busy(lease.expires_at));
                }
            }
        }
        let ttl = self.desk.config.lease_ttl;
        if store
            .try_acquire_lease(name, &self.holder, ttl, now)
            .await?
        {
            return Ok(Look::Held(now + chrono_duration(ttl)));
        }
        // Taken by someone else between our read and our write.
        let until = store
            .lease(name)
            .await?
            .map_or(now + chrono_duration(RETRY), |lease| lease.expires_at);
        Ok(Look::Busy(until))
    }
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}
