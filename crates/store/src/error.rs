use ticketgram_domain::TransitionError;

/// What can go wrong in the store, one variant per thing a caller can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row does not exist in this workspace.
    #[error("not found")]
    NotFound,
    /// A concurrent writer changed the row, or a unique value is taken. Reload and retry, or
    /// tell the user.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The domain refused the status change.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// Bad input (or a stored value this version does not understand).
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    /// Unique violations become `Conflict` so callers need not inspect driver errors.
    fn from(error: sqlx::Error) -> StoreError {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_string())
            }
            _ => StoreError::Database(error),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> StoreError {
        StoreError::Invalid(format!("stored JSON: {error}"))
    }
}
