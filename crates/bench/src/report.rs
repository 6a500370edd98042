//! The figures of one run: a small table for people (`Display`) and JSON for scripts
//! (`Serialize`), so docs/benchmarks.md and any later comparison read the same numbers.

use crate::ledger::{Ledger, Slot};
use crate::BenchConfig;
use hdrhistogram::Histogram;
use serde::Serialize;
use std::fmt;
use std::time::Duration;
use ticketgram_store::Backend;
use tokio::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    pub clients: usize,
    pub messages_per_client: usize,
    pub flood_limits: bool,
    /// Agents' channels (each with its group) the tickets were spread over.
    pub shards: usize,
    /// Helper bots posting beside the desk's bot.
    pub helpers: usize,
    /// In an open loop, the follow-ups offered per minute by all clients together (`None`:
    /// closed loop, each follow-up after the previous one arrived).
    pub offered_per_minute: Option<f64>,
    /// First messages: each opens a ticket (card, thread, first comment).
    pub tickets: PhaseReport,
    /// Follow-up messages relayed into existing threads.
    pub relay: PhaseReport,
    /// First message accepted by Telegram → its copy in the new ticket's thread.
    pub ticket_latency: LatencyReport,
    /// Follow-up accepted by Telegram → its copy in the thread.
    pub relay_latency: LatencyReport,
    pub memory: MemoryReport,
    pub delivery: DeliveryReport,
    pub wall_seconds: f64,
    /// The duration cap ended the run before everything arrived.
    pub capped: bool,
    /// What each relayed message cost the database and the scheduler.
    pub costs: CostReport,
}

/// Costs per relayed message (first messages and follow-ups alike); absent where they cannot
/// be measured (commits on SQLite, context switches off Linux).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CostReport {
    /// PostgreSQL transactions committed in the run's database (`pg_stat_database`).
    pub commits_per_message: Option<f64>,
    /// Context switches of the whole process (relay and sandbox together).
    pub context_switches_per_message: Option<f64>,
}

/// Throughput of one phase: from the first send to the last arrival of that phase.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PhaseReport {
    pub count: usize,
    pub seconds: f64,
    pub per_second: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LatencyReport {
    pub samples: u64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

/// Kibibytes; `None` where `/proc/self/status` is not available.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MemoryReport {
    pub start_rss_kib: Option<u64>,
    pub end_rss_kib: Option<u64>,
    /// VmHWM: the whole process, sandbox included.
    pub peak_rss_kib: Option<u64>,
    /// Whether the high-water mark was reset at the start; if not, the peak may predate
    /// the run.
    pub peak_reset: bool,
}

/// Every message must arrive exactly once, in its own client's thread.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DeliveryReport {
    pub expected: usize,
    pub sent: usize,
    pub delivered_once: usize,
    /// Sent, never seen in the group.
    pub lost: usize,
    /// Extra copies beyond the first.
    pub duplicated: usize,
    /// Copies in another client's thread, or threads shared by two clients.
    pub misrouted: usize,
    /// Copies of messages nobody sent.
    pub unexpected: usize,
    /// Ticket cards forwarded into the group (one per client is right).
    pub cards_posted: usize,
    /// `editMessageText` calls the bot made: cards redrawn. Client messages change nothing a
    /// card shows, so in this run (nobody takes, closes or rates) zero is right.
    pub card_edits: u64,
    pub exactly_once: bool,
}

pub fn build(
    config: &BenchConfig,
    backend: Backend,
    ledger: &Ledger,
    delivery: DeliveryReport,
    memory: MemoryReport,
    wall: Duration,
    capped: bool,
) -> BenchReport {
    let slots = ledger.snapshot();
    let firsts: Vec<Slot> = slots.iter().filter_map(|c| c.first().copied()).collect();
    let follow_ups: Vec<Slot> = slots
        .iter()
        .flat_map(|c| c.iter().skip(1).copied())
        .collect();
    BenchReport {
        backend: match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        },
        clients: config.clients,
        messages_per_client: config.messages_per_client,
        flood_limits: config.flood_limits,
        shards: config.shards,
        helpers: config.helpers,
        offered_per_minute: match config.pace {
            crate::Pace::Closed => None,
            crate::Pace::Open { every } => Some(config.clients as f64 * 60.0 / every.as_secs_f64()),
        },
        tickets: phase(&firsts),
        relay: phase(&follow_ups),
        ticket_latency: latency(&firsts),
        relay_latency: latency(&follow_ups),
        memory,
        delivery,
        wall_seconds: wall.as_secs_f64(),
        capped,
        costs: CostReport::default(),
    }
}

