//! What reports are computed from: one [`TicketFacts`] row per ticket that had something
//! happen in the period, selected straight from the tickets table.

use crate::tickets::parse_status;
use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::{Store, StoreError};
use ticketgram_domain::{
    AgentId, Rating, ReportPeriod, TicketFacts, TicketNumber, TopicId, WorkspaceId,
};

type FactsRow = (
    i64,
    Option<i64>,
    Option<i64>,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
);

impl Store {
    /// Tickets opened, first answered or resolved within `period`, by number. A ticket opened
    /// last week and closed in this one counts in this week's report for its closing.
    pub async fn report_facts(
        &self,
        ws: WorkspaceId,
        period: ReportPeriod,
    ) -> Result<Vec<TicketFacts>, StoreError> {
        let rows: Vec<FactsRow> = sqlx::query_as(
            "SELECT number, assignee_id, topic_id, priority, created_at, first_response_at,
                    resolved_at, rating, status
             FROM tickets
             WHERE workspace_id = $1
               AND ((created_at >= $2 AND created_at < $3)
                 OR (first_response_at >= $2 AND first_response_at < $3)
                 OR (resolved_at >= $2 AND resolved_at < $3))
             ORDER BY number",
        )
        .bind(ws.0)
        .bind(to_millis(period.start))
        .bind(to_millis(period.end))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(facts_of).collect()
    }
}

fn facts_of(row: FactsRow) -> Result<TicketFacts, StoreError> {
    let (number, agent, topic, priority, created, first, resolved, rating, status) = row;
    Ok(TicketFacts {
        number: TicketNumber(number),
        agent: agent.map(AgentId),
        topic: topic.map(TopicId),
        priority: priority
            .parse()
            .map_err(|e| StoreError::Invalid(format!("stored priority: {e}")))?,
        created_at: from_millis(created)?,
        first_response_at: opt_from_millis(first)?,
        resolved_at: opt_from_millis(resolved)?,
        rating: rating
            .map(Rating::new)
            .transpose()
            .map_err(|e| StoreError::Invalid(format!("stored rating: {e}")))?,
        status: parse_status(&status)?,
    })
}
