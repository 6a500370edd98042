//! Pushing updates to a bot's webhook.
//!
//! Like Telegram: one update at a time in order, POSTed as JSON with the secret header; an
//! update leaves the queue only on a 2xx answer, otherwise it is retried after a growing delay —
//! which is why a bot must process updates idempotently.

use std::sync::Arc;

use crate::shared::Shared;
use crate::world::state::WorldState;

pub const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

/// Starts the delivery task for one webhook generation; it ends when the webhook changes.
pub fn spawn_delivery(shared: Arc<Shared>, bot: i64, generation: u64) {
    tokio::spawn(async move { deliver_loop(shared, bot, generation).await });
}

async fn deliver_loop(shared: Arc<Shared>, bot: i64, generation: u64) {
    let mut backoff = shared.config.webhook_retry_initial;
    loop {
        let (next, hook, mut notify) = {
            let w = shared.world();
            let Some(state) = w.bots.get(&bot) else {
                return;
            };
            if state.webhook_generation != generation {
                return;
            }
            let Some(hook) = state.webhook.clone() else {
                return;
            };
            let mut notify = state.notify.subscribe();
            notify.borrow_and_update();
            (state.updates.front().cloned(), hook, notify)
        };
        let Some(update) = next else {
            if notify.changed().await.is_err() {
                return;
            }
            continue;
        };
        let mut request = shared.http.post(&hook.url).json(&update.json);
        if let Some(secret) = &hook.secret_token {
            request = request.header(SECRET_HEADER, secret);
        }
        let outcome = match request.send().await {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) => Err(format!("Wrong response from the webhook: {}", r.status())),
            Err(e) if e.is_connect() => Err("Connection refused".to_owned()),
            Err(e) if e.is_timeout() => Err("Timeout expired".to_owned()),
            Err(_) => Err("Connection error".to_owned()),
        };
        let failed = {
            let mut w = shared.world();
            let Some(state) = w.bots.get_mut(&bot) else {
                return;
            };
            if state.webhook_generation != generation {
                return;
            }
            match outcome {
                Ok(()) => {
                    if state.updates.front().map(|u| u.id) == Some(update.id) {
                        state.updates.pop_front();
                    }
                    false
                }
                Err(message) => {
                    tracing::debug!(bot, update_id = update.id, %message, "webhook delivery failed; will retry");
                    state.last_webhook_error = Some((WorldState::now(), message));
                    true
                }
            }
        };
        if failed {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(shared.config.webhook_retry_max);
        } else {
            backoff = shared.config.webhook_retry_initial;
        }
    }
}
