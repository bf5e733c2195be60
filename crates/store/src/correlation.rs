//! Correlating a batch of items in memory, against what the store holds about their values,
//! so that a batch of ten thousand notifications costs a handful of statements rather than
//! several per notification. Pure: the backend reads [`Known`] for the batch's values, calls
//! [`plan`], and writes the [`Plan`] with multi-row statements in the same transaction.
//!
//! The rule is `peel_link::decide`, applied item by item in arrival order, so items in one
//! batch link to each other exactly as they would arriving one at a time.

use std::collections::{HashMap, HashSet};

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
}

/// The latest posting of a value from one source, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Latest {
    pub source: String,
    pub item: String,
    pub marking: Marking,
    pub found_in: String,
    pub at: OffsetDateTime,
}

/// What the store holds about the batch's values before the batch.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// Values already marked common.
    pub common: HashSet<(Kind, String)>,
    /// The latest posting of each source, oldest first, for values not common.
    pub latest: HashMap<(Kind, String), Vec<Latest>>,
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

/// The latest posting of a (value, source) after the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LatestRow {
    pub kind: Kind,
    pub value: String,
    pub latest: Latest,
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
    pub latest: Vec<LatestRow>,
    pub alerts: Vec<AlertChange>,
}

/// The distinct values of a batch, in first-seen order.
pub(crate) fn distinct_values<'a>(items: &[Item<'a>]) -> Vec<(Kind, &'a str)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in items {
        for found in item.indicators {
            if seen.insert((found.kind, found.value.as_str())) {
                out.push((found.kind, found.value.as_str()));
            }
        }
    }
    out
}

#[derive(Debug, Default)]
struct State {
    common: bool,
    latest: Vec<Latest>,
    /// Sources whose latest posting changed in this batch.
    changed: Vec<String>,
}

/// Applies the linking rule to each item in turn.
pub(crate) fn plan<'a>(items: &[Item<'a>], mut known: Known, cap: usize) -> Plan<'a> {
    let mut plan = Plan::default();
    let mut states: HashMap<(Kind, &'a str), State> = HashMap::new();
    let mut alerts: Vec<(AlertChange, HashSet<String>)> = Vec::new();
    let mut alert_at: HashMap<(String, String), usize> = HashMap::new();
    for item in items {
        let mut out = Correlated::default();
        let posting = peel_link::Posting {
            item: item.item.to_owned(),
            source: item.source.to_owned(),
            marking: item.marking,
        };
        let mut seen = HashSet::new();
        for found in item.indicators {
            let (kind, value) = (found.kind, found.value.as_str());
            if !seen.insert((kind, value)) {
                continue;
            }
            plan.postings.push(PostingRow {
                kind,
                value,
                item: item.item,
                source: item.source,
                marking: item.marking,
                found_in: &found.found_in,
                at: item.at,
            });
            let state = states.entry((kind, value)).or_insert_with(|| {
                let key = (kind, value.to_owned());
                State {
                    common: known.common.contains(&key),
                    latest: known.latest.remove(&key).unwrap_or_default(),
                    ..State::default()
                }
            });
            let own = state.latest.iter().position(|l| l.source == item.source);
            let value_state = peel_link::ValueState {
                sources: state.latest.len() + usize::from(own.is_none()),
                common: state.common,
                postings: state
                    .latest
                    .iter()
                    .map(|l| peel_link::Posting {
                        item: l.item.clone(),
                        source: l.source.clone(),
                        marking: l.marking,
                    })
                    .collect(),
            };
            match peel_link::decide(kind, value, &value_state, &posting, cap) {
                peel_link::Decision::Link(links) => {
                    for link in links {
                        let Some(earlier) = state.latest.iter().find(|l| *l.item == *link.earlier)
                        else {
                            continue;
                        };
                        let record = LinkRecord {
                            earlier: earlier.item.clone(),
                            later: item.item.to_owned(),
                            kind,
                            value: value.to_owned(),
                            marking: link.marking,
                            earlier_found_in: earlier.found_in.clone(),
                            later_found_in: found.found_in.clone(),
                            created_at: item.at,
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
                        out.links.push(record);
                    }
                    let latest = Latest {
                        source: item.source.to_owned(),
                        item: item.item.to_owned(),
                        marking: item.marking,
                        found_in: found.found_in.clone(),
                        at: item.at,
                    };
                    match own {
                        // The source's latest moves to the end: postings stay oldest first.
                        Some(at) => {
                            state.latest.remove(at);
                            state.latest.push(latest);
                        }
                        None => state.latest.push(latest),
                    }
                    if !state.changed.iter().any(|s| s == item.source) {
                        state.changed.push(item.source.to_owned());
                    }
                }
                peel_link::Decision::Common { newly } => {
                    if newly {
                        state.common = true;
                        state.latest.clear();
                        state.changed.clear();
                        plan.newly_common.push(NewlyCommon {
                            kind,
                            value: value.to_owned(),
                            sources: value_state.sources,
                            at: item.at,
                        });
                    }
                    out.common.push((kind, value.to_owned()));
                }
            }
        }
        plan.correlated.push(out);
    }
    for ((kind, value), state) in states {
        for source in &state.changed {
            if let Some(latest) = state.latest.iter().find(|l| l.source == *source) {
                plan.latest.push(LatestRow {
                    kind,
                    value: value.to_owned(),
                    latest: latest.clone(),
                });
            }
        }
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
            })
            .collect();
        let mut known = Known::default();
        known.latest.insert(
            (Kind::BankAccount, ACCOUNT.to_owned()),
            vec![Latest {
                source: "reporter:+447700900001".into(),
                item: "submission:r".into(),
                marking: Marking::Amber,
                found_in: "description 10..25".into(),
                at: at(-60),
            }],
        );
        let plan = plan(&items, known, 50);
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
        assert_eq!(plan.postings.len(), 3);
        assert_eq!(plan.latest.len(), 1, "only the bank's latest is written");
        assert_eq!(plan.latest[0].latest.item, "notification:2");
    }

    #[test]
    fn a_value_crossing_the_cap_is_marked_once_and_its_latest_not_written() {
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
            })
            .collect();
        let plan = plan(&items, Known::default(), 2);
        assert_eq!(plan.newly_common.len(), 1);
        assert_eq!(plan.newly_common[0].sources, 3);
        assert!(plan.correlated[2].links.is_empty());
        assert_eq!(plan.correlated[3].common.len(), 1, "still common after");
        assert!(plan.latest.is_empty(), "a common value keeps no latest");
        assert!(plan.alerts.is_empty(), "no organisation involved");
    }

    #[test]
    fn a_value_already_common_links_nothing() {
        let phone = [found(Kind::Phone, "+447700900123", "text")];
        let items = [Item {
            item: "submission:1",
            source: "reporter:a",
            marking: Marking::Green,
            at: at(0),
            indicators: &phone,
        }];
        let mut known = Known::default();
        known
            .common
            .insert((Kind::Phone, "+447700900123".to_owned()));
        let plan = plan(&items, known, 50);
        assert!(plan.correlated[0].links.is_empty());
        assert!(plan.newly_common.is_empty());
        assert_eq!(plan.postings.len(), 1, "the posting is still recorded");
    }
}
