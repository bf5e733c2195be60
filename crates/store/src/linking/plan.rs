//! Correlating a batch of items in memory against the mirror, in order: pure, so the backend
//! loads the rows, plans, and writes the [`Plan`] with multi-row statements in the same
//! transaction. Items in one batch link to each other exactly as they would arriving one at a
//! time.

use std::collections::{HashMap, HashSet};

use peel_core::clock::to_unix_micros;
use peel_core::{ItemRef, Marking, NotificationId, OrganisationId, Source};
use peel_link::{Added, CorrelationIndex, Earlier, Kind, Sighting};
use time::OffsetDateTime;

use super::{AlertChange, Correlated, FoundIndicator, LinkRecord};

/// One item to correlate, borrowed from whatever holds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub item: ItemRef,
    pub source: &'a Source,
    pub marking: Marking,
    pub at: OffsetDateTime,
    pub indicators: &'a [FoundIndicator],
    /// Whether its postings are written to the postings table (a notification's are its own
    /// row's indicators).
    pub record_postings: bool,
}

/// One posting to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PostingRow<'a> {
    pub kind: Kind,
    pub value: &'a str,
    pub item: ItemRef,
    pub source: &'a Source,
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

/// What a batch does to the store.
#[derive(Debug, Default)]
pub(crate) struct Plan<'a> {
    /// Per item, in order: its links and its values found common.
    pub correlated: Vec<Correlated>,
    pub postings: Vec<PostingRow<'a>>,
    pub newly_common: Vec<NewlyCommon>,
    pub alerts: Vec<AlertChange>,
}

/// When a link joins an organisation's notification and an item that is not one: (that item,
/// the organisation, the notification).
fn alert_ends(
    earlier: (ItemRef, &Source),
    later: (ItemRef, &Source),
) -> Option<(ItemRef, OrganisationId, NotificationId)> {
    match (earlier, later) {
        ((report, e), (ItemRef::Notification(n), Source::Organisation(org)))
            if e.organisation().is_none() =>
        {
            Some((report, org.clone(), n))
        }
        ((ItemRef::Notification(n), Source::Organisation(org)), (report, l))
            if l.organisation().is_none() =>
        {
            Some((report, org.clone(), n))
        }
        _ => None,
    }
}

