//! getUpdates (long polling) and the webhook methods.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::error::ApiError;
use crate::params::Params;
use crate::shared::Shared;
use crate::webhook;
use crate::world::state::{WebhookConfig, WorldState};

const WEBHOOK_ACTIVE: &str =
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/// Long polling: answers at once when updates are queued, otherwise waits up to `timeout`
/// seconds for one. Updates stay queued until a later call confirms them with `offset`.
pub async fn get_updates(
    shared: &Arc<Shared>,
    bot: i64,
    params: &Params,
) -> Result<Value, ApiError> {
    let limit = params.i64("limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(params.i64("timeout").unwrap_or(0).max(0) as u64)
        .min(shared.config.max_poll_timeout);
    let offset = params.i64("offset");
    let deadline = tokio::time::Instant::now() + timeout;
    let mut notify = {
        let mut w = shared.world();
        let state = w.bots.get_mut(&bot).ok_or_else(ApiError::unauthorized)?;
        if state.webhook.is_some() {
            return Err(ApiError::conflict(WEBHOOK_ACTIVE));
        }
        if let Some(list) = params.get("allowed_updates").and_then(Value::as_array) {
            state.allowed_updates = Some(
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            );
        }
        state.notify.subscribe()
    };
    let answer = poll(shared, bot, offset, limit, deadline, &mut notify).await;
    if let Some(state) = shared.world().bots.get_mut(&bot) {
        state.polls_answered += 1;
    }
    answer
}

async fn poll(
    shared: &Arc<Shared>,
    bot: i64,
    offset: Option<i64>,
    limit: usize,
    deadline: tokio::time::Instant,
    notify: &mut tokio::sync::watch::Receiver<u64>,
) -> Result<Value, ApiError> {
    loop {
        notify.borrow_and_update();
        {
            let mut w = shared.world();
            if w.bots.get(&bot).is_some_and(|b| b.webhook.is_some()) {
                return Err(ApiError::conflict(WEBHOOK_ACTIVE));
            }
            let updates = w.take_updates(bot, offset, limit);
            if !updates.is_empty() {
                return Ok(Value::Array(updates));
            }
        }
        match tokio::time::timeout_at(deadline, notify.changed()).await {
            Ok(Ok(())) => {}
            _ => return Ok(json!([])),
        }
    }
}

pub fn set_webhook(shared: &Arc<Shared>, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let url = params.req_str("url")?.to_owned();
    let mut w = shared.world();
    let state = w.bots.get_mut(&bot).ok_or_else(ApiError::unauthorized)?;
    if url.is_empty() {
        remove_webhook(state, params.bool("drop_pending_updates"));
        return Ok(json!(true));
    }
    let parsed = url::Url::parse(&url)
        .map_err(|_| ApiError::bad_request("invalid webhook URL specified"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(ApiError::bad_request("bad webhook: invalid URL scheme"));
    }
    if let Some(secret) = params.str("secret_token") {
        let ok = (1..=256).contains(&secret.len())
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            return Err(ApiError::bad_request(
                "secret token contains unallowed characters",
            ));
        }
    }
    if let Some(list) = params.get("allowed_updates").and_then(Value::as_array) {
        state.allowed_updates = Some(
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        );
    }
    if params.bool("drop_pending_updates") {
        state.updates.clear();
    }
    state.webhook = Some(WebhookConfig {
        url,
        secret_token: params.str("secret_token").map(str::to_owned),
        max_connections: params.i64("max_connections").unwrap_or(40),
    });
    state.webhook_generation += 1;
    state.last_webhook_error = None;
    let generation = state.webhook_generation;
    state.notify.send_modify(|n| *n += 1);
    drop(w);
    webhook::spawn_delivery(shared.clone(), bot, generation);
    Ok(json!(true))
}

fn remove_webhook(state: &mut crate::world::state::BotState, drop_pending: bool) {
    state.webhook = None;
    state.webhook_generation += 1;
    if drop_pending {
        state.updates.clear();
    }
    state.notify.send_modify(|n| *n += 1);
}

pub fn delete_webhook(w: &mut WorldState, bot: i64, params: &Params) -> Result<Value, ApiError> {
    let state = w.bots.get_mut(&bot).ok_or_else(ApiError::unauthorized)?;
    remove_webhook(state, params.bool("drop_pending_updates"));
    Ok(json!(true))
}

pub fn get_webhook_info(w: &WorldState, bot: i64) -> Result<Value, ApiError> {
    let state = w.bots.get(&bot).ok_or_else(ApiError::unauthorized)?;
    let mut info = json!({
        "url": state.webhook.as_ref().map(|h| h.url.clone()).unwrap_or_default(),
        "has_custom_certificate": false,
        "pending_update_count": state.updates.len(),
    });
    if let Some(hook) = &state.webhook {
        info["max_connections"] = json!(hook.max_connections);
        if let Some((date, message)) = &state.last_webhook_error {
            info["last_error_date"] = json!(date);
            info["last_error_message"] = json!(message);
        }
    }
    if let Some(list) = &state.allowed_updates {
        info["allowed_updates"] = json!(list);
    }
    Ok(info)
}
