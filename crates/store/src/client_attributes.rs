//! Platform-supplied client attributes (orders, reputation...), written by the platform
//! through the REST API. A Telegram profile refresh never touches them (see
//! [`Store::upsert_client`]); only this method replaces them.

use crate::StoreError;
use crate::Tx;
use ticketgram_domain::{ClientId, WorkspaceId};

impl Tx {
    /// Replaces the client's attributes with `attributes` (a JSON object).
    pub async fn set_client_attributes(
        &self,
        ws: WorkspaceId,
        id: ClientId,
        attributes: &serde_json::Value,
    ) -> Result<(), StoreError> {
        if !attributes.is_object() {
            return Err(StoreError::Invalid(
                "client attributes must be a JSON object".into(),
            ));
        }
        let done =
            sqlx::query("UPDATE clients SET attributes = $1 WHERE workspace_id = $2 AND id = $3")
                .bind(attributes.to_string())
                .bind(ws.0)
                .bind(id.0)
                .execute(&mut *self.conn().await?)
                .await?;
        crate::clients::found(done.rows_affected())
    }
}
