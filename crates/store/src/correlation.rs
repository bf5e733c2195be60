//! Correlating a batch of items in memory, so that a batch of ten thousand notifications costs
//! a handful of statements rather than several per notification.
//!
//! Linking needs, for each value, the latest posting of each source (`peel_link::decide`).
//! Keeping that as a table meant a write to a random page of a large index for nearly every
//! value, which bounded a bulk import to tens of thousands a second; instead each store keeps
//! a [`Mirror`] of it in memory, built from the postings, the notifications' own indicators
//! and the common values, and brought up to date at the start of every correlating transaction
//! from the rows added since (by `seq`, under the correlation lock, so nothing is missed even
//! when another process wrote them). Anything that removes postings bumps an epoch, and every
//! mirror is rebuilt. A mirror taken for a transaction is put back only once it commits.
//!
//! Pure: the backend loads the rows, calls [`plan`], and writes the [`Plan`] with multi-row
//! statements in the same transaction. Items in one batch link to each other exactly as they
//! would arriving one at a time.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use peel_core::Marking;
use peel_link::Kind;
use time::OffsetDateTime;

use crate::{Correlated, FoundIndicator, LinkRecord};

/// The prefix of an organisation's source; an item from one is a notification.
pub(crate) const ORGANISATION_SOURCE: &str = "organisation:";

/// One item to correlate, borrowed from whatever holds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub item: &'a str,
    pub source: &'a str,
    pub marking: Marking,
    pub at: OffsetDateTime,
    pub indicators: &'a [FoundIndicator],
    /// Whether its postings are written to the postings table (a notification's are its own
    /// row's indicators).
    pub record_postings: bool,
}

/// The latest posting of a value from one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Latest {
    pub source: Arc<str>,
    pub item: Arc<str>,
    pub marking: Marking,
    pub found_in: Arc<str>,
    pub at: OffsetDateTime,
}

/// A value's latest posting per source; the first inline, since most values have one source.
#[derive(Debug, Clone)]
struct PerSource {
    first: Latest,
    more: Vec<Latest>,
}

impl PerSource {
    fn iter(&self) -> impl Iterator<Item = &Latest> {
        std::iter::once(&self.first).chain(&self.more)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        1 + self.more.len()
    }

    /// Makes `latest` its source's latest, unless that source already has a later one.
    fn post(&mut self, latest: Latest) {
        let slot = if self.first.source == latest.source {
            Some(&mut self.first)
        } else {
            self.more.iter_mut().find(|l| l.source == latest.source)
        };
        match slot {
            Some(slot) if slot.at <= latest.at => *slot = latest,
            Some(_) => {}
            None => self.more.push(latest),
        }
    }
}

fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The value index in memory: each value's latest posting per source, and the common values.
/// The sequence numbers say how far into each table it has read.
#[derive(Debug)]
pub(crate) struct Mirror {
    values: Vec<HashMap<Box<str>, PerSource>>,
    common: Vec<HashSet<Box<str>>>,
    names: HashSet<Arc<str>>,
    /// The epoch it was built in.
    pub epoch: i64,
    /// The last postings row read.
    pub postings_seq: i64,
    /// The last notifications row read.
    pub notifications_seq: i64,
    /// The last common value read.
    pub common_seq: i64,
}

impl Mirror {
    /// An empty mirror for `epoch`.
    pub fn new(epoch: i64) -> Mirror {
        Mirror {
            values: Kind::ALL.iter().map(|_| HashMap::new()).collect(),
            common: Kind::ALL.iter().map(|_| HashSet::new()).collect(),
            names: HashSet::new(),
            epoch,
            postings_seq: 0,
            notifications_seq: 0,
            common_seq: 0,
        }
    }

    /// One shared copy of a name (a source, an item's place), however often it recurs.
    pub fn intern(&mut self, name: &str) -> Arc<str> {
        if let Some(shared) = self.names.get(name) {
            return shared.clone();
        }
        let shared: Arc<str> = name.into();
        self.names.insert(shared.clone());
        shared
    }

    /// Records a posting; nothing for a common value.
    pub fn post(&mut self, kind: Kind, value: &str, latest: Latest) {
        if self.is_common(kind, value) {
            return;
        }
        let Some(values) = self.values.get_mut(kind_index(kind)) else {
            return;
        };
        match values.get_mut(value) {
            Some(per_source) => per_source.post(latest),
            None => {
                values.insert(
                    value.into(),
                    PerSource {
                        first: latest,
                        more: Vec::new(),
                    },
                );
            }
        }
    }

