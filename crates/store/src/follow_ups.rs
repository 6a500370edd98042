//! Clients' answers to the desk's follow-up after closing (docs/follow-up.md).

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::follow_up::{Effort, EffortSummary};
use ticketgram_domain::{TicketId, Timestamp, WorkspaceId};

/// A ticket's follow-up answers so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpAnswer {
    pub effort: Effort,
    pub solved: Option<bool>,
}

impl Store {
    pub async fn follow_up_answer(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Option<FollowUpAnswer>, StoreError> {
        let row: Option<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT effort, solved FROM ticket_follow_ups WHERE workspace_id = $1 AND ticket_id = $2",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.and_then(|(effort, solved)| {
            Some(FollowUpAnswer {
                effort: Effort::new(u8::try_from(effort).ok()?)?,
                solved: solved.map(|s| s != 0),
            })
        }))
    }

    /// The answers given in `[from, to)`.
    pub async fn effort_summary(
        &self,
        ws: WorkspaceId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<EffortSummary, StoreError> {
        let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT effort, solved FROM ticket_follow_ups
             WHERE workspace_id = $1 AND answered_at >= $2 AND answered_at < $3",
        )
        .bind(ws.0)
        .bind(to_millis(from))
        .bind(to_millis(to))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut summary = EffortSummary::default();
        for (effort, solved) in rows {
            if let Some(slot) = usize::try_from(effort - 1)
                .ok()
                .and_then(|i| summary.by_score.get_mut(i))
            {
                *slot += 1;
            }
            match solved {
                Some(0) => summary.not_solved += 1,
                Some(_) => summary.solved += 1,
                None => {}
            }
        }
        Ok(summary)
    }
}

impl Tx {
    /// The client's score; `false` when they had already given one (the first counts).
    pub async fn record_effort(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        effort: Effort,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO ticket_follow_ups (workspace_id, ticket_id, effort, answered_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, ticket_id) DO NOTHING",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .bind(i64::from(effort.score()))
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Whether the issue is really solved; `false` when already answered (or never scored).
    pub async fn record_solved(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        solved: bool,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE ticket_follow_ups SET solved = $3
             WHERE workspace_id = $1 AND ticket_id = $2 AND solved IS NULL",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .bind(i64::from(solved))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
