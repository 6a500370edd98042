//! The rows reports are computed from, selected straight from `tickets` (no messages, no
//! tags), for every ticket something countable happened to in a period, with the next replies
//! given in it (the waits the agents' replies ended, kept on those replies).

use crate::tickets::parse_status;
use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::{Store, StoreError};
use std::collections::HashMap;
use ticketgram_domain::sla::Span;
use ticketgram_domain::{
    AgentId, Rating, ReportPeriod, TicketFacts, TicketNumber, TopicId, WorkspaceId,
};

#[derive(sqlx::FromRow)]
struct FactsRow {
    number: i64,
    assignee_id: Option<i64>,
    topic_id: Option<i64>,
    queue: Option<String>,
    priority: String,
    created_at: i64,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    rating: Option<i64>,
    status: String,
}

impl Store {
    /// Tickets created, first answered, answered again or resolved within `period`, in
    /// number order.
    pub async fn report_facts(
        &self,
        ws: WorkspaceId,
        period: &ReportPeriod,
    ) -> Result<Vec<TicketFacts>, StoreError> {
        let rows: Vec<FactsRow> = sqlx::query_as(
            "SELECT number, assignee_id, topic_id, queue, priority, created_at, first_response_at,
                    resolved_at, rating, status
             FROM tickets WHERE workspace_id = $1
               AND ((created_at >= $2 AND created_at < $3)
                 OR (first_response_at >= $2 AND first_response_at < $3)
                 OR (resolved_at >= $2 AND resolved_at < $3)
                 OR id IN (SELECT ticket_id FROM messages
                           WHERE workspace_id = $1 AND answered_wait_since IS NOT NULL
                             AND created_at >= $2 AND created_at < $3))
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
        let mut next_replies = self.next_replies_in_period(ws, period).await?;
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
                    queue: row.queue,
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
                    next_replies: next_replies
                        .remove(&TicketNumber(row.number))
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Per ticket, the next-reply waits that replies given within `period` ended:
    /// (since, answered), in the order answered.
    async fn next_replies_in_period(
        &self,
        ws: WorkspaceId,
        period: &ReportPeriod,
    ) -> Result<HashMap<TicketNumber, Vec<Span>>, StoreError> {
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT t.number, m.answered_wait_since, m.created_at
             FROM messages m JOIN tickets t ON t.id = m.ticket_id
             WHERE m.workspace_id = $1 AND m.answered_wait_since IS NOT NULL
               AND m.created_at >= $2 AND m.created_at < $3
             ORDER BY m.created_at, m.id",
        )
        .bind(ws.0)
        .bind(to_millis(period.start))
        .bind(to_millis(period.end))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut replies: HashMap<TicketNumber, Vec<Span>> = HashMap::new();
        for (number, since, answered) in rows {
            replies
                .entry(TicketNumber(number))
                .or_default()
                .push((from_millis(since)?, from_millis(answered)?));
        }
        Ok(replies)
    }
}
