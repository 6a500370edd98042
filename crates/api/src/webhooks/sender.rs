//! Sends claimed deliveries: one signed POST each, 2xx means delivered, anything else (or no
//! answer) is retried on the [`RetryPolicy`](super::RetryPolicy) schedule until it is given up
//! as dead.
//!
//! What a caller of the API sees of a failure (`last_error`) is deliberately coarse: "connection
//! failed" whether the port was closed, filtered or silent, so deliveries cannot be used to map
//! a network. The details go to the log.

use ticketgram_outbound::{refusal, GuardedClient};
use ticketgram_store::{
    is_sealed_webhook_secret, open_webhook_secret, ClaimedDelivery, SealError, Store, StoreError,
};
use tokio::task::JoinSet;

use super::{signature, standard, WebhookConfig};

/// `last_error` texts.
pub const CONNECTION_FAILED: &str = "connection failed";
pub const DESTINATION_REFUSED: &str = "destination not allowed (not a public address)";
pub const NO_SECRET: &str = "cannot open the endpoint's signing secret";

pub(crate) async fn send_due(
    store: &Store,
    http: &GuardedClient,
    config: &WebhookConfig,
) -> Result<usize, StoreError> {
    let instance = config.instance.as_str();
    let now = chrono::Utc::now();
    if store.next_webhook_due().await?.is_none_or(|due| due > now) {
        return Ok(0);
    }
    let claimed = store
        .claim_webhook_deliveries(instance, now, config.lease, config.batch)
        .await?;
    let count = claimed.len();
    let ids: Vec<i64> = claimed.iter().map(|c| c.delivery.id).collect();
    let mut sends = JoinSet::new();
    for delivery in claimed {
        let http = http.clone();
        let config = config.clone();
        sends.spawn(async move {
            let outcome = attempt(&http, &config, &delivery).await;
            (delivery, outcome)
        });
    }
    // Claims are short: while receivers are slow to answer, a heartbeat keeps ours, so only a
    // dead instance's deliveries are taken over (within one claim).
    let beat = config.lease / 3;
    let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + beat, beat);
    loop {
        let joined = tokio::select! {
            joined = sends.join_next() => joined,
            _ = heartbeat.tick() => {
                let until = chrono::Utc::now() + chrono::Duration::from_std(config.lease).unwrap_or_default();
                let extended = store
                    .write(async |tx| tx.extend_webhook_claims(instance, &ids, until).await)
                    .await;
                if let Err(error) = extended {
                    tracing::warn!(%error, "could not extend the claims of webhook deliveries under way");
                }
                continue;
            }
        };
        let Some(joined) = joined else {
            break;
        };
        let Ok((claimed, outcome)) = joined else {
            continue; // a panicked send: its claim expires and it is tried again
        };
        let d = &claimed.delivery;
        let now = chrono::Utc::now();
        let recorded = match outcome {
            Ok(()) => store.webhook_delivered(d.id, instance, now).await,
            Err(error) => match config.retry.next_attempt(d.attempts, d.created_at, now) {
                Some(next) => {
                    store
                        .webhook_retry_later(d.id, instance, next, &error)
                        .await
                }
                None => {
                    tracing::warn!(delivery = d.id, attempts = d.attempts, %error, "webhook delivery given up");
                    store.webhook_dead(d.id, instance, &error).await
                }
            },
        };
        match recorded {
            Ok(()) => {}
            // Our claim expired and another sender took over; it records the outcome.
            Err(StoreError::Conflict(reason)) => tracing::warn!(%reason, "webhook claim lost"),
            Err(other) => return Err(other),
        }
    }
    Ok(count)
}

/// One attempt; the error is the `last_error` text callers see (details are logged here).
async fn attempt(
    http: &GuardedClient,
    config: &WebhookConfig,
    claimed: &ClaimedDelivery,
) -> Result<(), String> {
    let d = &claimed.delivery;
    let secret = open_secret(config, claimed).map_err(|error| {
        tracing::error!(delivery = d.id, endpoint = d.endpoint_id, %error, "cannot open a webhook signing secret");
        NO_SECRET.to_string()
    })?;
    let url = reqwest::Url::parse(&claimed.url).map_err(|error| {
        tracing::warn!(delivery = d.id, %error, "stored webhook url does not parse");
        CONNECTION_FAILED.to_string()
    })?;
    // Names are checked by the client's resolver; an IP literal never reaches it, so the
    // client checks it here.
    let request = http.request(reqwest::Method::POST, url).map_err(|refused| {
        tracing::warn!(delivery = d.id, endpoint = d.endpoint_id, %refused, "webhook destination refused");
        DESTINATION_REFUSED.to_string()
    })?;
    let body = d.payload.clone().into_bytes();
    let timestamp = chrono::Utc::now().timestamp();
    let response = request
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(standard::ID_HEADER, &d.event_id)
        .header(standard::TIMESTAMP_HEADER, timestamp.to_string())
        .header(
            standard::SIGNATURE_HEADER,
            standard::sign(&secret, &d.event_id, timestamp, &body),
        )
        // Deprecated: kept for one release so receivers can move to webhook-signature.
        .header(signature::SIGNATURE_HEADER, signature::sign(&secret, &body))
        .header(signature::EVENT_HEADER, &d.event_type)
        .header(signature::DELIVERY_HEADER, d.id.to_string())
        .body(body)
        .send()
        .await
        .map_err(|error| {
            if let Some(refused) = refusal(&error) {
                tracing::warn!(delivery = d.id, endpoint = d.endpoint_id, %refused, "webhook destination refused");
                return DESTINATION_REFUSED.to_string();
            }
            tracing::info!(delivery = d.id, endpoint = d.endpoint_id, attempts = d.attempts, error = ?error, "webhook delivery failed; no answer");
            CONNECTION_FAILED.to_string()
        })?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        tracing::info!(
            delivery = d.id,
            endpoint = d.endpoint_id,
            attempts = d.attempts,
            status = status.as_u16(),
            "webhook receiver refused the delivery"
        );
        Err(format!("answered HTTP {}", status.as_u16()))
    }
}

/// The endpoint's secret: sealed ones opened with the instance's key; a plain one (stored
/// before secrets were sealed, not yet swept) as it is.
fn open_secret(config: &WebhookConfig, claimed: &ClaimedDelivery) -> Result<String, SealError> {
    if !is_sealed_webhook_secret(&claimed.secret) {
        return Ok(claimed.secret.clone());
    }
    let key = config.secret_key.as_ref().ok_or(SealError::WrongKey)?;
    open_webhook_secret(key, &claimed.secret)
}
