//! The update inbox. Every Telegram update is committed here before its offset is confirmed
//! to Telegram, deduplicated by the `(bot_id, update_id)` primary key: a redelivered update is
//! simply not inserted again.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Timestamp, WorkspaceId};

/// An update waiting to be handled; `payload` is Telegram's JSON, opaque to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpdate {
    pub bot_id: i64,
    pub update_id: i64,
    pub workspace: WorkspaceId,
    pub payload: String,
    pub received_at: Timestamp,
}

impl Store {
    /// Stores an incoming update. Returns false when it was already stored (Telegram redelivers
    /// after a crash between our commit and its acknowledgement).
    pub async fn record_update(
        &self,
        ws: WorkspaceId,
        bot_id: i64,
        update_id: i64,
        payload: &str,
        received_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO updates (bot_id, update_id, workspace_id, payload, received_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (bot_id, update_id) DO NOTHING",
        )
        .bind(bot_id)
        .bind(update_id)
        .bind(ws.0)
        .bind(payload)
        .bind(to_millis(received_at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Updates not yet handled, in Telegram's order.
    pub async fn unprocessed_updates(
        &self,
        bot_id: i64,
        limit: i64,
    ) -> Result<Vec<StoredUpdate>, StoreError> {
        let rows: Vec<(i64, i64, i64, String, i64)> = sqlx::query_as(
            "SELECT bot_id, update_id, workspace_id, payload, received_at FROM updates
             WHERE bot_id = $1 AND processed_at IS NULL ORDER BY update_id LIMIT $2",
        )
        .bind(bot_id)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(bot_id, update_id, ws, payload, received_at)| {
                Ok(StoredUpdate {
                    bot_id,
                    update_id,
                    workspace: WorkspaceId(ws),
                    payload,
                    received_at: from_millis(received_at)?,
                })
            })
            .collect()
    }

    /// Updates whose handling failed, with their error, newest first.
    pub async fn failed_updates(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<(StoredUpdate, String)>, StoreError> {
        let rows: Vec<(i64, i64, i64, String, i64, String)> = sqlx::query_as(
            "SELECT bot_id, update_id, workspace_id, payload, received_at, error FROM updates
             WHERE workspace_id = $1 AND error IS NOT NULL ORDER BY received_at DESC, update_id DESC LIMIT $2",
        )
        .bind(ws.0)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(bot_id, update_id, ws, payload, received_at, error)| {
                let update = StoredUpdate {
                    bot_id,
                    update_id,
                    workspace: WorkspaceId(ws),
                    payload,
                    received_at: from_millis(received_at)?,
                };
                Ok((update, error))
            })
            .collect()
    }

    /// The highest update id durably stored for this bot and safe to acknowledge; `getUpdates`
    /// resumes at this + 1 after a restart.
    pub async fn confirmed_update_offset(&self, bot_id: i64) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT last_confirmed_update_id FROM update_offsets WHERE bot_id = $1")
                .bind(bot_id)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Advances the stored offset; never moves it backwards.
    pub async fn confirm_update_offset(
        &self,
        bot_id: i64,
        update_id: i64,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO update_offsets (bot_id, last_confirmed_update_id, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (bot_id) DO UPDATE
             SET last_confirmed_update_id = excluded.last_confirmed_update_id, updated_at = excluded.updated_at
             WHERE update_offsets.last_confirmed_update_id < excluded.last_confirmed_update_id",
        )
        .bind(bot_id)
        .bind(update_id)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}

/// One update of a batch Telegram handed over: its id and its JSON.
#[derive(Debug, Clone)]
pub struct IncomingUpdate {
    pub update_id: i64,
    pub payload: String,
}

impl Tx {
    /// Stores a batch Telegram handed over and moves the confirmed offset past it, in this
    /// transaction: one commit per `getUpdates` answer instead of one per update plus one for
    /// the offset. Already stored updates are skipped (a redelivery after a crash). Returns
    /// the highest id of the batch.
    pub async fn record_updates(
        &self,
        ws: WorkspaceId,
        bot_id: i64,
        batch: &[IncomingUpdate],
        received_at: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let Some(highest) = batch.iter().map(|u| u.update_id).max() else {
            return Ok(None);
        };
        // One statement for the whole batch (a few hundred updates at most, Telegram's
        // `getUpdates` limit is 100), so its cost does not grow with round trips.
        let mut sql = String::from(
            "INSERT INTO updates (bot_id, update_id, workspace_id, payload, received_at) VALUES ",
        );
        for i in 0..batch.len() {
            let n = i * 5;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5
            ));
        }
        sql.push_str(" ON CONFLICT (bot_id, update_id) DO NOTHING");
        let mut query = sqlx::query(&sql);
        for update in batch {
            query = query
                .bind(bot_id)
                .bind(update.update_id)
                .bind(ws.0)
                .bind(update.payload.as_str())
                .bind(to_millis(received_at));
        }
        let mut conn = self.conn().await?;
        query.execute(&mut *conn).await?;
        sqlx::query(
            "INSERT INTO update_offsets (bot_id, last_confirmed_update_id, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (bot_id) DO UPDATE
             SET last_confirmed_update_id = excluded.last_confirmed_update_id, updated_at = excluded.updated_at
             WHERE update_offsets.last_confirmed_update_id < excluded.last_confirmed_update_id",
        )
        .bind(bot_id)
        .bind(highest)
        .bind(to_millis(received_at))
        .execute(&mut *conn)
        .await?;
        Ok(Some(highest))
    }

    pub async fn mark_update_processed(
        &self,
        bot_id: i64,
        update_id: i64,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE updates SET processed_at = $1 WHERE bot_id = $2 AND update_id = $3",
        )
        .bind(to_millis(at))
        .bind(bot_id)
        .bind(update_id)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }

    /// The handler gave up on this update. It leaves the queue (one poison update must not
    /// stall the bot) but keeps its error for [`Store::failed_updates`].
    pub async fn mark_update_failed(
        &self,
        bot_id: i64,
        update_id: i64,
        error: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE updates SET processed_at = $1, error = $2 WHERE bot_id = $3 AND update_id = $4",
        )
        .bind(to_millis(at))
        .bind(error)
        .bind(bot_id)
        .bind(update_id)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }
}
