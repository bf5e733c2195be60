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
    /// A stored value could not be read back.
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
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
