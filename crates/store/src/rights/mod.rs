//! The rights of the people in the data (issue 18; DOMAIN.md 9.4 and 9.5): finding everything
//! held about a person, their requests and the one-month clock, restriction of processing, the
//! review and retention queue, and erasure.
//!
//! **Architecture Invariant:** erasing a report removes it and everything hanging from it (notes,
//! DASH checklists, indicators, links, alerts, messages, evidence items and their reviews, case
//! membership, reads with a reason) in one transaction with its audit entry, and moves the
//! correlation epoch so no store's mirror of the value index keeps its values. The audit chain,
//! which is also the evidence's chain of custody, is never erased.

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::reference::Reference;
use peel_core::retention::Right;
use peel_core::{ItemRef, SubmissionId};
use peel_link::Kind;
use time::{Date, OffsetDateTime};

use crate::StoreResult;
use crate::submissions::Submission;

/// A data subject's request and its clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectRequest {
    /// Its id.
    pub id: uuid::Uuid,
    /// The right exercised.
    pub right: Right,
    /// How the person was described: the contact details and name searched for.
    pub subject: String,
    /// The day it was received.
    pub received: Date,
    /// The day it must be answered by (one month later).
    pub due: Date,
    /// Who recorded it (an audit actor reference).
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: OffsetDateTime,
    /// When it was answered, once it was.
    pub answered_at: Option<OffsetDateTime>,
    /// What was done, in words, once answered.
    pub outcome: Option<String>,
}

/// What erasing a report removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erased {
    /// The report's reference (kept in the audit trail).
    pub reference: Reference,
    /// Links to or from it removed.
    pub links: u64,
    /// Evidence items removed.
    pub evidence_items: u64,
    /// The files (by SHA-256) no other evidence item holds, for the caller to remove from the
    /// blob store once this has committed.
    pub unheld_files: Vec<String>,
    /// Resumable uploads under way, whose partial files the caller removes after commit.
    pub uploads: Vec<uuid::Uuid>,
}

/// Subject access, restriction, review and erasure.
#[async_trait::async_trait]
pub trait RightsStore: Send + Sync {
    /// Reports and concerns whose reporter's contact details are any of these: the email or
    /// phone as stored (canonical), or the name without regard to case. Oldest first.
    async fn held_about(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        name: Option<&str>,
    ) -> StoreResult<Vec<Submission>>;

    /// The items (reports, concerns, notifications) whose indicators hold any of these values.
    async fn items_holding(&self, values: &[(Kind, String)]) -> StoreResult<Vec<ItemRef>>;

    /// Records a request with its audit entry, in one transaction.
    async fn add_subject_request(
        &self,
        request: &SubjectRequest,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Marks a request answered with what was done; false when there is no such open request.
    async fn answer_subject_request(
        &self,
        id: uuid::Uuid,
        at: OffsetDateTime,
        outcome: &str,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Every request: open ones first, soonest due first, then answered ones newest first.
    async fn subject_requests(&self) -> StoreResult<Vec<SubjectRequest>>;

    /// Reports and concerns whose review fell due on or before `today`, longest overdue first;
    /// at most `limit`.
    async fn review_queue(&self, today: Date, limit: u32) -> StoreResult<Vec<Submission>>;

    /// Moves a report's review on to `next_review` (a review that retains it), with its audit
    /// entry; false when there is no such report.
    async fn retain(
        &self,
        id: SubmissionId,
        next_review: Date,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Restricts processing of a report with the reason, or lifts the restriction (`None`),
    /// with its audit entry; false when there is no such report.
    async fn restrict(
        &self,
        id: SubmissionId,
        reason: Option<&str>,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Corrects a report's reporter's name, email or phone (each `Some` replaces, an empty
    /// string clears) with its audit entry; false when there is no such report.
    async fn rectify_contact(
        &self,
        id: SubmissionId,
        change: &ContactCorrection,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Erases a report and everything hanging from it (see the module's invariant), with its
    /// audit entry; `None` when there is no such report.
    async fn erase_submission(
        &self,
        id: SubmissionId,
        audit: AuditEvent,
    ) -> StoreResult<Option<Erased>>;
}

/// A correction of a reporter's contact details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactCorrection {
    /// The name, when it changes (empty: removed).
    pub name: Option<String>,
    /// The email, canonical, when it changes (empty: removed).
    pub email: Option<String>,
    /// The phone, canonical, when it changes (empty: removed).
    pub phone: Option<String>,
    /// The old values, as the linking engine indexed them, to remove from the report's
    /// indicators and links (the correlation epoch moves when there are any).
    pub forget: Vec<(Kind, String)>,
}
