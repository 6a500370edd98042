//! Workspaces: isolated support desks sharing one database.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Timestamp, WorkspaceId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub id: WorkspaceId,
    /// Stable short name used in configuration and URLs ("acme-support").
    pub slug: String,
    pub name: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub slug: String,
    pub name: String,
    /// The number the desk's first ticket gets (desks migrating from another tool continue
    /// their numbering).
    pub first_ticket_number: i64,
    pub created_at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct WorkspaceRow {
    id: i64,
    slug: String,
    name: String,
    created_at: i64,
}

impl TryFrom<WorkspaceRow> for Workspace {
    type Error = StoreError;
    fn try_from(row: WorkspaceRow) -> Result<Workspace, StoreError> {
        Ok(Workspace {
            id: WorkspaceId(row.id),
            slug: row.slug,
            name: row.name,
            created_at: from_millis(row.created_at)?,
        })
    }
}

impl Store {
    pub async fn get_workspace(&self, id: WorkspaceId) -> Result<Workspace, StoreError> {
        let row: Option<WorkspaceRow> =
            sqlx::query_as("SELECT id, slug, name, created_at FROM workspaces WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    pub async fn find_workspace_by_slug(
        &self,
        slug: &str,
    ) -> Result<Option<Workspace>, StoreError> {
        let row: Option<WorkspaceRow> =
            sqlx::query_as("SELECT id, slug, name, created_at FROM workspaces WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        row.map(Workspace::try_from).transpose()
    }

    pub async fn list_workspaces(&self) -> Result<Vec<Workspace>, StoreError> {
        let rows: Vec<WorkspaceRow> =
            sqlx::query_as("SELECT id, slug, name, created_at FROM workspaces ORDER BY id")
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.into_iter().map(Workspace::try_from).collect()
    }
}

impl Tx {
    /// Creates the desk and its ticket counter together. A taken slug is a `Conflict`.
    pub async fn create_workspace(&self, new: &NewWorkspace) -> Result<Workspace, StoreError> {
        if new.first_ticket_number < 1 {
            return Err(StoreError::Invalid(
                "ticket numbers start at 1 or above".into(),
            ));
        }
        let mut tx = self.conn().await?;
        let row: WorkspaceRow = sqlx::query_as(
            "INSERT INTO workspaces (slug, name, created_at) VALUES ($1, $2, $3)
             RETURNING id, slug, name, created_at",
        )
        .bind(&new.slug)
        .bind(&new.name)
        .bind(to_millis(new.created_at))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO workspace_counters (workspace_id, next_ticket_number) VALUES ($1, $2)",
        )
        .bind(row.id)
        .bind(new.first_ticket_number)
        .execute(&mut *tx)
        .await?;
        row.try_into()
    }
}
