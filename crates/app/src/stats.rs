//! Crime statistics (issue 19): importing data.police.uk street-level files, each row placed in
//! a current ward by the gazetteer (or counted as outside the force area, or as having no
//! point), counted by source, month, ward and category, and each source's month written whole
//! so that importing a file again changes nothing; and the harm table the measures weigh by.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use peel_core::WardCode;
use peel_core::stats::police_uk::{self, Month, Problem};
use peel_core::submission::Category;
use peel_geo::PointLookup;
use peel_store::CrimeMonth;

use crate::{Context, ServiceError, ServiceResult};

/// What importing one file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Rows read.
    pub rows: u64,
    /// Rows placed in a current ward.
    pub placed: u64,
    /// Rows whose point is outside the force area.
    pub outside: u64,
    /// Rows with no point.
    pub unplaced: u64,
    /// Rows refused, by line (the rest are kept).
    pub problems: Vec<Problem>,
    /// The months written.
    pub months: usize,
}

/// One source's month as it is counted: by the gazetteer's own ward codes, borrowed, so that
/// a row costs a lookup and no allocation.
#[derive(Default)]
struct Tally<'g> {
    counts: HashMap<(Option<&'g str>, Category), u64>,
    crimes: u64,
    placed: u64,
    outside: u64,
    unplaced: u64,
}

/// Loads the harm table (CCHI days by police.uk category and subgroup, as
/// [`peel_core::stats::harm::read`] reads it) in place of any loaded before; returns how many
/// categories it weighs. A table with any bad row is refused whole, each row named.
pub async fn import_harm_table(
    ctx: &Context,
    name: &str,
    reader: impl Read,
) -> ServiceResult<usize> {
    let table = peel_core::stats::harm::read(reader).map_err(|problems| {
        ServiceError::invalid("file", format!("{name}: {}", problems.join("; ")))
    })?;
    let weights: Vec<(Category, f64)> = table.weights().collect();
    ctx.store().replace_harm_weights(name, &weights).await?;
    Ok(weights.len())
}

/// The source the Met's recorded crime by ward is counted under: the same as its street-level
/// files' ("Falls within"), so that a month of either imported replaces the other's and the
/// force's crimes are never counted twice.
pub const MET: &str = "Metropolitan Police Service";

/// What importing one of the Met's wide files did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedWide {
    /// Whether it was the ward file (stored) or the borough file (read as a check).
    pub by_ward: bool,
    /// Rows read (area and offence).
    pub rows: u64,
    /// Crimes counted, by month, of the offences street-level categories hold.
    pub crimes: BTreeMap<Month, u64>,
    /// Crimes in a ward the geography does not know (stored as unplaced).
    pub unplaced: u64,
    /// Crimes of offences street-level categories leave out (NFIB fraud).
    pub not_counted: u64,
    /// Rows refused, by line.
    pub problems: Vec<Problem>,
}

/// Imports the Met's recorded crime by ward ([`peel_core::stats::met_wide`]): every month of
/// it replaces that month of the Met's crimes (see [`MET`]), each offence counted under its
/// police.uk category; the month's anti-social behaviour from street-level files, which the
/// ward file does not hold, is kept. The borough file is read and totalled but not stored: the ward file
/// holds the same crimes placed in wards, and its totals are the check.
pub async fn import_met_wide(
    ctx: &Context,
    name: &str,
    reader: impl Read,
) -> ServiceResult<ImportedWide> {
    use peel_core::stats::met_wide::{self, Area};
    let rows = met_wide::rows(reader)
        .map_err(|message| ServiceError::invalid("file", format!("{name}: {message}")))?;
    let wards: std::collections::HashSet<&str> = ctx
        .gazetteer()
        .map(|g| g.wards().iter().map(|w| w.code.as_str()).collect())
        .unwrap_or_default();
    let mut out = ImportedWide::default();
    // Keyed by the gazetteer's own ward codes, borrowed, as `import` counts.
    let mut months: BTreeMap<Month, HashMap<(Option<&str>, Category), u64>> = BTreeMap::new();
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                out.problems.push(problem);
                continue;
            }
        };
        out.rows += 1;
        let total: u64 = row.counts.iter().map(|(_, n)| n).sum();
        let category = match met_wide::category_of(&row.major, &row.minor) {
            Ok(category) => category,
            Err(why) if why == met_wide::NOT_COUNTED_NFIB => {
                out.not_counted += total;
                continue;
            }
            Err(why) => {
                out.problems.push(Problem {
                    line: 0,
                    message: format!("{} / {}: {why}", row.major, row.minor),
                });
                continue;
            }
        };
        let ward = match &row.area {
            Area::Ward { code, .. } => {
                out.by_ward = true;
                let known = wards.get(code.as_str()).copied();
                if known.is_none() {
                    out.unplaced += total;
                }
                known
            }
            Area::Borough(_) => None,
        };
        for (month, n) in row.counts {
            *out.crimes.entry(month).or_default() += n;
            *months
                .entry(month)
                .or_default()
                .entry((ward, category))
                .or_default() += n;
        }
    }
    if !out.by_ward {
        return Ok(out);
    }
    for (month, mut counts) in months {
        // The ward file holds no anti-social behaviour: the street-level files' is kept.
        for (ward, n) in ctx
            .store()
            .source_counts(MET, month, Category::AntiSocialBehaviour)
            .await?
        {
            *counts
                .entry((
                    ward.and_then(|w| wards.get(w.as_str()).copied()),
                    Category::AntiSocialBehaviour,
                ))
                .or_default() += n;
        }
        let crimes: u64 = counts.values().sum();
        let unplaced: u64 = counts
            .iter()
            .filter(|((ward, _), _)| ward.is_none())
            .map(|(_, n)| n)
            .sum();
        let record = CrimeMonth {
            source: MET.to_owned(),
            month,
            file: name.to_owned(),
            counts: counts
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|((ward, category), n)| {
                    (ward.and_then(|w| WardCode::parse(w).ok()), category, n)
                })
                .collect(),
            crimes,
            placed: crimes - unplaced,
            outside: 0,
            unplaced,
            imported_at: ctx.now(),
        };
        ctx.store().replace_crime_month(&record).await?;
    }
    Ok(out)
}

