//! Ticketgram's persistence.
//!
//! One code path for SQLite and PostgreSQL: every query goes through sqlx's `Any` driver and is
//! written in the SQL both backends understand (`$1` placeholders, `ON CONFLICT`, `RETURNING`).
//! The few places where the backends must differ ask [`Store::backend`].
//!
//! Column conventions keep `Any` on types it decodes the same way everywhere: integers are
//! `i64` (BIGINT in PostgreSQL), booleans are 0/1, timestamps are unix milliseconds converted to
//! chrono at this boundary, and JSON documents are TEXT.
//!
//! Invariants the rest of Ticketgram relies on:
//! - every row of desk data carries its `workspace_id`, and every repository method for desk
//!   data takes the [`WorkspaceId`](ticketgram_domain::WorkspaceId) first;
//! - everything a bot needs to survive a restart (conversation state, inbox, outbox, offsets,
//!   leases) lives in the database;
//! - uniqueness and exclusivity are enforced by constraints and single statements, never by
//!   check-then-set.
//!
//! SQLite deployments are single-instance. Several instances may share one PostgreSQL: leases
//! decide who polls a bot, and outbox work is claimed with `FOR UPDATE SKIP LOCKED`.

mod agent_roles;
mod agents;
mod api_tokens;
mod applied_inputs;
mod audit;
mod bots;
mod client_attributes;
mod client_flood;
mod client_search;
mod clients;
mod compensations;
mod complaints;
mod conversation;
mod desk_directory;
mod desk_flows;
mod desk_lookups;
mod desk_profile;
mod error;
mod flow_events;
mod follow_ups;
mod forecast_history;
mod gauges;
mod id_lists;
mod incarnation;
mod instances;
mod intents;
mod job_queue;
mod kb_articles;
mod kb_feedback;
mod lease_bus;
mod leases;
mod messages;
mod outbox;
mod plain_text_scan;
mod presence;
mod privacy;
mod proactive;
mod public_posts;
mod queues;
mod reply_templates;
mod report_facts;
mod scratch;
mod sealed;
mod settings;
mod setup_codes;
mod sign_in_throttle;
mod sla_breaches;
mod snapshot;
mod staff_dialogs;
mod ticket_changes;
mod ticket_events;
mod ticket_fields;
mod ticket_merge;
mod ticket_posts;
mod ticket_search;
mod tickets;
mod time;
mod topics;
mod translations;
mod trends;
mod tx;
mod updates;
mod web_sessions;
mod webhook_secrets;
mod webhooks;
mod workspaces;

pub use agents::NewAgent;
pub use api_tokens::{ApiToken, IdempotentReplay, NewApiToken};
pub use bots::{Bot, BotRole, NewBot};
pub use client_search::ClientPage;
pub use clients::{NewClient, SeenClient};
pub use compensations::NewCompensation;
pub use complaints::{ComplaintFilter, ComplaintNote, RegisteredComplaint};
pub use conversation::ClientPlace;
pub use desk_directory::DeskSummary;
pub use desk_flows::{DeskFlow, SaveFlowError, SavedFlow};
pub use desk_lookups::StoredLookup;
pub use desk_profile::{keys as desk_profile_keys, AgentChats, DeskProfile};
pub use error::StoreError;
pub use flow_events::{FlowEventKind, StepFunnel};
pub use follow_ups::FollowUpAnswer;
pub use forecast_history::{ForecastHistory, OpenedInHour};
pub use gauges::{GroupBacklog, OutboxDepth};
pub use incarnation::{Incarnation, TakenOver};
pub use instances::InstanceLoad;
pub use intents::{PastQuestion, StoredIntentModel, TicketIntent};
pub use kb_articles::ArticleRevision;
pub use kb_feedback::ArticleDeflection;
pub use lease_bus::LeaseReleases;
pub use leases::Lease;
pub use messages::{NewMessage, RecordedMessage};
pub use outbox::{NewOutboxJob, OutboxJob, OutboxStatus};
pub use presence::AgentPresence;
pub use privacy::{Erased, Swept, RETENTION_KEY};
pub use proactive::{NewAlert, RecordedAlert};
pub use public_posts::PublicPost;
pub use reply_templates::ReplyTemplate;
pub use scratch::ScratchDatabase;
pub use sealed::{SealError, SealingKey};
pub use setup_codes::{normalize_setup_code, SetupClaim, SetupCode, SETUP_ATTEMPT_LIMIT};
pub use sign_in_throttle::{SignInBackoff, SignInGate};
pub use snapshot::Snapshot;
pub use ticket_events::TicketEvent;
pub use ticket_fields::TicketField;
pub use ticket_merge::MergeOutcome;
pub use ticket_posts::{TicketPost, TicketPostClaim};
pub use ticket_search::{AssigneeFilter, TicketQuery};
pub use tickets::NewTicket;
pub use topics::NewTopic;
pub use translations::{MessageTranslation, TranslationPurpose, TranslationState};
pub use trends::{HourlyOpenings, LabelledOpening};
pub use tx::{FaultPoints, Tx};
pub use updates::{redact_bot_tokens, IncomingUpdate, StoredUpdate, REDACTED};
pub use web_sessions::{random_token, NewWebSession, WebSession};
pub use webhook_secrets::{
    is_sealed_webhook_secret, open_webhook_secret, seal_webhook_secret, SEALED_PREFIX,
};
pub use webhooks::{
    ClaimedDelivery, DeliveryStatus, NewWebhookEndpoint, NewWebhookEvent, WebhookDelivery,
    WebhookEndpoint, WebhookEndpointChange, WebhookSource,
};
pub use workspaces::{NewWorkspace, Workspace};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
use std::str::FromStr;

