//! The rows reports are computed from, selected straight from `tickets` (no messages, no
//! tags), for every ticket something countable happened to in a period.

use crate::tickets::parse_status;
use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::{Store, StoreError};
use ticketgram_domain::{
    AgentId, Rating, ReportPeriod, TicketFacts, TicketNumber, TopicId, WorkspaceId,
};

#[derive(sqlx::FromRow)]
struct FactsRow {
    number: i64,
    assignee_id: Option<i64>,
    topic_id: Option<i64>,
    priority: String,
    created_at: i64,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    rating: Option<i64>,
    status: String,
}

impl Store {
    /// Tickets created, first answered or resolved within `period`, in number order.
    pub async fn report_facts(
        &self,
        ws: WorkspaceId,
        period: &ReportPeriod,
    ) -> Result<Vec<TicketFacts>, StoreError> {
        let rows: Vec<FactsRow> = sqlx::query_as(
            "SELECT number, assignee_id, topic_id, priority, created_at, first_response_at,
                    resolved_at, rating, status
             FROM tickets WHERE workspace_id = $1
               AND ((created_at >= $2 AND created_at < $3)
                 OR (first_response_at >= $2 AND first_response_at < $3)
                 OR (resolved_at >= $2 AND resolved_at < $3))
             ORDER BY number",
        )
        .bind(ws.0)
        .bind(to_millis(period.start))
        .bind(to_millis(period.end))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        // Spans still open end when the report's period does (or now, if sooner).
        let until = period.end.min(chrono::Utc::now());
        let mut waits = self.waiting_changes_in_period(ws, period).await?;
        rows.into_iter()
            .map(|row| {
                let waiting = waits
                    .remove(&TicketNumber(row.number))
                    .map(|changes| ticketgram_domain::sla::waiting_spans(&changes, until))
                    .unwrap_or_default();
                Ok(TicketFacts {
                    number: TicketNumber(row.number),
                    agent: row.assignee_id.map(AgentId),
                    topic: row.topic_id.map(TopicId),
                    priority: row
                        .priority
                        .parse()
                        .map_err(|e| StoreError::Invalid(format!("stored priority: {e}")))?,
                    created_at: from_millis(row.created_at)?,
                    first_response_at: opt_from_millis(row.first_response_at)?,
                    resolved_at: opt_from_millis(row.resolved_at)?,
                    rating: row
                        .rating
                        .map(Rating::new)
                        .transpose()
                        .map_err(|e| StoreError::Invalid(format!("stored rating: {e}")))?,
                    status: parse_status(&row.status)?,
                    waiting,
                })
            })
            .collect()
    }
}
