//! Prevention insight (issue 19): the measures of a ward, a borough or the force over a range
//! of months, from the crime counts imported and the harm table and residents loaded; for
//! analysts and supervisors in full, and for residents on the public ward page with small
//! counts suppressed (the page does that, by [`peel_core::stats::measure::public_row`]).
//!
//! Aggregates name no one, so reading them is not a consultation of personal data and is not
//! audited; a refusal is, as every refusal is.

use std::collections::BTreeMap;

use peel_core::WardCode;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::stats::harm::HarmTable;
use peel_core::stats::measure::{Measures, Population, measure};
use peel_core::stats::police_uk::Month;
use peel_store::WardOutline;

use crate::{Context, ServiceError, ServiceResult};

mod reports;
pub use reports::{
    AbstractionFigure, Attitude, OwnMeasures, PlaceHarm, QUARTERS_SHOWN, abstraction, attitudes,
    own_and_places, public_attitudes, satisfaction_by_channel, volunteer_hours,
};

/// Where the residents come from, as pages say it.
pub const RESIDENTS_SOURCE: &str = "GLA ward population estimates and projections (2014 wards), apportioned to the current wards by the share of each old ward's postcodes";

/// Where the outlines come from, as maps say it.
pub const OUTLINES_SOURCE: &str = "Current (2025) wards drawn by joining the 2021 LSOAs that fit each best (by postcodes); wards smaller than an LSOA, most of the City of London's, are not drawn";

/// Which area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Area {
    /// One current ward.
    Ward(WardCode),
    /// A borough, by GSS code.
    Borough(String),
    /// The force area: everything placed.
    Force,
}

impl Area {
    /// Whether a ward is in the area.
    pub fn holds(&self, ward: &peel_geo::Ward) -> bool {
        match self {
            Area::Ward(code) => ward.code == code.as_str(),
            Area::Borough(code) => ward.borough_code == *code,
            Area::Force => true,
        }
    }

    /// The area's wards, by the geography; `None` for the force (every ward, placed or not).
    pub fn ward_codes(&self, gazetteer: Option<&peel_geo::Gazetteer>) -> Option<Vec<WardCode>> {
        match self {
            Area::Force => None,
            Area::Ward(code) => Some(vec![code.clone()]),
            Area::Borough(_) => Some(
                gazetteer
                    .map(|g| {
                        g.wards()
                            .iter()
                            .filter(|w| self.holds(w))
                            .filter_map(|w| WardCode::parse(&w.code).ok())
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
        }
    }
}

/// One area's measures.
#[derive(Debug, Clone)]
pub struct AreaStats {
    /// Its code (a ward's or borough's GSS code, `force`).
    pub code: String,
    /// Its name.
    pub name: String,
    /// The borough a ward is in, (code, name).
    pub borough: Option<(String, String)>,
    /// The months measured.
    pub from: Month,
    /// To.
    pub to: Month,
    /// The measures.
    pub measures: Measures,
    /// The file the harm table came from; `None` when none is loaded.
    pub harm_source: Option<String>,
    /// The harm table the measures weighed by.
    pub harm: HarmTable,
    /// The wards on its map over the same months: a ward's borough's wards, a borough's
    /// wards, every ward of the force.
    pub wards: Vec<Part>,
    /// The force's boroughs; empty for a ward or a borough.
    pub boroughs: Vec<Part>,
}

/// A ward or a borough among others.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its borough's GSS code (a borough's own).
    pub borough_code: String,
    /// Its measures.
    pub measures: Measures,
}

/// The last month any crime was imported for, if any.
pub async fn latest_month(ctx: &Context) -> ServiceResult<Option<Month>> {
    Ok(ctx
        .store()
        .crime_imports()
        .await?
        .iter()
        .map(|i| i.month)
        .max())
}

/// The months to measure: those asked for, or the 24 to the last imported (enough to test the
/// last twelve against the twelve before). Refuses a range that ends before it starts or
/// spans more than ten years.
pub async fn months(
    ctx: &Context,
    from: Option<Month>,
    to: Option<Month>,
) -> ServiceResult<(Month, Month)> {
    let to = match to {
        Some(to) => to,
        None => latest_month(ctx).await?.unwrap_or_else(|| {
            Month::new(2022, 12).unwrap_or(Month {
                year: 2022,
                month: 12,
            })
        }),
    };
    let from = from.unwrap_or_else(|| to.minus(23));
    if from > to {
        return Err(ServiceError::invalid("from", "from must not be after to"));
    }
    if Month::range(from, to).len() > 120 {
        return Err(ServiceError::invalid(
            "from",
            "a range may span at most ten years (120 months)",
        ));
    }
    Ok((from, to))
}

async fn harm(ctx: &Context) -> ServiceResult<(HarmTable, Option<String>)> {
    let (weights, source) = ctx.store().harm_weights().await?;
    Ok((HarmTable::from_weights(weights), source))
}

/// The residents of some wards together, by year, from each ward's own.
fn population<'a>(
    by_ward: &BTreeMap<&str, Vec<(i32, f64)>>,
    wards: impl IntoIterator<Item = &'a str>,
) -> Option<Population> {
    let mut years: BTreeMap<i32, f64> = BTreeMap::new();
    for ward in wards {
        for (year, residents) in by_ward.get(ward).into_iter().flatten() {
            *years.entry(*year).or_default() += residents;
        }
    }
    (!years.is_empty()).then(|| Population::new(years))
}

/// The measures of `area` from `from` to `to`, for analysts and supervisors.
pub async fn area(
    ctx: &Context,
    actor: &Actor,
    area: &Area,
    from: Month,
    to: Month,
) -> ServiceResult<AreaStats> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    measure_area(ctx, area, from, to).await
}

