//! The audit log: who changed what on the desk.

use crate::ticket_events::parse_actor;
use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{AuditEntry, WorkspaceId};

#[derive(sqlx::FromRow)]
struct AuditRow {
    workspace_id: i64,
    actor_kind: String,
    actor_id: Option<i64>,
    action: String,
    subject: String,
    details: String,
    at: i64,
}

impl Store {
    /// The newest `limit` entries, newest first.
    pub async fn audit_log(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT workspace_id, actor_kind, actor_id, action, subject, details, at FROM audit_log
             WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(ws.0)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(AuditEntry {
                    workspace: WorkspaceId(row.workspace_id),
                    actor: parse_actor(&row.actor_kind, row.actor_id)?,
                    action: row.action,
                    subject: row.subject,
                    details: serde_json::from_str(&row.details)?,
                    at: from_millis(row.at)?,
                })
            })
            .collect()
    }
}

impl Tx {
    pub async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (workspace_id, actor_kind, actor_id, action, subject, details, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(entry.workspace.0)
        .bind(entry.actor.kind())
        .bind(entry.actor.id())
        .bind(&entry.action)
        .bind(&entry.subject)
        .bind(serde_json::to_string(&entry.details)?)
        .bind(to_millis(entry.at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
