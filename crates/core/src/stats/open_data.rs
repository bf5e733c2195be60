//! Peel's own reports as data.police.uk publishes crime (issue 19): one row per report in the
//! street-level layout (DOMAIN.md 4), and one per outcome in the outcomes layout, so that
//! anything that reads police.uk's files reads Peel's. No IO: the caller hands in the reports
//! with their public points already found and writes the rows out.
//!
//! What is published, and how it is kept from pointing at anyone:
//! - **Month only.** A row carries the month (London time) the report was received, never a
//!   day or a time.
//! - **Public points.** A located report is shown at its area's public point: one point per
//!   2021 LSOA (about 1,500 residents) that every report there shares, where police.uk's snap
//!   points cover as few as eight addresses. The caller finds it
//!   (`peel_geo::PublicPoints`).
//! - **Small cells lose their point.** A report is shown at its point only when at least
//!   [`PUBLIC_THRESHOLD`] published reports share its area, month and crime type; otherwise
//!   it is published with no location, as police.uk publishes the crimes it cannot map, so
//!   that it still counts in the force's figures but cannot be placed.
//! - **Categories as police.uk has them.** The 14 street-level categories go as they are.
//!   Peel's own: domestic abuse and online abuse are published as violence and sexual
//!   offences (police.uk has no domestic abuse category: those crimes are recorded by their
//!   offence, and harassment and malicious communications count as violence against the
//!   person); online abuse and anything that happened online has no location; a hate incident
//!   as public order, the offence most recorded hate crimes are. Fraud is withheld (forces'
//!   street-level files hold none: Action Fraud's reports are recorded by the NFIB), and so is
//!   a report no one has yet put in a category.
//! - **Restricted reports** (DPA 2018 s.47) never reach this module: the store leaves them out.
//! - **Anti-social behaviour** carries no crime ID and no outcome, as police.uk's rows do not.
//! - **Crime IDs** are SHA-256 of the organisation and the report's identifier: stable from
//!   one export to the next, and not the reference a victim holds.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::measure::PUBLIC_THRESHOLD;
use super::police_uk::{Month, crime_type};
use crate::case::OutcomeKind;
use crate::submission::Category;

/// The street-level file's columns, as police.uk writes them.
pub const STREET_HEADER: [&str; 12] = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
];

/// The outcomes file's columns.
pub const OUTCOMES_HEADER: [&str; 10] = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
];

/// An area's public point: every report in the area is shown here.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicPoint {
    /// The 2021 LSOA's code.
    pub lsoa_code: String,
    /// Its name.
    pub lsoa_name: String,
    /// The point (WGS84).
    pub latitude: f64,
    /// The point (WGS84).
    pub longitude: f64,
}

/// Where a report happened, as far as publishing goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// In an area with a public point.
    At(PublicPoint),
    /// Online.
    Online,
    /// Nowhere Peel can place (an address line, or outside every area).
    Unknown,
}

/// One report, ready to publish.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenReport {
    /// The report's own identifier (never published as it is).
    pub id: uuid::Uuid,
    /// The month it was received, London time.
    pub month: Month,
    /// Its category in Peel.
    pub category: Category,
    /// Where.
    pub place: Place,
    /// Its case's outcome, and the month (London time) the case closed with it.
    pub outcome: Option<(OutcomeKind, Month)>,
}

/// Why a report is not published at all.
pub const WITHHELD_FRAUD: &str =
    "fraud (forces' street-level files hold none: Action Fraud's reports are the NFIB's)";
/// Why a report is not published at all.
pub const WITHHELD_UNCLASSIFIED: &str = "not yet in a category";

/// The police.uk category a report of `category` is published as, or why it is withheld.
pub fn published_as(category: Category) -> Result<Category, &'static str> {
    use Category as C;
    match category {
        C::DomesticAbuse | C::OnlineAbuse => Ok(C::ViolentCrime),
        C::HateIncident => Ok(C::PublicOrder),
        C::Fraud => Err(WITHHELD_FRAUD),
        C::NotSure => Err(WITHHELD_UNCLASSIFIED),
        other => Ok(other),
    }
}