/// A ward's measures for its public page: no sign-in (the counts are the published files').
pub async fn public_ward(
    ctx: &Context,
    ward: &WardCode,
    from: Month,
    to: Month,
) -> ServiceResult<AreaStats> {
    measure_area(ctx, &Area::Ward(ward.clone()), from, to).await
}

async fn measure_area(
    ctx: &Context,
    area: &Area,
    from: Month,
    to: Month,
) -> ServiceResult<AreaStats> {
    let gazetteer = ctx.gazetteer().ok_or_else(|| {
        ServiceError::invalid(
            "geography",
            "London's geography is not imported yet (peel geo import)",
        )
    })?;
    let borough_name = |code: &str| {
        gazetteer
            .borough(code)
            .map(|b| b.name.clone())
            .unwrap_or_default()
    };
    // The area's name, its borough, and the borough whose wards its map shows.
    let (code, name, borough, map_borough) = match area {
        Area::Ward(ward) => {
            let known = gazetteer
                .ward(ward.as_str())
                .ok_or(ServiceError::NotFound)?;
            let borough = (
                known.borough_code.clone(),
                borough_name(&known.borough_code),
            );
            (
                known.code.clone(),
                known.name.clone(),
                Some(borough),
                Some(known.borough_code.clone()),
            )
        }
        Area::Borough(code) => {
            let borough = gazetteer.borough(code).ok_or(ServiceError::NotFound)?;
            (
                borough.code.clone(),
                borough.name.clone(),
                None,
                Some(borough.code.clone()),
            )
        }
        Area::Force => ("force".to_owned(), "London".to_owned(), None, None),
    };
    let (table, harm_source) = harm(ctx).await?;
    let shown: BTreeMap<&str, (&str, &str)> = gazetteer
        .wards()
        .iter()
        .filter(|w| map_borough.as_deref().is_none_or(|b| b == w.borough_code))
        .map(|w| (w.code.as_str(), (w.name.as_str(), w.borough_code.as_str())))
        .collect();
    let mut by_ward: BTreeMap<&str, Vec<(Month, peel_core::submission::Category, u64)>> =
        shown.keys().map(|w| (*w, Vec::new())).collect();
    let asked: Option<Vec<WardCode>> = map_borough.is_some().then(|| {
        shown
            .keys()
            .filter_map(|w| WardCode::parse(w).ok())
            .collect()
    });
    let residents = ctx.store().ward_residents(asked.as_deref()).await?;
    let mut residents_by_ward: BTreeMap<&str, Vec<(i32, f64)>> = BTreeMap::new();
    for (ward, year, n) in &residents {
        residents_by_ward
            .entry(ward.as_str())
            .or_default()
            .push((*year, *n));
    }
    for (ward, month, category, n) in ctx
        .store()
        .crime_counts_by_ward(from, to, asked.as_deref())
        .await?
    {
        if let Some(rows) = by_ward.get_mut(ward.as_str()) {
            rows.push((month, category, n));
        }
    }
    let measure_of = |counts: &[(Month, peel_core::submission::Category, u64)],
                      wards: &mut dyn Iterator<Item = &str>| {
        measure(
            counts,
            from,
            to,
            &table,
            population(&residents_by_ward, wards).as_ref(),
        )
    };
    let wards: Vec<Part> = by_ward
        .iter()
        .map(|(ward, counts)| {
            let (name, borough_code) = shown.get(ward).copied().unwrap_or_default();
            Part {
                code: (*ward).to_owned(),
                name: name.to_owned(),
                borough_code: borough_code.to_owned(),
                measures: measure_of(counts, &mut std::iter::once(*ward)),
            }
        })
        .collect();
    let counts_where = |keep: &dyn Fn(&str) -> bool| -> Vec<_> {
        by_ward
            .iter()
            .filter(|(ward, _)| keep(ward))
            .flat_map(|(_, rows)| rows.iter().copied())
            .collect()
    };
    let measures = match area {
        Area::Ward(ward) => measure_of(
            &counts_where(&|w| w == ward.as_str()),
            &mut std::iter::once(ward.as_str()),
        ),
        Area::Borough(_) | Area::Force => {
            measure_of(&counts_where(&|_| true), &mut shown.keys().copied())
        }
    };
    let boroughs = if *area == Area::Force {
        gazetteer
            .boroughs()
            .iter()
            .map(|b| {
                let inside = |w: &str| shown.get(w).is_some_and(|(_, code)| *code == b.code);
                Part {
                    code: b.code.clone(),
                    name: b.name.clone(),
                    borough_code: b.code.clone(),
                    measures: measure_of(
                        &counts_where(&inside),
                        &mut shown.keys().copied().filter(|w| inside(w)),
                    ),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(AreaStats {
        code,
        name,
        borough,
        from,
        to,
        measures,
        harm_source,
        harm: table,
        wards,
        boroughs,
    })
}

/// Ward outlines for a map of a borough (or, with `None`, of London).
pub async fn outlines(
    ctx: &Context,
    borough_code: Option<&str>,
) -> ServiceResult<Vec<WardOutline>> {
    Ok(ctx.store().ward_outlines(borough_code).await?)
}

/// The first instant of `from` and of the month after `to`, London time: a range of months
/// as instants.
pub(crate) fn month_bounds(
    from: Month,
    to: Month,
) -> ServiceResult<(time::OffsetDateTime, time::OffsetDateTime)> {
    from.start()
        .zip(to.succ().start())
        .ok_or_else(|| ServiceError::invalid("from", "those months cannot be measured"))
}
