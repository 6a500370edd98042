//! What the forecast page reads: tickets opened per hour, and how long agents worked on the
//! tickets they resolved, over a recent window. Aggregated in SQL (one row per hour, one
//! number per resolved ticket), so eight weeks of a busy desk stay a small answer.

use chrono::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};

use crate::time::{from_millis, to_millis};
use crate::{Store, StoreError};

const MILLIS_PER_HOUR: i64 = 3_600_000;

/// Tickets opened in one UTC hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenedInHour {
    /// Start of the hour (UTC, on the hour).
    pub hour: Timestamp,
    pub tickets: i64,
}

/// A desk's recent history, as the forecast needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForecastHistory {
    /// Hours of `[since, until)` in which tickets were opened, oldest first; hours without a
    /// ticket have no row.
    pub opened: Vec<OpenedInHour>,
    /// When the desk's first ticket ever was opened: tells a new desk (history starts there)
    /// from an old desk with a quiet start of the window (history starts at `since`).
    pub first_ticket_at: Option<Timestamp>,
    /// For each ticket resolved in `[since, until)` after an agent's first reply: the time
    /// from that first reply to the resolution (wall-clock, never negative), in no order.
    pub handling_times: Vec<Duration>,
}

impl Store {
    /// The desk's opened-per-hour counts and handling times over `[since, until)`.
    pub async fn forecast_history(
        &self,
        ws: WorkspaceId,
        since: Timestamp,
        until: Timestamp,
    ) -> Result<ForecastHistory, StoreError> {
        let mut conn = self.conn().await?;
        // Millisecond timestamps divide into whole hours the same way on both backends
        // (integer division of non-negative BIGINTs).
        let hours: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT created_at / 3600000 AS hour, COUNT(*) AS tickets
             FROM tickets WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3
             GROUP BY created_at / 3600000 ORDER BY hour",
        )
        .bind(ws.0)
        .bind(to_millis(since))
        .bind(to_millis(until))
        .fetch_all(&mut *conn)
        .await?;
        let first: (Option<i64>,) =
            sqlx::query_as("SELECT MIN(created_at) FROM tickets WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_one(&mut *conn)
                .await?;
        let spans: Vec<(i64,)> = sqlx::query_as(
            "SELECT resolved_at - first_response_at FROM tickets
             WHERE workspace_id = $1 AND resolved_at >= $2 AND resolved_at < $3
               AND first_response_at IS NOT NULL",
        )
        .bind(ws.0)
        .bind(to_millis(since))
        .bind(to_millis(until))
        .fetch_all(&mut *conn)
        .await?;
        let opened = hours
            .into_iter()
            .map(|(hour, tickets)| {
                Ok(OpenedInHour {
                    hour: from_millis(hour * MILLIS_PER_HOUR)?,
                    tickets,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(ForecastHistory {
            opened,
            first_ticket_at: first.0.map(from_millis).transpose()?,
            handling_times: spans
                .into_iter()
                .map(|(ms,)| Duration::milliseconds(ms.max(0)))
                .collect(),
        })
    }
}
