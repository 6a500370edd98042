//! Webhook mode, for deployments behind HTTPS: Telegram POSTs each update to us. The update
//! is stored (deduplicated by `(bot, update_id)`) before we answer 200, so an update Telegram
//! re-sends after a timeout is applied once, and one we failed to store is re-sent by Telegram.

use crate::desk::Desk;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use std::sync::Arc;
use teloxide_core::payloads::SetWebhookSetters;
use teloxide_core::prelude::Requester;
use ticketgram_telegram::{Secret, TelegramClient, TelegramError};
use tokio::sync::Notify;

/// The header Telegram sets on every webhook request when `secret_token` was given.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

#[derive(Clone)]
struct WebhookState {
    desk: Desk,
    secret: Arc<Secret>,
    stored: Arc<Notify>,
}

/// The route Telegram calls: `POST {path}`. The path should not contain the bot token (it
/// would end up in access logs); `webhook_path` gives one based on the bot id.
pub fn router(desk: Desk, secret: Secret, stored: Arc<Notify>) -> Router {
    let path = webhook_path(desk.bot_id());
    let state = WebhookState {
        desk,
        secret: Arc::new(secret),
        stored,
    };
    Router::new().route(&path, post(receive)).with_state(state)
}

pub fn webhook_path(bot_id: i64) -> String {
    format!("/telegram/webhook/{bot_id}")
}

async fn receive(State(state): State<WebhookState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let presented = headers
        .get(SECRET_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !constant_time_eq(presented.as_bytes(), state.secret.expose().as_bytes()) {
        tracing::warn!("webhook call without the right secret token refused");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(text) = std::str::from_utf8(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    // Only the id is needed to store the update; its content is parsed by the processor,
    // which keeps unparseable updates visible as failed.
    let update_id = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("update_id").and_then(serde_json::Value::as_i64));
    let Some(update_id) = update_id else {
        return StatusCode::BAD_REQUEST;
    };
    let desk = &state.desk;
    match desk
        .store
        .record_update(
            desk.ws(),
            desk.bot_id(),
            update_id,
            text,
            chrono::Utc::now(),
        )
        .await
    {
        Ok(_) => {
            crate::metrics::updates_received(desk.bot_id(), 1);
            state.stored.notify_one();
            desk.signals.updates_stored.ring();
            StatusCode::OK
        }
        Err(e) => {
            // Telegram retries a non-2xx answer: the update is not lost.
            tracing::error!(error = %e, update_id, "could not store a webhook update");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Compares secrets without leaking their length of common prefix through timing.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Tells Telegram where to send updates (`url` is the public HTTPS address of
/// [`webhook_path`]).
pub async fn register(
    tg: &TelegramClient,
    url: url::Url,
    secret: &Secret,
) -> Result<(), TelegramError> {
    tg.bot()
        .set_webhook(url)
        .secret_token(secret.expose().to_string())
        .allowed_updates(crate::intake::ALLOWED_UPDATES)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn secrets_compare_exactly() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
    }
}
