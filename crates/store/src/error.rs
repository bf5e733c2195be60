//! Store errors, in domain terms.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist.
    #[error("not found")]
    NotFound,
    /// A unique value is already taken.
    #[error(transparent)]
    Conflict(Conflict),
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

/// What is already taken, in words a person can be shown; the database's own text stays in
/// [`Conflict::Unique`] for the logs and is never shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    /// The username is taken.
    #[error("That username is already taken")]
    Username,
    /// The reference is taken (a new one is drawn).
    #[error("That reference is already taken")]
    Reference,
    /// The idempotency key was used before for a different request.
    #[error("This Idempotency-Key was already used for a different request")]
    IdempotencyKey,
    /// The person's id, or the account given to them, is taken.
    #[error("There is already a person with that id, or the account is already given to one")]
    Person,
    /// The organisation's id is taken.
    #[error("There is already an organisation with that id")]
    Organisation,
    /// That version of the training module was recorded before.
    #[error("That version of the module was recorded before")]
    Revision,
    /// That version of the sharing agreement was registered before.
    #[error("That version of the agreement was registered before")]
    AgreementVersion,
    /// Another unique value; `constraint` names it for the logs.
    #[error("That already exists")]
    Unique {
        /// The constraint, or the database's message when it names none.
        constraint: String,
    },
}

/// Results from the store.
pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A unique violation read as the conflict the caller knows it must be.
    pub(crate) fn or_conflict(self, conflict: Conflict) -> StoreError {
        match self {
            StoreError::Conflict(Conflict::Unique { .. }) => StoreError::Conflict(conflict),
            other => other,
        }
    }

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
                StoreError::Conflict(Conflict::Unique {
                    constraint: db
                        .constraint()
                        .map_or_else(|| db.message().to_owned(), str::to_owned),
                })
            }
            _ => StoreError::Database(error),
        }
    }
}
