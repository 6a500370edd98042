//! What routing reads and writes (docs/routing.md): agents' presence and turn, their open
//! tickets, the tickets an agent stepping away leaves unanswered. The rules themselves are a
//! desk setting (`desk.routing`, in [`crate::DeskProfile`]).

use crate::tickets::ACTIVE_STATUSES;
use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use std::collections::HashMap;
use ticketgram_domain::routing::Presence;
use ticketgram_domain::{AgentId, TicketId, Timestamp, WorkspaceId};

/// An agent's presence and when routing last gave them a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentPresence {
    pub presence: Presence,
    pub since: Timestamp,
    pub last_routed: Option<Timestamp>,
}

impl Store {
    /// Every agent's presence that was ever set; an agent missing here is on duty.
    pub async fn agent_presences(
        &self,
        ws: WorkspaceId,
    ) -> Result<HashMap<AgentId, AgentPresence>, StoreError> {
        let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT agent_id, presence, since, last_routed_at FROM agent_presence
             WHERE workspace_id = $1",
        )
        .bind(ws.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(agent, presence, since, last)| {
                let presence = Presence::parse(&presence)
                    .ok_or_else(|| StoreError::Invalid(format!("unknown presence {presence:?}")))?;
                Ok((
                    AgentId(agent),
                    AgentPresence {
                        presence,
                        since: from_millis(since)?,
                        last_routed: last.map(from_millis).transpose()?,
                    },
                ))
            })
            .collect()
    }

    /// Open tickets per assigned agent.
    pub async fn open_loads(&self, ws: WorkspaceId) -> Result<HashMap<AgentId, u32>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT assignee_id, COUNT(*) FROM tickets
             WHERE workspace_id = $1 AND assignee_id IS NOT NULL AND status IN {ACTIVE_STATUSES}
             GROUP BY assignee_id"
        ))
        .bind(ws.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(agent, n)| (AgentId(agent), u32::try_from(n).unwrap_or(u32::MAX)))
            .collect())
    }

    /// `agent`'s active tickets nobody has answered yet, oldest first: what goes back to the
    /// queue when they step away.
    pub async fn unanswered_of(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
    ) -> Result<Vec<TicketId>, StoreError> {
        let rows: Vec<(i64,)> = sqlx::query_as(&format!(
            "SELECT id FROM tickets
             WHERE workspace_id = $1 AND assignee_id = $2 AND status IN {ACTIVE_STATUSES}
               AND first_response_at IS NULL
             ORDER BY id"
        ))
        .bind(ws.0)
        .bind(agent.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows.into_iter().map(|(id,)| TicketId(id)).collect())
    }
}

impl Tx {
    /// Sets `agent`'s presence; `false` when it already was that (nothing changes).
    pub async fn set_presence(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        presence: Presence,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO agent_presence (workspace_id, agent_id, presence, since)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (workspace_id, agent_id) DO UPDATE SET presence = excluded.presence,
                 since = excluded.since
             WHERE agent_presence.presence <> excluded.presence",
        )
        .bind(ws.0)
        .bind(agent.0)
        .bind(presence.as_str())
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Routing gave `agent` a ticket at `at` (round robin's turn moves on).
    pub async fn mark_routed(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO agent_presence (workspace_id, agent_id, presence, since, last_routed_at)
             VALUES ($1, $2, 'on_duty', $3, $3)
             ON CONFLICT (workspace_id, agent_id) DO UPDATE SET last_routed_at = excluded.last_routed_at",
        )
        .bind(ws.0)
        .bind(agent.0)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
