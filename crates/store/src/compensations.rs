//! Compensation decisions on complaints (docs/complaints.md): amounts in minor units of the
//! desk's currency; a pending one is decided once (a conditional update: two approvers tapping
//! at once decide it once).

use crate::complaints::{invalid, ComplaintFilter};
use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::complaint::{Compensation, CompensationKind, CompensationStatus, Money};
use ticketgram_domain::{AgentId, TicketId, Timestamp, WorkspaceId};

#[derive(sqlx::FromRow)]
struct CompensationRow {
    id: i64,
    ticket_id: i64,
    kind: String,
    amount_minor: i64,
    note: String,
    status: String,
    proposed_by: i64,
    proposed_at: i64,
    decided_by: Option<i64>,
    decided_at: Option<i64>,
}

const COMPENSATION_COLUMNS: &str = "d.id, d.ticket_id, d.kind, d.amount_minor, d.note, \
     d.status, d.proposed_by, d.proposed_at, d.decided_by, d.decided_at";

impl TryFrom<CompensationRow> for Compensation {
    type Error = StoreError;
    fn try_from(row: CompensationRow) -> Result<Self, StoreError> {
        Ok(Compensation {
            id: row.id,
            ticket: TicketId(row.ticket_id),
            kind: CompensationKind::parse(&row.kind).ok_or_else(|| invalid("kind", &row.kind))?,
            amount: Money::from_minor(row.amount_minor)
                .map_err(|_| invalid("amount", &row.amount_minor.to_string()))?,
            note: row.note,
            status: CompensationStatus::parse(&row.status)
                .ok_or_else(|| invalid("status", &row.status))?,
            proposed_by: AgentId(row.proposed_by),
            proposed_at: from_millis(row.proposed_at)?,
            decided_by: row.decided_by.map(AgentId),
            decided_at: opt_from_millis(row.decided_at)?,
        })
    }
}

/// A compensation as proposed: its status is decided by the author's limit.
#[derive(Debug, Clone)]
pub struct NewCompensation {
    pub ticket: TicketId,
    pub kind: CompensationKind,
    pub amount: Money,
    pub currency: String,
    pub note: String,
    pub status: CompensationStatus,
    pub by: AgentId,
    pub at: Timestamp,
}

impl Store {
    /// A ticket's compensation decisions, oldest first.
    pub async fn compensations(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Vec<Compensation>, StoreError> {
        let sql = format!(
            "SELECT {COMPENSATION_COLUMNS} FROM compensations d
             WHERE d.workspace_id = $1 AND d.ticket_id = $2 ORDER BY d.id"
        );
        let rows: Vec<CompensationRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(ticket.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Compensation::try_from).collect()
    }

    pub async fn compensation(&self, ws: WorkspaceId, id: i64) -> Result<Compensation, StoreError> {
        let sql = format!(
            "SELECT {COMPENSATION_COLUMNS} FROM compensations d WHERE d.workspace_id = $1 AND d.id = $2"
        );
        let row: Option<CompensationRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// Compensations waiting for an approver, oldest first.
    pub async fn pending_compensations(
        &self,
        ws: WorkspaceId,
    ) -> Result<Vec<Compensation>, StoreError> {
        let sql = format!(
            "SELECT {COMPENSATION_COLUMNS} FROM compensations d
             WHERE d.workspace_id = $1 AND d.status = 'pending' ORDER BY d.id"
        );
        let rows: Vec<CompensationRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Compensation::try_from).collect()
    }

    /// The decisions on the complaints `filter` selects (its limit aside), in one read: what
    /// the register's totals count.
    pub async fn compensations_of_register(
        &self,
        ws: WorkspaceId,
        filter: &ComplaintFilter,
    ) -> Result<Vec<Compensation>, StoreError> {
        let sql = format!(
            "SELECT {COMPENSATION_COLUMNS} FROM compensations d
             JOIN complaints c ON c.workspace_id = d.workspace_id AND c.ticket_id = d.ticket_id
             WHERE d.workspace_id = $1 AND c.registered_at >= $2 AND c.registered_at < $3
               AND ($4 = '' OR c.category = $4)
               AND ($5 = '' OR COALESCE(c.adjusted_severity, c.severity) = $5)
             ORDER BY d.id"
        );
        let (from, to, category, severity) = filter.bounds();
        let rows: Vec<CompensationRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(from)
            .bind(to)
            .bind(category)
            .bind(severity)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Compensation::try_from).collect()
    }
}

impl Tx {
    pub async fn propose_compensation(
        &self,
        ws: WorkspaceId,
        new: &NewCompensation,
    ) -> Result<i64, StoreError> {
        let decided = new.status != CompensationStatus::Pending;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO compensations (workspace_id, ticket_id, kind, amount_minor, currency,
                 note, status, proposed_by, proposed_at, decided_by, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(ws.0)
        .bind(new.ticket.0)
        .bind(new.kind.as_str())
        .bind(new.amount.minor())
        .bind(&new.currency)
        .bind(&new.note)
        .bind(new.status.as_str())
        .bind(new.by.0)
        .bind(to_millis(new.at))
        .bind(decided.then_some(new.by.0))
        .bind(decided.then(|| to_millis(new.at)))
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(id)
    }

    /// Approves or rejects a pending compensation; `false` when it was already decided.
    pub async fn decide_compensation(
        &self,
        ws: WorkspaceId,
        id: i64,
        status: CompensationStatus,
        by: AgentId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE compensations SET status = $3, decided_by = $4, decided_at = $5
             WHERE workspace_id = $1 AND id = $2 AND status = 'pending'",
        )
        .bind(ws.0)
        .bind(id)
        .bind(status.as_str())
        .bind(by.0)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
