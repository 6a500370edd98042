//! The processed mark of inputs that do not come from Telegram's inbox: console forms and API
//! calls, keyed by the origin their request carries.

use crate::time::to_millis;
use crate::{StoreError, Tx};
use ticketgram_domain::{Timestamp, WorkspaceId};

impl Tx {
    /// Marks `origin` as applied in this transaction. `false`: it was applied before, and the
    /// caller should leave this transaction without effect.
    pub async fn mark_input_applied(
        &self,
        ws: WorkspaceId,
        origin: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO applied_inputs (workspace_id, origin, applied_at) VALUES ($1, $2, $3)
             ON CONFLICT (workspace_id, origin) DO NOTHING",
        )
        .bind(ws.0)
        .bind(origin)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(inserted.rows_affected() > 0)
    }
}
