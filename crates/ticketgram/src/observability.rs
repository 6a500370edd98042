//! `GET /metrics` (Prometheus text format) and `GET /readyz` on the HTTP listener. Names and
//! meanings: docs/metrics.md.
//!
//! Counters and the latency histogram are kept in memory by the `metrics` facade's Prometheus
//! recorder, installed once per process; the gauges that describe the database (outbox depth,
//! dead jobs, leases) are read from it at each scrape and appended, so they can never go stale
//! or disagree between instances.

use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use serde_json::json;
use ticketgram_relay::health::{BotPolling, Health};
use ticketgram_store::Store;

/// A scrape or a readiness check never waits longer than this for the database.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

/// The process's recorder: installed by the first `serve`, shared by any later one (tests
/// run several in one process).
fn recorder() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let built = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    metrics_exporter_prometheus::Matcher::Full(
                        ticketgram_relay::metrics::RELAY_LATENCY.to_string(),
                    ),
                    &ticketgram_relay::metrics::LATENCY_BUCKETS,
                )
                .and_then(|builder| builder.install_recorder());
            match built {
                Ok(handle) => {
                    ticketgram_relay::metrics::describe();
                    Some(handle)
                }
                Err(error) => {
                    tracing::warn!(%error, "metrics are not recorded");
                    None
                }
            }
        })
        .as_ref()
}

#[derive(Clone)]
pub struct Observability {
    store: Store,
    health: Health,
    /// This process's incarnation: the leases it holds.
    instance: String,
}

impl Observability {
    pub fn new(store: Store, health: Health, instance: String) -> Observability {
        // Installed now, so what the relays count from their first update is kept.
        let _ = recorder();
        Observability {
            store,
            health,
            instance,
        }
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/metrics", get(metrics_page))
            .route("/readyz", get(readiness))
            .with_state(self)
    }
}

async fn metrics_page(State(obs): State<Observability>) -> Response {
    let mut page = recorder().map(PrometheusHandle::render).unwrap_or_default();
    match tokio::time::timeout(DATABASE_TIMEOUT, database_gauges(&obs)).await {
        Ok(Ok(gauges)) => page.push_str(&gauges),
        Ok(Err(error)) => tracing::warn!(%error, "metrics: the database gauges are missing"),
        Err(_) => tracing::warn!("metrics: the database did not answer in time"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        page,
    )
        .into_response()
}

/// The database's share of the page, in the text exposition format.
async fn database_gauges(obs: &Observability) -> Result<String, ticketgram_store::StoreError> {
    let depths = obs.store.outbox_depths().await?;
    let groups = obs.store.group_backlogs().await?;
    let leases = obs
        .store
        .leases_held_by(&obs.instance, chrono::Utc::now())
        .await?;
    let mut out = String::new();
    let mut family = |name: &str, help: &str, rows: &mut dyn Iterator<Item = (String, i64)>| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for (labels, value) in rows {
            let _ = writeln!(out, "{name}{{{labels}}} {value}");
        }
    };
    let labels = |desk: &str, bot: i64, status: &str| {
        format!(
            "desk=\"{}\",bot=\"{bot}\",status=\"{status}\"",
            escape(desk)
        )
    };
    family(
        "ticketgram_outbox_jobs",
        "Outbox jobs per desk, bot and status (pending, in_flight; dead ones are in ticketgram_dead_jobs)",
        &mut depths.iter().flat_map(|d| {
            [
                (labels(&d.desk, d.bot_id, "pending"), d.pending),
                (labels(&d.desk, d.bot_id, "in_flight"), d.in_flight),
            ]
        }),
    );
    family(
        "ticketgram_outbox_group_jobs",
        "Unfinished jobs of the tickets whose thread is in each agents' group, per desk and group",
        &mut groups.iter().map(|g| {
            (
                format!("desk=\"{}\",group=\"{}\"", escape(&g.desk), g.group_id),
                g.unfinished,
            )
        }),
    );
    family(
        "ticketgram_dead_jobs",
        "Outbox jobs given up (shown to admins), per desk and bot",
        &mut depths.iter().map(|d| {
            (
                format!("desk=\"{}\",bot=\"{}\"", escape(&d.desk), d.bot_id),
                d.dead,
            )
        }),
    );
    family(
        "ticketgram_leases_held",
        "Bot leases this instance holds (the bots it polls and whose updates it applies)",
        &mut std::iter::once((format!("instance=\"{}\"", escape(&obs.instance)), leases)),
    );
    Ok(out)
}

/// A label value in the text format: backslash, double quote and newline escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Ready: the database answers, and no bot this instance polls keeps failing.
async fn readiness(State(obs): State<Observability>) -> Response {
    let database = match tokio::time::timeout(DATABASE_TIMEOUT, obs.store.ping()).await {
        Ok(Ok(())) => "ok".to_string(),
        Ok(Err(error)) => format!("unreachable: {error}"),
        Err(_) => "unreachable: no answer in time".to_string(),
    };
    let bots: Vec<_> = obs
        .health
        .bots()
        .into_iter()
        .map(|(bot, polling)| {
            let state = match polling {
                BotPolling::Standby => "standby",
                BotPolling::Polling { failures }
                    if failures >= ticketgram_relay::health::FAILING_AFTER =>
                {
                    "failing"
                }
                BotPolling::Polling { .. } => "polling",
            };
            json!({ "bot": bot, "state": state })
        })
        .collect();
    let ready = database == "ok" && obs.health.failing().is_empty();
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({ "ready": ready, "database": database, "bots": bots })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn label_values_cannot_break_the_exposition_format() {
        assert_eq!(escape("acme"), "acme");
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
