//! Evidence items: a file on a submission, by its SHA-256 in the blob store, with what was
//! checked at receipt (size, type by content, its own metadata) and who sent it. Every action on
//! an item is an entry in the audit chain under `evidence:<id>` (its chain of custody).

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::evidence::MediaKind;
use peel_core::{SubmissionId, WardCode};
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::StoreResult;

/// An evidence item as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceItem {
    /// Its id.
    pub id: uuid::Uuid,
    /// The submission it was sent for.
    pub submission_id: SubmissionId,
    /// The file's SHA-256 (lower-case hex): its name in the blob store.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its type, by content.
    pub mime: String,
    /// Its broad kind.
    pub kind: MediaKind,
    /// The name it was sent with (shown, never trusted).
    pub original_name: String,
    /// When it arrived.
    pub received_at: OffsetDateTime,
    /// Who sent it (an audit actor reference: `public`, `user:<id>`).
    pub submitted_by: String,
    /// When the camera says it was taken.
    pub taken_at: Option<PrimitiveDateTime>,
    /// Where the camera says it was (latitude, longitude); never shown outside the case.
    pub position: Option<(f64, f64)>,
    /// The ward that position is in.
    pub ward: Option<WardCode>,
    /// The camera's make and model, as the file says.
    pub camera: Option<String>,
    /// A video's or recording's length in milliseconds, as the file says.
    pub duration_ms: Option<u64>,
    /// A photograph's difference hash, for near-identical pictures; it has a thumbnail too.
    pub dhash: Option<u64>,
    /// The item this is a redacted copy of (which is kept).
    pub derived_from: Option<uuid::Uuid>,
}

/// A resumable upload under way (tus 1.0): its file grows in the spool's disk until it is
/// `length` bytes long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceUpload {
    /// Its id: random, the upload's address, known only to whoever made it.
    pub id: uuid::Uuid,
    /// The submission it is for.
    pub submission_id: SubmissionId,
    /// Its length in bytes, as declared when it was made.
    pub length: u64,
    /// The file's name, as the uploader gave it.
    pub filename: String,
    /// Who made it (an audit actor reference).
    pub uploader: String,
    /// When it was made.
    pub created_at: OffsetDateTime,
    /// When it is dropped if not finished.
    pub expires_at: OffsetDateTime,
}

/// A request to a report's reporter for their photos or video: a one-time link sent through
/// the outbox, closed once answered, expiring unanswered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRequest {
    /// Its id.
    pub id: uuid::Uuid,
    /// The report it asks for.
    pub submission_id: SubmissionId,
    /// The digest of the link's token (the token itself is only in the message).
    pub token_digest: String,
    /// What the officer asked for, in their words (shown on the upload page).
    pub note: String,
    /// Who asked (an audit actor reference).
    pub requested_by: String,
    /// When.
    pub created_at: OffsetDateTime,
    /// When the link stops working.
    pub expires_at: OffsetDateTime,
    /// When it was answered; the link works no more.
    pub answered_at: Option<OffsetDateTime>,
    /// The witness it was sent to; `None` is the report's reporter.
    pub addressee: Option<peel_core::contact::Addressee>,
}

/// What a reviewer recorded that an item shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceReview {
    /// Its id.
    pub id: uuid::Uuid,
    /// The item reviewed.
    pub item_id: uuid::Uuid,
    /// The evidence review task it was done under, if any.
    pub task_id: Option<peel_core::TaskId>,
    /// Who reviewed it (an audit actor reference).
    pub reviewer: String,
    /// Who, in words.
    pub reviewer_label: String,
    /// When the review was recorded.
    pub at: OffsetDateTime,
    /// When, in the footage, it happens (the reviewer's words: "21:14:03 on the clip").
    pub seen_at: String,
    /// The people it shows.
    pub people: String,
    /// The vehicles it shows, in the reviewer's words.
    pub vehicles: String,
    /// The registrations among them, normalised (they are indicators).
    pub registrations: Vec<String>,
    /// Whether a face can be made out.
    pub faces_visible: bool,
    /// The offence it shows, if any.
    pub offence: String,
    /// Anything else.
    pub notes: String,
}