    /// Marks a value common: it keeps no postings from now on.
    pub fn mark_common(&mut self, kind: Kind, value: &str) {
        let at = kind_index(kind);
        if let Some(values) = self.values.get_mut(at) {
            values.remove(value);
        }
        if let Some(common) = self.common.get_mut(at) {
            common.insert(value.into());
        }
    }

    /// Whether a value is common.
    pub fn is_common(&self, kind: Kind, value: &str) -> bool {
        self.common
            .get(kind_index(kind))
            .is_some_and(|c| c.contains(value))
    }

    /// A value's latest posting per source, oldest first.
    fn latest(&self, kind: Kind, value: &str) -> Vec<&Latest> {
        let mut out: Vec<&Latest> = self
            .values
            .get(kind_index(kind))
            .and_then(|v| v.get(value))
            .map(|p| p.iter().collect())
            .unwrap_or_default();
        out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.item.cmp(&b.item)));
        out
    }

    /// How many distinct values it holds (not counting common ones).
    pub fn len(&self) -> usize {
        self.values.iter().map(HashMap::len).sum()
    }

    /// How many sources a value has (for tests).
    #[cfg(test)]
    fn sources(&self, kind: Kind, value: &str) -> usize {
        self.values
            .get(kind_index(kind))
            .and_then(|v| v.get(value))
            .map_or(0, PerSource::len)
    }
}

/// Where a store keeps its mirror; `None` until first needed, and while a transaction has it.
pub(crate) type MirrorSlot = Arc<tokio::sync::Mutex<Option<Mirror>>>;

/// The mirror, taken for one transaction with the slot locked. [`Held::restore`] puts it
/// back once the transaction has committed; dropped without that (an error, a rollback), the
/// slot is left empty and the next transaction rebuilds the mirror from the database.
pub(crate) struct Held<'m> {
    guard: tokio::sync::MutexGuard<'m, Option<Mirror>>,
    /// The mirror, while held.
    pub mirror: Option<Mirror>,
}

impl<'m> Held<'m> {
    /// Locks the slot and takes what is in it.
    pub async fn take(slot: &'m MirrorSlot) -> Held<'m> {
        let mut guard = slot.lock().await;
        let mirror = guard.take();
        Held { guard, mirror }
    }

    /// Puts the mirror back, after the transaction committed.
    pub fn restore(mut self) {
        *self.guard = self.mirror.take();
    }
}

/// One posting to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PostingRow<'a> {
    pub kind: Kind,
    pub value: &'a str,
    pub item: &'a str,
    pub source: &'a str,
    pub marking: Marking,
    pub found_in: &'a str,
    pub at: OffsetDateTime,
}

/// A value crossing the cap in this batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewlyCommon {
    pub kind: Kind,
    pub value: String,
    pub sources: usize,
    pub at: OffsetDateTime,
}

/// An alert to raise or add to: an organisation's notifications share a value with an item
/// that is not a notification (a report, a concern). One alert per (item, organisation): a
/// bank notifying the same mule account again adds to it rather than raising another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertChange {
    /// The report or concern, as `submission:…`.
    pub item: String,
    /// The notifying organisation's id.
    pub organisation_id: String,
    /// Its latest notification linked to the item, as `notification:…`.
    pub notification: String,
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

/// What a batch does to the store.
#[derive(Debug, Default)]
pub(crate) struct Plan<'a> {
    /// Per item, in order: its links and its values found common.
    pub correlated: Vec<Correlated>,
    pub postings: Vec<PostingRow<'a>>,
    pub newly_common: Vec<NewlyCommon>,
    pub alerts: Vec<AlertChange>,
}

