//! Linking: items' indicators, the links between items sharing a value, values found common,
//! and the alerts an organisation's notifications raise on a report or concern.
//!
//! **Architecture Invariant:** the linking rule is written once, in
//! `peel_link::CorrelationIndex::add`; the store's mirror of the value index is that index.
//!
//! **Architecture Invariant:** rows of the postings, notifications and common values tables
//! are only ever added with a larger `seq`, or removed with the correlation epoch moved in the
//! same transaction; otherwise a store's mirror of the value index would miss them.

mod mirror;
pub(crate) mod plan;
pub(crate) mod sql;

use peel_core::audit::AuditEvent;
use peel_core::notification::AlertStatus;
use peel_core::{AlertId, ItemRef, Marking, NotificationId, OrganisationId, Source};
use peel_link::Kind;
use time::OffsetDateTime;

use crate::StoreResult;

pub(crate) use mirror::MirrorSlot;
pub(crate) use sql::{alert_events, commit_linked};

/// An indicator found in an item, ready to correlate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundIndicator {
    /// Its kind.
    pub kind: Kind,
    /// Its canonical value.
    pub value: String,
    /// Where it was found, in words (`what happened, characters 12 to 26`).
    pub found_in: String,
}

/// An item's indicators (warning-listed values already removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemIndicators {
    /// The item.
    pub item: ItemRef,
    /// Who it came from: the reporter's contact details, or an organisation.
    pub source: Source,
    /// The item's marking.
    pub marking: Marking,
    /// When it arrived.
    pub at: OffsetDateTime,
    /// The indicators.
    pub indicators: Vec<FoundIndicator>,
}

/// A stored link between two items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    /// The earlier item.
    pub earlier: ItemRef,
    /// The later item.
    pub later: ItemRef,
    /// The kind of the shared value.
    pub kind: Kind,
    /// The shared value.
    pub value: String,
    /// The stricter of the two items' markings.
    pub marking: Marking,
    /// Where the value was found in the earlier item.
    pub earlier_found_in: String,
    /// Where it was found in the later one.
    pub later_found_in: String,
    /// When the link was made.
    pub created_at: OffsetDateTime,
}

impl LinkRecord {
    /// The item at the other end from `item`.
    pub fn other(&self, item: ItemRef) -> ItemRef {
        if self.earlier == item {
            self.later
        } else {
            self.earlier
        }
    }

    /// Where the value was found: (in `item`, in the other item).
    pub fn found_in(&self, item: ItemRef) -> (&str, &str) {
        if self.earlier == item {
            (&self.earlier_found_in, &self.later_found_in)
        } else {
            (&self.later_found_in, &self.earlier_found_in)
        }
    }
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
    pub common: Vec<(Kind, String)>,
}

/// A page of alerts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AlertQuery {
    /// Only alerts in this status.
    pub status: Option<AlertStatus>,
    /// Alerts with these markings...
    pub markings: Vec<Marking>,
    /// ...and TLP:RED alerts raised by these organisations (whose RED the reader receives).
    pub red_from: Vec<OrganisationId>,
    /// Only alerts changed before this one, (when, id): the last of the previous page.
    pub before: Option<(OffsetDateTime, AlertId)>,
    /// At most this many.
    pub limit: u32,
}

/// An alert: an organisation's notifications share a value with a report or concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRecord {
    /// Its number.
    pub id: AlertId,
    /// The report or concern.
    pub item: ItemRef,
    /// The notifying organisation.
    pub organisation: OrganisationId,
    /// Its latest notification linked to the item.
    pub notification: NotificationId,
    /// How many of its notifications link to the item.
    pub notifications: i64,
    /// The strictest marking of the links behind it; the alert is read under it.
    pub marking: Marking,
    /// The kind of the latest shared value.
    pub kind: Kind,
    /// The latest shared value.
    pub value: String,
    /// Where it stands.
    pub status: AlertStatus,
    /// When it was raised.
    pub raised_at: OffsetDateTime,
    /// When it last changed.
    pub updated_at: OffsetDateTime,
    /// Who last handled it (a username), and when.
    pub handled: Option<(String, OffsetDateTime)>,
}

/// An alert to raise or add to: one per (item, organisation), so a bank notifying the same mule
/// account again adds to it rather than raising another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertChange {
    /// The report or concern.
    pub item: ItemRef,
    /// The notifying organisation.
    pub organisation: OrganisationId,
    /// Its latest notification linked to the item.
    pub notification: NotificationId,
    /// How many of its notifications this batch linked to the item.
    pub notifications: usize,
    /// The strictest marking of the links.
    pub marking: Marking,
    /// The kind of the latest shared value.
    pub kind: Kind,
    /// The latest shared value.
    pub value: String,
    /// When.
    pub at: OffsetDateTime,
}

/// Links, common values and alerts.
#[async_trait::async_trait]
pub trait LinkingStore: Send + Sync {
    /// Records an item's indicators and links it to every earlier item sharing one, in one
    /// transaction, by the linking rule (`peel_link::CorrelationIndex::add`): a value from more
    /// than `cap` distinct sources is marked common and links nothing more. When links are
    /// made, `audit` (a combination) is written in the same transaction with the linked items
    /// added to its detail, and each alert raised has its own.
    async fn correlate(
        &self,
        item: &ItemIndicators,
        cap: usize,
        audit: AuditEvent,
    ) -> StoreResult<Correlated>;

    /// The links touching an item, oldest first.
    async fn links_of(&self, item: ItemRef) -> StoreResult<Vec<LinkRecord>>;

    /// Which of these values are marked common.
    async fn common_among(&self, values: &[(Kind, String)]) -> StoreResult<Vec<(Kind, String)>>;

    /// Alerts on the fraud team's queue, most recently changed first: one page, filtered by
    /// marking before the limit is applied, so a run of alerts the reader may not see never
    /// hides those they may (finding M-3).
    async fn alerts(&self, query: &AlertQuery) -> StoreResult<Vec<AlertRecord>>;

    /// The alerts on one item (a report or concern).
    async fn alerts_of(&self, item: ItemRef) -> StoreResult<Vec<AlertRecord>>;

    /// One alert.
    async fn alert(&self, id: AlertId) -> StoreResult<Option<AlertRecord>>;

    /// Moves an alert on (taken, closed) by `username`, with `audit` in the same transaction.
    /// False when there is no such alert.
    async fn set_alert_status(
        &self,
        id: AlertId,
        status: AlertStatus,
        username: &str,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;
}
