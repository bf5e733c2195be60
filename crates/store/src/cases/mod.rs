//! Cases: the submissions that belong together, their officer in charge, stage and outcome,
//! their history, MARAC referrals, and the satisfaction survey at closure.
//!
//! **Architecture Invariant:** a submission is in at most one case, and its stage and
//! next-update time follow its case's, written in the same transaction as the case's change.

mod sql;

pub(crate) use sql::{open_case_in, write_event};

use peel_core::audit::AuditEvent;
use peel_core::case::{CaseStage, Outcome};
use peel_core::submission::Channel;
use peel_core::{CaseId, SubmissionId, TeamId, UserId};
use time::OffsetDateTime;

use crate::StoreResult;
use crate::outbox::OutboxMessage;

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Its id.
    pub id: CaseId,
    /// The team that works it.
    pub team: TeamId,
    /// The officer in charge.
    pub owner: Option<UserId>,
    /// Their username, as shown.
    pub owner_name: Option<String>,
    /// Where it stands.
    pub stage: CaseStage,
    /// Whether the victim has enhanced rights under the Victims' Code.
    pub enhanced_rights: bool,
    /// The door the first submission came in by.
    pub first_channel: Channel,
    /// How it ended, once closed.
    pub outcome: Option<Outcome>,
    /// The case it was merged into.
    pub merged_into: Option<CaseId>,
    /// When the victim's next update is due.
    pub next_update_due: Option<OffsetDateTime>,
    /// When the officer owes the reporter a reply to what they sent.
    pub reply_due: Option<OffsetDateTime>,
    /// When it was opened.
    pub opened_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// When it was closed.
    pub closed_at: Option<OffsetDateTime>,
}

/// One thing that happened to a case, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    /// Its id.
    pub id: uuid::Uuid,
    /// The case.
    pub case_id: CaseId,
    /// When.
    pub at: OffsetDateTime,
    /// Who (a username).
    pub author: String,
    /// What (`opened`, `stage`, `owner`, `closed`, `reopened`, `merged`, `split`, `joined`, `marac`).
    pub kind: String,
    /// In words.
    pub detail: String,
}

impl CaseEvent {
    /// A new event.
    pub fn new(
        case_id: CaseId,
        at: OffsetDateTime,
        author: &str,
        kind: &str,
        detail: String,
    ) -> CaseEvent {
        CaseEvent {
            id: uuid::Uuid::now_v7(),
            case_id,
            at,
            author: author.to_owned(),
            kind: kind.to_owned(),
            detail,
        }
    }
}

/// A MARAC referral, an item of its own with its actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaracReferral {
    /// Its id.
    pub id: uuid::Uuid,
    /// The case.
    pub case_id: CaseId,
    /// When referred.
    pub referred_at: OffsetDateTime,
    /// By whom.
    pub referred_by: String,
    /// The conference's date, once known (`YYYY-MM-DD`).
    pub conference_on: Option<time::Date>,
    /// Why (the criteria met, or the professional judgement).
    pub reason: String,
    /// The actions agreed.
    pub actions: Vec<MaracAction>,
}

/// One action from a MARAC, with its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaracAction {
    /// Its id.
    pub id: uuid::Uuid,
    /// What.
    pub action: String,
    /// Who does it (an agency or person).
    pub owner: String,
    /// By when.
    pub due_at: OffsetDateTime,
    /// When done.
    pub done_at: Option<OffsetDateTime>,
}

/// A survey sent at closure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    /// Its id.
    pub id: uuid::Uuid,
    /// The case.
    pub case_id: CaseId,
    /// Digest of the one-time link's token.
    pub token_digest: String,
    /// The channel of first contact.
    pub channel: Channel,
    /// The reporter's self-described community, if they gave it.
    pub community: Option<String>,
    /// When sent.
    pub sent_at: OffsetDateTime,
    /// When answered, once.
    pub answered_at: Option<OffsetDateTime>,
}

/// The answers, each on the 5-point scale (1 very dissatisfied to 5 very satisfied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyAnswers {
    /// Ease of contact.
    pub ease: i64,
    /// Being kept informed.
    pub kept_informed: i64,
    /// How they were treated.
    pub treatment: i64,
    /// The whole experience.
    pub whole_experience: i64,
}

/// One answered survey as analysts see it: no case, no reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyResult {
    /// The channel of first contact.
    pub channel: Channel,
    /// Their community, if given.
    pub community: Option<String>,
    /// The answers.
    pub answers: SurveyAnswers,
}

/// A change to a case, written whole with what it causes.
#[derive(Debug, Clone)]
pub struct CaseChange<'a> {
    /// The case as it is after the change.
    pub case: &'a Case,
    /// What happened.
    pub event: CaseEvent,
    /// The messages it causes.
    pub messages: &'a [OutboxMessage],
    /// A survey to send (at closure).
    pub survey: Option<&'a Survey>,
    /// The audit entry.
    pub audit: AuditEvent,
}

/// Cases and what hangs on them.
#[async_trait::async_trait]
pub trait CaseStore: Send + Sync {
    /// Opens a case holding these submissions (none already in a case), with what it causes.
    async fn open_case(
        &self,
        change: CaseChange<'_>,
        submissions: &[SubmissionId],
    ) -> StoreResult<()>;

    /// Writes a case's new state (stage, owner, outcome, clocks) with what it causes; the
    /// submissions in it follow its stage and next-update time.
    async fn update_case(&self, change: CaseChange<'_>) -> StoreResult<()>;

    /// Adds a submission to a case.
    async fn join_case(&self, change: CaseChange<'_>, submission: SubmissionId) -> StoreResult<()>;

    /// Merges `from` into `into`: its submissions move, it is marked merged; both changes are
    /// written with their events in one transaction.
    async fn merge_cases(&self, into: CaseChange<'_>, from: CaseChange<'_>) -> StoreResult<()>;

    /// Splits: a new case is opened and these submissions move to it from `from`.
    async fn split_case(
        &self,
        from: CaseChange<'_>,
        new: CaseChange<'_>,
        moved: &[SubmissionId],
    ) -> StoreResult<()>;

    /// A case.
    async fn case(&self, id: CaseId) -> StoreResult<Option<Case>>;

    /// The case a submission is in.
    async fn case_of(&self, submission: SubmissionId) -> StoreResult<Option<Case>>;

    /// A case's submissions, oldest first.
    async fn case_submissions(&self, id: CaseId) -> StoreResult<Vec<SubmissionId>>;

    /// A case's history, oldest first.
    async fn case_events(&self, id: CaseId) -> StoreResult<Vec<CaseEvent>>;

    /// Cases being worked by these teams, or owned by this officer; overdue updates first.
    async fn open_cases(&self, teams: &[TeamId], owner: Option<UserId>) -> StoreResult<Vec<Case>>;

    /// Records a MARAC referral with its actions.
    async fn add_marac_referral(
        &self,
        referral: &MaracReferral,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// A case's MARAC referrals with their actions.
    async fn marac_referrals(&self, case: CaseId) -> StoreResult<Vec<MaracReferral>>;

    /// Marks a MARAC action done.
    async fn complete_marac_action(
        &self,
        action: uuid::Uuid,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// The survey of a one-time link's token digest.
    async fn survey_by_token(&self, digest: &str) -> StoreResult<Option<Survey>>;

    /// Stores the answers once; false if it had been answered.
    async fn answer_survey(
        &self,
        id: uuid::Uuid,
        answers: SurveyAnswers,
        comment: Option<&str>,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Every answered survey, with channel and community only.
    async fn survey_results(&self) -> StoreResult<Vec<SurveyResult>>;
}
