//! Ticket openings counted per hour and label, for the spike watch (docs/trends.md): one
//! grouped read over the weeks the baseline needs, however many tickets they hold.

use crate::time::to_millis;
use crate::{Store, StoreError};
use ticketgram_domain::{TicketNumber, Timestamp, TopicId, WorkspaceId};

/// Tickets opened in one hour (counted from the window's start) with one topic and, for a
/// complaint, one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourlyOpenings {
    pub hour: usize,
    pub topic: Option<TopicId>,
    pub complaint: Option<String>,
    pub tickets: u64,
}

/// A ticket opened in a window, with what labels it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledOpening {
    pub number: TicketNumber,
    pub topic: Option<TopicId>,
    pub complaint: Option<String>,
}

const HOUR_MS: i64 = 3_600_000;

impl Store {
    /// Openings in `[from, to)`, per hour since `from`, topic and complaint category.
    pub async fn hourly_openings(
        &self,
        ws: WorkspaceId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<HourlyOpenings>, StoreError> {
        let rows: Vec<(i64, Option<i64>, Option<String>, i64)> = sqlx::query_as(
            "SELECT (t.created_at - $2) / $4 AS hour, t.topic_id, c.category, COUNT(*)
             FROM tickets t
             LEFT JOIN complaints c ON c.workspace_id = t.workspace_id AND c.ticket_id = t.id
             WHERE t.workspace_id = $1 AND t.created_at >= $2 AND t.created_at < $3
             GROUP BY (t.created_at - $2) / $4, t.topic_id, c.category",
        )
        .bind(ws.0)
        .bind(to_millis(from))
        .bind(to_millis(to))
        .bind(HOUR_MS)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(hour, topic, complaint, tickets)| {
                Some(HourlyOpenings {
                    hour: usize::try_from(hour).ok()?,
                    topic: topic.map(TopicId),
                    complaint,
                    tickets: u64::try_from(tickets).ok()?,
                })
            })
            .collect())
    }

    /// The tickets opened in `[from, to)`, newest first, at most `limit`.
    pub async fn openings_between(
        &self,
        ws: WorkspaceId,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> Result<Vec<LabelledOpening>, StoreError> {
        let rows: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT t.number, t.topic_id, c.category
             FROM tickets t
             LEFT JOIN complaints c ON c.workspace_id = t.workspace_id AND c.ticket_id = t.id
             WHERE t.workspace_id = $1 AND t.created_at >= $2 AND t.created_at < $3
             ORDER BY t.created_at DESC, t.number DESC LIMIT $4",
        )
        .bind(ws.0)
        .bind(to_millis(from))
        .bind(to_millis(to))
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(number, topic, complaint)| LabelledOpening {
                number: TicketNumber(number),
                topic: topic.map(TopicId),
                complaint,
            })
            .collect())
    }
}
