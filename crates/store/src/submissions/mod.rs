//! Submissions (reports and concerns) and the work on them: queues, first contact, notes and
//! updates, reassignment, triage and its overrides, DASH checklists, and reads of another
//! team's submission with a stated reason.
//!
//! **Architecture Invariant:** a submission is stored with its "collection" audit entry in one
//! transaction, and only then acknowledged.

pub(crate) mod bench;
pub(crate) mod row;
mod sql;

pub(crate) use row::{insert_submission_row, submissions_where};

use peel_core::audit::AuditEvent;
use peel_core::dash::{Answer, Judgement, RiskLevel};
use peel_core::reference::Reference;
use peel_core::submission::{
    Category, Channel, Contact, ContactMethod, Location, NoteKind, ReporterRole, SafeContact, Stage,
};
use peel_core::triage::{Grade, Reason};
use peel_core::{SubmissionId, TeamId, UserId, WardCode};
use time::OffsetDateTime;

use crate::StoreResult;
use crate::cases::CaseChange;
use crate::linking::{Correlated, Linking};
use crate::outbox::OutboxMessage;

/// A submission as stored: what the reporter said, where it went, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// Its id.
    pub id: SubmissionId,
    /// The read-aloud reference.
    pub reference: Reference,
    /// Digest of the private status token.
    pub status_token_digest: String,
    /// The door it came in by.
    pub channel: Channel,
    /// When it was received.
    pub received_at: OffsetDateTime,
    /// What kind of thing happened.
    pub category: Category,
    /// What happened.
    pub description: String,
    /// When it happened.
    pub occurred_at: OffsetDateTime,
    /// Where.
    pub location: Location,
    /// Who is reporting.
    pub reporter_role: ReporterRole,
    /// Contact details; `None` when the reporter stayed anonymous.
    pub contact: Option<Contact>,
    /// How it is safe to contact them: shown to everyone who does.
    pub safe_contact: SafeContact,
    /// Preferred language.
    pub language: String,
    /// The ward, when placed in one.
    pub ward: Option<WardCode>,
    /// The team whose queue holds it.
    pub team: TeamId,
    /// Why it went there.
    pub routing_reason: String,
    /// Where it stands.
    pub stage: Stage,
    /// Whether the victim has enhanced rights under the Victims' Code.
    pub enhanced_rights: bool,
    /// When the reporter's next update is due, if a clock runs.
    pub next_update_due: Option<OffsetDateTime>,
    /// When a person must make first contact by.
    pub first_contact_due: Option<OffsetDateTime>,
    /// The first human contact, once made.
    pub first_contact: Option<FirstContact>,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// Triage on arrival (and again when something new is known), if it ran.
    pub triage: Option<Triage>,
    /// A person's grade, overruling the triage grade, which is kept.
    pub grade_override: Option<GradeOverride>,
    /// Read back: whether a DASH checklist is kept for it (ignored when storing).
    pub has_dash: bool,
    /// The reporter's self-described community, if they gave it (for measuring trust and
    /// satisfaction by community; never used to route or grade).
    pub community: Option<String>,
    /// Who took it on the reporter's behalf (a contact handler, an officer, an intermediary's
    /// staff member), by username; `None` when the reporter sent it themselves.
    pub taken_by: Option<String>,
    /// A concern's own facts: the intermediary, the codeword, whether 999 was called, consent.
    pub concern: Option<peel_core::concern::ConcernFacts>,
    /// Read back: when its review falls due (DOMAIN.md 9.5), set from its category's review
    /// group when it is stored and moved on by a review that retains it (ignored when storing).
    pub review_due: Option<time::Date>,
    /// Read back: why its processing is restricted (DPA 2018 s.47), while it is (ignored when
    /// storing).
    pub restricted: Option<String>,
}

impl Submission {
    /// The grade in force: a person's override, else triage's.
    pub fn grade(&self) -> Option<Grade> {
        self.grade_override
            .as_ref()
            .map(|o| o.grade)
            .or(self.triage.as_ref().map(|t| t.grade))
    }
}

