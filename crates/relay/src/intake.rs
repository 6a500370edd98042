//! Receiving updates. Long polling by default: exactly one instance polls a bot (a lease in
//! the database); each batch is stored before the offset that confirms it to Telegram moves.

use crate::desk::Desk;
use crate::RelayError;
use std::sync::Arc;
use std::time::Duration;
use teloxide_core::payloads::GetUpdatesSetters;
use teloxide_core::prelude::Requester;
use teloxide_core::types::{AllowedUpdate, Update};
use ticketgram_store::IncomingUpdate;
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

/// Stores a batch Telegram handed us and confirms it, in one transaction. Returns the highest
/// id stored.
pub async fn store_updates(desk: &Desk, updates: &[Update]) -> Result<Option<i64>, RelayError> {
    let now = chrono::Utc::now();
    let batch = updates
        .iter()
        .map(|update| {
            Ok(IncomingUpdate {
                update_id: i64::from(update.id.0),
                payload: serde_json::to_string(update)?,
            })
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    let (ws, bot) = (desk.ws(), desk.bot_id());
    let tx = desk.store.begin_tx_for("intake").await?;
    let highest = tx.record_updates(ws, bot, &batch, now).await?;
    tx.commit().await?;
    crate::metrics::updates_received(bot, batch.len());
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

/// The offset to ask Telegram for, known without a query while this instance keeps the bot:
/// only the lease holder moves it.
#[derive(Default)]
struct Offset(Option<i64>);

impl Poller {
    pub async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        let mut failures = 0u32;
        let mut offset = Offset::default();
        let health = self.desk.signals.health.clone();
        let bot = self.desk.bot_id();
        loop {
            if *shutdown.borrow() {
                break;
            }
            // Another instance polls this bot: wait until the lease is ours.
            if !*self.held.borrow() {
                health.standby(bot);
            }
            tokio::select! {
                held = self.held.wait_for(|held| *held) => if held.is_err() { break },
                _ = shutdown.changed() => break,
            }
            // A long poll is abandoned on shutdown or when the lease is lost: what it would
            // have returned is unconfirmed, so Telegram hands it out again to whoever polls next.
            let mut held = self.held.clone();
            let round = tokio::select! {
                round = self.round(&mut offset) => Some(round),
                _ = held.wait_for(|held| !*held) => None,
                _ = shutdown.changed() => break,
            };
            let Some(round) = round else {
                // Another instance may move the offset while we do not hold the bot.
                offset = Offset::default();
                continue;
            };
            health.polled(bot, round.is_ok());
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
    async fn round(&self, known: &mut Offset) -> Result<(), RelayError> {
        let store = &self.desk.store;
        let bot = self.desk.bot_id();
        let confirmed = match known.0 {
            Some(id) => Some(id),
            None => store.confirmed_update_offset(bot).await?,
        };
        let mut request = self
            .telegram
            .bot()
            .get_updates()
            .timeout(self.desk.config.poll_timeout.as_secs().min(15) as u32)
            .allowed_updates(ALLOWED_UPDATES);
        if let Some(confirmed) = confirmed {
            request = request.offset((confirmed + 1) as i32);
        }
        let updates = request.await.map_err(TelegramError::from)?;
        // Stored and confirmed in one commit: only then may Telegram forget the batch.
        let highest = store_updates(&self.desk, &updates).await?;
        known.0 = confirmed.max(highest);
        if highest.is_some() {
            self.stored.notify_one();
        }
        Ok(())
    }
}
