//! Outgoing webhooks: a background worker that turns the desk's history into signed HTTP
//! POSTs to the endpoints registered through the API, retried with backoff.
//!
//! The relay knows nothing of this: the worker tails `ticket_events` and `messages` (see
//! [`producer`]) and sends what it queued (see [`sender`]). Several instances may run it on
//! one PostgreSQL: production is guarded by unique event ids, sending by claims.
//!
//! Requests go only where [`DestinationPolicy`] allows (public addresses, plus the networks
//! the operator allowed), checked on the resolved address of every attempt, and never
//! through an HTTP proxy from the environment, which would resolve names itself.

pub mod events;
mod producer;
mod retry;
mod sender;
pub mod signature;
pub mod standard;

pub use retry::RetryPolicy;
pub use ticketgram_outbound::DestinationPolicy;

use std::future::Future;
use std::time::Duration;
use ticketgram_domain::WorkspaceId;
use ticketgram_outbound::GuardedClient;
use ticketgram_relay::signals::{Bell, Listener};
use ticketgram_store::{SealingKey, Store, WebhookSource};

#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Names this instance's claims: the process's incarnation, new at every start.
    pub instance: String,
    /// How often to look for new history and due deliveries.
    pub poll_interval: Duration,
    /// How old a history row must be before it is turned into an event (see `producer`).
    pub settle: Duration,
    pub retry: RetryPolicy,
    /// How long a claim lasts unless extended: a delivery claimed by a killed instance is
    /// retried after this. Extended every third of it while the request is under way.
    pub lease: Duration,
    pub batch: i64,
    /// A receiver that takes longer than this has failed the attempt.
    pub request_timeout: Duration,
    /// Where deliveries may go.
    pub destinations: DestinationPolicy,
    /// Opens the endpoints' sealed signing secrets (and seals the plain ones left from before
    /// secrets were sealed). `None`: deliveries to endpoints with sealed secrets fail.
    pub secret_key: Option<SealingKey>,
}

impl WebhookConfig {
    pub fn new(instance: impl Into<String>) -> WebhookConfig {
        WebhookConfig {
            instance: instance.into(),
            poll_interval: Duration::from_secs(1),
            settle: Duration::from_secs(2),
            retry: RetryPolicy::default(),
            lease: Duration::from_secs(5),
            batch: 100,
            request_timeout: Duration::from_secs(10),
            destinations: DestinationPolicy::public_only(),
            secret_key: None,
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
    http: GuardedClient,
    wake: Option<Listener>,
}

/// The longest a resting worker sleeps without a ring.
pub const IDLE_LOOK: Duration = Duration::from_secs(30);

async fn rung(wake: &mut Option<Listener>) {
    match wake {
        Some(listener) => listener.rung().await,
        None => std::future::pending().await,
    }
}

impl WebhookWorker {
    pub fn new(
        store: Store,
        workspaces: Vec<WorkspaceId>,
        config: WebhookConfig,
    ) -> Result<WebhookWorker, WebhookError> {
        let http = GuardedClient::new(config.destinations.clone(), config.request_timeout)?;
        Ok(WebhookWorker {
            store,
            workspaces,
            config,
            http,
            wake: None,
        })
    }

    /// Lets the worker rest while the desk is quiet: after a few ticks that found nothing,
    /// it sleeps until `bell` rings (the relay committed work, which writes the history the
    /// worker tails), until its next delivery attempt is due, or for [`IDLE_LOOK`] at most
    /// (history written by other instances). Without a bell it looks every `poll_interval`.
    pub fn wake_on(mut self, bell: &Bell) -> WebhookWorker {
        self.wake = Some(bell.listen());
        self
    }

    /// Runs until `stop` completes. Errors (the database away for a moment) are logged and
    /// the next tick tries again.
    pub async fn run(mut self, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        let mut started = false;
        // Ticks in a row that found nothing; enough of them and the worker rests.
        let mut quiet = 0u32;
        let quiet_enough = self.quiet_ticks();
        let mut pause = Duration::ZERO;
        loop {
            let resting = self.wake.is_some() && quiet >= quiet_enough;
            tokio::select! {
                _ = &mut stop => break,
                _ = tokio::time::sleep(pause) => {}
                _ = rung(&mut self.wake), if resting => quiet = 0,
            }
            pause = self.config.poll_interval;
            if !started {
                started = self.prepare().await;
                if !started {
                    continue;
                }
            }
            match self.tick().await {
                Ok(true) => quiet = 0,
                Ok(false) => quiet = quiet.saturating_add(1),
                Err(error) => tracing::warn!(%error, "webhook worker tick failed"),
            }
            if self.wake.is_some() && quiet >= quiet_enough {
                pause = self.rest().await;
            }
        }
    }

    /// Enough quiet ticks to be sure no history is still settling.
    fn quiet_ticks(&self) -> u32 {
        let interval = self.config.poll_interval.max(Duration::from_millis(1));
        u32::try_from(self.config.settle.as_millis() / interval.as_millis())
            .unwrap_or(u32::MAX)
            .saturating_add(2)
    }

    /// How long a resting worker sleeps: until its next delivery attempt, at most the idle look.
    async fn rest(&self) -> Duration {
        match self.store.next_webhook_due().await {
            Ok(Some(due)) => (due - chrono::Utc::now())
                .to_std()
                .unwrap_or_default()
                .clamp(self.config.poll_interval, IDLE_LOOK),
            Ok(None) => IDLE_LOOK,
            Err(_) => self.config.poll_interval,
        }
    }

    /// Once, before the first tick: seals what is still plain, starts the cursors.
    async fn prepare(&self) -> bool {
        if let Some(key) = &self.config.secret_key {
            match self
                .store
                .write(async |tx| tx.seal_plain_webhook_secrets(key).await)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(endpoints = n, "sealed plain webhook signing secrets"),
                Err(error) => {
                    tracing::warn!(%error, "cannot seal the plain webhook secrets");
                    return false;
                }
            }
        }
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

    /// One look; `true` when it found work (or history still settling).
    async fn tick(&self) -> Result<bool, ticketgram_store::StoreError> {
        let now = chrono::Utc::now();
        let mut busy = false;
        for &ws in &self.workspaces {
            let produced =
                producer::produce(&self.store, ws, self.config.settle, self.config.batch, now)
                    .await?;
            busy |= produced.queued > 0 || produced.settling;
        }
        let sent = sender::send_due(&self.store, &self.http, &self.config).await?;
        Ok(busy || sent > 0)
    }
}
