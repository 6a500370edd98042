//! Receiving updates. Long polling by default: exactly one instance polls a bot (a lease in
//! the database); each batch is stored before the offset that confirms it to Telegram moves.

use crate::desk::Desk;
use crate::RelayError;
use std::sync::Arc;
use std::time::Duration;
use teloxide_core::payloads::GetUpdatesSetters;
use teloxide_core::prelude::Requester;
use teloxide_core::types::{AllowedUpdate, Update};
use ticketgram_telegram::{TelegramClient, TelegramError};
use tokio::sync::{watch, Notify};

/// The default lease (see [`crate::desk::LEASE_TTL`]).
pub use crate::desk::LEASE_TTL;

pub const ALLOWED_UPDATES: [AllowedUpdate; 5] = [
    AllowedUpdate::Message,
    AllowedUpdate::EditedMessage,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MyChatMember,
    AllowedUpdate::ChannelPost,
];

/// Stores updates Telegram handed us. Returns the highest id stored.
pub async fn store_updates(desk: &Desk, updates: &[Update]) -> Result<Option<i64>, RelayError> {
    let now = chrono::Utc::now();
    let mut highest = None;
    for update in updates {
        let id = i64::from(update.id.0);
        let payload = serde_json::to_string(update)?;
        desk.store
            .record_update(desk.ws(), desk.bot_id(), id, &payload, now)
            .await?;
        highest = highest.max(Some(id));
    }
    Ok(highest)
}

/// The lease that makes one instance the poller and processor of a bot.
pub fn lease_name(bot_id: i64) -> String {
    format!("bot:{bot_id}")
}

pub struct Poller {
    pub desk: Desk,
    pub telegram: TelegramClient,
    /// Whether this instance holds the bot's lease (kept by the relay's lease keeper).
    pub held: watch::Receiver<bool>,
    /// Woken after each stored batch so the processor starts at once.
    pub stored: Arc<Notify>,
}

impl Poller {
    pub async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        let mut failures = 0u32;
        loop {
            if *shutdown.borrow() {
                break;
            }
            // Another instance polls this bot: wait until the lease is ours.
            tokio::select! {
                held = self.held.wait_for(|held| *held) => if held.is_err() { break },
                _ = shutdown.changed() => break,
            }
            // A long poll is abandoned on shutdown or when the lease is lost: what it would
            // have returned is unconfirmed, so Telegram hands it out again to whoever polls next.
            let mut held = self.held.clone();
            let round = tokio::select! {
                round = self.round() => round,
                _ = held.wait_for(|held| !*held) => continue,
                _ = shutdown.changed() => break,
            };
            let pause = match round {
                Ok(()) => {
                    failures = 0;
                    continue;
                }
                Err(RelayError::Telegram(e)) if e.retry_after().is_some() => {
                    e.retry_after().unwrap_or_default()
                }
                Err(e) => {
                    failures += 1;
                    let wait = Duration::from_millis(250 * 2u64.pow(failures.min(8)));
                    match &e {
                        RelayError::Telegram(TelegramError::Unauthorized) => {
                            tracing::error!("the bot token was refused; fix the configuration")
                        }
                        _ => tracing::warn!(error = %e, ?wait, "polling failed, retrying"),
                    }
                    wait
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    /// One long poll, made while we hold the bot.
    async fn round(&self) -> Result<(), RelayError> {
        let store = &self.desk.store;
        let bot = self.desk.bot_id();
        let offset = store.confirmed_update_offset(bot).await?.map(|id| id + 1);
        let mut request = self
            .telegram
            .bot()
            .get_updates()
            .timeout(self.desk.config.poll_timeout.as_secs().min(15) as u32)
            .allowed_updates(ALLOWED_UPDATES);
        if let Some(offset) = offset {
            request = request.offset(offset as i32);
        }
        let updates = request.await.map_err(TelegramError::from)?;
        if let Some(highest) = store_updates(&self.desk, &updates).await? {
            // Only now, with the batch committed, may Telegram forget it.
            store
                .confirm_update_offset(bot, highest, chrono::Utc::now())
                .await?;
            self.stored.notify_one();
        }
        Ok(())
    }
}
