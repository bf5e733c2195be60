//! The abstraction log: hours a neighbourhood officer spends on duties outside their ward
//! (events, demonstrations, aid to another borough), and each ward's abstraction rate per
//! month (hours abstracted over hours rostered).

use std::collections::BTreeMap;

use time::{Date, Month};

use crate::WardCode;

/// Why an officer was taken away from the ward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cause {
    /// A planned event (football, concert, state occasion).
    Event,
    /// A demonstration.
    Demonstration,
    /// Aid to another borough or force.
    MutualAid,
    /// Covering a response or custody shortfall.
    Backfill,
    /// Anything else, with the reason written down.
    Other,
}

impl Cause {
    /// Every cause.
    pub const ALL: [Cause; 5] = [
        Cause::Event,
        Cause::Demonstration,
        Cause::MutualAid,
        Cause::Backfill,
        Cause::Other,
    ];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            Cause::Event => "event",
            Cause::Demonstration => "demonstration",
            Cause::MutualAid => "mutual_aid",
            Cause::Backfill => "backfill",
            Cause::Other => "other",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Cause::Event => "event",
            Cause::Demonstration => "demonstration",
            Cause::MutualAid => "aid to another borough or force",
            Cause::Backfill => "covering a shortfall elsewhere",
            Cause::Other => "other",
        }
    }
}

/// One abstraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Abstraction {
    /// The officer's id.
    pub officer: String,
    /// The ward they belong to.
    pub ward: WardCode,
    /// The day.
    pub day: Date,
    /// Hours away from the ward.
    pub hours: f64,
    /// Why.
    pub cause: Cause,
    /// The reason in words.
    pub reason: String,
}

/// A ward's month.
#[derive(Debug, Clone, PartialEq)]
pub struct WardMonth {
    /// Hours abstracted.
    pub abstracted: f64,
    /// Hours rostered to the ward.
    pub rostered: f64,
    /// Hours abstracted by cause.
    pub by_cause: BTreeMap<Cause, f64>,
}

impl WardMonth {
    /// Abstracted over rostered, from 0 to 1; `None` with nothing rostered.
    pub fn rate(&self) -> Option<f64> {
        (self.rostered > 0.0).then(|| (self.abstracted / self.rostered).min(1.0))
    }
}

/// Each ward's months: the abstractions summed against the hours rostered, keyed by (ward,
/// year, month). `rostered` gives each (ward, year, month)'s rostered hours.
pub fn by_ward_month(
    abstractions: &[Abstraction],
    rostered: &BTreeMap<(WardCode, i32, Month), f64>,
) -> BTreeMap<(WardCode, i32, Month), WardMonth> {
    let mut out: BTreeMap<(WardCode, i32, Month), WardMonth> = rostered
        .iter()
        .map(|(key, hours)| {
            (
                key.clone(),
                WardMonth {
                    abstracted: 0.0,
                    rostered: *hours,
                    by_cause: BTreeMap::new(),
                },
            )
        })
        .collect();
    for a in abstractions {
        let month = out
            .entry((a.ward.clone(), a.day.year(), a.day.month()))
            .or_insert_with(|| WardMonth {
                abstracted: 0.0,
                rostered: 0.0,
                by_cause: BTreeMap::new(),
            });
        month.abstracted += a.hours;
        *month.by_cause.entry(a.cause).or_insert(0.0) += a.hours;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn away(ward: &str, day: Date, hours: f64, cause: Cause) -> Abstraction {
        Abstraction {
            officer: "pc.smith".into(),
            ward: WardCode::parse(ward).unwrap(),
            day,
            hours,
            cause,
            reason: "Notting Hill Carnival".into(),
        }
    }

    #[test]
    fn a_wards_rate_is_its_abstracted_hours_over_its_rostered_hours_by_month() {
        let ward = WardCode::parse("E05013806").unwrap();
        let rostered = BTreeMap::from([
            ((ward.clone(), 2026, Month::August), 1_000.0),
            ((ward.clone(), 2026, Month::September), 1_000.0),
        ]);
        let log = vec![
            away(ward.as_str(), date!(2026 - 08 - 30), 120.0, Cause::Event),
            away(ward.as_str(), date!(2026 - 08 - 31), 80.0, Cause::Event),
            away(
                ward.as_str(),
                date!(2026 - 09 - 12),
                50.0,
                Cause::Demonstration,
            ),
        ];
        let months = by_ward_month(&log, &rostered);
        let august = &months[&(ward.clone(), 2026, Month::August)];
        assert_eq!(august.rate(), Some(0.2));
        assert_eq!(august.by_cause[&Cause::Event], 200.0);
        assert_eq!(
            months[&(ward.clone(), 2026, Month::September)].rate(),
            Some(0.05)
        );
    }

    #[test]
    fn a_month_with_nothing_rostered_has_no_rate() {
        let log = vec![away(
            "E05000001",
            date!(2026 - 10 - 01),
            8.0,
            Cause::MutualAid,
        )];
        let months = by_ward_month(&log, &BTreeMap::new());
        assert_eq!(months.values().next().unwrap().rate(), None);
    }
}