/// The first human contact with the reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstContact {
    /// When.
    pub at: OffsetDateTime,
    /// How.
    pub method: ContactMethod,
    /// By whom (a username).
    pub by: String,
}

/// What triage found.
#[derive(Debug, Clone, PartialEq)]
pub struct Triage {
    /// The grade.
    pub grade: Grade,
    /// Harm weight in Crime Harm Index days.
    pub harm_days: f64,
    /// Every reason, in THRIVE order.
    pub reasons: Vec<Reason>,
}

/// A person's grade, overruling triage's, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeOverride {
    /// The grade.
    pub grade: Grade,
    /// Why.
    pub reason: String,
    /// By whom (a username).
    pub by: String,
    /// When.
    pub at: OffsetDateTime,
}

/// A note on a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its id.
    pub id: uuid::Uuid,
    /// The submission.
    pub submission_id: SubmissionId,
    /// When.
    pub at: OffsetDateTime,
    /// Who (a username).
    pub author: String,
    /// What it is.
    pub kind: NoteKind,
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
    pub team: TeamId,
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only received at or after this time.
    pub received_after: Option<OffsetDateTime>,
    /// Overdue updates are those due before this time; they come first.
    pub now: OffsetDateTime,
    /// At most this many...
    pub limit: u32,
    /// ...after passing over this many (the queue is paged; nothing is cut off unseen).
    pub offset: u32,
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
    /// The 27 answers.
    pub answers: Vec<Answer>,
    /// The practitioner's judgement, if any.
    pub judgement: Option<Judgement>,
    /// How many yes answers.
    pub yes_count: u32,
    /// The final level.
    pub level: RiskLevel,
    /// Whether a MARAC referral is due.
    pub marac_referral: bool,
    /// The criteria met, in words.
    pub reasons: Vec<String>,
    /// Who filled it in (a username).
    pub assessed_by: String,
    /// When.
    pub assessed_at: OffsetDateTime,
}

/// How often one grade was overruled by another, for monitoring bias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideCount {
    /// Triage's grade, if it ran.
    pub triage: Option<Grade>,
    /// The grade a person gave.
    pub given: Grade,
    /// The category.
    pub category: Category,
    /// How many times.
    pub count: i64,
}

/// A read of another team's submission with a stated reason ("break glass").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWithReason {
    /// The submission.
    pub submission_id: SubmissionId,
    /// Its reference, as read back (ignored when storing).
    pub reference: Option<Reference>,
    /// The team that held it when it was read.
    pub team: TeamId,
    /// Who read it.
    pub user_id: UserId,
    /// Their username.
    pub username: String,
    /// The reason they gave.
    pub reason: String,
    /// When.
    pub at: OffsetDateTime,
}

/// Submissions and the work on them.
#[async_trait::async_trait]
pub trait SubmissionStore: Send + Sync {
    /// Stores a submission with its audit entry, or, when the idempotency key was seen with the
    /// same request, stores nothing and returns the first response; the same key with a
    /// different request is [`crate::Conflict::IdempotencyKey`], and a reference already taken
    /// is [`crate::Conflict::Reference`]. With `linking`, the submission's indicators are
    /// correlated (as [`crate::LinkingStore::correlate`] does) in the same transaction, so the
    /// report, its links and their audit entries commit together or not at all. A replay
    /// correlates nothing.
    async fn create_submission(
        &self,
        submission: &Submission,
        idempotency: Option<&Idempotency>,
        audit: AuditEvent,
        linking: Option<Linking>,
        messages: &[OutboxMessage],
    ) -> StoreResult<(CreateOutcome, Correlated)>;

    /// The first response recorded for an idempotency key, with its request digest.
    async fn idempotent_response(
        &self,
        scope: &str,
        key: &str,
    ) -> StoreResult<Option<(String, String)>>;

