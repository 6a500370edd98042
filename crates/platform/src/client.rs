//! One lookup: check the order number, sign, GET, read, render.

use reqwest::header::{HeaderValue, ACCEPT};
use reqwest::{Method, StatusCode};
use std::time::Duration;
use ticketgram_outbound::{refusal, GuardedClient};

use crate::config::LookupConfig;
use crate::order;
use crate::outcome::{LookupOutcome, Reason};
use crate::response::{self, BodyError};
use crate::signature::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::template;

/// Asks platforms about orders. Holds a [`GuardedClient`] (only allowed destinations, no
/// redirects followed); build it with a timeout of at least
/// [`MAX_TIMEOUT_MS`](crate::config::MAX_TIMEOUT_MS), since each lookup applies its own.
#[derive(Debug, Clone)]
pub struct PlatformClient {
    http: GuardedClient,
}

impl PlatformClient {
    pub fn new(http: GuardedClient) -> PlatformClient {
        PlatformClient { http }
    }

    /// Looks `order` up (surrounding spaces, which a client may type, are ignored). Never
    /// fails: every problem is an outcome, logged for the operator without the secret.
    pub async fn lookup(&self, config: &LookupConfig, order: &str) -> LookupOutcome {
        let order = order.trim();
        let checked = match config.checked() {
            Ok(checked) => checked,
            Err(error) => return unavailable(Reason::Misconfigured(error)),
        };
        if !checked.accepts(order) {
            return LookupOutcome::Invalid;
        }
        let Some(url) = order::url_for(&config.url_template, order) else {
            return LookupOutcome::Invalid;
        };
        let timestamp = chrono::Utc::now().timestamp();
        let signed = signature::sign(
            config.secret.expose(),
            timestamp,
            &order::path_and_query(&url),
        );
        let request = match self.http.request(Method::GET, url) {
            Ok(request) => request
                .header(ACCEPT, HeaderValue::from_static("application/json"))
                .header(TIMESTAMP_HEADER, timestamp.to_string())
                .header(SIGNATURE_HEADER, signed),
            Err(refused) => {
                tracing::warn!(%refused, "order lookup refused: the platform's address is not allowed");
                return unavailable(Reason::Refused);
            }
        };
        // One deadline for the whole exchange, body included: a platform that answers its
        // headers fast and then trickles the body is as slow as one that never answers.
        let timeout = config.timeout();
        match tokio::time::timeout(timeout, exchange(request, config, order, timeout)).await {
            Ok(LookupOutcome::Unavailable(reason)) => unavailable(reason),
            Ok(outcome) => outcome,
            Err(_) => unavailable(timed_out(timeout)),
        }
    }
}

async fn exchange(
    request: reqwest::RequestBuilder,
    config: &LookupConfig,
    order: &str,
    timeout: Duration,
) -> LookupOutcome {
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return LookupOutcome::Unavailable(failed(&error, timeout)),
    };
    let status = response.status();
    if status == StatusCode::NOT_FOUND {
        return LookupOutcome::NotFound;
    }
    if !status.is_success() {
        return LookupOutcome::Unavailable(Reason::Status {
            status: status.as_u16(),
        });
    }
    let body = match response::read_capped(response).await {
        Ok(body) => body,
        Err(BodyError::Oversized) => return LookupOutcome::Unavailable(Reason::Oversized),
        Err(BodyError::Read(error)) => return LookupOutcome::Unavailable(failed(&error, timeout)),
    };
    match response::fields(&body, &config.fields) {
        Ok(fields) => {
            let text = template::render(&config.status_template, order, &fields);
            LookupOutcome::Found { fields, text }
        }
        Err(detail) => LookupOutcome::Unavailable(Reason::Malformed(detail)),
    }
}

/// What a failed request comes to; the client's own error (which names the URL, never the
/// secret) goes to the log.
fn failed(error: &reqwest::Error, timeout: Duration) -> Reason {
    if let Some(refused) = refusal(error) {
        tracing::warn!(%refused, "order lookup refused: the platform's name resolves to an address that is not allowed");
        return Reason::Refused;
    }
    if error.is_timeout() {
        return timed_out(timeout);
    }
    tracing::info!(error = ?error, "order lookup failed: no answer from the platform");
    Reason::Connection
}

fn timed_out(timeout: Duration) -> Reason {
    Reason::Timeout {
        after_ms: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
    }
}

fn unavailable(reason: Reason) -> LookupOutcome {
    tracing::warn!(%reason, "order lookup unavailable; the client is handed to a human");
    LookupOutcome::Unavailable(reason)
}
