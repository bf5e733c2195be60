//! What a service can answer besides success: nothing there, not allowed, an answer that needs
//! putting right, or the store failing. Adapters turn these into their own shapes (a page, a
//! JSON error with a stable code, a console message).

use peel_core::policy::Denied;
use peel_store::StoreError;

/// Why a service did not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// There is no such record (or the actor may not know whether there is).
    #[error("there is no such record")]
    NotFound,
    /// The access policy refused; the refusal is already audited.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// An answer is not valid: which field, and how to put it right.
    #[error("{message}")]
    Invalid {
        /// The field, by its form name.
        field: &'static str,
        /// What to do instead, in plain English.
        message: String,
    },
    /// The record has moved on since it was read (the task was given to someone else).
    #[error("{0}")]
    Moved(String),
    /// A sharing agreement does not allow the disclosure: the first thing it forbids.
    #[error("the sharing agreement does not allow this: {0}")]
    AgreementForbids(peel_core::sharing::Forbids),
    /// The store failed; the adapter logs it and says nothing of it to the client.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceError {
    /// An answer to put right.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> ServiceError {
        ServiceError::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// What a service returns.
pub type ServiceResult<T> = Result<T, ServiceError>;
