//! The complaint register (docs/complaints.md). Writes go through the input's transaction;
//! the first registration of a ticket counts.

use crate::time::{from_millis, opt_from_millis, opt_to_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::complaint::{Assessment, Complaint, ComplaintCategory, Severity};
use ticketgram_domain::{ClientId, TicketId, TicketNumber, Timestamp, WorkspaceId};

const COMPLAINT_COLUMNS: &str = "c.ticket_id, c.category, c.severity, c.points, c.reasons, \
     c.adjusted_severity, c.adjusted_reason, c.public, c.root_cause, c.resolution, \
     c.acknowledged_at, c.promised_by, c.registered_at, t.number";

#[derive(sqlx::FromRow)]
struct ComplaintRow {
    ticket_id: i64,
    category: String,
    severity: String,
    points: i64,
    reasons: String,
    adjusted_severity: Option<String>,
    adjusted_reason: Option<String>,
    public: i64,
    root_cause: Option<String>,
    resolution: Option<String>,
    acknowledged_at: Option<i64>,
    promised_by: Option<i64>,
    registered_at: i64,
    number: i64,
}

/// A complaint with its ticket's number, as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredComplaint {
    pub number: TicketNumber,
    pub complaint: Complaint,
}

pub(crate) fn invalid(what: &str, value: &str) -> StoreError {
    StoreError::Invalid(format!("stored complaint {what} {value:?}"))
}

impl TryFrom<ComplaintRow> for RegisteredComplaint {
    type Error = StoreError;
    fn try_from(row: ComplaintRow) -> Result<Self, StoreError> {
        let severity = |s: &str| Severity::parse(s).ok_or_else(|| invalid("severity", s));
        let adjusted = match (row.adjusted_severity, row.adjusted_reason) {
            (Some(s), reason) => Some((severity(&s)?, reason.unwrap_or_default())),
            (None, _) => None,
        };
        let complaint = Complaint {
            ticket: TicketId(row.ticket_id),
            category: ComplaintCategory::parse(&row.category)
                .ok_or_else(|| invalid("category", &row.category))?,
            assessed: Assessment {
                severity: severity(&row.severity)?,
                points: u8::try_from(row.points).unwrap_or(u8::MAX),
                reasons: serde_json::from_str(&row.reasons)
                    .map_err(|_| invalid("reasons", &row.reasons))?,
            },
            adjusted,
            public: row.public != 0,
            root_cause: row.root_cause,
            resolution: row.resolution,
            acknowledged_at: opt_from_millis(row.acknowledged_at)?,
            promised_by: opt_from_millis(row.promised_by)?,
            registered_at: from_millis(row.registered_at)?,
        };
        Ok(RegisteredComplaint {
            number: TicketNumber(row.number),
            complaint,
        })
    }
}

/// Which complaints the register shows: registered in `[from, to)`, optionally one category
/// or severity (the one in force), newest first.
#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub category: Option<ComplaintCategory>,
    pub severity: Option<Severity>,
    pub limit: i64,
}

impl ComplaintFilter {
    /// The filter as the queries bind it: the period in milliseconds (open ends unbounded), and
    /// the category and severity slugs, empty for any.
    pub(crate) fn bounds(&self) -> (i64, i64, &str, &str) {
        (
            self.from.map_or(i64::MIN, to_millis),
            self.to.map_or(i64::MAX, to_millis),
            self.category.as_ref().map_or("", |c| c.as_str()),
            self.severity.map_or("", Severity::as_str),
        )
    }
}

/// A field of the register an agent writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintNote {
    RootCause,
    Resolution,
}

