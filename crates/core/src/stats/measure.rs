//! The measures of a ward (or a borough, or the force) over months: recorded crime by category,
//! harm-weighted (CCHI days), and per 1,000 residents, month by month and over the last twelve
//! months, each with its count and 95% interval ([`super::interval`]), the change against the
//! twelve months before called only when it passes the test; and the same measures as a
//! public page shows them, small counts suppressed.
//!
//! No IO: the caller hands in counts from the store, the harm table and the population.

use std::collections::BTreeMap;

use serde::Serialize;

use super::harm::HarmTable;
use super::interval::{Change, Interval, change, dobson, poisson, wilson};
use super::police_uk::Month;
use crate::submission::Category;

/// What every page and export says beside its counts (issue 19, "honest statistics").
pub const CHANNEL_BIAS: &str = "Counts are of what was reported and recorded. How easy it is to report, and how people choose to, differs between areas and communities, so a higher count can mean more reporting as well as more crime.";

/// The smallest count a public page or export shows; below it (and above zero) it says
/// "fewer than 5". The same threshold as the sharing pack's.
pub const PUBLIC_THRESHOLD: u64 = crate::sharing::pack::DEFAULT_THRESHOLD as u64;

/// A figure with the count it rests on and its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measured {
    /// The events it counts.
    pub count: u64,
    /// The figure itself: the count, the days of harm, the rate, the share.
    pub value: f64,
    /// Its 95% interval; `None` where there is nothing to estimate from.
    pub interval: Option<Interval>,
}

impl Measured {
    /// A count, with its Poisson interval.
    pub fn count(count: u64) -> Measured {
        Measured {
            count,
            value: count as f64,
            interval: Some(poisson(count)),
        }
    }

    /// `successes` of `trials` as a share, with its Wilson interval; `None` with no trials.
    pub fn share(successes: u64, trials: u64) -> Option<Measured> {
        let interval = wilson(successes, trials)?;
        Some(Measured {
            count: trials,
            value: successes as f64 / trials as f64,
            interval: Some(interval),
        })
    }

    /// A count per 1,000 of `population`; `None` without a population.
    pub fn per_thousand(count: u64, population: f64) -> Option<Measured> {
        if population.is_nan() || population <= 0.0 {
            return None;
        }
        let factor = 1000.0 / population;
        Some(Measured {
            count,
            value: count as f64 * factor,
            interval: Some(poisson(count).scaled(factor)),
        })
    }

    /// Days of harm of some crimes by category; crimes the table has no weight for are left
    /// out of the count. `None` when the table is empty (none loaded).
    pub fn harm(counts: &ByCategory, table: &HarmTable) -> Option<Measured> {
        if table.is_empty() {
            return None;
        }
        let weighted: Vec<(f64, u64)> = counts
            .values()
            .filter_map(|(category, n)| table.days(*category).map(|w| (w, *n)))
            .collect();
        Some(Measured {
            count: weighted.iter().map(|(_, n)| n).sum(),
            value: weighted.iter().map(|(w, n)| w * *n as f64).sum(),
            interval: dobson(&weighted),
        })
    }
}

/// Residents by year: the rate's denominator. A month takes its own year's figure, or the
/// nearest year's where its own is not held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Population {
    by_year: BTreeMap<i32, f64>,
}

impl Population {
    /// From (year, residents) pairs.
    pub fn new(years: impl IntoIterator<Item = (i32, f64)>) -> Population {
        Population {
            by_year: years.into_iter().collect(),
        }
    }

    /// The residents in `year`, or in the nearest year held.
    pub fn in_year(&self, year: i32) -> Option<f64> {
        self.by_year
            .iter()
            .min_by_key(|(y, _)| (**y - year).unsigned_abs())
            .map(|(_, p)| *p)
    }
}

/// One month's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The month (for a period, its last).
    pub month: Month,
    /// Crimes by category (slug order), every category the files name, zeros included.
    pub crimes: ByCategory,
    /// All crimes.
    pub total: Measured,
    /// Days of harm; `None` when no harm table is loaded.
    pub harm_days: Option<Measured>,
    /// Crimes per 1,000 residents; `None` without a population.
    pub rate_per_1000: Option<Measured>,
    /// The residents the rate was worked out on.
    pub population: Option<f64>,
}

/// A ward's (or area's) measures over a range of months.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    /// Month by month, in order.
    pub months: Vec<Figures>,
    /// The last twelve months of the range (or all of it, if shorter), summed.
    pub last_twelve: Figures,
    /// How many months `last_twelve` covers.
    pub last_twelve_months: u32,
    /// The twelve months before those, where the range holds them.
    pub previous_twelve: Option<Figures>,
    /// Whether crime changed between the two, by the stated test.
    pub change: Option<Change>,
    /// Whether harm changed between the two (the test on the weighted counts' crimes).
    pub harm_change: Option<Change>,
}

/// Crimes by category, keyed by the category's slug so that they list in a stable order.
pub type ByCategory = BTreeMap<&'static str, (Category, u64)>;

/// The police.uk crime categories, as every month's table lists them.
pub fn crime_categories() -> impl Iterator<Item = Category> {
    Category::ALL
        .into_iter()
        .filter(|c| super::police_uk::crime_type(*c).is_some())
}

fn figures(month: Month, counts: ByCategory, harm: &HarmTable, population: Option<f64>) -> Figures {
    let total: u64 = counts.values().map(|(_, n)| n).sum();
    Figures {
        month,
        harm_days: Measured::harm(&counts, harm),
        rate_per_1000: population.and_then(|p| Measured::per_thousand(total, p)),
        total: Measured::count(total),
        crimes: counts,
        population,
    }
}

