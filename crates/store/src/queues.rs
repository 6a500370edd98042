//! The manager bot's views of the desk's work: an agent's own open tickets, the unassigned
//! queue, and every ticket whose SLA clock still runs. All oldest first.

use crate::tickets::{TicketRow, ACTIVE_STATUSES};
use crate::{Store, StoreError};
use ticketgram_domain::{AgentId, Ticket, WorkspaceId};

/// Which active tickets a view shows.
enum Owner {
    Agent(AgentId),
    Nobody,
    Anyone,
}

impl Store {
    /// Tickets assigned to `agent` that still need work, oldest first.
    pub async fn open_tickets_of_agent(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        self.active_owned_by(ws, Owner::Agent(agent), limit).await
    }

    /// Tickets nobody has taken yet, oldest first: the order they should be picked up in.
    pub async fn unassigned_tickets(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        self.active_owned_by(ws, Owner::Nobody, limit).await
    }

    /// Every ticket that still needs work, oldest first (the SLA watch goes through these).
    pub async fn active_tickets(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        self.active_owned_by(ws, Owner::Anyone, limit).await
    }

    async fn active_owned_by(
        &self,
        ws: WorkspaceId,
        owner: Owner,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        // `$3` is always bound, so the three views share one statement shape.
        let (filter, agent) = match owner {
            Owner::Agent(agent) => ("assignee_id = $3", agent.0),
            Owner::Nobody => ("assignee_id IS NULL AND $3 = $3", 0),
            Owner::Anyone => ("$3 = $3", 0),
        };
        let columns = self.ticket_columns();
        let sql = format!(
            "SELECT {columns} FROM tickets
             WHERE workspace_id = $1 AND status IN {ACTIVE_STATUSES} AND {filter}
             ORDER BY created_at, number LIMIT $2"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(limit)
            .bind(agent)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketRow::into_ticket).collect()
    }
}
