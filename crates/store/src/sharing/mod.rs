//! The sharing agreements register (issue 18): each version of an agreement as its owner wrote
//! it, kept whole, so what was in force on any day can be shown. Read back through
//! [`peel_core::sharing::Agreement::from_toml`]: the store gives typed agreements, never text to
//! be parsed again by its callers.

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::sharing::Agreement;
use time::OffsetDateTime;

use crate::StoreResult;

/// One version of an agreement, as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRecord {
    /// The agreement (its id and version within).
    pub agreement: Agreement,
    /// The file as its owner wrote it.
    pub source: String,
    /// When this version was registered.
    pub registered_at: OffsetDateTime,
    /// Who registered it (an audit actor reference).
    pub registered_by: String,
}

/// The agreements register.
#[async_trait::async_trait]
pub trait SharingStore: Send + Sync {
    /// Registers a version with its audit entry, in one transaction;
    /// [`crate::Conflict::AgreementVersion`] if that version exists.
    async fn add_agreement(&self, record: &AgreementRecord, audit: AuditEvent) -> StoreResult<()>;

    /// The newest version of an agreement.
    async fn agreement(&self, id: &str) -> StoreResult<Option<AgreementRecord>>;

    /// Every version of an agreement, oldest first.
    async fn agreement_versions(&self, id: &str) -> StoreResult<Vec<AgreementRecord>>;

    /// The newest version of every agreement, by id.
    async fn agreements(&self) -> StoreResult<Vec<AgreementRecord>>;
}
