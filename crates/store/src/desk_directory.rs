//! The desks of a deployment across workspaces: at a glance for `ticketgram desk list` (one
//! query for the counts of every desk, so listing fifty desks is not fifty round trips), and
//! the desks one person works in, for the console's desk switcher.

use crate::time::from_millis;
use crate::workspaces::Workspace;
use crate::{Store, StoreError};
use ticketgram_domain::WorkspaceId;

/// One desk and how busy it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSummary {
    pub workspace: Workspace,
    /// Active agents (deactivated ones keep their history but do not count).
    pub agents: i64,
    /// Tickets not closed yet.
    pub open_tickets: i64,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    slug: String,
    name: String,
    created_at: i64,
    agents: i64,
    open_tickets: i64,
}

impl Store {
    /// Every desk, by slug, with its active agents and open tickets counted.
    pub async fn desk_summaries(&self) -> Result<Vec<DeskSummary>, StoreError> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT w.id, w.slug, w.name, w.created_at,
                    (SELECT COUNT(*) FROM agents a
                      WHERE a.workspace_id = w.id AND a.active = 1) AS agents,
                    (SELECT COUNT(*) FROM tickets t
                      WHERE t.workspace_id = w.id AND t.status <> 'closed') AS open_tickets
               FROM workspaces w
              ORDER BY w.slug",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(DeskSummary {
                    workspace: Workspace {
                        id: WorkspaceId(row.id),
                        slug: row.slug,
                        name: row.name,
                        created_at: from_millis(row.created_at)?,
                    },
                    agents: row.agents,
                    open_tickets: row.open_tickets,
                })
            })
            .collect()
    }
}

impl Store {
    /// The desks where this Telegram user is an active agent, by name.
    pub async fn desks_of_person(
        &self,
        telegram_user_id: i64,
    ) -> Result<Vec<Workspace>, StoreError> {
        let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT w.id, w.slug, w.name, w.created_at
               FROM workspaces w JOIN agents a ON a.workspace_id = w.id
              WHERE a.telegram_user_id = $1 AND a.active = 1
              ORDER BY w.name, w.id",
        )
        .bind(telegram_user_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(id, slug, name, created_at)| {
                Ok(Workspace {
                    id: WorkspaceId(id),
                    slug,
                    name,
                    created_at: from_millis(created_at)?,
                })
            })
            .collect()
    }
}
