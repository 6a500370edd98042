//! Holding a bot's lease: the one task of a relay that writes it.
//!
//! The lease is short (a few seconds), so when its holder dies another instance takes the bot
//! over within seconds. It is renewed only when little of it is left — an idle holder writes
//! once every few seconds, not once per poll — and an instance waiting for it reads the
//! holder's expiry and sleeps until then instead of asking in a loop; a lease released before
//! then (a hand-over, a drain) wakes it at once ([`ticketgram_store::Store::lease_releases`]).
//! Which instance takes a free lease follows the share-out of the desk's bots
//! ([`crate::spread`]). Everything else in the relay learns whether we hold the bot from a
//! watch channel, without asking the database.

use crate::desk::Desk;
use crate::spread::GRACE;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_domain::Timestamp;
use ticketgram_store::StoreError;
use tokio::sync::{watch, Notify, RwLock};

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
    /// Held for reading by the processor while it applies the bot's updates: letting the bot
    /// go waits for the round under way, so two instances never apply its updates at once.
    pub work: Arc<RwLock<()>>,
}

/// What a look at the lease found.
enum Look {
    /// Ours until this instant.
    Held(Timestamp),
    /// Another holder's until this instant.
    Busy(Timestamp),
    /// Free, but left to an instance with fewer bots until this instant.
    Left(Timestamp),
}

impl LeaseKeeper {
    /// Holds (or waits for) the lease until shutdown, then lets it go so another instance
    /// takes over at once.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let name = crate::intake::lease_name(self.desk.bot_id());
        let ttl = self.desk.config.lease_ttl;
        let spread = self.desk.spread.clone();
        let mut releases = self.desk.store.lease_releases();
        let mut ours_until: Option<Timestamp> = None;
        // Since when we have seen the lease free and left it to an instance with fewer bots.
        let mut left_since: Option<Timestamp> = None;
        loop {
            let now = chrono::Utc::now();
            let wake_at = match self.look(&name, ours_until, &mut left_since, now).await {
                Ok(Look::Held(until)) => {
                    ours_until = Some(until);
                    if !self.held.send_replace(true) {
                        spread.took();
                        tracing::info!(bot = self.desk.bot_id(), holder = %self.holder, "took the bot's lease");
                        self.stored.notify_one();
                        self.desk.signals.jobs_queued.ring();
                    }
                    until - chrono_duration(ttl * RENEW_WHEN_LEFT.0 / RENEW_WHEN_LEFT.1)
                }
                Ok(Look::Busy(until)) => {
                    ours_until = None;
                    if self.held.send_replace(false) {
                        spread.let_go();
                        tracing::warn!(
                            bot = self.desk.bot_id(),
                            "lost the bot's lease to another instance"
                        );
                    }
                    until
                }
                Ok(Look::Left(until)) => until,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot renew the bot's lease, retrying");
                    if ours_until.is_none_or(|until| until <= chrono::Utc::now()) {
                        ours_until = None;
                        if self.held.send_replace(false) {
                            spread.let_go();
                        }
                    }
                    now + chrono_duration(RETRY)
                }
            };
            let pause = (wake_at - chrono::Utc::now()).to_std().unwrap_or_default();
            let holding = ours_until.is_some();
            tokio::select! {
                _ = tokio::time::sleep(pause.clamp(MIN_PAUSE, ttl)) => {}
                _ = releases.released(), if !holding => {}
                _ = spread.hand_over_asked(), if holding => {
                    // Asked a moment ago; the share-out may have changed since.
                    if spread.over_share() && !spread.is_draining() {
                        tracing::info!(bot = self.desk.bot_id(), held = spread.held(), share = spread.share(), "handing the bot over to an instance with fewer bots");
                        self.let_go(&name, &mut ours_until).await;
                        left_since = Some(chrono::Utc::now());
                    }
                }
                _ = shutdown.changed() => break,
            }
        }
        self.let_go(&name, &mut ours_until).await;
    }

    /// Stops polling and applying the bot's updates, waits for the round under way, then
    /// releases the lease, which wakes the instances waiting for it.
    async fn let_go(&self, name: &str, ours_until: &mut Option<Timestamp>) {
        if self.held.send_replace(false) {
            self.desk.spread.let_go();
        }
        if ours_until.take().is_none() {
            return;
        }
        let _quiet = self.work.write().await;
        if let Err(e) = self.desk.store.release_lease(name, &self.holder).await {
            tracing::warn!(error = %e, "cannot release the bot's lease; it lapses instead");
        }
    }

    /// Writes only when the lease must be taken or renewed; an instance waiting for another's
    /// lease only reads.
    async fn look(
        &self,
        name: &str,
        ours_until: Option<Timestamp>,
        left_since: &mut Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Look, StoreError> {
        let store = &self.desk.store;
        if ours_until.is_none() {
            let spread = &self.desk.spread;
            if spread.is_draining() {
                // Stopping: the bot is for the others. Shutdown ends the wait.
                return Ok(Look::Left(
                    now + chrono_duration(self.desk.config.lease_ttl),
                ));
            }
            match store.lease(name).await? {
                Some(lease) if lease.holder != self.holder && lease.expires_at > now => {
                    *left_since = None;
                    return Ok(Look::Busy(lease.expires_at));
                }
                // Lapsed (its holder died) or our own: take it, whoever we are.
                Some(_) => {}
                // Released: ours if we hold fewer than our share, counted afresh (the
                // instance that let it go may be draining); otherwise left to an instance
                // with fewer for a moment.
                None => {
                    if let Ok(loads) = store.instance_loads(self.desk.ws(), now).await {
                        spread.set_live(loads.len());
                    }
                    let since = *left_since.get_or_insert(now);
                    if !spread.under_share() && now - since < chrono_duration(GRACE) {
                        return Ok(Look::Left(since + chrono_duration(GRACE)));
                    }
                }
            }
        }
        *left_since = None;
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
