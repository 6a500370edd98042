//! A desk's flow (docs/flows.md): every saved source, as written (YAML or JSON, comments
//! kept), one row per revision numbered per desk. The newest revision is the one clients run;
//! rollback saves an old revision's source again as a new revision, so history only grows.
//!
//! Invariant: the store never holds a flow that fails to parse. Every save goes through
//! [`ticketgram_flows::Flow::parse`] first, and a source with errors is refused with them.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{AgentId, Timestamp, WorkspaceId};
use ticketgram_flows::{Flow, Invalid, Problem};

/// One saved revision of a desk's flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskFlow {
    /// 1 for the desk's first save, then one more per save.
    pub revision: i64,
    /// The source as written.
    pub source: String,
    pub saved_at: Timestamp,
    /// The agent who saved it; `None` from the command line (or an agent since deleted).
    pub saved_by: Option<AgentId>,
    pub note: Option<String>,
}

/// Why a flow was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveFlowError {
    /// The source has errors; nothing was stored. Every problem found (warnings too), by line.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A flow that was saved, with the warnings its source has (it runs, but perhaps not as meant).
#[derive(Debug, Clone)]
pub struct SavedFlow {
    pub flow: DeskFlow,
    pub warnings: Vec<Problem>,
}

const COLUMNS: &str = "revision, source, saved_at, saved_by, note";

#[derive(sqlx::FromRow)]
struct FlowRow {
    revision: i64,
    source: String,
    saved_at: i64,
    saved_by: Option<i64>,
    note: Option<String>,
}

impl TryFrom<FlowRow> for DeskFlow {
    type Error = StoreError;
    fn try_from(row: FlowRow) -> Result<DeskFlow, StoreError> {
        Ok(DeskFlow {
            revision: row.revision,
            source: row.source,
            saved_at: from_millis(row.saved_at)?,
            saved_by: row.saved_by.map(AgentId),
            note: row.note,
        })
    }
}

impl Store {
    /// The revision clients run: the newest. `None` when the desk never saved one (it runs
    /// the built-in default).
    pub async fn active_flow(&self, ws: WorkspaceId) -> Result<Option<DeskFlow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM desk_flows WHERE workspace_id = $1
             ORDER BY revision DESC LIMIT 1"
        );
        let row: Option<FlowRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(DeskFlow::try_from).transpose()
    }

    /// Every revision, newest first.
    pub async fn flow_revisions(&self, ws: WorkspaceId) -> Result<Vec<DeskFlow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM desk_flows WHERE workspace_id = $1 ORDER BY revision DESC"
        );
        let rows: Vec<FlowRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(DeskFlow::try_from).collect()
    }

    /// One revision; `NotFound` when the desk has no such revision.
    pub async fn flow_revision(
        &self,
        ws: WorkspaceId,
        revision: i64,
    ) -> Result<DeskFlow, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM desk_flows WHERE workspace_id = $1 AND revision = $2");
        let row: Option<FlowRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(revision)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }
}

impl Tx {
    /// Validates `source` and saves it as the desk's next revision, which clients run from
    /// then on. A source with errors is refused with every problem; nothing is stored. Two
    /// saves at once cannot take the same number: the loser gets a `Conflict`.
    pub async fn save_flow(
        &self,
        ws: WorkspaceId,
        source: &str,
        by: Option<AgentId>,
        note: Option<&str>,
        at: Timestamp,
    ) -> Result<SavedFlow, SaveFlowError> {
        let parsed = Flow::parse(source)?;
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let sql = format!(
            "INSERT INTO desk_flows (workspace_id, revision, source, saved_at, saved_by, note)
             SELECT $1, COALESCE(MAX(revision), 0) + 1, $2, $3, $4, $5
             FROM desk_flows WHERE workspace_id = $1
             RETURNING {COLUMNS}"
        );
        let row: FlowRow = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(source)
            .bind(to_millis(at))
            .bind(by.map(|a| a.0))
            .bind(note)
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(StoreError::from)?;
        Ok(SavedFlow {
            flow: row.try_into()?,
            warnings: parsed.warnings,
        })
    }

    /// Rollback: the source of `revision` saved again as the newest revision, with a note
    /// saying where it came from. Read in this transaction, so the restored source is the
    /// one stored. A revision that no longer parses (the format moved on) is refused.
    pub async fn restore_flow(
        &self,
        ws: WorkspaceId,
        revision: i64,
        by: Option<AgentId>,
        at: Timestamp,
    ) -> Result<SavedFlow, SaveFlowError> {
        let old = self.flow_revision(ws, revision).await?;
        let note = format!("restored revision {revision}");
        self.save_flow(ws, &old.source, by, Some(&note), at).await
    }
}