/// Evidence items.
#[async_trait::async_trait]
pub trait EvidenceStore: Send + Sync {
    /// Keeps an item, with its custody entry (`evidence.received`, naming the hash), and
    /// correlates its submission by what `linking` holds (the file's hash) in the same
    /// transaction: the same file on two reports links them, with the reason.
    async fn add_evidence(
        &self,
        item: &EvidenceItem,
        thumbnail: Option<&[u8]>,
        audit: AuditEvent,
        linking: Option<crate::Linking>,
    ) -> StoreResult<crate::Correlated>;

    /// An item's thumbnail (a JPEG Peel drew, with no metadata), if it has one.
    async fn evidence_thumbnail(&self, id: uuid::Uuid) -> StoreResult<Option<Vec<u8>>>;

    /// Photographs received since `since` that have a difference hash, newest first, at most
    /// `limit`: the candidates for near-identical pictures.
    async fn evidence_pictures_since(
        &self,
        since: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<EvidenceItem>>;

    /// The items of a submission, oldest first.
    async fn evidence_of(&self, submission: SubmissionId) -> StoreResult<Vec<EvidenceItem>>;

    /// One item.
    async fn evidence_item(&self, id: uuid::Uuid) -> StoreResult<Option<EvidenceItem>>;

    /// Other submissions holding a file with the same SHA-256.
    async fn evidence_with_hash(&self, sha256: &str) -> StoreResult<Vec<EvidenceItem>>;

    /// Records an evidence request with the message carrying its link and its audit entry, in
    /// one transaction.
    async fn add_evidence_request(
        &self,
        request: &EvidenceRequest,
        messages: &[crate::OutboxMessage],
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// The request a link's token digest names, answered or not.
    async fn evidence_request(&self, token_digest: &str) -> StoreResult<Option<EvidenceRequest>>;

    /// The requests sent for a report, newest first.
    async fn evidence_requests_of(
        &self,
        submission: SubmissionId,
    ) -> StoreResult<Vec<EvidenceRequest>>;

    /// Closes a request as answered, with its audit entry; `false` if it was answered already
    /// (a second use of the one-time link).
    async fn answer_evidence_request(
        &self,
        id: uuid::Uuid,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Records a review of an item with its audit entry, correlating the item's report by the
    /// registrations it names in the same transaction.
    async fn add_evidence_review(
        &self,
        review: &EvidenceReview,
        audit: AuditEvent,
        linking: Option<crate::Linking>,
    ) -> StoreResult<crate::Correlated>;

    /// The reviews of a report's items, oldest first.
    async fn evidence_reviews_of(
        &self,
        submission: SubmissionId,
    ) -> StoreResult<Vec<EvidenceReview>>;

    /// A team's evidence awaiting review: items on its reports with no review yet, newest
    /// first, at most `limit`, each with its report's reference.
    async fn evidence_awaiting_review(
        &self,
        team: &peel_core::TeamId,
        limit: u32,
    ) -> StoreResult<Vec<(EvidenceItem, peel_core::reference::Reference)>>;

    /// Records a resumable upload's start.
    async fn add_evidence_upload(&self, upload: &EvidenceUpload) -> StoreResult<()>;

    /// A resumable upload, unless finished, terminated or expired by `now`.
    async fn evidence_upload(
        &self,
        id: uuid::Uuid,
        now: OffsetDateTime,
    ) -> StoreResult<Option<EvidenceUpload>>;

    /// Forgets a resumable upload (finished or terminated).
    async fn remove_evidence_upload(&self, id: uuid::Uuid) -> StoreResult<()>;

    /// Uploads that expired by `now`, whose files may be removed; forgotten as they are given.
    async fn take_expired_evidence_uploads(
        &self,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<EvidenceUpload>>;
}
