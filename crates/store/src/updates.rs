//! The update inbox. Every Telegram update is committed here before its offset is confirmed
//! to Telegram, deduplicated by the `(bot_id, update_id)` primary key: a redelivered update is
//! simply not inserted again.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Backend, Store, StoreError};
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
        confirm_offset(&mut *self.conn().await?, bot_id, update_id, at).await
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
        // The offset moves in the same call: on SQLite a second statement in the text (the
        // driver runs them in turn), on PostgreSQL the insert as a CTE of the offset's
        // upsert. One round trip per batch Telegram hands over, not two.
        let n = batch.len() * 5;
        let offset = format!(
            "INSERT INTO update_offsets (bot_id, last_confirmed_update_id, updated_at)
             VALUES (${}, ${}, ${})
             ON CONFLICT (bot_id) DO UPDATE
             SET last_confirmed_update_id = excluded.last_confirmed_update_id,
                 updated_at = excluded.updated_at
             WHERE update_offsets.last_confirmed_update_id < excluded.last_confirmed_update_id",
            n + 1,
            n + 2,
            n + 3
        );
        let sql = match self.backend() {
            Backend::Sqlite => format!("{sql}; {offset}"),
            Backend::Postgres => format!("WITH stored AS ({sql}) {offset}"),
        };
        let mut query = sqlx::query(&sql);
        for update in batch {
            query = query
                .bind(bot_id)
                .bind(update.update_id)
                .bind(ws.0)
                .bind(update.payload.as_str())
                .bind(to_millis(received_at));
        }
        query = query
            .bind(bot_id)
            .bind(highest)
            .bind(to_millis(received_at));
        query.execute(&mut *self.conn().await?).await?;
        Ok(Some(highest))
    }
}

/// What stands in a stored update for a secret taken out of it.
pub const REDACTED: &str = "[redacted]";

/// `text` with every run shaped like a Telegram bot token (`123456789:AA…`: at least five
/// digits, a colon, at least 30 characters of base64url) replaced by [`REDACTED`]; `None`
/// when there is none. Used on updates kept after a failure, whose handler never got to say
/// what in them was secret.
pub fn redact_bot_tokens(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let secret_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut found = false;
    for (colon, _) in text.match_indices(':') {
        if colon < copied {
            continue;
        }
        let digits = bytes[copied..colon]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let secret = bytes[colon + 1..]
            .iter()
            .take_while(|&&b| secret_char(b))
            .count();
        if digits >= 5 && secret >= 30 {
            let start = colon - digits;
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = colon + 1 + secret;
            found = true;
        }
    }
    found.then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

impl Tx {
    /// Takes `secret` out of this bot's updates not yet processed — the one being handled is
    /// among them until its own transaction marks it processed — so a bot token pasted into
    /// the settings chat ends up sealed in `bots` and nowhere in plain text. Returns how many
    /// updates held it.
    pub async fn redact_from_pending_updates(
        &self,
        bot_id: i64,
        secret: &str,
    ) -> Result<u64, StoreError> {
        if secret.is_empty() {
            return Ok(0);
        }
        let done = sqlx::query(
            "UPDATE updates SET payload = REPLACE(payload, $1, $2)
             WHERE bot_id = $3 AND processed_at IS NULL AND REPLACE(payload, $1, '') <> payload",
        )
        .bind(secret)
        .bind(REDACTED)
        .bind(bot_id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected())
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

    /// [`Tx::mark_update_processed`] for a batch of updates applied together, in one
    /// statement.
    pub async fn mark_updates_processed(
        &self,
        bot_id: i64,
        update_ids: &[i64],
        at: Timestamp,
    ) -> Result<(), StoreError> {
        if update_ids.is_empty() {
            return Ok(());
        }
        let listed = crate::id_lists::in_ids(self.backend(), "update_id", 3);
        let sql = format!("UPDATE updates SET processed_at = $1 WHERE bot_id = $2 AND {listed}");
        let done = sqlx::query(&sql)
            .bind(to_millis(at))
            .bind(bot_id)
            .bind(crate::id_lists::ids_param(update_ids.iter().copied()))
            .execute(&mut *self.conn().await?)
            .await?;
        if done.rows_affected() != update_ids.len() as u64 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The handler gave up on this update. It leaves the queue (one poison update must not
    /// stall the bot) but keeps its error for [`Store::failed_updates`]. Whatever in it looks
    /// like a bot token is redacted first, in the update and in the error: the handler that
    /// would have sealed a pasted token never finished.
    pub async fn mark_update_failed(
        &self,
        bot_id: i64,
        update_id: i64,
        error: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let payload: Option<(String,)> =
            sqlx::query_as("SELECT payload FROM updates WHERE bot_id = $1 AND update_id = $2")
                .bind(bot_id)
                .bind(update_id)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        let Some((payload,)) = payload else {
            return Err(StoreError::NotFound);
        };
        let payload = redact_bot_tokens(&payload).unwrap_or(payload);
        let error = redact_bot_tokens(error).unwrap_or_else(|| error.to_string());
        let done = sqlx::query(
            "UPDATE updates SET processed_at = $1, error = $2, payload = $3 WHERE bot_id = $4 AND update_id = $5",
        )
        .bind(to_millis(at))
        .bind(&error)
        .bind(&payload)
        .bind(bot_id)
        .bind(update_id)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }
}

/// Moves the confirmed offset forward; never backwards.
async fn confirm_offset(
    conn: &mut sqlx::AnyConnection,
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
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bot_tokens_are_found_wherever_they_sit_and_nothing_else_is_touched() {
        let token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
        let payload = format!(r#"{{"message":{{"text":"{token}","chat":{{"id":42}}}}}}"#);
        let redacted = redact_bot_tokens(&payload).expect("found");
        assert_eq!(
            redacted,
            r#"{"message":{"text":"[redacted]","chat":{"id":42}}}"#
        );
        let chained = format!("{token}:{}", &token[10..]);
        assert_eq!(
            redact_bot_tokens(&chained).unwrap(),
            format!("[redacted]:{}", &token[10..])
        );
        let twice = format!("first {token} then {token}.");
        assert_eq!(
            redact_bot_tokens(&twice).unwrap(),
            "first [redacted] then [redacted]."
        );
        for harmless in [
            r#"{"text":"meet at 10:30"}"#,
            "order 12345:short",
            "1234:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0",
            "no colon at all",
            "ends with a colon 123456:",
        ] {
            assert_eq!(redact_bot_tokens(harmless), None, "{harmless}");
        }
    }
}
