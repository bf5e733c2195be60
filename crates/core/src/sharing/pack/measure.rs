//! The pack's measures: from each report's few facts, counts per ward in four tables, each
//! put through [`super::suppress`]. Nothing leaves here but counts.
//!
//! - **Open cases by theme**: distinct open cases with a report in the ward, by the theme of
//!   their earliest report there.
//! - **Repeat victims**: victims (by their contact details) reporting twice, or three times or
//!   more, in the ward in the period.
//! - **Repeat locations**: places (a postcode or an address line) reported twice, or three
//!   times or more.
//! - **Online and physical harm joined**: groups of reports joined by the linking engine that
//!   hold both an online report and one at a place in the ward (one school, one estate).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Row, suppress};
use crate::submission::Category;
use crate::{CaseId, SubmissionId, WardCode};

/// What the pack needs of one report: no names, no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The report.
    pub id: SubmissionId,
    /// Its ward, when placed in one.
    pub ward: Option<WardCode>,
    /// What kind of thing happened.
    pub category: Category,
    /// The place, as a key: the postcode, or the address line lower-cased; `None` online or at
    /// a point.
    pub place: Option<String>,
    /// It happened online.
    pub online: bool,
    /// The victim, as a key (their email or phone, canonical); `None` when not a victim's own
    /// report or anonymous.
    pub victim: Option<String>,
    /// The open case it is in, if any.
    pub open_case: Option<CaseId>,
}

crate::slug::slug_enum! {
    /// The themes open cases are counted by.
    pub enum Theme {
        /// Violence, robbery and weapons.
        Violence = ("violence", "Violence, robbery and weapons"),
        /// Domestic abuse.
        DomesticAbuse = ("domestic-abuse", "Domestic abuse"),
        /// Hate.
        Hate = ("hate", "Hate"),
        /// Fraud and online harm.
        FraudOnline = ("fraud-online", "Fraud and online harm"),
        /// Burglary and theft.
        Theft = ("theft", "Burglary and theft"),
        /// Anti-social behaviour, damage, disorder and drugs.
        Asb = ("asb", "Anti-social behaviour, damage, disorder and drugs"),
        /// Anything else.
        Other = ("other", "Other"),
    }
}

impl Theme {
    /// The theme of a category.
    pub fn of(category: Category) -> Theme {
        use Category as C;
        match category {
            C::ViolentCrime | C::Robbery | C::PossessionOfWeapons => Theme::Violence,
            C::DomesticAbuse => Theme::DomesticAbuse,
            C::HateIncident => Theme::Hate,
            C::Fraud | C::OnlineAbuse => Theme::FraudOnline,
            C::Burglary
            | C::BicycleTheft
            | C::OtherTheft
            | C::Shoplifting
            | C::TheftFromThePerson
            | C::VehicleCrime => Theme::Theft,
            C::AntiSocialBehaviour | C::CriminalDamageArson | C::PublicOrder | C::Drugs => {
                Theme::Asb
            }
            C::OtherCrime | C::NotSure => Theme::Other,
        }
    }
}

/// One table of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its title.
    pub title: &'static str,
    /// What it counts, in a sentence.
    pub about: &'static str,
    /// Its columns (the total follows them).
    pub measures: Vec<&'static str>,
    /// A row per ward, in the order the wards were given, suppressed.
    pub rows: Vec<Row>,
}

/// Two counts: keys seen exactly twice, and three times or more.
fn repeats<'a>(keys: impl Iterator<Item = &'a str>) -> [u32; 2] {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for key in keys {
        *seen.entry(key).or_default() += 1;
    }
    let twice = seen.values().filter(|n| **n == 2).count();
    let more = seen.values().filter(|n| **n >= 3).count();
    [
        u32::try_from(twice).unwrap_or(u32::MAX),
        u32::try_from(more).unwrap_or(u32::MAX),
    ]
}