/// What importing a Public Attitude Survey extract did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedSurvey {
    /// Measures kept.
    pub measures: usize,
    /// Rows refused, by line (the rest are kept).
    pub problems: Vec<Problem>,
}

/// Imports a Public Attitude Survey extract ([`peel_core::stats::pas`]), each measure
/// replacing the one held for its area, quarter and measure; an area that is neither London nor
/// a borough or ward of the geography is a problem on its line.
pub async fn import_survey_extract(
    ctx: &Context,
    name: &str,
    reader: impl Read,
) -> ServiceResult<ImportedSurvey> {
    use peel_core::stats::pas::PasArea;
    let (rows, mut problems) = peel_core::stats::pas::read(reader)
        .map_err(|message| ServiceError::invalid("file", format!("{name}: {message}")))?;
    let known = |code: &str| {
        ctx.gazetteer()
            .is_none_or(|g| g.borough(code).is_some() || g.wards().iter().any(|w| w.code == code))
    };
    let mut kept = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        match &row.area {
            PasArea::Code(code) if !known(code) => problems.push(Problem {
                line,
                message: format!("{code} is not a borough or ward of London's geography"),
            }),
            _ => kept.push(row),
        }
    }
    problems.sort_by_key(|p| p.line);
    ctx.store().upsert_pas_measures(name, &kept).await?;
    Ok(ImportedSurvey {
        measures: kept.len(),
        problems,
    })
}

/// Imports one street-level file (`name` is its file name: the source of a file that names no
/// force, and the year of a compact one, read from its first four-digit run).
pub async fn import(ctx: &Context, name: &str, reader: impl Read) -> ServiceResult<Imported> {
    let gazetteer = ctx.gazetteer().ok_or_else(|| {
        ServiceError::invalid(
            "geography",
            "London's geography is not imported yet (peel geo import), so no row can be placed",
        )
    })?;
    let year = year_in(name);
    let rows = police_uk::rows(reader, year)
        .map_err(|message| ServiceError::invalid("file", format!("{name}: {message}")))?;
    // By source, then month: a row's source is found by its text, without copying it.
    let mut sources: BTreeMap<String, BTreeMap<Month, Tally<'_>>> = BTreeMap::new();
    let mut problems = Vec::new();
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let source = if row.falls_within.is_empty() {
            name
        } else {
            row.falls_within.as_str()
        };
        let months = match sources.get_mut(source) {
            Some(months) => months,
            None => sources.entry(source.to_owned()).or_default(),
        };
        let tally = months.entry(row.month).or_default();
        tally.crimes += 1;
        let ward = match row.point {
            None => {
                tally.unplaced += 1;
                None
            }
            Some((lat, lon)) => match gazetteer.point(lat, lon) {
                PointLookup::InWard(hit) => {
                    tally.placed += 1;
                    Some(hit.ward.code.as_str())
                }
                PointLookup::OutsideForceArea => {
                    tally.outside += 1;
                    None
                }
            },
        };
        *tally.counts.entry((ward, row.category)).or_default() += 1;
    }
    let mut out = Imported {
        problems,
        months: sources.values().map(BTreeMap::len).sum(),
        ..Imported::default()
    };
    let months = sources.into_iter().flat_map(|(source, months)| {
        months
            .into_iter()
            .map(move |(month, tally)| (source.clone(), month, tally))
    });
    for (source, month, tally) in months {
        out.rows += tally.crimes;
        out.placed += tally.placed;
        out.outside += tally.outside;
        out.unplaced += tally.unplaced;
        let record = CrimeMonth {
            source,
            month,
            file: name.to_owned(),
            counts: tally
                .counts
                .into_iter()
                .map(|((ward, category), n)| {
                    (ward.and_then(|w| WardCode::parse(w).ok()), category, n)
                })
                .collect(),
            crimes: tally.crimes,
            placed: tally.placed,
            outside: tally.outside,
            unplaced: tally.unplaced,
            imported_at: ctx.now(),
        };
        ctx.store().replace_crime_month(&record).await?;
    }
    Ok(out)
}

/// The first run of four digits in a file name that reads as a year (`london_crimes_2022`).
fn year_in(name: &str) -> Option<i32> {
    let digits: Vec<char> = name.chars().collect();
    digits.windows(4).find_map(|w| {
        w.iter()
            .all(char::is_ascii_digit)
            .then(|| w.iter().collect::<String>().parse::<i32>().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_files_year_is_read_from_its_name() {
        assert_eq!(super::year_in("london_crimes_2022.csv.gz"), Some(2022));
        assert_eq!(
            super::year_in("2022-07-city-of-london-street.csv"),
            Some(2022)
        );
        assert_eq!(super::year_in("crimes.csv"), None);
    }
}
