//! Persistence for Peel behind one [`Store`] trait, with an embedded SQLite implementation (the
//! default) and a PostgreSQL implementation (production), kept in step by one contract test
//! suite.
//!
//! **Architecture Invariant:** every method that changes personal data or security state takes
//! the audit events that record the change and writes them in the same transaction, so a change
//! is never stored without its audit entry, nor an entry without its change.

mod accounts;
mod audit;
mod backend;
mod bulk;
mod codec;
mod correlation;
mod engine;
mod error;
mod geography;
mod migrations;
mod people;
mod postgres;
mod rows;
mod sql;
mod sqlite;
mod tasks;
pub mod testing;

use std::path::Path;
use std::sync::Arc;

use peel_core::SubmissionId;
use peel_core::audit::AuditEvent;
use time::OffsetDateTime;

pub use accounts::{
    AccountStore, ApiKeyRecord, Credentials, NewApiKey, NewSession, NewUser, SessionRecord, User,
};
pub use audit::{
    AuditQuery, AuditStore, VerifyError, entry_to_json, export_audit, verify_audit_chain,
};
pub use correlation::AlertChange;
pub use error::{Conflict, StoreError, StoreResult};
pub use geography::{
    GeoBoroughRow, GeoPostcodeRow, GeoWardRow, GeographyImport, GeographyStore, Team,
};
pub use migrations::LATEST as LATEST_SCHEMA_VERSION;
pub use people::{PeopleStore, PersonRecord, Roster};
pub use postgres::PgStore;
pub use rows::DashRow;
pub use sqlite::SqliteStore;
pub use tasks::{TaskMove, TaskRecord, TaskStore};

/// A stored submission (a public report, for now).
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionRecord {
    /// Its id.
    pub id: SubmissionId,
    /// The read-aloud reference.
    pub reference: String,
    /// Digest of the private status token.
    pub status_token_digest: String,
    /// `web`, `api` or `open311`.
    pub channel: String,
    /// When it was received.
    pub received_at: OffsetDateTime,
    /// Category slug.
    pub category: String,
    /// What happened.
    pub description: String,
    /// When it happened.
    pub occurred_at: OffsetDateTime,
    /// `postcode`, `point`, `address` or `online`.
    pub location_kind: String,
    /// Postcode, if given.
    pub postcode: Option<String>,
    /// Latitude, if given.
    pub latitude: Option<f64>,
    /// Longitude, if given.
    pub longitude: Option<f64>,
    /// Address line, if given.
    pub address_line: Option<String>,
    /// Reporter role slug.
    pub reporter_role: String,
    /// Whether the reporter stayed anonymous (then no contact field is set).
    pub anonymous: bool,
    /// Name.
    pub contact_name: Option<String>,
    /// Email.
    pub contact_email: Option<String>,
    /// Phone.
    pub contact_phone: Option<String>,
    /// Safe-contact preferences as JSON.
    pub safe_contact: String,
    /// Preferred language.
    pub language: String,
    /// The ward, when placed.
    pub ward_code: Option<String>,
    /// The team whose queue holds it.
    pub team_id: String,
    /// Why it went there.
    pub routing_reason: String,
    /// `new`, `contacted`, `in_progress` or `closed`.
    pub stage: String,
    /// Whether the victim has enhanced rights.
    pub enhanced_rights: bool,
    /// When the reporter's next update is due (Victims' Code), if a clock runs.
    pub next_update_due: Option<OffsetDateTime>,
    /// When a person first made contact.
    pub first_contact_at: Option<OffsetDateTime>,
    /// How.
    pub first_contact_channel: Option<String>,
    /// By whom (username).
    pub first_contact_by: Option<String>,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// The triage grade (`I`, `S`, `E`, `R`).
    pub grade: Option<String>,
    /// When a person must make first contact by.
    pub first_contact_due: Option<OffsetDateTime>,
    /// Harm weight in Crime Harm Index days.
    pub harm_days: Option<f64>,
    /// The triage reasons as JSON (`[{"code", "element", "text"}]`).
    pub triage_reasons: Option<String>,
    /// A person's grade, overruling `grade`, which is kept.
    pub grade_override: Option<String>,
    /// Why it was overruled.
    pub override_reason: Option<String>,
    /// Who overruled it (username).
    pub override_by: Option<String>,
    /// When.
    pub override_at: Option<OffsetDateTime>,
}

