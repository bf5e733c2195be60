//! Persistence for Peel: one module per area of the store (accounts, audit, geography,
//! submissions, linking, notifications, people, tasks), each with its records, a narrow trait
//! and its SQL, written once for the embedded SQLite default and PostgreSQL and kept in step by
//! one contract test suite. [`Store`] is the union of the areas; a service asks only for the
//! areas it uses.
//!
//! **Architecture Invariant:** every method that changes personal data or security state takes
//! the audit events that record the change and writes them in the same transaction, so a change
//! is never stored without its audit entry, nor an entry without its change.
//!
//! **Architecture Invariant:** records come back as the core's types; a row that does not parse
//! is [`StoreError::Corrupt`], naming its table and row, never a default.

mod accounts;
mod audit;
pub mod blobs;
mod bulk;
mod cases;
mod codec;
mod engine;
mod error;
mod evidence;
mod geography;
mod linking;
mod migrations;
mod notifications;
mod outbox;
mod people;
mod postgres;
mod priorities;
mod rights;
mod sharing;
mod sql;
mod sqlite;
mod stats;
mod submissions;
mod tasks;
pub mod testing;

use std::path::Path;
use std::sync::Arc;

pub use accounts::{
    AccountStore, ApiKeyRecord, Credentials, NewApiKey, NewSession, NewUser, SessionRecord, User,
};
pub use audit::{
    Anchors, AuditQuery, AuditStore, VerifyError, entry_to_json, export_audit, verify_audit_chain,
    verify_audit_since,
};
pub use cases::{
    Case, CaseChange, CaseEvent, CaseStore, MaracAction, MaracReferral, Survey, SurveyAnswers,
    SurveyResult,
};
pub use error::{Conflict, StoreError, StoreResult};
pub use evidence::{EvidenceItem, EvidenceRequest, EvidenceReview, EvidenceStore, EvidenceUpload};
pub use geography::{
    GeoBoroughRow, GeoPostcodeRow, GeoWardRow, GeographyImport, GeographyStore, Team,
};
pub use linking::{
    AlertChange, AlertQuery, AlertRecord, Correlated, FoundIndicator, ItemIndicators, LinkRecord,
    Linking, LinkingStore,
};
pub use migrations::LATEST as LATEST_SCHEMA_VERSION;
pub use notifications::{
    IngestOutcome, NewNotification, NotificationRecord, NotificationStore, Organisation,
    RetentionOutcome, SentNotification,
};
pub use outbox::{Draft, OutboxMessage, OutboxStore, ReporterMessage, Settled};
pub use people::{ApplicationRecord, PeopleStore, PersonRecord, Roster, VettingReview};
pub use postgres::PgStore;
pub use priorities::{
    ConfirmedVoice, NewPriority, PendingVoice, PriorityAction, PriorityRecord, PriorityStore,
    VoiceWords,
};
pub use rights::{ContactCorrection, Erased, RightsStore, SubjectRequest};
pub use sharing::{AgreementRecord, DisclosureRecord, SharingStore, WriteBack};
pub use sqlite::SqliteStore;
pub use stats::{CrimeMonth, OpenDataReport, StatsStore, WardOutline, WardReport};
pub use submissions::bench::BenchFill;
pub use submissions::{
    CreateOutcome, DashRecord, FirstContact, GradeOverride, Idempotency, Note, OverrideCount,
    QueueFilter, ReadWithReason, Submission, SubmissionStore, Triage,
};
pub use tasks::{TaskMove, TaskRecord, TaskStore};

/// The two backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// Its name, for logs and the health check.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Everything Peel keeps: the union of the areas. Both implementations pass the same contract
/// suite.
#[async_trait::async_trait]
pub trait Store:
    AccountStore
    + AuditStore
    + CaseStore
    + EvidenceStore
    + OutboxStore
    + GeographyStore
    + LinkingStore
    + NotificationStore
    + PeopleStore
    + PriorityStore
    + RightsStore
    + SharingStore
    + StatsStore
    + SubmissionStore
    + TaskStore
    + Send
    + Sync
    + std::fmt::Debug
    + 'static
{
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// The number of the newest migration applied.
    async fn schema_version(&self) -> StoreResult<i64>;

    /// Whether the database is whole: SQLite's `quick_check`, and on both backends the schema
    /// at the version this Peel expects. `Err` inside names the problem in words.
    async fn check_integrity(&self) -> StoreResult<Result<(), String>>;

    /// Writes the health probe's one row, so that a database that cannot be written (read-only,
    /// full, corrupt) is found by the health check rather than by the next report.
    async fn probe_write(&self, now: time::OffsetDateTime) -> StoreResult<()>;
}

/// Opens the store named by `database_url`, or the SQLite default `DIR/peel.db` when it is
/// absent, runs migrations, and seals audit entries with `chain_key`.
pub async fn open(
    database_url: Option<&str>,
    data_dir: &Path,
    chain_key: peel_core::audit::ChainKey,
) -> StoreResult<Arc<dyn Store>> {
    match database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => Ok(
            Arc::new(PgStore::connect(url).await?.with_chain_key(chain_key)),
        ),
        Some(url) if url.starts_with("sqlite:") => Ok(Arc::new(
            SqliteStore::open_url(url).await?.with_chain_key(chain_key),
        )),
        Some(other) => Err(StoreError::Config(format!(
            "database URL must start with postgres:// or sqlite: (got '{}')",
            other.split(':').next().unwrap_or_default()
        ))),
        None => Ok(Arc::new(
            SqliteStore::open(&data_dir.join("peel.db"))
                .await?
                .with_chain_key(chain_key),
        )),
    }
}
