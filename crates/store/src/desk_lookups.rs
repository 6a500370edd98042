//! A desk's order lookup on its platform (docs/platform.md): one row per desk, what the admin
//! configured as JSON (`settings`, whose shape the relay owns) and the shared secret sealed
//! with the instance's key (the one that seals bot tokens, [`crate::SealingKey`]). The store
//! neither reads the settings nor opens the secret: a save is validated and sealed by its
//! caller, and whoever asks the platform opens it.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{AgentId, Timestamp, WorkspaceId};

/// A desk's stored lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLookup {
    /// JSON: everything but the secret.
    pub settings: String,
    /// The secret, sealed ([`crate::SealingKey::seal`]); never shown.
    pub sealed_secret: String,
    pub updated_at: Timestamp,
    /// The admin who saved it last; `None` from the command line (or an agent since deleted).
    pub updated_by: Option<AgentId>,
}

impl Store {
    /// The desk's lookup; `None` when it configured none (the flow's lookups then fail over
    /// to their `failed` branch).
    pub async fn order_lookup(&self, ws: WorkspaceId) -> Result<Option<StoredLookup>, StoreError> {
        let row: Option<(String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT settings, secret, updated_at, updated_by FROM desk_order_lookups
             WHERE workspace_id = $1",
        )
        .bind(ws.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|(settings, sealed_secret, at, by)| {
            Ok(StoredLookup {
                settings,
                sealed_secret,
                updated_at: from_millis(at)?,
                updated_by: by.map(AgentId),
            })
        })
        .transpose()
    }
}

impl Tx {
    /// Saves the desk's lookup, replacing the one it had.
    pub async fn set_order_lookup(
        &self,
        ws: WorkspaceId,
        lookup: &StoredLookup,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO desk_order_lookups (workspace_id, settings, secret, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (workspace_id) DO UPDATE SET settings = excluded.settings,
                 secret = excluded.secret, updated_at = excluded.updated_at,
                 updated_by = excluded.updated_by",
        )
        .bind(ws.0)
        .bind(&lookup.settings)
        .bind(&lookup.sealed_secret)
        .bind(to_millis(lookup.updated_at))
        .bind(lookup.updated_by.map(|a| a.0))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// Removes the desk's lookup; whether it had one.
    pub async fn remove_order_lookup(&self, ws: WorkspaceId) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM desk_order_lookups WHERE workspace_id = $1")
            .bind(ws.0)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