fn phase(slots: &[Slot]) -> PhaseReport {
    let first_sent = slots.iter().filter_map(|s| s.sent).min();
    let last_arrival = slots.iter().filter_map(|s| s.first_arrival).max();
    let count = slots.iter().filter(|s| s.first_arrival.is_some()).count();
    let seconds = match (first_sent, last_arrival) {
        (Some(from), Some(to)) => to.saturating_duration_since(from).as_secs_f64(),
        _ => 0.0,
    };
    PhaseReport {
        count,
        seconds,
        per_second: if seconds > 0.0 {
            count as f64 / seconds
        } else {
            0.0
        },
    }
}

fn latency(slots: &[Slot]) -> LatencyReport {
    // Microseconds up to an hour, three significant figures: far finer than a relay needs.
    let Ok(mut histogram) = Histogram::<u64>::new_with_bounds(1, 3_600_000_000, 3) else {
        return LatencyReport::default();
    };
    for slot in slots {
        if let (Some(sent), Some(arrived)) = (slot.sent, slot.first_arrival) {
            let micros = micros_between(sent, arrived);
            histogram.saturating_record(micros.max(1));
        }
    }
    let ms = |micros: u64| micros as f64 / 1000.0;
    LatencyReport {
        samples: histogram.len(),
        p50_ms: ms(histogram.value_at_quantile(0.50)),
        p90_ms: ms(histogram.value_at_quantile(0.90)),
        p99_ms: ms(histogram.value_at_quantile(0.99)),
        max_ms: ms(histogram.max()),
        mean_ms: histogram.mean() / 1000.0,
    }
}

fn micros_between(from: Instant, to: Instant) -> u64 {
    u64::try_from(to.saturating_duration_since(from).as_micros()).unwrap_or(u64::MAX)
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flood = if self.flood_limits { "on" } else { "off" };
        writeln!(
            f,
            "{} · {} clients × (1 + {}) messages · flood limits {} · {} group(s), {} helper bot(s) · {:.1} s{}",
            self.backend,
            self.clients,
            self.messages_per_client,
            flood,
            self.shards,
            self.helpers,
            self.wall_seconds,
            if self.capped { " (capped)" } else { "" }
        )?;
        match self.offered_per_minute {
            Some(offered) => writeln!(
                f,
                "open loop        follow-ups offered at {offered:.1}/min ({:.2}/min per client)",
                offered / self.clients as f64
            )?,
            None => writeln!(
                f,
                "closed loop      each follow-up after the previous arrived"
            )?,
        }
        writeln!(
            f,
            "{:<16} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "phase", "count", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms"
        )?;
        for (name, phase, lat) in [
            ("ticket opened", &self.tickets, &self.ticket_latency),
            ("message relayed", &self.relay, &self.relay_latency),
        ] {
            writeln!(
                f,
                "{:<16} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
                name,
                phase.count,
                phase.per_second,
                lat.p50_ms,
                lat.p90_ms,
                lat.p99_ms,
                lat.max_ms,
                lat.mean_ms
            )?;
        }
        let mib =
            |k: Option<u64>| k.map_or("n/a".to_string(), |k| format!("{:.1}", k as f64 / 1024.0));
        writeln!(
            f,
            "memory MiB       start {} · end {} · peak {}{}",
            mib(self.memory.start_rss_kib),
            mib(self.memory.end_rss_kib),
            mib(self.memory.peak_rss_kib),
            if self.memory.peak_reset {
                ""
            } else {
                " (peak since process start)"
            }
        )?;
        let per = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{v:.1}"));
        writeln!(
            f,
            "per message      database commits {} · context switches {}",
            per(self.costs.commits_per_message),
            per(self.costs.context_switches_per_message),
        )?;
        let d = &self.delivery;
        write!(
            f,
            "delivery         {}/{} once · lost {} · duplicated {} · misrouted {} · unexpected {} · cards {} (edited {}) → {}",
            d.delivered_once,
            d.expected,
            d.lost,
            d.duplicated,
            d.misrouted,
            d.unexpected,
            d.cards_posted,
            d.card_edits,
            if d.exactly_once { "exactly once" } else { "MISMATCH" }
        )
    }
}