    /// Overrules the grade, moving the first-contact time to `first_contact_due`; triage's
    /// grade is kept.
    async fn override_grade(
        &self,
        id: SubmissionId,
        grade: &GradeOverride,
        first_contact_due: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Submissions with no first contact yet whose first-contact time has passed, most overdue
    /// first, at most 500: of these teams, or of every team when `teams` is `None`.
    async fn overdue_first_contacts(
        &self,
        now: OffsetDateTime,
        teams: Option<&[TeamId]>,
    ) -> StoreResult<Vec<Submission>>;

    /// Grade overrides since `since`, counted by triage grade, grade given and category.
    async fn override_counts(&self, since: OffsetDateTime) -> StoreResult<Vec<OverrideCount>>;

    /// Raises a submission's triage after something new is known (a DASH result); the
    /// first-contact time moves only when no person has overruled the grade.
    async fn retriage(
        &self,
        id: SubmissionId,
        triage: &Triage,
        first_contact_due: OffsetDateTime,
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
    /// line with these (exact matches; `None` matches nothing).
    async fn earlier_reports(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        address_line: Option<&str>,
        since: OffsetDateTime,
    ) -> StoreResult<u32>;

    /// The submissions `username` took through `channel` (an intermediary's concerns).
    async fn taken_by(&self, username: &str, channel: Channel) -> StoreResult<Vec<Submission>>;

    /// The submissions received through `channel` at or after `from` and before `to`, newest
    /// first, at most `limit`; those whose processing is restricted (DPA 2018 s.47) left out.
    async fn received_through(
        &self,
        channel: Channel,
        from: OffsetDateTime,
        to: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<Submission>>;

    /// A submission by reference.
    async fn submission_by_reference(
        &self,
        reference: &Reference,
    ) -> StoreResult<Option<Submission>>;

    /// A submission by id.
    async fn submission(&self, id: SubmissionId) -> StoreResult<Option<Submission>>;

    /// Submissions by id, in no particular order (those not found are left out).
    async fn submissions(&self, ids: &[SubmissionId]) -> StoreResult<Vec<Submission>>;

    /// A team's queue, one page of it: Immediate and Significant reports whose first contact
    /// is overdue first, then overdue updates, then those awaiting first contact by its time,
    /// then the rest; within each by grade and harm. Restricted records are left out.
    async fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<Submission>>;

    /// How many submissions the queue's filter matches in all (its pages together).
    async fn queue_count(&self, filter: &QueueFilter) -> StoreResult<i64>;

    /// Records the first human contact, with the contact wishes agreed then and the case it
    /// opens (written in the same transaction); false if one was already recorded.
    async fn record_first_contact(
        &self,
        id: SubmissionId,
        contact: &FirstContact,
        wishes: Option<&SafeContact>,
        opening: Option<CaseChange<'_>>,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Adds a note with the messages it causes; an update for the reporter also moves the
    /// next-update-due time (and its case's).
    async fn add_note(
        &self,
        note: &Note,
        next_update_due: Option<OffsetDateTime>,
        messages: &[OutboxMessage],
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Moves a submission to another team's queue, with the reason as a note.
    async fn reassign(&self, note: &Note, team: &TeamId, audit: AuditEvent) -> StoreResult<()>;

    /// A submission's notes, oldest first.
    async fn notes(&self, id: SubmissionId) -> StoreResult<Vec<Note>>;

    /// Submissions that happened between two times (inclusive) with a place inside the box
    /// (south-west and north-east corners, WGS84), nearest in time first, at most `limit`.
    /// A submission placed only by postcode is kept when its postcode's centroid is in the box.
    async fn occurred_near(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
        south_west: (f64, f64),
        north_east: (f64, f64),
        limit: u32,
    ) -> StoreResult<Vec<Submission>>;

    /// Records a read of another team's submission with the reason, with its audit entry.
    async fn record_read_with_reason(
        &self,
        read: &ReadWithReason,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Reads with a reason of these teams' submissions since `since`, newest first.
    async fn reads_with_reason(
        &self,
        teams: &[TeamId],
        since: OffsetDateTime,
    ) -> StoreResult<Vec<ReadWithReason>>;
}