/// Applies the linking rule to each item in turn, updating the mirror as it goes.
pub(crate) fn plan<'a>(items: &[Item<'a>], mirror: &mut Mirror, cap: usize) -> Plan<'a> {
    let mut plan = Plan::default();
    let mut alerts: Vec<(AlertChange, HashSet<String>)> = Vec::new();
    let mut alert_at: HashMap<(String, String), usize> = HashMap::new();
    for item in items {
        let mut out = Correlated::default();
        let posting = peel_link::Posting {
            item: item.item.to_owned(),
            source: item.source.to_owned(),
            marking: item.marking,
        };
        let source = mirror.intern(item.source);
        let name: Arc<str> = item.item.into();
        let mut seen = HashSet::new();
        for found in item.indicators {
            let (kind, value) = (found.kind, found.value.as_str());
            if !seen.insert((kind, value)) {
                continue;
            }
            if item.record_postings {
                plan.postings.push(PostingRow {
                    kind,
                    value,
                    item: item.item,
                    source: item.source,
                    marking: item.marking,
                    found_in: &found.found_in,
                    at: item.at,
                });
            }
            let latest = mirror.latest(kind, value);
            let own = latest.iter().any(|l| *l.source == *item.source);
            let state = peel_link::ValueState {
                sources: latest.len() + usize::from(!own),
                common: mirror.is_common(kind, value),
                postings: latest
                    .iter()
                    .map(|l| peel_link::Posting {
                        item: l.item.to_string(),
                        source: l.source.to_string(),
                        marking: l.marking,
                    })
                    .collect(),
            };
            match peel_link::decide(kind, value, &state, &posting, cap) {
                peel_link::Decision::Link(links) => {
                    for link in links {
                        let Some(earlier) = latest.iter().find(|l| *l.item == *link.earlier) else {
                            continue;
                        };
                        if let Some((report, organisation, notification)) =
                            alert_ends(earlier, item)
                        {
                            let key = (report.to_owned(), organisation.to_owned());
                            let at = *alert_at.entry(key).or_insert_with(|| {
                                alerts.push((
                                    AlertChange {
                                        item: report.to_owned(),
                                        organisation_id: organisation.to_owned(),
                                        notification: notification.to_owned(),
                                        notifications: 0,
                                        marking: link.marking,
                                        kind,
                                        value: value.to_owned(),
                                        at: item.at,
                                    },
                                    HashSet::new(),
                                ));
                                alerts.len() - 1
                            });
                            if let Some((alert, notifications)) = alerts.get_mut(at) {
                                notifications.insert(notification.to_owned());
                                alert.notifications = notifications.len();
                                alert.notification = notification.to_owned();
                                alert.marking = Marking::strictest([alert.marking, link.marking]);
                                alert.kind = kind;
                                alert.value = value.to_owned();
                                alert.at = item.at;
                            }
                        }
                        out.links.push(LinkRecord {
                            earlier: earlier.item.to_string(),
                            later: item.item.to_owned(),
                            kind,
                            value: value.to_owned(),
                            marking: link.marking,
                            earlier_found_in: earlier.found_in.to_string(),
                            later_found_in: found.found_in.clone(),
                            created_at: item.at,
                        });
                    }
                    let found_in = mirror.intern(&found.found_in);
                    mirror.post(
                        kind,
                        value,
                        Latest {
                            source: source.clone(),
                            item: name.clone(),
                            marking: item.marking,
                            found_in,
                            at: item.at,
                        },
                    );
                }
                peel_link::Decision::Common { newly } => {
                    if newly {
                        mirror.mark_common(kind, value);
                        plan.newly_common.push(NewlyCommon {
                            kind,
                            value: value.to_owned(),
                            sources: state.sources,
                            at: item.at,
                        });
                    }
                    out.common.push((kind, value.to_owned()));
                }
            }
        }
        plan.correlated.push(out);
    }
    plan.alerts = alerts.into_iter().map(|(alert, _)| alert).collect();
    plan
}

