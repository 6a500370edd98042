//! Sends claimed deliveries: one signed POST each, 2xx means delivered, anything else (or no
//! answer) is retried on the [`RetryPolicy`] schedule until it is given up as dead.

use std::time::Duration;
use ticketgram_store::{ClaimedDelivery, Store, StoreError};
use tokio::task::JoinSet;

use super::signature::{sign, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER};
use super::RetryPolicy;

pub(crate) async fn send_due(
    store: &Store,
    http: &reqwest::Client,
    instance: &str,
    policy: RetryPolicy,
    lease: Duration,
    batch: i64,
) -> Result<usize, StoreError> {
    let claimed = store
        .claim_webhook_deliveries(instance, chrono::Utc::now(), lease, batch)
        .await?;
    let count = claimed.len();
    let mut sends = JoinSet::new();
    for delivery in claimed {
        let http = http.clone();
        sends.spawn(async move {
            let outcome = attempt(&http, &delivery).await;
            (delivery, outcome)
        });
    }
    while let Some(joined) = sends.join_next().await {
        let Ok((claimed, outcome)) = joined else {
            continue; // a panicked send: its claim expires and it is tried again
        };
        let d = &claimed.delivery;
        let now = chrono::Utc::now();
        let recorded = match outcome {
            Ok(()) => store.webhook_delivered(d.id, instance, now).await,
            Err(error) => match policy.next_attempt(d.attempts, d.created_at, now) {
                Some(next) => {
                    tracing::info!(delivery = d.id, attempts = d.attempts, %error, "webhook delivery failed; will retry");
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

async fn attempt(http: &reqwest::Client, claimed: &ClaimedDelivery) -> Result<(), String> {
    let d = &claimed.delivery;
    let body = d.payload.clone().into_bytes();
    let response = http
        .post(&claimed.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, sign(&claimed.secret, &body))
        .header(EVENT_HEADER, &d.event_type)
        .header(DELIVERY_HEADER, d.id.to_string())
        .body(body)
        .send()
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("answered HTTP {}", status.as_u16()))
    }
}
