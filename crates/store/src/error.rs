//! Store errors, in domain terms.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist.
    #[error("not found")]
    NotFound,
    /// A unique value is already taken.
    #[error("already exists: {0}")]
    Conflict(String),
    /// The setup token is unknown, used or expired, or setup is already done.
    #[error("the setup link is invalid, used or expired, or setup is already complete")]
    SetupTokenInvalid,
    /// A stored row could not be read back: named by its table and id, never read as a
    /// default.
    #[error("stored data is not valid: {table} {id}: {problem}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The row's id, or `?` when not yet read.
        id: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The store is configured wrongly.
    #[error("{0}")]
    Config(String),
    /// Migrations failed.
    #[error("migrating the database failed")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database failed.
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

/// Results from the store.
pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A corruption found where no table and row can be named (a value in memory).
    pub(crate) fn corrupt(problem: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            table: "?",
            id: "?".to_owned(),
            problem: problem.into(),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            _ => StoreError::Database(error),
        }
    }
}