/// The groups of reports the links join (connected components), by each report's group.
fn groups(facts: &[Fact], links: &[(SubmissionId, SubmissionId)]) -> Vec<usize> {
    let index: HashMap<SubmissionId, usize> =
        facts.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut parent: Vec<usize> = (0..facts.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    for (a, b) in links {
        if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if let Some(slot) = parent.get_mut(ra) {
                *slot = rb;
            }
        }
    }
    (0..facts.len()).map(|i| root(&mut parent, i)).collect()
}

/// The pack's four tables for `wards` (code and name, in the order shown), from the facts of
/// the period's reports (online ones included, for the joined groups) and the links among
/// them.
pub fn build(
    wards: &[(WardCode, String)],
    facts: &[Fact],
    links: &[(SubmissionId, SubmissionId)],
    threshold: u32,
) -> Vec<Table> {
    fn in_ward<'a>(facts: &'a [Fact], ward: &'a WardCode) -> impl Iterator<Item = &'a Fact> {
        facts.iter().filter(move |f| f.ward.as_ref() == Some(ward))
    }
    let group_of = groups(facts, links);
    // Groups with an online report, and the wards of their reports at a place.
    let mut online_groups: BTreeSet<usize> = BTreeSet::new();
    let mut group_wards: BTreeMap<usize, BTreeSet<&WardCode>> = BTreeMap::new();
    for (fact, group) in facts.iter().zip(&group_of) {
        if fact.online {
            online_groups.insert(*group);
        } else if let Some(ward) = &fact.ward {
            group_wards.entry(*group).or_default().insert(ward);
        }
    }
    let mut tables = vec![
        Table {
            title: "Open cases by theme",
            about: "Open cases with a report in the ward, by the theme of their earliest report there.",
            measures: Theme::ALL.iter().map(|t| t.label()).collect(),
            rows: Vec::new(),
        },
        Table {
            title: "Repeat victims",
            about: "Victims who reported in the ward more than once in the period, by their contact details (never named).",
            measures: vec!["Twice", "Three times or more"],
            rows: Vec::new(),
        },
        Table {
            title: "Repeat locations",
            about: "Places (a postcode or an address) reported more than once in the period.",
            measures: vec!["Twice", "Three times or more"],
            rows: Vec::new(),
        },
        Table {
            title: "Online and physical harm joined",
            about: "Groups of reports joined by a shared phone number, account or other value that hold both an online report and one at a place in the ward (around one school or estate, say).",
            measures: vec!["Groups"],
            rows: Vec::new(),
        },
    ];
    for (code, name) in wards {
        let mut themes = vec![0_u32; Theme::ALL.len()];
        let mut cases: BTreeMap<CaseId, (SubmissionId, Theme)> = BTreeMap::new();
        for fact in in_ward(facts, code) {
            if let Some(case) = fact.open_case {
                let entry = cases
                    .entry(case)
                    .or_insert((fact.id, Theme::of(fact.category)));
                // The earliest report: ids are time-ordered (UUIDv7).
                if fact.id.0 < entry.0.0 {
                    *entry = (fact.id, Theme::of(fact.category));
                }
            }
        }
        for (_, theme) in cases.values() {
            if let Some(slot) = Theme::ALL
                .iter()
                .position(|t| t == theme)
                .and_then(|i| themes.get_mut(i))
            {
                *slot += 1;
            }
        }
        let victims = repeats(in_ward(facts, code).filter_map(|f| f.victim.as_deref()));
        let places = repeats(in_ward(facts, code).filter_map(|f| f.place.as_deref()));
        let joined = group_wards
            .iter()
            .filter(|(group, wards)| online_groups.contains(group) && wards.contains(code))
            .count();
        let counts: [&[u32]; 4] = [
            &themes,
            &victims,
            &places,
            &[u32::try_from(joined).unwrap_or(u32::MAX)],
        ];
        for (table, counts) in tables.iter_mut().zip(counts) {
            table.rows.push(suppress(name, counts, threshold));
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::super::Cell;
    use super::*;

    fn ward(code: &str) -> WardCode {
        WardCode::parse(code).unwrap_or_else(|_| unreachable!())
    }

    fn fact(n: u128, ward_code: Option<&str>, category: Category) -> Fact {
        Fact {
            id: SubmissionId(uuid::Uuid::from_u128(n)),
            ward: ward_code.map(ward),
            category,
            place: None,
            online: ward_code.is_none(),
            victim: None,
            open_case: None,
        }
    }

    #[test]
    fn a_fixture_ward_is_counted_and_its_small_numbers_suppressed() {
        let wards = vec![
            (ward("E05013806"), "St. James's".to_owned()),
            (ward("E05013807"), "Vincent Square".to_owned()),
        ];
        let mut facts = Vec::new();
        // Seven open burglary cases, two of domestic abuse and five of anti-social behaviour
        // in St James's.
        for n in 0..14_u128 {
            let category = match n {
                0..7 => Category::Burglary,
                7..9 => Category::DomesticAbuse,
                _ => Category::AntiSocialBehaviour,
            };
            let mut f = fact(n, Some("E05013806"), category);
            f.open_case = Some(CaseId(uuid::Uuid::from_u128(1000 + n)));
            f.place = Some(if n < 3 {
                "sw1a 1aa".to_owned()
            } else {
                format!("place {n}")
            });
            f.victim = (n < 2).then(|| "+447700900123".to_owned());
            facts.push(f);
        }
        // A second report in case 1000 does not count it twice.
        let mut again = fact(50, Some("E05013806"), Category::Fraud);
        again.open_case = Some(CaseId(uuid::Uuid::from_u128(1000)));
        facts.push(again);
        // One online report linked to a report at a place in Vincent Square.
        facts.push(fact(60, None, Category::OnlineAbuse));
        facts.push(fact(61, Some("E05013807"), Category::PublicOrder));
        let links = vec![(
            SubmissionId(uuid::Uuid::from_u128(60)),
            SubmissionId(uuid::Uuid::from_u128(61)),
        )];

        let tables = build(&wards, &facts, &links, 5);
        let cases = &tables[0].rows[0];
        assert_eq!(cases.cells[4], Cell::Shown(7), "burglary and theft");
        // Domestic abuse is 2: hidden, and so is the next smallest, the five of anti-social
        // behaviour, so it cannot be worked out from the total (zero counts stay).
        assert_eq!(cases.cells[1], Cell::Suppressed);
        assert_eq!(cases.cells[5], Cell::Suppressed);
        assert_eq!(cases.total, Cell::Shown(14));
        assert_eq!(cases.cells[0], Cell::Shown(0));
        // One victim reported twice; one place three times: both under five, both hidden.
        assert_eq!(
            tables[1].rows[0].cells,
            vec![Cell::Suppressed, Cell::Shown(0)]
        );
        assert_eq!(tables[1].rows[0].total, Cell::Suppressed);
        assert_eq!(
            tables[2].rows[0].cells,
            vec![Cell::Shown(0), Cell::Suppressed]
        );
        // The joined group is in Vincent Square, not St James's.
        assert_eq!(tables[3].rows[0].cells, vec![Cell::Shown(0)]);
        assert_eq!(tables[3].rows[1].cells, vec![Cell::Suppressed]);
        assert_eq!(tables[3].rows[1].ward, "Vincent Square");
    }

    #[test]
    fn groups_follow_links_through_other_reports() {
        let facts: Vec<Fact> = (0..4)
            .map(|n| fact(n, Some("E05013806"), Category::Fraud))
            .collect();
        let id = |n| SubmissionId(uuid::Uuid::from_u128(n));
        let g = groups(&facts, &[(id(0), id(1)), (id(2), id(1))]);
        assert_eq!(g[0], g[1]);
        assert_eq!(g[1], g[2]);
        assert_ne!(g[0], g[3]);
    }
}