/// An outcome as police.uk's "Last outcome category" and "Outcome type" name it. Peel's
/// prevention outcomes have no police.uk twin and are published as the nearest: a referral as
/// action by another organisation, a diversion as a local resolution (police.uk's heading for
/// community resolutions and Outcome 22's diversionary activity), advice and protection and a
/// no-further-action with its reason as further action not in the public interest.
pub fn outcome_name(kind: OutcomeKind) -> &'static str {
    use OutcomeKind as O;
    match kind {
        O::ReferredToPartner => O::ActionByAnotherOrganisation.label(),
        O::Diversion => O::LocalResolution.label(),
        O::AdviceAndProtection | O::NoFurtherAction => O::FurtherActionNotInPublicInterest.label(),
        // The file's own wording where the API's display name differs (DOMAIN.md 4.2).
        O::PenaltyNotice => "Offender given penalty notice",
        other => other.label(),
    }
}

/// A report's published crime ID.
pub fn crime_id(organisation: &str, id: uuid::Uuid) -> String {
    let mut hash = Sha256::new();
    hash.update(b"peel open data\0");
    hash.update(organisation.as_bytes());
    hash.update(b"\0");
    hash.update(id.as_bytes());
    hex::encode(hash.finalize())
}

/// Where a row says a crime was.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// Longitude, latitude; `None` for no location.
    pub point: Option<(f64, f64)>,
    /// "On or near …", or "No location".
    pub location: String,
    /// The LSOA's code and name, or empty.
    pub lsoa_code: String,
    /// The LSOA's name, or empty.
    pub lsoa_name: String,
}

/// One street-level row.
#[derive(Debug, Clone, PartialEq)]
pub struct StreetRow {
    /// Empty for anti-social behaviour.
    pub crime_id: String,
    /// The month.
    pub month: Month,
    /// The police.uk crime type.
    pub crime_type: &'static str,
    /// Where.
    pub shown: Shown,
    /// The last outcome; empty for anti-social behaviour.
    pub last_outcome: &'static str,
}

/// One outcomes row.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRow {
    /// The crime's ID.
    pub crime_id: String,
    /// The month of the outcome.
    pub month: Month,
    /// Where, as its street row says.
    pub shown: Shown,
    /// The outcome.
    pub outcome: &'static str,
}

/// What an export holds, and what it left out and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Export {
    /// The street-level rows, by month, crime type and crime ID.
    pub street: Vec<StreetRow>,
    /// The outcomes rows, by month and crime ID.
    pub outcomes: Vec<OutcomeRow>,
    /// Reports not published, by why.
    pub withheld: BTreeMap<&'static str, u64>,
    /// Reports published without their point because their area, month and crime type held
    /// fewer than [`PUBLIC_THRESHOLD`].
    pub unplaced_small: u64,
}

const NO_LOCATION: &str = "No location";