fn empty_counts() -> ByCategory {
    crime_categories().map(|c| (c.slug(), (c, 0))).collect()
}

fn sum_of(months: &[ByCategory]) -> ByCategory {
    let mut total = empty_counts();
    for month in months {
        for (slug, (category, n)) in month {
            total.entry(slug).or_insert((*category, 0)).1 += n;
        }
    }
    total
}

/// The measures from `from` to `to` of counts `(month, category, crimes)` (as the store
/// gives them; rows outside the range are ignored).
pub fn measure(
    counts: &[(Month, Category, u64)],
    from: Month,
    to: Month,
    harm: &HarmTable,
    population: Option<&Population>,
) -> Measures {
    let months = Month::range(from, to);
    let mut by_month: BTreeMap<Month, ByCategory> =
        months.iter().map(|m| (*m, empty_counts())).collect();
    for (month, category, n) in counts {
        if let Some(row) = by_month.get_mut(month) {
            row.entry(category.slug()).or_insert((*category, 0)).1 += n;
        }
    }
    let rows: Vec<(Month, ByCategory)> = by_month.into_iter().collect();
    // A year's residents serve each of its months; a period's rate is per year of it.
    let residents = |month: Month| population.and_then(|p| p.in_year(month.year));
    let split = rows.len().saturating_sub(12);
    let (before, last) = rows.split_at(split);
    let last_counts: Vec<_> = last.iter().map(|(_, c)| c.clone()).collect();
    let end = months.last().copied().unwrap_or(to);
    let last_twelve = figures(end, sum_of(&last_counts), harm, residents(end));
    let previous_twelve = (before.len() >= 12).then(|| {
        let previous: Vec<_> = before
            .iter()
            .skip(before.len() - 12)
            .map(|(_, c)| c.clone())
            .collect();
        figures(
            end.minus(12),
            sum_of(&previous),
            harm,
            residents(end.minus(12)),
        )
    });
    let change_of = |earlier: &Figures, later: &Figures| {
        change(earlier.total.count, later.total.count, 12.0, 12.0)
    };
    let harm_change_of = |earlier: &Figures, later: &Figures| {
        let (Some(a), Some(b)) = (earlier.harm_days, later.harm_days) else {
            return None;
        };
        Some(harm_change(a, b))
    };
    Measures {
        change: previous_twelve.as_ref().map(|p| change_of(p, &last_twelve)),
        harm_change: previous_twelve
            .as_ref()
            .and_then(|p| harm_change_of(p, &last_twelve)),
        last_twelve_months: u32::try_from(last.len()).unwrap_or(12),
        months: rows
            .into_iter()
            .map(|(month, counts)| figures(month, counts, harm, residents(month)))
            .collect(),
        last_twelve,
        previous_twelve,
    }
}

/// Harm changed when the two periods' intervals do not overlap (a cautious test: weighted
/// counts are not Poisson, and overlapping intervals can still differ).
fn harm_change(earlier: Measured, later: Measured) -> Change {
    match (earlier.interval, later.interval) {
        (Some(a), Some(b)) if b.low > a.high => Change::Up,
        (Some(a), Some(b)) if b.high < a.low => Change::Down,
        _ => Change::NoClearChange,
    }
}

/// A count as a public page shows it: the count, or "fewer than" the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicCount {
    /// Shown.
    Shown(u64),
    /// Between 1 and the threshold less one.
    FewerThan(u64),
}

impl PublicCount {
    /// `count` under [`PUBLIC_THRESHOLD`].
    pub fn of(count: u64) -> PublicCount {
        if count > 0 && count < PUBLIC_THRESHOLD {
            PublicCount::FewerThan(PUBLIC_THRESHOLD)
        } else {
            PublicCount::Shown(count)
        }
    }

    /// Whether it is withheld.
    pub fn suppressed(self) -> bool {
        matches!(self, PublicCount::FewerThan(_))
    }
}

/// A row of counts for a public page (one month's categories and their total) by the sharing
/// pack's rule, so a withheld count cannot be worked out from the total: counts of 1 to 4 are
/// withheld, and where only one would be, the next smallest is too; a total under 5 is withheld.
pub fn public_row(counts: &[u64]) -> (Vec<PublicCount>, PublicCount) {
    let narrow: Vec<u32> = counts
        .iter()
        .map(|n| u32::try_from(*n).unwrap_or(u32::MAX))
        .collect();
    let row = crate::sharing::pack::suppress("", &narrow, crate::sharing::pack::DEFAULT_THRESHOLD);
    let cell = |cell: crate::sharing::pack::Cell| match cell {
        crate::sharing::pack::Cell::Shown(n) => PublicCount::Shown(u64::from(n)),
        crate::sharing::pack::Cell::Suppressed => PublicCount::FewerThan(PUBLIC_THRESHOLD),
    };
    (row.cells.into_iter().map(cell).collect(), cell(row.total))
}

/// [`public_row`] of a period's counts by category, each cell beside its category.
pub fn public_by_category(counts: &ByCategory) -> (Vec<(Category, PublicCount)>, PublicCount) {
    let numbers: Vec<u64> = counts.values().map(|(_, n)| *n).collect();
    let (cells, total) = public_row(&numbers);
    (counts.values().map(|(c, _)| *c).zip(cells).collect(), total)
}

/// Whether a rate or share may be shown publicly: only when the count under it is shown.
pub fn publishable(measured: &Measured) -> bool {
    !PublicCount::of(measured.count).suppressed()
}

#[cfg(test)]
mod tests;