/// When a link joins a notification and an item that is not one: (that item, the
/// organisation, the notification).
fn alert_ends<'b>(earlier: &'b Latest, later: &'b Item<'_>) -> Option<(&'b str, &'b str, &'b str)> {
    let org = |source: &'b str| source.strip_prefix(ORGANISATION_SOURCE);
    match (org(&earlier.source), org(later.source)) {
        (Some(organisation), None) => Some((later.item, organisation, &earlier.item)),
        (None, Some(organisation)) => Some((&earlier.item, organisation, later.item)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(kind: Kind, value: &str, found_in: &str) -> FoundIndicator {
        FoundIndicator {
            kind,
            value: value.to_owned(),
            found_in: found_in.to_owned(),
        }
    }

    fn at(seconds: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_790_000_000 + seconds).unwrap()
    }

    fn latest(source: &str, item: &str, found_in: &str, seconds: i64) -> Latest {
        Latest {
            source: source.into(),
            item: item.into(),
            marking: Marking::Amber,
            found_in: found_in.into(),
            at: at(seconds),
        }
    }

    const ACCOUNT: &str = "123456-12345678";

    #[test]
    fn a_batch_chains_its_own_source_and_raises_one_alert_per_report_and_organisation() {
        let account = [found(Kind::BankAccount, ACCOUNT, "indicators")];
        let names: Vec<String> = (0..3).map(|i| format!("notification:{i}")).collect();
        let items: Vec<Item<'_>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| Item {
                item: name,
                source: "organisation:northbank",
                marking: if i == 1 { Marking::Red } else { Marking::Amber },
                at: at(i as i64),
                indicators: &account,
                record_postings: false,
            })
            .collect();
        let mut mirror = Mirror::new(0);
        mirror.post(
            Kind::BankAccount,
            ACCOUNT,
            latest(
                "reporter:+447700900001",
                "submission:r",
                "description 10..25",
                -60,
            ),
        );
        let plan = plan(&items, &mut mirror, 50);
        let linked: Vec<Vec<&str>> = plan
            .correlated
            .iter()
            .map(|c| c.links.iter().map(|l| l.earlier.as_str()).collect())
            .collect();
        assert_eq!(
            linked,
            vec![
                vec!["submission:r"],
                vec!["submission:r", "notification:0"],
                vec!["submission:r", "notification:1"],
            ]
        );
        assert_eq!(
            plan.correlated[0].links[0].earlier_found_in,
            "description 10..25"
        );
        assert_eq!(plan.alerts.len(), 1, "{:?}", plan.alerts);
        let alert = &plan.alerts[0];
        assert_eq!(
            (alert.item.as_str(), alert.organisation_id.as_str()),
            ("submission:r", "northbank")
        );
        assert_eq!(alert.notifications, 3);
        assert_eq!(alert.notification, "notification:2");
        assert_eq!(alert.marking, Marking::Red, "the strictest of the links");
        assert!(
            plan.postings.is_empty(),
            "a notification's postings are its row"
        );
        assert_eq!(
            mirror.sources(Kind::BankAccount, ACCOUNT),
            2,
            "the reporter and the bank, whose latest is its third"
        );
        assert_eq!(
            mirror.latest(Kind::BankAccount, ACCOUNT)[1].item.as_ref(),
            "notification:2"
        );
    }

    #[test]
    fn a_value_crossing_the_cap_is_marked_once_and_forgotten() {
        let phone = [found(Kind::Phone, "+447700900123", "text")];
        let names: Vec<(String, String)> = (0..4)
            .map(|i| (format!("submission:{i}"), format!("reporter:{i}")))
            .collect();
        let items: Vec<Item<'_>> = names
            .iter()
            .map(|(item, source)| Item {
                item,
                source,
                marking: Marking::Green,
                at: at(0),
                indicators: &phone,
                record_postings: true,
            })
            .collect();
        let mut mirror = Mirror::new(0);
        let plan = plan(&items, &mut mirror, 2);
        assert_eq!(plan.newly_common.len(), 1);
        assert_eq!(plan.newly_common[0].sources, 3);
        assert_eq!(plan.correlated[1].links.len(), 1);
        assert!(plan.correlated[2].links.is_empty());
        assert_eq!(plan.correlated[3].common.len(), 1, "still common after");
        assert_eq!(plan.postings.len(), 4, "every posting is still recorded");
        assert!(mirror.is_common(Kind::Phone, "+447700900123"));
        assert_eq!(mirror.len(), 0, "a common value keeps no postings");
        assert!(plan.alerts.is_empty(), "no organisation involved");
    }

    #[test]
    fn a_late_arriving_older_posting_never_replaces_a_newer_one() {
        let mut mirror = Mirror::new(0);
        mirror.post(
            Kind::Phone,
            "+447700900123",
            latest("a", "submission:2", "x", 10),
        );
        mirror.post(
            Kind::Phone,
            "+447700900123",
            latest("a", "submission:1", "x", 5),
        );
        mirror.post(
            Kind::Phone,
            "+447700900123",
            latest("b", "submission:3", "x", 1),
        );
        let got: Vec<&str> = mirror
            .latest(Kind::Phone, "+447700900123")
            .iter()
            .map(|l| l.item.as_ref())
            .collect();
        assert_eq!(got, vec!["submission:3", "submission:2"], "oldest first");
    }

    #[test]
    fn names_are_shared() {
        let mut mirror = Mirror::new(0);
        let a = mirror.intern("organisation:northbank");
        let b = mirror.intern("organisation:northbank");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
