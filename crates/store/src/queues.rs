//! The manager bot's views of the desk's work: an agent's own open tickets, the unassigned
//! queue, and every ticket whose SLA clock still runs.

use crate::tickets::{TicketRow, TICKET_COLUMNS};
use crate::{Store, StoreError};
use ticketgram_domain::{AgentId, Ticket, WorkspaceId};

/// The statuses in which a ticket still needs work from the desk.
const ACTIVE: &str = "('new', 'open', 'waiting_on_client')";

impl Store {
    /// Tickets assigned to `agent` that still need work, oldest first.
    pub async fn open_tickets_of_agent(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        let sql = format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE workspace_id = $1 AND assignee_id = $2 AND status IN {ACTIVE}
             ORDER BY created_at, number LIMIT $3"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(agent.0)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        self.with_tags(rows).await
    }

    /// Tickets nobody has taken yet, oldest first: the order they should be picked up in.
    pub async fn unassigned_tickets(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        let sql = format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE workspace_id = $1 AND assignee_id IS NULL AND status IN {ACTIVE}
             ORDER BY created_at, number LIMIT $2"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        self.with_tags(rows).await
    }

    /// Every ticket that still needs work, oldest first (the SLA watch goes through these).
    pub async fn active_tickets(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        let sql = format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE workspace_id = $1 AND status IN {ACTIVE}
             ORDER BY created_at, number LIMIT $2"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        self.with_tags(rows).await
    }
}
