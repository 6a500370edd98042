//! `ticketgram backup FILE`: a consistent copy of a SQLite database, taken while `serve` runs
//! (SQLite's `VACUUM INTO` reads one snapshot; the desk goes on writing meanwhile). Restoring is
//! stopping Ticketgram and putting the copy in the database's place (docs/privacy.md).
//! PostgreSQL has its own tool for this, pg_dump; the command says how.

use std::path::Path;

use crate::app::{self, RunError};
use crate::settings::Settings;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Open(#[from] RunError),
    #[error(
        "this desk runs on PostgreSQL: back it up with pg_dump, e.g.\n  \
         pg_dump --format=custom --file=ticketgram.dump \"$TICKETGRAM_DATABASE_URL\"\n\
         and restore with\n  \
         pg_restore --clean --if-exists --no-owner --dbname=\"$TICKETGRAM_DATABASE_URL\" ticketgram.dump\n\
         (see docs/privacy.md)"
    )]
    Postgres,
    #[error("cannot back the database up into {file}")]
    Copy {
        file: String,
        #[source]
        source: ticketgram_store::StoreError,
    },
}

/// Copies the configured database into `file` (which must not exist); returns what to print.
pub async fn backup(settings: &Settings, file: &Path) -> Result<String, BackupError> {
    if !settings.database.url.is_sqlite() {
        return Err(BackupError::Postgres);
    }
    // Opened, not migrated: a backup copies the database as it is.
    let store = app::open_store(&settings.database).await?;
    let copied = store.backup_into(file).await;
    store.close().await;
    copied.map_err(|source| BackupError::Copy {
        file: file.display().to_string(),
        source,
    })?;
    Ok(format!("backed up to {}\n", file.display()))
}
