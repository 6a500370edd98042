//! Where an admin is in a multi-step dialog with the settings bot ("send me the token",
//! "forward a message from the agent"). Kept in the database so a restart between the question
//! and the answer loses nothing. The state is JSON the relay defines; the store does not read it.

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Timestamp, WorkspaceId};

impl Store {
    /// The dialog `telegram_user_id` is in, if any.
    pub async fn staff_dialog(
        &self,
        ws: WorkspaceId,
        telegram_user_id: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT state FROM staff_dialogs WHERE workspace_id = $1 AND telegram_user_id = $2",
        )
        .bind(ws.0)
        .bind(telegram_user_id)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map(|(state,)| state))
    }
}

impl Tx {
    /// Sets the dialog state; `None` ends the dialog.
    pub async fn set_staff_dialog(
        &self,
        ws: WorkspaceId,
        telegram_user_id: i64,
        state: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        match state {
            Some(state) => {
                sqlx::query(
                    "INSERT INTO staff_dialogs (workspace_id, telegram_user_id, state, updated_at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (workspace_id, telegram_user_id)
                     DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                )
                .bind(ws.0)
                .bind(telegram_user_id)
                .bind(state)
                .bind(to_millis(at))
                .execute(&mut *self.conn().await?)
                .await?;
            }
            None => {
                sqlx::query(
                    "DELETE FROM staff_dialogs WHERE workspace_id = $1 AND telegram_user_id = $2",
                )
                .bind(ws.0)
                .bind(telegram_user_id)
                .execute(&mut *self.conn().await?)
                .await?;
            }
        }
        Ok(())
    }
}