/// Which database sits behind the store. Chosen from the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `sqlite:` or `postgres:`/`postgresql:`; anything else is a configuration mistake.
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        let scheme = url.split(':').next().unwrap_or("");
        match scheme {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(StoreError::Invalid(format!(
                "unsupported database URL scheme {scheme:?} (expected sqlite: or postgres:)"
            ))),
        }
    }
}

/// How to connect. `max_connections: None` picks a default suited to the backend.
#[derive(Clone)]
pub struct StoreOptions {
    pub url: String,
    pub max_connections: Option<u32>,
}

impl StoreOptions {
    pub fn new(url: impl Into<String>) -> StoreOptions {
        StoreOptions {
            url: url.into(),
            max_connections: None,
        }
    }
}

/// URLs may carry passwords: never print them.
impl std::fmt::Debug for StoreOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreOptions")
            .field("url", &"<redacted>")
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

/// SQLite waits this long for another connection's write lock before giving up. Writers hold
/// the lock for one short transaction, so reaching it means something is badly wrong.
pub(crate) const SQLITE_BUSY_TIMEOUT_MS: u64 = 15_000;

/// The database handle. Cheap to clone (it wraps a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Set on the store a [`Tx`] lends out: every call then goes through that transaction.
    tx: Option<std::sync::Arc<tx::TxCell>>,
    /// Crash tests only: where the next transaction fails.
    faults: Option<std::sync::Arc<FaultPoints>>,
    /// SQLite only: this process's writers queue here for the database's one write lock (see
    /// [`Store::begin_tx`]).
    writers: Option<std::sync::Arc<tokio::sync::Mutex<()>>>,
    /// Rows read ahead for one round of deliveries (see [`Snapshot`]); never on a `Tx`.
    snapshot: Option<std::sync::Arc<Snapshot>>,
    /// Wakes instances waiting for a lease when one is released (see [`LeaseReleases`]).
    lease_bus: std::sync::Arc<lease_bus::LeaseBus>,
}

impl Store {
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Store::connect_with(StoreOptions::new(url)).await
    }

    pub async fn connect_with(options: StoreOptions) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(&options.url)?;
        let pool = match backend {
            Backend::Sqlite => connect_sqlite(&options).await?,
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(options.max_connections.unwrap_or(10))
                    .connect(&options.url)
                    .await?
            }
        };
        Ok(Store {
            pool,
            backend,
            tx: None,
            faults: None,
            writers: (backend == Backend::Sqlite).then(Default::default),
            snapshot: None,
            lease_bus: Default::default(),
        })
    }

    /// Brings the schema up to date. Safe to run on every start and from several instances at
    /// once (sqlx takes an advisory lock on PostgreSQL); already-applied migrations are skipped.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.run(&self.pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(e) => StoreError::Database(e),
            other => StoreError::Database(sqlx::Error::Migrate(Box::new(other))),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// For tests that inspect the schema itself. Everything else reads through the store's
    /// methods and writes through a [`Tx`].
    #[doc(hidden)]
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes every connection; later calls fail. Used by tests that simulate a restart.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// SQLite: create the file if it is missing, switch it to WAL once (the mode is stored in the
/// file), then give every pooled connection a busy timeout and foreign keys.
async fn connect_sqlite(options: &StoreOptions) -> Result<AnyPool, StoreError> {
    let url = sqlite_url_with_create(&options.url);
    let connect_options = AnyConnectOptions::from_str(&url)?;
    let mut conn = connect_options.connect().await?;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.close().await?;
    // The same default as PostgreSQL's and the binary's (`database.max_connections`): with
    // WAL, readers run beside the one writer, and a round of deliveries reads while the
    // processor writes (a pool of four made them queue for a connection).
    let pool = AnyPoolOptions::new()
        .max_connections(options.max_connections.unwrap_or(10))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute(format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}").as_str())
                    .await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                Ok(())
            })
        })
        .connect_with(connect_options)
        .await?;
    Ok(pool)
}

/// `sqlite://ticketgram.db` should just work on a fresh machine: add `mode=rwc` unless the
/// operator chose a mode (or an in-memory database).
fn sqlite_url_with_create(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}mode=rwc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backend_follows_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://desk.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(matches!(
            Backend::from_url("mysql://h/db"),
            Err(StoreError::Invalid(_))
        ));
    }

    #[test]
    fn sqlite_files_are_created_unless_a_mode_was_chosen() {
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db"),
            "sqlite://a.db?mode=rwc"
        );
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db?cache=shared"),
            "sqlite://a.db?cache=shared&mode=rwc"
        );
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }
}
