//! Per-desk settings as key/value text; the settings crate owns their meaning and format.

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Timestamp, WorkspaceId};

impl Store {
    pub async fn get_setting(
        &self,
        ws: WorkspaceId,
        key: &str,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT value FROM settings WHERE workspace_id = $1 AND key = $2")
                .bind(ws.0)
                .bind(key)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(row.map(|(v,)| v))
    }

    /// All settings of the desk, sorted by key.
    pub async fn all_settings(&self, ws: WorkspaceId) -> Result<Vec<(String, String)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT key, value FROM settings WHERE workspace_id = $1 ORDER BY key")
                .bind(ws.0)
                .fetch_all(&mut *self.conn().await?)
                .await?,
        )
    }
}

impl Tx {
    pub async fn set_setting(
        &self,
        ws: WorkspaceId,
        key: &str,
        value: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO settings (workspace_id, key, value, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (workspace_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(ws.0)
        .bind(key)
        .bind(value)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// Returns false when the key was not set.
    pub async fn delete_setting(&self, ws: WorkspaceId, key: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM settings WHERE workspace_id = $1 AND key = $2")
            .bind(ws.0)
            .bind(key)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