/// A note on a submission: internal, or an update written for the reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its id.
    pub id: uuid::Uuid,
    /// The submission.
    pub submission_id: SubmissionId,
    /// When.
    pub at: OffsetDateTime,
    /// Who (username).
    pub author: String,
    /// `internal`, `update` (for the reporter), `first_contact` or `reassigned`.
    pub kind: String,
    /// The text.
    pub body: String,
}

/// The first answer to a request made with an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    /// Who may replay it (for example `api:public` or an API key).
    pub scope: String,
    /// The key the client sent.
    pub key: String,
    /// SHA-256 of the request body, so a different request with the same key is refused.
    pub request_digest: String,
    /// The response body to send again.
    pub response: String,
}

/// A DASH checklist as filled in by an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashRecord {
    /// Its id.
    pub id: uuid::Uuid,
    /// The submission it belongs to.
    pub submission_id: SubmissionId,
    /// The checklist's instrument and version.
    pub checklist_version: String,
    /// The 27 answers, comma-separated (`yes`, `no`, `not_known`, `not_asked`).
    pub answers: String,
    /// The practitioner's judged level, if any.
    pub judgement_level: Option<String>,
    /// Why.
    pub judgement_reason: Option<String>,
    /// How many yes answers.
    pub yes_count: i64,
    /// The final level (`standard`, `medium`, `high`).
    pub level: String,
    /// Whether a MARAC referral is due.
    pub marac_referral: bool,
    /// The criteria met, as JSON.
    pub reasons: String,
    /// Who filled it in.
    pub assessed_by: String,
    /// When.
    pub assessed_at: OffsetDateTime,
}

/// An indicator found in an item, ready to correlate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundIndicator {
    /// Its kind.
    pub kind: peel_link::Kind,
    /// Its canonical value.
    pub value: String,
    /// Where it was found, in words (`the description, characters 12 to 26`).
    pub found_in: String,
}

/// An item's indicators (warning-listed values already removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemIndicators {
    /// The item, as `kind:id` (`submission:…`).
    pub item: String,
    /// Who it came from: the reporter's contact details, or an organisation.
    pub source: String,
    /// The item's marking.
    pub marking: peel_core::Marking,
    /// When it arrived.
    pub at: OffsetDateTime,
    /// The indicators.
    pub indicators: Vec<FoundIndicator>,
}

/// A stored link between two items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    /// The earlier item.
    pub earlier: String,
    /// The later item.
    pub later: String,
    /// The kind of the shared value.
    pub kind: peel_link::Kind,
    /// The shared value.
    pub value: String,
    /// The stricter of the two items' markings.
    pub marking: peel_core::Marking,
    /// Where the value was found in the earlier item.
    pub earlier_found_in: String,
    /// Where it was found in the later one.
    pub later_found_in: String,
    /// When the link was made.
    pub created_at: OffsetDateTime,
}

impl LinkRecord {
    /// The item at the other end from `item`.
    pub fn other(&self, item: &str) -> &str {
        if self.earlier == item {
            &self.later
        } else {
            &self.earlier
        }
    }
}

/// An organisation that sends notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its short id (`northbank`), used on the command line and in items' sources.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its sector (bank, insurer, telco, retailer, platform, charity, other).
    pub sector: String,
    /// Who to contact there.
    pub contact: String,
    /// The sharing agreement that covers what it sends.
    pub agreement: String,
    /// The notification types the agreement allows, as slugs.
    pub allowed_types: Vec<String>,
    /// The marking given to a notification that carries none.
    pub default_marking: peel_core::Marking,
    /// Requests a minute it may send over HTTP (each may carry many notifications).
    pub rate_per_minute: i64,
    /// The accounts (usernames) named to receive its TLP:RED notifications; no one else in the
    /// force sees them or anything derived from them.
    pub red_recipients: Vec<String>,
    /// When it was registered.
    pub created_at: OffsetDateTime,
}

/// A checked notification ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    /// Its id in Peel.
    pub id: uuid::Uuid,
    /// The organisation's own id.
    pub own_id: String,
    /// Its type slug.
    pub kind: String,
    /// When it happened.
    pub occurred_at: OffsetDateTime,
    /// When Peel received it.
    pub received_at: OffsetDateTime,
    /// Its postcode, if any.
    pub postcode: Option<String>,
    /// Whether it happened online.
    pub online: bool,
    /// Amount in minor units with its currency.
    pub amount: Option<(i64, String)>,
    /// The victim's age band.
    pub victim_age_band: Option<String>,
    /// What happened.
    pub body: String,
    /// Its marking.
    pub marking: peel_core::Marking,
    /// Its indicators, canonical.
    pub indicators: Vec<FoundIndicator>,
}