impl Store {
    pub async fn complaint(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Option<RegisteredComplaint>, StoreError> {
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaints c JOIN tickets t ON t.id = c.ticket_id
             WHERE c.workspace_id = $1 AND c.ticket_id = $2"
        );
        let row: Option<ComplaintRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(ticket.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(RegisteredComplaint::try_from).transpose()
    }

    pub async fn complaints(
        &self,
        ws: WorkspaceId,
        filter: &ComplaintFilter,
    ) -> Result<Vec<RegisteredComplaint>, StoreError> {
        // Every parameter is always bound, so the filters share one statement shape.
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaints c JOIN tickets t ON t.id = c.ticket_id
             WHERE c.workspace_id = $1 AND c.registered_at >= $2 AND c.registered_at < $3
               AND ($4 = '' OR c.category = $4)
               AND ($5 = '' OR COALESCE(c.adjusted_severity, c.severity) = $5)
             ORDER BY c.registered_at DESC, c.ticket_id DESC LIMIT $6"
        );
        let (from, to, category, severity) = filter.bounds();
        let rows: Vec<ComplaintRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(from)
            .bind(to)
            .bind(category)
            .bind(severity)
            .bind(filter.limit)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter()
            .map(RegisteredComplaint::try_from)
            .collect()
    }

    /// Complaints the client registered in `[since, before)`: the repeats that raise severity.
    pub async fn complaints_of_client(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        since: Timestamp,
        before: Timestamp,
    ) -> Result<u32, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM complaints
             WHERE workspace_id = $1 AND client_id = $2 AND registered_at >= $3
               AND registered_at < $4",
        )
        .bind(ws.0)
        .bind(client.0)
        .bind(to_millis(since))
        .bind(to_millis(before))
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }
}

impl Tx {
    /// Registers the ticket as a complaint; `false` when it already is one (the first counts).
    pub async fn register_complaint(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        complaint: &Complaint,
    ) -> Result<bool, StoreError> {
        let reasons = serde_json::to_string(&complaint.assessed.reasons)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let done = sqlx::query(
            "INSERT INTO complaints (workspace_id, ticket_id, client_id, category, severity,
                 points, reasons, public, acknowledged_at, promised_by, registered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (workspace_id, ticket_id) DO NOTHING",
        )
        .bind(ws.0)
        .bind(complaint.ticket.0)
        .bind(client.0)
        .bind(complaint.category.as_str())
        .bind(complaint.assessed.severity.as_str())
        .bind(i64::from(complaint.assessed.points))
        .bind(reasons)
        .bind(i64::from(complaint.public))
        .bind(opt_to_millis(complaint.acknowledged_at))
        .bind(opt_to_millis(complaint.promised_by))
        .bind(to_millis(complaint.registered_at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn set_complaint_category(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        category: &ComplaintCategory,
    ) -> Result<(), StoreError> {
        self.update_complaint(
            "UPDATE complaints SET category = $3 WHERE workspace_id = $1 AND ticket_id = $2",
            ws,
            ticket,
            Some(category.as_str()),
            None,
        )
        .await
    }

    /// The severity an agent sets instead of the computed one, with their reason.
    pub async fn adjust_complaint_severity(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        severity: Severity,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.update_complaint(
            "UPDATE complaints SET adjusted_severity = $3, adjusted_reason = $4
             WHERE workspace_id = $1 AND ticket_id = $2",
            ws,
            ticket,
            Some(severity.as_str()),
            Some(reason),
        )
        .await
    }

    pub async fn set_complaint_note(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        field: ComplaintNote,
        text: &str,
    ) -> Result<(), StoreError> {
        let sql = match field {
            ComplaintNote::RootCause => {
                "UPDATE complaints SET root_cause = $3 WHERE workspace_id = $1 AND ticket_id = $2"
            }
            ComplaintNote::Resolution => {
                "UPDATE complaints SET resolution = $3 WHERE workspace_id = $1 AND ticket_id = $2"
            }
        };
        self.update_complaint(sql, ws, ticket, Some(text), None)
            .await
    }

    async fn update_complaint(
        &self,
        sql: &str,
        ws: WorkspaceId,
        ticket: TicketId,
        first: Option<&str>,
        second: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut query = sqlx::query(sql).bind(ws.0).bind(ticket.0).bind(first);
        if second.is_some() {
            query = query.bind(second);
        }
        let done = query.execute(&mut *self.conn().await?).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
