//! Each client's flood limit and current flood ([`FloodState`]), read and written in the
//! transaction of the message being judged.

use crate::time::{opt_from_millis, opt_to_millis};
use crate::{Store, StoreError, Tx};
use ticketgram_domain::{ClientId, FloodState, WorkspaceId};

type Row = (Option<i64>, Option<i64>, i64, i64, Option<i64>);

impl Store {
    /// The client's bucket and flood; the default (a full bucket, no flood) for a client
    /// never judged.
    pub async fn client_flood(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<FloodState, StoreError> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT full_at, flood_since, held_total, held_before_flood, last_held
             FROM client_flood WHERE workspace_id = $1 AND client_id = $2",
        )
        .bind(ws.0)
        .bind(client.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let Some((full_at, flood_since, held_total, held_before_flood, last_held)) = row else {
            return Ok(FloodState::default());
        };
        Ok(FloodState {
            full_at: opt_from_millis(full_at)?,
            flood_since: opt_from_millis(flood_since)?,
            held_total,
            held_before_flood,
            last_held: opt_from_millis(last_held)?,
        })
    }
}

impl Tx {
    pub async fn set_client_flood(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        state: &FloodState,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO client_flood
                 (workspace_id, client_id, full_at, flood_since, held_total, held_before_flood,
                  last_held)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (workspace_id, client_id) DO UPDATE SET
                 full_at = $3, flood_since = $4, held_total = $5, held_before_flood = $6,
                 last_held = $7",
        )
        .bind(ws.0)
        .bind(client.0)
        .bind(opt_to_millis(state.full_at))
        .bind(opt_to_millis(state.flood_since))
        .bind(state.held_total)
        .bind(state.held_before_flood)
        .bind(opt_to_millis(state.last_held))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