/// A stored notification, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRecord {
    /// Its id in Peel.
    pub id: uuid::Uuid,
    /// Who sent it.
    pub organisation_id: String,
    /// Their id for it.
    pub own_id: String,
    /// Its type slug.
    pub kind: String,
    /// Its marking.
    pub marking: peel_core::Marking,
    /// When Peel received it.
    pub received_at: OffsetDateTime,
}

/// What became of one notification in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored now, with this many links made.
    Accepted {
        /// Links made on arrival.
        links: usize,
    },
    /// Already received under the same own id; nothing stored.
    Duplicate,
}

/// An item's indicators to correlate, the cap, and the audit entry to write when links are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linking {
    /// The item and its indicators.
    pub indicators: ItemIndicators,
    /// The over-correlation cap.
    pub cap: usize,
    /// The combination audit entry.
    pub audit: AuditEvent,
}

/// What correlating an item did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Correlated {
    /// The links made.
    pub links: Vec<LinkRecord>,
    /// Values that are common (past the cap) and linked nothing.
    pub common: Vec<(peel_link::Kind, String)>,
}

/// Whether a submission was stored now or had been already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateOutcome {
    /// Stored now.
    Created,
    /// The same request came before with this key; here is the first response.
    Replayed(String),
}

/// Which submissions a queue shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFilter {
    /// The team.
    pub team_id: String,
    /// Only this stage.
    pub stage: Option<String>,
    /// Only this category.
    pub category: Option<String>,
    /// Only received at or after this time.
    pub received_after: Option<OffsetDateTime>,
    /// Overdue updates are those due before this time; they come first.
    pub now: OffsetDateTime,
    /// At most this many.
    pub limit: u32,
}

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

