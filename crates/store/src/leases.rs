//! Leases: exactly one instance polls each bot. A lease is held until it expires; the holder
//! renews it shortly before then, and a killed instance's lease is taken over once it lapses.

use crate::time::{duration_millis, from_millis, to_millis};
use crate::{Store, StoreError};
use std::time::Duration;
use ticketgram_domain::Timestamp;

/// A lease as stored, expired or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub holder: String,
    pub expires_at: Timestamp,
}

impl Store {
    /// Takes a free or expired lease, or renews our own, in one atomic statement.
    /// Returns false while another holder's lease is still valid.
    pub async fn try_acquire_lease(
        &self,
        name: &str,
        holder: &str,
        ttl: Duration,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let now_ms = to_millis(now);
        let row: Option<(String,)> = sqlx::query_as(
            "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
             RETURNING holder",
        )
        .bind(name)
        .bind(holder)
        .bind(now_ms.saturating_add(duration_millis(ttl)))
        .bind(now_ms)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.is_some())
    }

    /// Gives the lease up (at shutdown, or handing a bot over to an instance with fewer) so
    /// another instance need not wait for it to expire: whoever waits for it hears of it
    /// ([`Store::lease_releases`]) and takes it at once. Returns false when we did not hold it
    /// (any more).
    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
            .execute(&mut *self.conn().await?)
            .await?;
        let released = done.rows_affected() > 0;
        if released {
            self.announce_release(name).await?;
        }
        Ok(released)
    }

    /// Who holds the lease right now, if anyone.
    pub async fn lease_holder(
        &self,
        name: &str,
        now: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT holder FROM leases WHERE name = $1 AND expires_at > $2")
                .bind(name)
                .bind(to_millis(now))
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(row.map(|(h,)| h))
    }

    /// The names of the leases `holder` holds at `now`: what a draining instance waits to see
    /// taken by the others.
    pub async fn leases_of(&self, holder: &str, now: Timestamp) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT name FROM leases WHERE holder = $1 AND expires_at > $2 ORDER BY name",
        )
        .bind(holder)
        .bind(to_millis(now))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows.into_iter().map(|(name,)| name).collect())
    }

    /// The lease's row, expired or not: a waiting instance sleeps until `expires_at` instead
    /// of asking again and again.
    pub async fn lease(&self, name: &str) -> Result<Option<Lease>, StoreError> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT holder, expires_at FROM leases WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        row.map(|(holder, expires_at)| {
            Ok(Lease {
                holder,
                expires_at: from_millis(expires_at)?,
            })
        })
        .transpose()
    }
}
