//! The outbox: every message to a reporter, victim or witness, written in the transaction of
//! the change that causes it and sent after commit by a worker; and what reporters send back.
//!
//! **Architecture Invariant:** a message is only ever added by the same transaction as the
//! change that causes it (through [`insert_messages`]), so a change is never committed without
//! its messages nor a message without its change. A message once `sent` is never claimed
//! again; one left `sending` by a worker that died is claimed again after its lease, with the
//! same `Message-ID`.

mod sql;

pub(crate) use sql::{insert_messages, read_addressee};

use peel_core::audit::AuditEvent;
use peel_core::contact::Addressee;
use peel_core::message::{FromReporter, Purpose, Status};
use peel_core::{CaseId, MessageId, SubmissionId};
use time::OffsetDateTime;

use crate::StoreResult;

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Its id.
    pub id: MessageId,
    /// Whose report it is about (the recipient is that report's reporter).
    pub submission_id: SubmissionId,
    /// The case, if any.
    pub case_id: Option<CaseId>,
    /// What it is for.
    pub purpose: Purpose,
    /// The subject (email) or first line.
    pub subject: String,
    /// The whole message.
    pub body: String,
    /// The RFC 5322 `Message-ID`, the same on every attempt (`<uuid@host>`).
    pub message_id: String,
    /// Where it stands.
    pub status: Status,
    /// The channel it went (or is to go) by, once decided (`email`, `text`, `phone`).
    pub channel: Option<String>,
    /// `full` or `neutral`, once sent.
    pub content: Option<String>,
    /// How many times a send was tried.
    pub attempts: i64,
    /// When it was written.
    pub created_at: OffsetDateTime,
    /// When it should have reached them by; past this, a message that cannot go becomes a
    /// call task.
    pub due_at: OffsetDateTime,
    /// When the worker should next look at it.
    pub next_attempt_at: OffsetDateTime,
    /// A worker has it until then.
    pub claimed_until: Option<OffsetDateTime>,
    /// When the provider accepted it.
    pub sent_at: Option<OffsetDateTime>,
    /// Why it waits, or why it is a call task or never sent (a slug or words).
    pub wait_reason: Option<String>,
    /// The last error from the provider.
    pub last_error: Option<String>,
    /// The provider's own id (GOV.UK Notify's notification id).
    pub provider_id: Option<String>,
    /// Someone other than the reporter it is for (a witness asked for evidence); `None` is
    /// the report's reporter, under their safe-contact wishes.
    pub addressee: Option<Addressee>,
}

/// What a new message says, to whom and by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Whose report it is about.
    pub submission_id: SubmissionId,
    /// The case, if any.
    pub case_id: Option<CaseId>,
    /// What it is for.
    pub purpose: Purpose,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// When it should reach them by.
    pub due_at: OffsetDateTime,
}

impl OutboxMessage {
    /// A new message, queued to go as soon as it is safe; its Message-ID names `host`.
    pub fn queued(draft: Draft, host: &str, now: OffsetDateTime) -> OutboxMessage {
        let id = MessageId(uuid::Uuid::now_v7());
        let Draft {
            submission_id,
            case_id,
            purpose,
            subject,
            body,
            due_at,
        } = draft;
        OutboxMessage {
            id,
            submission_id,
            case_id,
            purpose,
            subject,
            body,
            message_id: format!("<{}@{host}>", id.0),
            status: Status::Queued,
            channel: None,
            content: None,
            attempts: 0,
            created_at: now,
            due_at,
            next_attempt_at: now,
            claimed_until: None,
            sent_at: None,
            wait_reason: None,
            last_error: None,
            provider_id: None,
            addressee: None,
        }
    }
}

/// What became of one attempt to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// The provider accepted it.
    Sent {
        /// The channel.
        channel: String,
        /// `full` or `neutral`.
        content: String,
        /// The provider's id, if it gave one.
        provider_id: Option<String>,
        /// When.
        at: OffsetDateTime,
    },
    /// Not safe now: look again at `retry_at`.
    Wait {
        /// Why (a [`peel_core::contact::WaitReason`] slug).
        reason: String,
        /// When to look again.
        retry_at: OffsetDateTime,
    },
    /// The provider failed for now: try again at `retry_at`.
    Retry {
        /// The error.
        error: String,
        /// When.
        retry_at: OffsetDateTime,
    },
    /// A person must call instead.
    CallTask {
        /// Why.
        reason: String,
    },
    /// Never to be sent.
    Never {
        /// Why.
        reason: String,
    },
}

/// What the reporter sent from their status page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReporterMessage {
    /// Its id.
    pub id: uuid::Uuid,
    /// The report.
    pub submission_id: SubmissionId,
    /// When.
    pub at: OffsetDateTime,
    /// What kind.
    pub kind: FromReporter,
    /// Their words.
    pub body: String,
    /// For a call back: when it is safe, in their words.
    pub call_back_when: Option<String>,
}

/// The outbox and the messages that come back.
#[async_trait::async_trait]
pub trait OutboxStore: Send + Sync {
    /// Adds messages on their own (with their audit entries), where no other change causes them.
    async fn enqueue(&self, messages: &[OutboxMessage], audit: Vec<AuditEvent>) -> StoreResult<()>;

    /// Claims up to `limit` messages due by `now` (queued or waiting past their next attempt,
    /// or left sending by a worker whose lease ended), each for `lease`; a message claimed by
    /// another worker in the meantime is skipped.
    async fn claim_due(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>>;

    /// Records what became of an attempt, with its audit entry (none for a wait or a retry).
    async fn settle(
        &self,
        id: MessageId,
        settled: &Settled,
        audit: Option<AuditEvent>,
    ) -> StoreResult<()>;

    /// Records what became of a batch of attempts in one transaction, with their audit
    /// entries.
    async fn settle_all(
        &self,
        settled: &[(MessageId, Settled)],
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()>;

    /// A report's messages, oldest first.
    async fn messages_of(&self, submission: SubmissionId) -> StoreResult<Vec<OutboxMessage>>;

    /// Messages that have become call tasks, not yet made, on these teams' submissions, oldest
    /// due first.
    async fn call_tasks(&self, teams: &[peel_core::TeamId]) -> StoreResult<Vec<OutboxMessage>>;

    /// A message.
    async fn message(&self, id: MessageId) -> StoreResult<Option<OutboxMessage>>;

    /// Stores what a reporter sent, moving the case's reply clock to `reply_due`, with its
    /// audit entry.
    async fn add_reporter_message(
        &self,
        message: &ReporterMessage,
        reply_due: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// What the reporter sent, oldest first.
    async fn reporter_messages(
        &self,
        submission: SubmissionId,
    ) -> StoreResult<Vec<ReporterMessage>>;
}