/// Everything Peel keeps. Both implementations pass the same contract suite.
#[async_trait::async_trait]
pub trait Store:
    AccountStore
    + AuditStore
    + GeographyStore
    + PeopleStore
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

    /// Stores a submission with its audit entry, or, when the idempotency key was seen with the
    /// same request, stores nothing and returns the first response. The same key with a
    /// different request is [`StoreError::Conflict`]; so is a reference already taken.
    async fn create_submission(
        &self,
        submission: &SubmissionRecord,
        idempotency: Option<&Idempotency>,
        audit: AuditEvent,
    ) -> StoreResult<CreateOutcome> {
        self.create_linked_submission(submission, idempotency, audit, None)
            .await
            .map(|(outcome, _)| outcome)
    }

    /// As [`Store::create_submission`], and correlates the submission's indicators (as
    /// [`Store::correlate`] does) in the same transaction, so the report, its links and their
    /// audit entries commit together or not at all. A replay correlates nothing.
    async fn create_linked_submission(
        &self,
        submission: &SubmissionRecord,
        idempotency: Option<&Idempotency>,
        audit: AuditEvent,
        linking: Option<Linking>,
    ) -> StoreResult<(CreateOutcome, Correlated)>;

    /// The first response recorded for an idempotency key, with its request digest.
    async fn idempotent_response(
        &self,
        scope: &str,
        key: &str,
    ) -> StoreResult<Option<(String, String)>>;

    /// Overrules the grade with a reason, moving the first-contact time to `first_contact_due`;
    /// the original grade is kept.
    #[allow(clippy::too_many_arguments)]
    async fn override_grade(
        &self,
        id: SubmissionId,
        grade: &str,
        first_contact_due: OffsetDateTime,
        reason: &str,
        by: &str,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Submissions with no first contact yet whose first-contact time has passed, most overdue
    /// first; one team's, or every team's.
    async fn overdue_first_contacts(
        &self,
        now: OffsetDateTime,
        team_id: Option<&str>,
    ) -> StoreResult<Vec<SubmissionRecord>>;

    /// Grade overrides since `since`, counted by (triage grade, override grade, category), for
    /// monitoring bias.
    async fn override_counts(
        &self,
        since: OffsetDateTime,
    ) -> StoreResult<Vec<(String, String, String, i64)>>;

    /// Raises a submission's triage after something new is known (a DASH result), replacing its
    /// grade, first-contact time and reasons; a person's override is left as it is.
    async fn retriage(
        &self,
        id: SubmissionId,
        grade: &str,
        first_contact_due: OffsetDateTime,
        reasons: &str,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Stores a DASH checklist; a MARAC referral's task note is stored with it.
    async fn save_dash(
        &self,
        record: &DashRecord,
        referral_task: Option<&Note>,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// A submission's DASH checklists, newest first.
    async fn dash_assessments(&self, id: SubmissionId) -> StoreResult<Vec<DashRecord>>;

    /// For the same victim (exact email or phone) since `since`: how many domestic abuse
    /// submissions, and whether any checklist led to a MARAC referral.
    async fn dash_history(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        since: OffsetDateTime,
    ) -> StoreResult<(u32, bool)>;

    /// How many submissions since `since` share an email address, a phone number or an address
    /// line with these (exact matches on the normalised values; `None` matches nothing).
    async fn earlier_reports(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        address_line: Option<&str>,
        since: OffsetDateTime,
    ) -> StoreResult<u32>;

    /// A submission by reference.
    async fn submission_by_reference(
        &self,
        reference: &str,
    ) -> StoreResult<Option<SubmissionRecord>>;

    /// A submission by id.
    async fn submission(&self, id: SubmissionId) -> StoreResult<Option<SubmissionRecord>>;

    /// A team's queue: overdue updates first, then newest first.
    async fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<SubmissionRecord>>;

    /// Records the first human contact; false if one was already recorded.
    async fn record_first_contact(
        &self,
        id: SubmissionId,
        at: OffsetDateTime,
        channel: &str,
        by: &str,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Adds a note; an update for the reporter also moves the next-update-due time.
    async fn add_note(
        &self,
        note: &Note,
        next_update_due: Option<OffsetDateTime>,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Moves a submission to another team's queue, with the reason as a note.
    async fn reassign(&self, note: &Note, team_id: &str, audit: AuditEvent) -> StoreResult<()>;

    /// A submission's notes, oldest first.
    async fn notes(&self, id: SubmissionId) -> StoreResult<Vec<Note>>;

    /// Records an item's indicators and links it to every earlier item sharing one, in one
    /// transaction, by the rule in `peel_link::decide`: a value from more than `cap` distinct
    /// sources is marked common and links nothing more. When links are made, `audit` (a
    /// combination, in s.62's terms) is written in the same transaction with the linked items
    /// added to its detail.
    async fn correlate(
        &self,
        item: &ItemIndicators,
        cap: usize,
        audit: AuditEvent,
    ) -> StoreResult<Correlated>;

    /// Registers an organisation. A taken id is [`StoreError::Conflict`].
    async fn create_organisation(&self, org: &Organisation, audit: AuditEvent) -> StoreResult<()>;

    /// An organisation by id.
    async fn organisation(&self, id: &str) -> StoreResult<Option<Organisation>>;

    /// Every organisation, by id.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;

    /// Stores a batch of one organisation's notifications in one transaction: each is stored
    /// unless its own id was received before (a duplicate), and each stored one is correlated
    /// with every earlier item sharing an indicator (source: the organisation). `audit` (a
    /// collection) is written with the batch's count; links are audited as combinations.
    async fn ingest_notifications(
        &self,
        organisation_id: &str,
        batch: &[NewNotification],
        cap: usize,
        audit: AuditEvent,
    ) -> StoreResult<Vec<IngestOutcome>>;

    /// A notification by its id in Peel.
    async fn notification(&self, id: uuid::Uuid) -> StoreResult<Option<NotificationRecord>>;

    /// How many notifications an organisation has sent.
    async fn notification_count(&self, organisation_id: &str) -> StoreResult<i64>;

    /// The links touching an item, oldest first.
    async fn links_of(&self, item: &str) -> StoreResult<Vec<LinkRecord>>;

    /// Submissions that happened between two times (inclusive), newest first, at most `limit`.
    async fn occurred_between(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<SubmissionRecord>>;

    /// Whether a value is marked common.
    async fn is_common(&self, kind: peel_link::Kind, value: &str) -> StoreResult<bool>;

    /// Alerts on the fraud team's queue, most recently changed first, at most `limit`; only
    /// those in `status` when it is given.
    async fn alerts(
        &self,
        status: Option<AlertStatus>,
        limit: u32,
    ) -> StoreResult<Vec<AlertRecord>>;

    /// The alerts on one item (a report or concern).
    async fn alerts_of(&self, item: &str) -> StoreResult<Vec<AlertRecord>>;

    /// One alert.
    async fn alert(&self, id: i64) -> StoreResult<Option<AlertRecord>>;

    /// An organisation's notifications after position `after_seq`, oldest first, at most
    /// `limit`, each with how many reports it matched.
    async fn notifications_sent(
        &self,
        organisation_id: &str,
        after_seq: i64,
        limit: u32,
    ) -> StoreResult<Vec<SentNotification>>;

    /// An organisation's retention rules: (type or `*`, keep days, pseudonymise days).
    async fn retention_rules(&self, organisation_id: &str) -> StoreResult<Vec<(String, i64, i64)>>;

    /// Sets an organisation's retention rule for a type (or `*`), with `audit`.
    async fn set_retention(
        &self,
        organisation_id: &str,
        kind: &str,
        keep_days: i64,
        pseudonymise_days: i64,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// The types of notification an organisation has sent that are still held.
    async fn notification_kinds(&self, organisation_id: &str) -> StoreResult<Vec<String>>;

    /// Applies retention to one organisation's notifications of one type, in one transaction:
    /// those received before `erase_before` are erased with their links; those received before
    /// `pseudonymise_before` that link to nothing lose their text, indicators, postcode and
    /// victim details. Each is audited from `audit` (an erasure) with the count, and the
    /// correlation epoch moves so every store forgets the erased values.
    async fn apply_retention(
        &self,
        organisation_id: &str,
        kind: &str,
        erase_before: OffsetDateTime,
        pseudonymise_before: OffsetDateTime,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<RetentionOutcome>;

    /// Moves an alert on (taken, closed) by `username`, with `audit` in the same transaction.
    /// False when there is no such alert.
    async fn set_alert_status(
        &self,
        id: i64,
        status: AlertStatus,
        username: &str,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;
}

/// A notification as its sender may read it back: what it sent, and how many reports it
/// matched (never which).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentNotification {
    /// Its position among everything received (for paging).
    pub seq: i64,
    /// The organisation's own id.
    pub own_id: String,
    /// Its type.
    pub kind: String,
    /// When Peel received it.
    pub received_at: OffsetDateTime,
    /// Its marking.
    pub marking: peel_core::Marking,
    /// When its details were removed, if they were.
    pub pseudonymised_at: Option<OffsetDateTime>,
    /// How many distinct reports or concerns it links to.
    pub matched_reports: i64,
}

/// What applying retention to one organisation's notifications of one type did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionOutcome {
    /// Notifications erased (with their links).
    pub erased: u64,
    /// Notifications that linked to nothing, pseudonymised.
    pub pseudonymised: u64,
}

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertStatus {
    /// Raised, or added to since it was last handled; no one has taken it.
    Open,
    /// Someone on the fraud team has taken it.
    Taken,
    /// Dealt with.
    Closed,
}

impl AlertStatus {
    /// Every status, in order.
    pub const ALL: [AlertStatus; 3] = [AlertStatus::Open, AlertStatus::Taken, AlertStatus::Closed];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::Taken => "taken",
            AlertStatus::Closed => "closed",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            AlertStatus::Open => "Open",
            AlertStatus::Taken => "Taken",
            AlertStatus::Closed => "Closed",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<AlertStatus> {
        AlertStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// An alert: an organisation's notifications share a value with a report or concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRecord {
    /// Its number.
    pub id: i64,
    /// The report or concern, as `submission:…`.
    pub item: String,
    /// The notifying organisation.
    pub organisation_id: String,
    /// Its latest notification linked to the item, as `notification:…`.
    pub notification: String,
    /// How many of its notifications link to the item.
    pub notifications: i64,
    /// The strictest marking of the links behind it; the alert is read under it.
    pub marking: peel_core::Marking,
    /// The kind of the latest shared value.
    pub kind: peel_link::Kind,
    /// The latest shared value.
    pub value: String,
    /// Where it stands.
    pub status: AlertStatus,
    /// When it was raised.
    pub raised_at: OffsetDateTime,
    /// When it last changed.
    pub updated_at: OffsetDateTime,
    /// Who last handled it, and when.
    pub handled: Option<(String, OffsetDateTime)>,
}

/// Opens the store named by `database_url`, or the SQLite default `DIR/peel.db` when it is
/// absent, and runs migrations.
pub async fn open(database_url: Option<&str>, data_dir: &Path) -> StoreResult<Arc<dyn Store>> {
    match database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(PgStore::connect(url).await?))
        }
        Some(url) if url.starts_with("sqlite:") => Ok(Arc::new(SqliteStore::open_url(url).await?)),
        Some(other) => Err(StoreError::Config(format!(
            "database URL must start with postgres:// or sqlite: (got '{}')",
            other.split(':').next().unwrap_or_default()
        ))),
        None => Ok(Arc::new(
            SqliteStore::open(&data_dir.join("peel.db")).await?,
        )),
    }
}
