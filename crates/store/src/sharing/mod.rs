//! The sharing agreements register (issue 18): each version of an agreement as its owner wrote
//! it, kept whole, so what was in force on any day can be shown. Read back through
//! [`peel_core::sharing::Agreement::from_toml`]: the store gives typed agreements, never text to
//! be parsed again by its callers.

mod sql;

pub(crate) use sql::FactRow;

use peel_core::audit::AuditEvent;
use peel_core::marking::Marking;
use peel_core::sharing::{Agreement, Field, Onward};
use peel_core::{CaseId, UserId};
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

/// What was disclosed to a partner practitioner from a case, under which agreement, as they
/// were given it.
#[derive(Debug, Clone, PartialEq)]
pub struct DisclosureRecord {
    /// Its id.
    pub id: uuid::Uuid,
    /// The case it came from.
    pub case_id: CaseId,
    /// The agreement's id.
    pub agreement: String,
    /// The agreement's version it was disclosed under.
    pub agreement_version: u32,
    /// The practitioner's account.
    pub recipient: UserId,
    /// Their username, as named in the trail.
    pub recipient_name: String,
    /// The fields disclosed.
    pub fields: Vec<Field>,
    /// Identity was withheld.
    pub pseudonymised: bool,
    /// What the recipient may do with it.
    pub onward: Onward,
    /// Its marking.
    pub marking: Marking,
    /// The officer's justification.
    pub justification: String,
    /// What the recipient sees: one object per report, field slug to value.
    pub content: serde_json::Value,
    /// When.
    pub disclosed_at: OffsetDateTime,
    /// Who disclosed it (an audit actor reference).
    pub disclosed_by: String,
    /// It was a referral: the practitioner is asked to act, and writes back on it.
    pub referral: bool,
}

/// What a practitioner wrote back on a disclosure made to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteBack {
    /// Its id.
    pub id: uuid::Uuid,
    /// The disclosure it answers.
    pub disclosure: uuid::Uuid,
    /// The case it arrives on.
    pub case_id: CaseId,
    /// The practitioner's account.
    pub author: UserId,
    /// Their username and organisation, as shown on the case.
    pub author_name: String,
    /// What it is.
    pub kind: peel_core::sharing::WriteBackKind,
    /// What they wrote.
    pub body: String,
    /// When.
    pub at: OffsetDateTime,
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

    /// Records a disclosure with its audit entry (the s.62 disclosure log) and, for a referral,
    /// the case event that records it on the case, in one transaction.
    async fn add_disclosure(
        &self,
        record: &DisclosureRecord,
        on_case: Option<&crate::CaseEvent>,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// What was disclosed to one practitioner, newest first.
    async fn disclosures_to(&self, recipient: UserId) -> StoreResult<Vec<DisclosureRecord>>;

    /// What was disclosed from one case, newest first.
    async fn disclosures_from(&self, case: CaseId) -> StoreResult<Vec<DisclosureRecord>>;

    /// One disclosure.
    async fn disclosure(&self, id: uuid::Uuid) -> StoreResult<Option<DisclosureRecord>>;

    /// Keeps a write-back, with the case event that puts it on the case and its audit entry,
    /// in one transaction.
    async fn add_write_back(
        &self,
        write_back: &WriteBack,
        event: &crate::CaseEvent,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// What one practitioner wrote back, oldest first.
    async fn write_backs_by(&self, author: UserId) -> StoreResult<Vec<WriteBack>>;

    /// Sets (or, with `None`, clears) a practitioner's job role, with its audit entry.
    async fn set_job_role(
        &self,
        user: UserId,
        role: Option<&str>,
        set_by: &str,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// A practitioner's job role, if one is set.
    async fn job_role(&self, user: UserId) -> StoreResult<Option<String>>;

    /// The sharing pack's facts of the reports received since `since` in these wards, and of
    /// the online ones (for groups joining online and physical harm); restricted records are
    /// left out.
    async fn pack_facts(
        &self,
        since: OffsetDateTime,
        wards: &[peel_core::WardCode],
    ) -> StoreResult<Vec<peel_core::sharing::pack::measure::Fact>>;

    /// The links made since `since` between two reports or concerns.
    async fn links_between_reports(
        &self,
        since: OffsetDateTime,
    ) -> StoreResult<Vec<(peel_core::SubmissionId, peel_core::SubmissionId)>>;
}
