//! Measures of Peel's own reports (issue 19): how fast a human being got in touch, by grade and
//! channel, and how many victims came back with another report within twelve months. No IO:
//! the store hands in one row per report.
//!
//! A victim is known by their contact details (an email address or a phone number, as the
//! linking engine canonicalises them); reports with neither (anonymous, or no safe way to
//! reply) cannot be followed and are left out of the repeat share, which says how many it
//! rests on.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use super::interval::{Percentile, percentile};
use super::measure::Measured;
use crate::case::OutcomeKind;

/// One report as the contact and repeat measures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFacts {
    /// When it was received.
    pub received_at: OffsetDateTime,
    /// When a person first got in touch, if anyone has.
    pub first_contact_at: Option<OffsetDateTime>,
    /// Its grade's letter (the override where there is one), if graded.
    pub grade: Option<char>,
    /// Its channel's slug.
    pub channel: String,
    /// The victim's contact key (canonical email or phone), if any.
    pub victim: Option<String>,
    /// How its case ended, if it is in one that has.
    pub outcome: Option<OutcomeKind>,
}

/// How the reports of an area ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// Reports in the period.
    pub reports: u64,
    /// Of which their case has closed with an outcome.
    pub closed: u64,
    /// Each outcome's share of those closed, with its Wilson interval, by outcome.
    pub by_kind: Vec<(OutcomeKind, Measured)>,
    /// The share of those closed that ended in prevention (a referral, a diversion, advice and
    /// protection) rather than a police.uk outcome; `None` with none closed.
    pub prevention: Option<Measured>,
}

/// Whether an outcome is prevention: a referral, a diversion, or advice and protection (a
/// no-further-action with its reason is Peel's own outcome, but not prevention).
pub fn prevents(kind: OutcomeKind) -> bool {
    kind.is_prevention() && kind != OutcomeKind::NoFurtherAction
}

/// How `reports` ended: each outcome's share of the closed, and prevention's.
pub fn outcomes(reports: &[ReportFacts]) -> Outcomes {
    let mut counts: BTreeMap<&'static str, (OutcomeKind, u64)> = BTreeMap::new();
    for kind in reports.iter().filter_map(|r| r.outcome) {
        counts.entry(kind.slug()).or_insert((kind, 0)).1 += 1;
    }
    let closed: u64 = counts.values().map(|(_, n)| n).sum();
    let prevented: u64 = counts
        .values()
        .filter(|(kind, _)| prevents(*kind))
        .map(|(_, n)| n)
        .sum();
    Outcomes {
        reports: reports.len() as u64,
        closed,
        by_kind: counts
            .into_values()
            .filter_map(|(kind, n)| Some((kind, Measured::share(n, closed)?)))
            .collect(),
        prevention: Measured::share(prevented, closed),
    }
}

/// Time to first human contact for one group of reports.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactTimes {
    /// Reports in the group.
    pub reports: u64,
    /// Of which a person got in touch with.
    pub contacted: u64,
    /// The median hours to first contact of those contacted, with its interval.
    pub median_hours: Option<Percentile>,
    /// The 90th percentile, with its interval.
    pub p90_hours: Option<Percentile>,
}

fn times(reports: &[&ReportFacts]) -> ContactTimes {
    let hours: Vec<f64> = reports
        .iter()
        .filter_map(|r| {
            let at = r.first_contact_at?;
            Some(((at - r.received_at).as_seconds_f64() / 3600.0).max(0.0))
        })
        .collect();
    ContactTimes {
        reports: reports.len() as u64,
        contacted: hours.len() as u64,
        median_hours: percentile(&hours, 0.5),
        p90_hours: percentile(&hours, 0.9),
    }
}

/// A group of contact times: a grade (`None` for all; `Some(None)` for the ungraded) and a
/// channel's slug (`None` for all).
type GroupKey<'a> = (Option<Option<char>>, Option<&'a str>);

/// Contact times by (grade, channel), with `*` for all grades or all channels (the rows'
/// totals), in order.
pub fn contact_times(reports: &[ReportFacts]) -> BTreeMap<(String, String), ContactTimes> {
    // Grouped under borrowed keys (a grade's letter, the channel's slug), owned only once a
    // group: the dashboard's busiest wards hold tens of thousands of reports.
    let mut groups: BTreeMap<GroupKey<'_>, Vec<&ReportFacts>> = BTreeMap::new();
    for report in reports {
        let (grade, channel) = (Some(report.grade), Some(report.channel.as_str()));
        for key in [
            (grade, channel),
            (grade, None),
            (None, channel),
            (None, None),
        ] {
            groups.entry(key).or_default().push(report);
        }
    }
    groups
        .into_iter()
        .map(|((grade, channel), group)| {
            let grade = match grade {
                None => "*".to_owned(),
                Some(None) => "ungraded".to_owned(),
                Some(Some(letter)) => letter.to_string(),
            };
            let channel = channel.map_or_else(|| "*".to_owned(), str::to_owned);
            ((grade, channel), times(&group))
        })
        .collect()
}

/// The share of victims with a report received in `from..to` who made another within the
/// twelve months after it (365 days), with its Wilson interval; reports after `to` (up to a
/// year) may be handed in so that late repeats are seen. `None` when no victim can be followed.
pub fn repeat_victims(
    reports: &[ReportFacts],
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Option<Measured> {
    // Each victim's reports in time order, by sorting (victim, time) pairs once rather than
    // keeping a map of lists.
    let mut pairs: Vec<(&str, OffsetDateTime)> = reports
        .iter()
        .filter_map(|r| Some((r.victim.as_deref()?, r.received_at)))
        .collect();
    pairs.sort_unstable();
    let year = time::Duration::days(365);
    let (mut victims, mut repeats) = (0u64, 0u64);
    for times in pairs.chunk_by(|a, b| a.0 == b.0) {
        // A victim counts when a report of theirs falls in the period; a repeat when any such
        // report has a next one (in time order; two at one instant are still two) within the
        // year.
        let in_period = |t: &OffsetDateTime| *t >= from && *t < to;
        if !times.iter().any(|(_, t)| in_period(t)) {
            continue;
        }
        victims += 1;
        let repeated = times.windows(2).any(|pair| {
            matches!(pair, [(_, first), (_, next)] if in_period(first) && *next - *first <= year)
        });
        if repeated {
            repeats += 1;
        }
    }
    Measured::share(repeats, victims)
}

#[cfg(test)]
mod tests;
