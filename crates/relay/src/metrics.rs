//! What the relay counts, for the Prometheus `/metrics` page (names and meanings in
//! docs/metrics.md; this file is the one place that spells them).
//!
//! Recorded through the `metrics` facade: with no recorder installed (tests, the bench) a
//! call costs next to nothing, and `serve` installs the Prometheus one. Gauges that describe
//! the database (outbox depth, dead jobs, leases) are read at scrape time instead, so every
//! instance reports the same truth.

use std::time::Duration;

pub const UPDATES_RECEIVED: &str = "ticketgram_updates_received_total";
pub const UPDATES_APPLIED: &str = "ticketgram_updates_applied_total";
pub const INPUTS_FAILED: &str = "ticketgram_inputs_failed_total";
pub const SENDS: &str = "ticketgram_sends_total";
pub const FLOOD_WAITS: &str = "ticketgram_telegram_flood_waits_total";
pub const FLOOD_WAITED: &str = "ticketgram_telegram_flood_wait_seconds_total";
pub const RELAY_LATENCY: &str = "ticketgram_relay_latency_seconds";
pub const BOT_POLLING: &str = "ticketgram_bot_polling";
pub const INSTANCES_LIVE: &str = "ticketgram_instances_live";

/// The latency buckets: a message relayed within a second is the norm, a minute is Telegram's
/// group limit at work.
pub const LATENCY_BUCKETS: [f64; 12] = [
    0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0, 30.0, 60.0, 300.0,
];

/// Says what each relay metric means, for the `# HELP` lines.
pub fn describe() {
    metrics::describe_counter!(
        UPDATES_RECEIVED,
        "Telegram updates stored (long polling or webhook), per bot"
    );
    metrics::describe_counter!(
        UPDATES_APPLIED,
        "Updates applied to the desk (each in its transaction), per bot"
    );
    metrics::describe_counter!(
        INPUTS_FAILED,
        "Updates that could not be applied and were kept as failed, per bot"
    );
    metrics::describe_counter!(
        SENDS,
        "Outbox jobs attempted, per bot and outcome (done, retry, dead)"
    );
    metrics::describe_counter!(
        FLOOD_WAITS,
        "Telegram answers 429 Too Many Requests, per bot"
    );
    metrics::describe_counter!(
        FLOOD_WAITED,
        metrics::Unit::Seconds,
        "Seconds Telegram told us to wait (retry_after), per bot"
    );
    metrics::describe_gauge!(
        BOT_POLLING,
        "1 while this instance long-polls the bot successfully, 0 on standby or failing"
    );
    metrics::describe_gauge!(
        INSTANCES_LIVE,
        "Instances this one sees running the desk (not draining, itself included): the bots are shared among them"
    );
    metrics::describe_histogram!(
        RELAY_LATENCY,
        metrics::Unit::Seconds,
        "From a job being queued to Telegram accepting it, per kind (to_thread, to_client, other)"
    );
}

pub(crate) fn updates_received(bot: i64, count: usize) {
    metrics::counter!(UPDATES_RECEIVED, "bot" => bot.to_string()).increment(count as u64);
}

pub(crate) fn updates_applied(bot: i64, count: usize) {
    metrics::counter!(UPDATES_APPLIED, "bot" => bot.to_string()).increment(count as u64);
}

pub(crate) fn input_failed(bot: i64) {
    metrics::counter!(INPUTS_FAILED, "bot" => bot.to_string()).increment(1);
}

/// How an attempt ended, as the `outcome` label says it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SendOutcome {
    Done,
    Retry,
    Dead,
}

pub(crate) fn sent(bot: i64, outcome: SendOutcome) {
    let outcome = match outcome {
        SendOutcome::Done => "done",
        SendOutcome::Retry => "retry",
        SendOutcome::Dead => "dead",
    };
    metrics::counter!(SENDS, "bot" => bot.to_string(), "outcome" => outcome).increment(1);
}

pub(crate) fn flood_wait(bot: i64, wait: Duration) {
    metrics::counter!(FLOOD_WAITS, "bot" => bot.to_string()).increment(1);
    metrics::counter!(FLOOD_WAITED, "bot" => bot.to_string()).increment(wait.as_secs());
}

/// How many instances share the desk's bots, as this instance last read it.
pub fn instances_live(count: usize) {
    metrics::gauge!(INSTANCES_LIVE).set(count as f64);
}

pub(crate) fn relayed(kind: &'static str, latency: Duration) {
    metrics::histogram!(RELAY_LATENCY, "kind" => kind).record(latency.as_secs_f64());
}
