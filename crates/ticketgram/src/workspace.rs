//! The workspace an instance serves, created on first use so that `serve` and the admin
//! commands work on an empty database without a separate setup step.

use ticketgram_store::{NewWorkspace, Store, StoreError, Workspace};

/// The number the first ticket of a new desk gets: four digits read better than "#1".
pub const FIRST_TICKET_NUMBER: i64 = 1000;

/// Finds the workspace `slug`, creating it if missing. Safe when several instances start at
/// once on one database: the loser of the creation race finds the winner's row.
pub async fn ensure_workspace(store: &Store, slug: &str) -> Result<Workspace, StoreError> {
    if let Some(found) = store.find_workspace_by_slug(slug).await? {
        return Ok(found);
    }
    let new = NewWorkspace {
        slug: slug.to_owned(),
        name: slug.to_owned(),
        first_ticket_number: FIRST_TICKET_NUMBER,
        created_at: chrono::Utc::now(),
    };
    match store
        .write(async |tx| tx.create_workspace(&new).await)
        .await
    {
        Ok(created) => {
            tracing::info!(workspace = slug, "created the workspace");
            Ok(created)
        }
        Err(StoreError::Conflict(_)) => store
            .find_workspace_by_slug(slug)
            .await?
            .ok_or(StoreError::NotFound),
        Err(other) => Err(other),
    }
}