/// Publishes `reports` as police.uk rows for `organisation` (its crime IDs).
pub fn export(reports: &[OpenReport], organisation: &str) -> Export {
    let mut out = Export::default();
    let published: Vec<(&OpenReport, Category)> = reports
        .iter()
        .filter_map(|r| match published_as(r.category) {
            Ok(category) => Some((r, category)),
            Err(why) => {
                *out.withheld.entry(why).or_default() += 1;
                None
            }
        })
        .collect();
    let mut cells: BTreeMap<(&str, Month, &str), u64> = BTreeMap::new();
    for (report, category) in &published {
        if let (Place::At(point), false) = (&report.place, online(report.category)) {
            *cells
                .entry((point.lsoa_code.as_str(), report.month, category.slug()))
                .or_default() += 1;
        }
    }
    for (report, category) in published {
        let crime_type = crime_type(category).unwrap_or("Other crime");
        let shown = match (&report.place, online(report.category)) {
            (Place::At(point), false) => {
                let n = cells
                    .get(&(point.lsoa_code.as_str(), report.month, category.slug()))
                    .copied()
                    .unwrap_or(0);
                if n >= PUBLIC_THRESHOLD {
                    Shown {
                        point: Some((point.longitude, point.latitude)),
                        location: format!("On or near {}", point.lsoa_name),
                        lsoa_code: point.lsoa_code.clone(),
                        lsoa_name: point.lsoa_name.clone(),
                    }
                } else {
                    out.unplaced_small += 1;
                    no_location()
                }
            }
            _ => no_location(),
        };
        let asb = category == Category::AntiSocialBehaviour;
        let id = if asb {
            String::new()
        } else {
            crime_id(organisation, report.id)
        };
        let outcome = report.outcome.filter(|_| !asb);
        if let Some((kind, month)) = outcome {
            out.outcomes.push(OutcomeRow {
                crime_id: id.clone(),
                month,
                shown: shown.clone(),
                outcome: outcome_name(kind),
            });
        }
        out.street.push(StreetRow {
            crime_id: id,
            month: report.month,
            crime_type,
            shown,
            last_outcome: match outcome {
                _ if asb => "",
                Some((kind, _)) => outcome_name(kind),
                None => "Under investigation",
            },
        });
    }
    // Ordered by what a row shows, so that rows left tied (anti-social behaviour has no ID)
    // are identical and their order says nothing of when each report came.
    let key = |r: &StreetRow| {
        (
            r.month,
            r.crime_type,
            r.crime_id.clone(),
            r.shown.lsoa_code.clone(),
            r.last_outcome,
        )
    };
    out.street.sort_by_key(key);
    out.outcomes
        .sort_by(|a, b| (a.month, &a.crime_id).cmp(&(b.month, &b.crime_id)));
    out
}

/// Online abuse happened online wherever the victim was.
fn online(category: Category) -> bool {
    category == Category::OnlineAbuse
}

fn no_location() -> Shown {
    Shown {
        point: None,
        location: NO_LOCATION.to_owned(),
        lsoa_code: String::new(),
        lsoa_name: String::new(),
    }
}

/// The nine columns the street and outcomes files begin with alike.
fn leading(crime_id: &str, month: Month, force: &str, shown: &Shown) -> [String; 9] {
    let (longitude, latitude) = coordinates(shown);
    [
        crime_id.to_owned(),
        month.to_string(),
        force.to_owned(),
        force.to_owned(),
        longitude,
        latitude,
        shown.location.clone(),
        shown.lsoa_code.clone(),
        shown.lsoa_name.clone(),
    ]
}

impl StreetRow {
    /// The row's fields in [`STREET_HEADER`]'s order, for `force` ("Reported by" and "Falls
    /// within").
    pub fn fields(&self, force: &str) -> [String; 12] {
        let [a, b, c, d, e, f, g, h, i] = leading(&self.crime_id, self.month, force, &self.shown);
        [
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            self.crime_type.to_owned(),
            self.last_outcome.to_owned(),
            String::new(),
        ]
    }
}

impl OutcomeRow {
    /// The row's fields in [`OUTCOMES_HEADER`]'s order.
    pub fn fields(&self, force: &str) -> [String; 10] {
        let [a, b, c, d, e, f, g, h, i] = leading(&self.crime_id, self.month, force, &self.shown);
        [a, b, c, d, e, f, g, h, i, self.outcome.to_owned()]
    }
}

/// Six decimal places, as police.uk gives them.
fn coordinates(shown: &Shown) -> (String, String) {
    shown.point.map_or_else(
        || (String::new(), String::new()),
        |(longitude, latitude)| (format!("{longitude:.6}"), format!("{latitude:.6}")),
    )
}

#[cfg(test)]
mod tests;