/// Applies the linking rule to each item in turn, updating the index as it goes.
pub(crate) fn plan<'a>(items: &[Item<'a>], index: &mut CorrelationIndex) -> Plan<'a> {
    let mut plan = Plan::default();
    let mut alerts: Vec<(AlertChange, HashSet<NotificationId>)> = Vec::new();
    let mut alert_at: HashMap<(ItemRef, OrganisationId), usize> = HashMap::new();
    let mut linked: Vec<Earlier> = Vec::new();
    for item in items {
        let mut out = Correlated::default();
        let mut seen: HashSet<(Kind, &str)> = HashSet::new();
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
            let sighting = Sighting {
                item: item.item,
                source: item.source,
                marking: item.marking,
                found_in: &found.found_in,
                at: to_unix_micros(item.at),
            };
            linked.clear();
            match index.add(kind, value, &sighting, &mut linked) {
                Added::Linked => {}
                Added::Common { newly, sources } => {
                    if newly {
                        plan.newly_common.push(NewlyCommon {
                            kind,
                            value: value.to_owned(),
                            sources,
                            at: item.at,
                        });
                    }
                    out.common.push((kind, value.to_owned()));
                    continue;
                }
            }
            for earlier in &linked {
                let Some(earlier_source) = index.source(earlier.source) else {
                    continue;
                };
                if let Some((report, organisation, notification)) =
                    alert_ends((earlier.item, earlier_source), (item.item, item.source))
                {
                    let key = (report, organisation.clone());
                    let at = *alert_at.entry(key).or_insert_with(|| {
                        alerts.push((
                            AlertChange {
                                item: report,
                                organisation,
                                notification,
                                notifications: 0,
                                marking: earlier.marking,
                                kind,
                                value: value.to_owned(),
                                at: item.at,
                            },
                            HashSet::new(),
                        ));
                        alerts.len() - 1
                    });
                    if let Some((alert, notifications)) = alerts.get_mut(at) {
                        notifications.insert(notification);
                        alert.notifications = notifications.len();
                        alert.notification = notification;
                        alert.marking = Marking::strictest([alert.marking, earlier.marking]);
                        alert.kind = kind;
                        alert.value = value.to_owned();
                        alert.at = item.at;
                    }
                }
                out.links.push(LinkRecord {
                    earlier: earlier.item,
                    later: item.item,
                    kind,
                    value: value.to_owned(),
                    marking: earlier.marking,
                    earlier_found_in: index.place(earlier.found_in).to_owned(),
                    later_found_in: found.found_in.clone(),
                    created_at: item.at,
                });
            }
        }
        plan.correlated.push(out);
    }
    plan.alerts = alerts.into_iter().map(|(alert, _)| alert).collect();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use peel_core::SubmissionId;

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

    fn notification(n: u128) -> ItemRef {
        ItemRef::Notification(NotificationId(uuid::Uuid::from_u128(n)))
    }

    fn report(n: u128) -> ItemRef {
        ItemRef::Submission(SubmissionId(uuid::Uuid::from_u128(n)))
    }

    const ACCOUNT: &str = "123456-12345678";

    #[test]
    fn a_batch_chains_its_own_source_and_raises_one_alert_per_report_and_organisation() {
        let account = [found(Kind::BankAccount, ACCOUNT, "indicators")];
        let bank = Source::Organisation(OrganisationId::parse("northbank").unwrap());
        let items: Vec<Item<'_>> = (0..3)
            .map(|i| Item {
                item: notification(i),
                source: &bank,
                marking: if i == 1 { Marking::Red } else { Marking::Amber },
                at: at(i as i64),
                indicators: &account,
                record_postings: false,
            })
            .collect();
        let mut index = CorrelationIndex::new(50);
        let reporter = Source::Reporter("+447700900001".into());
        index.record(
            Kind::BankAccount,
            ACCOUNT,
            &Sighting {
                item: report(1),
                source: &reporter,
                marking: Marking::Amber,
                found_in: "description 10..25",
                at: to_unix_micros(at(-60)),
            },
        );
        let plan = plan(&items, &mut index);
        let linked: Vec<Vec<ItemRef>> = plan
            .correlated
            .iter()
            .map(|c| c.links.iter().map(|l| l.earlier).collect())
            .collect();
        assert_eq!(
            linked,
            vec![
                vec![report(1)],
                vec![report(1), notification(0)],
                vec![report(1), notification(1)],
            ]
        );
        assert_eq!(
            plan.correlated[0].links[0].earlier_found_in,
            "description 10..25"
        );
        assert_eq!(plan.alerts.len(), 1, "{:?}", plan.alerts);
        let alert = &plan.alerts[0];
        assert_eq!(
            (alert.item, alert.organisation.as_str()),
            (report(1), "northbank")
        );
        assert_eq!(alert.notifications, 3);
        assert_eq!(alert.notification, NotificationId(uuid::Uuid::from_u128(2)));
        assert_eq!(alert.marking, Marking::Red, "the strictest of the links");
        assert!(
            plan.postings.is_empty(),
            "a notification's postings are its row"
        );
        assert_eq!(
            index.sightings(Kind::BankAccount, ACCOUNT).len(),
            2,
            "the reporter and the bank, whose latest is its third"
        );
    }

    #[test]
    fn a_value_crossing_the_cap_is_marked_once_and_forgotten() {
        let phone = [found(Kind::Phone, "+447700900123", "text")];
        let sources: Vec<Source> = (0..4).map(|i| Source::Reporter(format!("r{i}"))).collect();
        let items: Vec<Item<'_>> = sources
            .iter()
            .enumerate()
            .map(|(i, source)| Item {
                item: report(i as u128),
                source,
                marking: Marking::Green,
                at: at(0),
                indicators: &phone,
                record_postings: true,
            })
            .collect();
        let mut index = CorrelationIndex::new(2);
        let plan = plan(&items, &mut index);
        assert_eq!(plan.newly_common.len(), 1);
        assert_eq!(plan.newly_common[0].sources, 3);
        assert_eq!(plan.correlated[1].links.len(), 1);
        assert!(plan.correlated[2].links.is_empty());
        assert_eq!(plan.correlated[3].common.len(), 1, "still common after");
        assert_eq!(plan.postings.len(), 4, "every posting is still recorded");
        assert!(index.is_common(Kind::Phone, "+447700900123"));
        assert!(plan.alerts.is_empty(), "no organisation involved");
    }
}
