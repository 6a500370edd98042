//! Outgoing webhooks: a background worker that turns the desk's history into signed HTTP
//! POSTs to the endpoints registered through the API, retried with backoff.
//!
//! The relay knows nothing of this: the worker tails `ticket_events` and `messages` (see
//! [`producer`]) and sends what it queued (see [`sender`]). Several instances may run it on
//! one PostgreSQL: production is guarded by unique event ids, sending by claims.

pub mod events;
mod producer;
mod retry;
mod sender;
pub mod signature;

pub use retry::RetryPolicy;

use std::future::Future;
use std::time::Duration;
use ticketgram_domain::WorkspaceId;
use ticketgram_store::{Store, WebhookSource};

#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Names this instance's claims.
    pub instance: String,
    /// How often to look for new history and due deliveries.
    pub poll_interval: Duration,
    /// How old a history row must be before it is turned into an event (see `producer`).
    pub settle: Duration,
    pub retry: RetryPolicy,
    /// How long a claim lasts: a delivery claimed by a killed instance is retried after this.
    pub lease: Duration,
    pub batch: i64,
    /// A receiver that takes longer than this has failed the attempt.
    pub request_timeout: Duration,
}

impl WebhookConfig {
    pub fn new(instance: impl Into<String>) -> WebhookConfig {
        WebhookConfig {
            instance: instance.into(),
            poll_interval: Duration::from_secs(1),
            settle: Duration::from_secs(2),
            retry: RetryPolicy::default(),
            lease: Duration::from_secs(60),
            batch: 100,
            request_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("cannot set up the HTTP client for webhooks")]
    Http(#[from] reqwest::Error),
}

pub struct WebhookWorker {
    store: Store,
    workspaces: Vec<WorkspaceId>,
    config: WebhookConfig,
    http: reqwest::Client,
}

impl WebhookWorker {
    pub fn new(
        store: Store,
        workspaces: Vec<WorkspaceId>,
        config: WebhookConfig,
    ) -> Result<WebhookWorker, WebhookError> {
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(WebhookWorker {
            store,
            workspaces,
            config,
            http,
        })
    }

    /// Runs until `stop` completes. Errors (the database away for a moment) are logged and
    /// the next tick tries again.
    pub async fn run(self, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        let mut started = false;
        let mut ticks = tokio::time::interval(self.config.poll_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = &mut stop => break,
                _ = ticks.tick() => {}
            }
            if !started {
                started = self.start_cursors().await;
                if !started {
                    continue;
                }
            }
            if let Err(error) = self.tick().await {
                tracing::warn!(%error, "webhook worker tick failed");
            }
        }
    }

    async fn start_cursors(&self) -> bool {
        for &ws in &self.workspaces {
            for source in [WebhookSource::TicketEvents, WebhookSource::Messages] {
                if let Err(error) = self.store.start_webhook_cursor(ws, source).await {
                    tracing::warn!(%error, "cannot start the webhook cursors");
                    return false;
                }
            }
        }
        true
    }

    async fn tick(&self) -> Result<(), ticketgram_store::StoreError> {
        let now = chrono::Utc::now();
        for &ws in &self.workspaces {
            producer::produce(&self.store, ws, self.config.settle, self.config.batch, now).await?;
        }
        sender::send_due(
            &self.store,
            &self.http,
            &self.config.instance,
            self.config.retry,
            self.config.lease,
            self.config.batch,
        )
        .await?;
        Ok(())
    }
}
