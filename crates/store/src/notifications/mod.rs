//! Organisations that notify, their notifications (stored once per own id, correlated on
//! arrival), what they may read back, and retention.
//!
//! **Architecture Invariant:** an alert is one per (report, organisation) and carries the
//! strictest marking of the links behind it.

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::notification::NotificationType;
use peel_core::notification::retention::{Covers, Retention};
use peel_core::postcode::Postcode;
use peel_core::{Marking, NotificationId, OrganisationId, UserId};
use time::OffsetDateTime;

use crate::StoreResult;
use crate::linking::FoundIndicator;

pub(crate) use sql::insert_notification_rows;

/// An organisation that sends notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its id (`northbank`), used on the command line and in items' sources.
    pub id: OrganisationId,
    /// Its name.
    pub name: String,
    /// Its sector (bank, insurer, telco, retailer, platform, charity, other).
    pub sector: String,
    /// Who to contact there.
    pub contact: String,
    /// The sharing agreement that covers what it sends.
    pub agreement: String,
    /// The notification types the agreement allows.
    pub allowed_types: Vec<NotificationType>,
    /// The marking given to a notification that carries none.
    pub default_marking: Marking,
    /// Requests a minute it may send over HTTP (each may carry many notifications).
    pub rate_per_minute: i64,
    /// The accounts named to receive its TLP:RED notifications, each an account that exists;
    /// no one else sees them or anything derived from them.
    pub red_recipients: Vec<UserId>,
    /// What the agreement lets it be told of matches: `None` (the default), nothing at all, so
    /// probing Peel with chosen values tells it nothing; `Some(m)`, how many reports or
    /// concerns its notifications matched, counting only links marked at most `m`.
    pub feedback: Option<Marking>,
    /// Whether it sends notifications or its staff send concerns.
    pub kind: peel_core::concern::OrganisationKind,
    /// The number a contact handler calls it back on (an intermediary's; may be empty).
    pub phone: String,
    /// When it was registered.
    pub created_at: OffsetDateTime,
}

/// A checked notification ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    /// Its id in Peel.
    pub id: NotificationId,
    /// The organisation's own id.
    pub own_id: String,
    /// Its type.
    pub kind: NotificationType,
    /// When it happened.
    pub occurred_at: OffsetDateTime,
    /// When Peel received it.
    pub received_at: OffsetDateTime,
    /// Its postcode, if any.
    pub postcode: Option<Postcode>,
    /// Whether it happened online.
    pub online: bool,
    /// Amount in minor units with its currency.
    pub amount: Option<(i64, String)>,
    /// The victim's age band.
    pub victim_age_band: Option<String>,
    /// What happened.
    pub body: String,
    /// Its marking.
    pub marking: Marking,
    /// Its indicators, canonical.
    pub indicators: Vec<FoundIndicator>,
    /// The sender's version of it (MISP's `timestamp`), when the format has versions: a copy
    /// with a newer version than the one held replaces it.
    pub version: Option<i64>,
}

/// A stored notification, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRecord {
    /// Its id in Peel.
    pub id: NotificationId,
    /// Who sent it.
    pub organisation: OrganisationId,
    /// Their id for it.
    pub own_id: String,
    /// Its type.
    pub kind: NotificationType,
    /// Its marking.
    pub marking: Marking,
    /// When Peel received it.
    pub received_at: OffsetDateTime,
}

/// What became of one notification in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored now, with this many links made.
    Accepted {
        /// Links made on arrival.
        links: usize,
        /// The markings of the links made to reports or concerns, one per report (links to
        /// other organisations' notifications are not among them).
        reports: Vec<Marking>,
    },
    /// Received before under the same own id, and this copy is a newer version: the one held
    /// is replaced (same id in Peel; its marking, text and values as now sent) and its links
    /// and alerts made again from its values.
    Updated {
        /// Links made again.
        links: usize,
        /// As for [`IngestOutcome::Accepted`].
        reports: Vec<Marking>,
    },
    /// Already received under the same own id (and, for versioned formats, not newer);
    /// nothing stored.
    Duplicate,
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
    pub kind: NotificationType,
    /// When Peel received it.
    pub received_at: OffsetDateTime,
    /// Its marking.
    pub marking: Marking,
    /// When its details were removed, if they were.
    pub pseudonymised_at: Option<OffsetDateTime>,
    /// How many distinct reports or concerns it links to through links marked at most the
    /// marking asked for; `None` when nothing was asked.
    pub matched_reports: Option<i64>,
}

/// What applying retention to one organisation's notifications of one type did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionOutcome {
    /// Notifications erased (with their links).
    pub erased: u64,
    /// Notifications that linked to nothing, pseudonymised.
    pub pseudonymised: u64,
}

/// Organisations and their notifications.
#[async_trait::async_trait]
pub trait NotificationStore: Send + Sync {
    /// Registers an organisation with its audit events (its registration, and a security
    /// event for each account named to receive its TLP:RED notifications). A taken id is
    /// [`crate::Conflict::Organisation`]; a recipient that is not an account is
    /// [`crate::StoreError::NotFound`].
    async fn create_organisation(
        &self,
        org: &Organisation,
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()>;

    /// An organisation by id.
    async fn organisation(&self, id: &OrganisationId) -> StoreResult<Option<Organisation>>;

    /// Every organisation, by id.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;

    /// Stores a batch of one organisation's notifications in one transaction: each is stored
    /// unless its own id was received before (a duplicate), or replaces the one held when its
    /// version is newer (or the one held has none); each stored one is correlated
    /// with every earlier item sharing an indicator (source: the organisation). `audit` (a
    /// collection) is written with the batch's count; links are audited as combinations.
    async fn ingest_notifications(
        &self,
        organisation: &OrganisationId,
        batch: &[NewNotification],
        cap: usize,
        audit: AuditEvent,
    ) -> StoreResult<Vec<IngestOutcome>>;

    /// Notifications by their ids in Peel, in no particular order (those erased are left out).
    async fn notifications(&self, ids: &[NotificationId]) -> StoreResult<Vec<NotificationRecord>>;

    /// How many notifications an organisation has sent.
    async fn notification_count(&self, organisation: &OrganisationId) -> StoreResult<i64>;

    /// An organisation's notifications after position `after_seq`, oldest first, at most
    /// `limit`, each with how many reports it matched.
    async fn notifications_sent(
        &self,
        organisation: &OrganisationId,
        after_seq: i64,
        limit: u32,
        matches_up_to: Option<Marking>,
    ) -> StoreResult<Vec<SentNotification>>;

    /// An organisation's retention rules.
    async fn retention_rules(
        &self,
        organisation: &OrganisationId,
    ) -> StoreResult<Vec<(Covers, Retention)>>;

    /// Sets an organisation's retention rule for a type (or every type), with `audit`.
    async fn set_retention(
        &self,
        organisation: &OrganisationId,
        covers: Covers,
        rule: Retention,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// The types of notification an organisation has sent that are still held.
    async fn notification_kinds(
        &self,
        organisation: &OrganisationId,
    ) -> StoreResult<Vec<NotificationType>>;

    /// Applies retention to one organisation's notifications of one type, in one transaction:
    /// those received before `erase_before` are erased with their links; those received before
    /// `pseudonymise_before` that link to nothing lose their text, indicators, postcode and
    /// victim details. Each is audited from `audit` (an erasure) with the count, and the
    /// correlation epoch moves so every store forgets the erased values.
    async fn apply_retention(
        &self,
        organisation: &OrganisationId,
        kind: NotificationType,
        erase_before: OffsetDateTime,
        pseudonymise_before: OffsetDateTime,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<RetentionOutcome>;
}
