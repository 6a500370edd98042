//! Report events of the flow engine ([`ticketgram_flows::Analytics`]), one row each, for "form
//! completion and abandonment per step". The rows keep the revision the client ran, so a
//! report can tell an edit's effect; an erased client's rows stay counted without them.

use crate::clients::ensure_in_workspace;
use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{ClientId, Timestamp, WorkspaceId};
use ticketgram_flows::Analytics;

/// What happened at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowEventKind {
    Entered,
    Completed,
    Abandoned,
    /// An answer was refused.
    Rejected,
    /// The knowledge base answered; no ticket needed.
    SelfServed,
}

impl FlowEventKind {
    pub const ALL: [FlowEventKind; 5] = [
        FlowEventKind::Entered,
        FlowEventKind::Completed,
        FlowEventKind::Abandoned,
        FlowEventKind::Rejected,
        FlowEventKind::SelfServed,
    ];

    /// The stored spelling.
    pub fn code(self) -> &'static str {
        match self {
            FlowEventKind::Entered => "entered",
            FlowEventKind::Completed => "completed",
            FlowEventKind::Abandoned => "abandoned",
            FlowEventKind::Rejected => "rejected",
            FlowEventKind::SelfServed => "self_served",
        }
    }

    /// The kind and the step of one of the engine's report effects.
    pub fn of(analytics: &Analytics) -> (FlowEventKind, &str) {
        match analytics {
            Analytics::StepEntered { step } => (FlowEventKind::Entered, step.as_str()),
            Analytics::StepCompleted { step } => (FlowEventKind::Completed, step.as_str()),
            Analytics::Abandoned { step } => (FlowEventKind::Abandoned, step.as_str()),
            Analytics::AnswerRejected { step } => (FlowEventKind::Rejected, step.as_str()),
            Analytics::SelfServed { step } => (FlowEventKind::SelfServed, step.as_str()),
        }
    }
}

/// One step's counts over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepFunnel {
    pub step: String,
    pub entered: i64,
    pub completed: i64,
    pub abandoned: i64,
    pub rejected: i64,
    pub self_served: i64,
}

impl Store {
    /// Per step, how many times clients entered, completed and abandoned it (and had an answer
    /// refused, or were served by the knowledge base) in `[from, to)`, by step id.
    pub async fn flow_step_funnel(
        &self,
        ws: WorkspaceId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<StepFunnel>, StoreError> {
        let rows: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT step,
                    SUM(CASE WHEN kind = 'entered' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN kind = 'completed' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN kind = 'abandoned' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN kind = 'rejected' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN kind = 'self_served' THEN 1 ELSE 0 END)
             FROM flow_events WHERE workspace_id = $1 AND at >= $2 AND at < $3
             GROUP BY step ORDER BY step",
        )
        .bind(ws.0)
        .bind(to_millis(from))
        .bind(to_millis(to))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(step, entered, completed, abandoned, rejected, self_served)| StepFunnel {
                    step,
                    entered,
                    completed,
                    abandoned,
                    rejected,
                    self_served,
                },
            )
            .collect())
    }
}

impl Tx {
    /// Records one event of `client` at `step` of flow revision `revision` (0: the built-in
    /// default, which has no stored revision).
    pub async fn record_flow_event(
        &self,
        ws: WorkspaceId,
        revision: i64,
        step: &str,
        kind: FlowEventKind,
        client: Option<ClientId>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        if let Some(client) = client {
            ensure_in_workspace(&mut *self.conn().await?, "clients", ws, client.0).await?;
        }
        sqlx::query(
            "INSERT INTO flow_events (workspace_id, revision, step, kind, client_id, at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(ws.0)
        .bind(revision)
        .bind(step)
        .bind(kind.code())
        .bind(client.map(|c| c.0))
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
