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
    /// A crash test's fault point fired at this step of the transaction.
    #[error("injected fault at step {0}")]
    Fault(u32),
}

impl StoreError {
    /// Whether the same input, applied again from the start, may well succeed: the database
    /// was unreachable or busy, PostgreSQL chose this transaction as a serialization or
    /// deadlock victim, or a crash test cut it short. Constraint violations and bad data are
    /// not: retrying them gives the same answer.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Fault(_) => true,
            StoreError::Database(sqlx::Error::Database(db)) => {
                let code = db.code().unwrap_or_default();
                // 40001 serialization_failure, 40P01 deadlock_detected; SQLite 5 BUSY, 6 LOCKED
                // (and their extended codes, which keep the primary code in the low byte).
                matches!(code.as_ref(), "40001" | "40P01" | "55P03")
                    || code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6))
            }
            StoreError::Database(_) => true,
            _ => false,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    /// Unique violations become `Conflict` so callers need not inspect driver errors.
    fn from(error: sqlx::Error) -> StoreError {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            // The database's own text names tables and constraints: it goes to the log, and
            // callers (an API answer, a console page) get a sentence that reveals no schema.
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                tracing::debug!(detail = db.message(), "unique violation");
                StoreError::Conflict("something with the same name or key already exists".into())
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
