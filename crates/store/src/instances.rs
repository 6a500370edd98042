//! Instances sharing the database: each running process keeps a row alive while it runs, so
//! the others know how many share a desk's bots and how many each holds (docs/deploy.md).
//!
//! The row is renewed shortly before it expires, not on a timer of its own: an idle instance
//! writes once every few seconds. A killed process's row simply lapses; a draining one is
//! marked at once so the others stop counting it and take its bots.

use crate::time::{duration_millis, to_millis};
use crate::{Store, StoreError, Tx};
use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};

/// A live, non-draining instance of a desk and the bot leases it holds right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceLoad {
    /// The incarnation ([`crate::Incarnation::id`]).
    pub id: String,
    /// Bot leases (`bot:<id>`) it holds that have not expired.
    pub bots: u64,
}

/// Rows of instances dead this long are swept by the next heartbeat of any instance: kept a
/// while only so an operator looking at the table after an incident sees who was there.
const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

impl Tx {
    /// Says `id` runs `ws` until `now + ttl`: registers it or moves its expiry on. A draining
    /// instance stays draining. Also sweeps rows of instances long dead.
    pub async fn beat_instance(
        &self,
        ws: WorkspaceId,
        id: &str,
        ttl: Duration,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let now_ms = to_millis(now);
        let mut conn = self.conn().await?;
        sqlx::query(
            "INSERT INTO instances (id, workspace_id, expires_at, draining) VALUES ($1, $2, $3, 0)
             ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(ws.0)
        .bind(now_ms.saturating_add(duration_millis(ttl)))
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM instances WHERE expires_at < $1")
            .bind(now_ms.saturating_sub(duration_millis(FORGET_AFTER)))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Marks `id` as draining: it takes no more bots, and the others no longer count it when
    /// they share the bots out, so they take the ones it lets go at once.
    pub async fn drain_instance(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE instances SET draining = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Removes `id`'s row when it stops (or, at start, a predecessor's).
    pub async fn retire_instance(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM instances WHERE id = $1")
            .bind(id)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }
}

impl Store {
    /// The desk's live instances that are not draining, each with the bot leases it holds,
    /// ordered by id. One statement, so the count and the loads are one picture.
    pub async fn instance_loads(
        &self,
        ws: WorkspaceId,
        now: Timestamp,
    ) -> Result<Vec<InstanceLoad>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT i.id, CAST((SELECT COUNT(*) FROM leases l
                               WHERE l.holder = i.id AND l.expires_at > $2
                                 AND l.name LIKE 'bot:%') AS BIGINT)
             FROM instances i
             WHERE i.workspace_id = $1 AND i.expires_at > $2 AND i.draining = 0
             ORDER BY i.id",
        )
        .bind(ws.0)
        .bind(to_millis(now))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, bots)| InstanceLoad {
                id,
                bots: u64::try_from(bots).unwrap_or(0),
            })
            .collect())
    }
}
