//! Startup calls to the Bot API: who the bot is (`getMe`) and, in webhook mode, where Telegram
//! should send updates (`setWebhook`). Both wait out an unreachable Telegram — a server that
//! boots before its network is up should start once it can — but give up at once on answers
//! that retrying cannot change, such as a refused token.

use std::future::Future;
use std::time::Duration;

use ticketgram_telegram::teloxide_core::prelude::Requester as _;
use ticketgram_telegram::{Secret, TelegramClient, TelegramError};
use tracing::{info, warn};

use crate::shutdown::Stop;

/// The longest pause between two attempts while Telegram is unreachable.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// The bot as Telegram knows it.
#[derive(Debug, Clone)]
pub struct BotIdentity {
    pub id: i64,
    pub username: String,
}

/// Why a startup call to the Bot API failed for good.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error(
        "Telegram refused the bot token (telegram.bot_token / TICKETGRAM_BOT_TOKEN): \
         check it with @BotFather"
    )]
    TokenRefused,
    #[error("the Bot API call {call} failed")]
    Call {
        call: &'static str,
        #[source]
        source: TelegramError,
    },
}

/// `getMe`. `Ok(None)` when shutdown was asked for while Telegram was unreachable.
pub async fn identify(
    telegram: &TelegramClient,
    stop: &Stop,
) -> Result<Option<BotIdentity>, BotError> {
    let me = retry("getMe", stop, || async {
        telegram.bot().get_me().await.map_err(TelegramError::from)
    })
    .await?;
    Ok(me.map(|me| BotIdentity {
        id: me.user.id.0 as i64,
        username: me.user.username.clone().unwrap_or_default(),
    }))
}

/// `setWebhook` to `url` with `secret`. `Ok(false)` when shutdown came first.
pub async fn register_webhook(
    telegram: &TelegramClient,
    url: &url::Url,
    secret: &Secret,
    stop: &Stop,
) -> Result<bool, BotError> {
    let done = retry("setWebhook", stop, || {
        ticketgram_relay::webhook::register(telegram, url.clone(), secret)
    })
    .await?;
    if done.is_some() {
        info!(%url, "webhook registered with Telegram");
    }
    Ok(done.is_some())
}

/// Runs `call` until it succeeds, fails permanently, or shutdown is asked for (`Ok(None)`).
async fn retry<T, F, Fut>(
    call: &'static str,
    stop: &Stop,
    mut attempt: F,
) -> Result<Option<T>, BotError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, TelegramError>>,
{
    let mut backoff = Duration::from_secs(1);
    loop {
        let outcome = tokio::select! {
            outcome = attempt() => outcome,
            _ = stop.wait() => return Ok(None),
        };
        let error = match outcome {
            Ok(value) => return Ok(Some(value)),
            Err(TelegramError::Unauthorized) => return Err(BotError::TokenRefused),
            Err(error) if error.is_transient() => error,
            Err(source) => return Err(BotError::Call { call, source }),
        };
        let pause = error.retry_after().unwrap_or(backoff);
        warn!(call, error = %error, retry_in = ?pause, "cannot reach Telegram, retrying");
        if !stop.sleep(pause).await {
            return Ok(None);
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// `deleteWebhook` before long polling: Telegram refuses `getUpdates` while a webhook is set
/// (for example after switching a deployment from webhook mode back to polling). Pending
/// updates are kept. `Ok(false)` when shutdown came first.
pub async fn drop_webhook(telegram: &TelegramClient, stop: &Stop) -> Result<bool, BotError> {
    let done = retry("deleteWebhook", stop, || async {
        telegram
            .bot()
            .delete_webhook()
            .await
            .map_err(TelegramError::from)
    })
    .await?;
    Ok(done.is_some())
}
