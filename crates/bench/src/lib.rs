//! The load benchmark: N simulated clients write to the client bot in the Telegram sandbox,
//! the real relay carries their messages through a real store (SQLite or PostgreSQL) into
//! the agents' discussion group, and we measure how fast and how reliably that happens.
//!
//! It is a benchmark, not a test: it reports figures (tickets/s, messages/s, latency
//! percentiles, memory) and counts anything lost or doubled instead of asserting on timing.
//! The `ticketgram bench` subcommand is a thin caller of [`run`].
//!
//! One run, in order:
//! 1. a sandbox (flood limits as configured), a fresh database, a workspace with one agent,
//!    a channel with its discussion group, and the relay wired as in production;
//! 2. **ticket phase**: every client sends its first message at once; each opens a ticket,
//!    whose card gets a thread in the group, and the message is its first comment;
//! 3. **relay phase**: once every thread exists, every client sends `messages_per_client`
//!    more, each after the previous one appeared in its thread (a closed loop, so latency
//!    is the relay's and not a queue we built ourselves) — or, in an open loop
//!    ([`Pace::Open`]), one every fixed interval whatever happened to the last, as real
//!    clients write: the load offered is fixed and latency shows whether the desk keeps up;
//! 4. the outbox drains, the group is read back and every message is checked to have
//!    arrived exactly once, in its own client's thread.

mod clients;
mod database;
mod desk;
mod ledger;
mod memory;
mod observer;
mod report;
mod verify;

pub use report::{BenchReport, DeliveryReport, LatencyReport, MemoryReport, PhaseReport};

use std::sync::Arc;
use std::time::Duration;
use ticketgram_i18n::I18nError;
use ticketgram_sandbox::ControlError;
use ticketgram_store::StoreError;
use tokio::time::Instant;

/// What to run. Built by the caller (the CLI); nothing is read from the
/// environment here, so runs can be scripted side by side.
#[derive(Clone)]
pub struct BenchConfig {
    /// `sqlite:` (the file lives in a temporary directory; the path is ignored) or a
    /// PostgreSQL server URL (a fresh `tg_bench_<random>` database is created on that server
    /// and dropped afterwards, so the named database is never written to).
    pub database_url: String,
    /// Simulated clients, each opening one ticket.
    pub clients: usize,
    /// Messages each client sends after the one that opened its ticket.
    pub messages_per_client: usize,
    /// Enforce Telegram's flood limits in the sandbox (~20 messages/min per group).
    pub flood_limits: bool,
    /// Transactions a backlog of updates is applied in at once on PostgreSQL
    /// (`DeskConfig::update_lanes`); 1 compares with one transaction per backlog.
    pub update_lanes: usize,
    /// The run stops waiting after this long; whatever has not arrived is reported as lost.
    pub duration_cap: Duration,
    /// How the follow-ups are paced.
    pub pace: Pace,
    /// Agents' channels, each with its discussion group, the tickets are spread over (1:
    /// the usual desk). Telegram's limits are per group, so each adds a group's worth.
    pub shards: usize,
    /// Helper bots, administrators of every group, posting beside the desk's bot (their
    /// limits are per bot, so each adds a group's worth in every group).
    pub helpers: usize,
}

/// How each client paces its follow-ups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pace {
    /// Each after the previous one reached the thread: throughput, with as many messages in
    /// flight as clients.
    #[default]
    Closed,
    /// One every `every`, without waiting (the clients' first follow-ups spread evenly over
    /// one interval, so the offered load is steady rather than in waves): the load Telegram's
    /// limits and the relay must keep up with, latency growing without bound when they don't.
    Open { every: Duration },
}

/// The URL may carry a password: never print it.
impl std::fmt::Debug for BenchConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BenchConfig")
            .field("database_url", &"<redacted>")
            .field("clients", &self.clients)
            .field("messages_per_client", &self.messages_per_client)
            .field("flood_limits", &self.flood_limits)
            .field("update_lanes", &self.update_lanes)
            .field("duration_cap", &self.duration_cap)
            .field("pace", &self.pace)
            .field("shards", &self.shards)
            .field("helpers", &self.helpers)
            .finish()
    }
}

/// Why a run could not produce a report. Lost or doubled messages are not errors: they are
/// findings, counted in [`DeliveryReport`].
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("invalid benchmark settings: {0}")]
    Config(String),
    #[error("the Telegram sandbox did not start: {0}")]
    Sandbox(#[source] std::io::Error),
    #[error("the sandbox refused a simulated action: {0}")]
    World(#[from] ControlError),
    #[error("cannot create or drop the benchmark database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot prepare a temporary SQLite file: {0}")]
    TempDir(#[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot load the translations: {0}")]
    I18n(#[from] I18nError),
}

/// Runs one benchmark and returns its report. The database it created is dropped even when
/// the run fails half-way.
pub async fn run(config: BenchConfig) -> Result<BenchReport, BenchError> {
    if config.clients == 0 {
        return Err(BenchError::Config("at least one client is needed".into()));
    }
    if config.shards == 0 {
        return Err(BenchError::Config("at least one channel is needed".into()));
    }
    if config.pace
        == (Pace::Open {
            every: Duration::ZERO,
        })
    {
        return Err(BenchError::Config("an open loop needs an interval".into()));
    }
    let memory = memory::Meter::start();
    let database = database::BenchDatabase::create(&config.database_url).await?;
    let outcome = measured_run(&config, &database, &memory).await;
    let dropped = database.remove().await;
    let report = outcome?;
    dropped?;
    Ok(report)
}

/// The run, with what it cost the database and the scheduler around it.
async fn measured_run(
    config: &BenchConfig,
    database: &database::BenchDatabase,
    memory: &memory::Meter,
) -> Result<BenchReport, BenchError> {
    database.prepare().await?;
    let commits_before = database.commits().await?;
    let switches_before = memory::context_switches();
    let mut report = run_on(config, database.url(), memory).await?;
    let switches = memory::context_switches()
        .zip(switches_before)
        .map(|(after, before)| after.saturating_sub(before));
    let commits = database
        .commits()
        .await?
        .zip(commits_before)
        .map(|(after, before)| after.saturating_sub(before));
    let messages = (report.tickets.count + report.relay.count).max(1) as f64;
    report.costs = report::CostReport {
        commits_per_message: commits.map(|c| c as f64 / messages),
        context_switches_per_message: switches.map(|s| s as f64 / messages),
    };
    Ok(report)
}

async fn run_on(
    config: &BenchConfig,
    url: &str,
    memory: &memory::Meter,
) -> Result<BenchReport, BenchError> {
    let started = Instant::now();
    let deadline = started + config.duration_cap;
    let desk = desk::BenchDesk::start(url, config).await?;
    let sims = clients::create(&desk, config.clients)?;
    let ledger = Arc::new(ledger::Ledger::new(
        config.clients,
        config.messages_per_client + 1,
    ));
    let observer = observer::Observer::spawn(&desk, ledger.clone())?;
    clients::run_all(
        &desk,
        sims,
        ledger.clone(),
        config.messages_per_client,
        config.pace,
        deadline,
    )
    .await?;
    desk.settle(deadline).await?;
    observer.stop().await;
    let delivery = verify::read_back(&desk, &ledger);
    // Read before tearing down: the end figure should show what a running desk holds.
    let memory = memory.finish();
    let capped = Instant::now() >= deadline;
    let backend = desk.backend;
    desk.stop().await;
    Ok(report::build(
        config,
        backend,
        &ledger,
        delivery,
        memory,
        started.elapsed(),
        capped,
    ))
}
