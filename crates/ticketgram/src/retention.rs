//! The desk's retention period as `serve` runs it: once an hour (and at start) the content of
//! closed tickets older than the period is deleted, in bounded batches so no transaction holds
//! the database for long, each batch one transaction with its audit row (docs/privacy.md).
//! Several instances on one PostgreSQL may sweep at once: a batch only takes rows that still
//! have content, so the second finds nothing.

use std::time::Duration;

use chrono::TimeDelta;
use ticketgram_domain::{Actor, AuditEntry, Timestamp, WorkspaceId};
use ticketgram_store::{Store, StoreError};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Rows changed per transaction: small enough that other writers barely wait.
pub const BATCH: i64 = 500;
/// How often the period is applied; it counts in days, so an hour late is no matter.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Applies the desk's retention period once, as of `now`; returns the messages and tickets
/// emptied. Nothing happens without a period.
pub async fn sweep(
    store: &Store,
    ws: WorkspaceId,
    now: Timestamp,
) -> Result<(u64, u64), StoreError> {
    let Some(days) = store.retention_days(ws).await? else {
        return Ok((0, 0));
    };
    let before = now - TimeDelta::days(i64::from(days));
    let (mut messages, mut tickets) = (0, 0);
    loop {
        let tx = store.begin_tx_for("timer").await?;
        let swept = tx.delete_content_before(ws, before, BATCH, now).await?;
        if swept.is_empty() {
            tx.rollback().await;
            return Ok((messages, tickets));
        }
        tx.record_audit(&AuditEntry {
            workspace: ws,
            actor: Actor::System,
            action: "retention.deleted".into(),
            subject: "desk".into(),
            details: vec![
                ("retention_days".into(), days.to_string()),
                ("messages".into(), swept.messages.to_string()),
                ("tickets".into(), swept.tickets.to_string()),
                ("updates".into(), swept.updates.to_string()),
            ],
            at: now,
        })
        .await?;
        tx.commit().await?;
        messages += swept.messages;
        tickets += swept.tickets;
    }
}

/// The hourly sweep, stopped before the store closes.
pub struct Retention {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Retention {
    pub fn start(store: Store, ws: WorkspaceId) -> Retention {
        let (stop, mut stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            loop {
                match sweep(&store, ws, chrono::Utc::now()).await {
                    Ok((0, 0)) => {}
                    Ok((messages, tickets)) => {
                        tracing::info!(messages, tickets, "retention period applied");
                    }
                    Err(e) => tracing::warn!(error = %e, "retention sweep failed; next hour again"),
                }
                tokio::select! {
                    _ = tokio::time::sleep(EVERY) => {}
                    _ = &mut stopped => return,
                }
            }
        });
        Retention { stop, task }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
