//! Which SLA breaches of the desk's active tickets were already escalated: the escalation's
//! history row (`sla_breached`, with its target in the details) is the record, so a breach is
//! escalated once however often the clock looks. A target met afresh each time (the next
//! reply, once per follow-up) names the occasion in the details' `mark` instead.

use crate::tickets::ACTIVE_STATUSES;
use crate::{Store, StoreError};
use std::collections::HashSet;
use ticketgram_domain::{TicketId, WorkspaceId};

impl Store {
    /// `(ticket, mark or target)` of every escalated breach on an active ticket.
    pub async fn escalated_breaches(
        &self,
        ws: WorkspaceId,
    ) -> Result<HashSet<(TicketId, String)>, StoreError> {
        let sql = format!(
            "SELECT e.ticket_id, e.details FROM ticket_events e
             JOIN tickets t ON t.id = e.ticket_id
             WHERE e.workspace_id = $1 AND e.kind = 'sla_breached'
               AND t.status IN {ACTIVE_STATUSES}"
        );
        let rows: Vec<(i64, String)> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(ticket, details)| {
                let details: serde_json::Value = serde_json::from_str(&details).ok()?;
                let target = details
                    .get("mark")
                    .or_else(|| details.get("target"))?
                    .as_str()?
                    .to_owned();
                Some((TicketId(ticket), target))
            })
            .collect())
    }
}
