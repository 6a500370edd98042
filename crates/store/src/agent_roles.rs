//! Changing an agent's role (agent, admin, owner) from the settings bot.

use crate::clients::found;
use crate::StoreError;
use crate::Tx;
use ticketgram_domain::{AgentId, AgentRole, WorkspaceId};

impl Tx {
    pub async fn set_agent_role(
        &self,
        ws: WorkspaceId,
        id: AgentId,
        role: AgentRole,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE agents SET role = $1 WHERE workspace_id = $2 AND id = $3")
            .bind(role.as_str())
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *self.conn().await?)
            .await?;
        found(done.rows_affected())
    }
}
