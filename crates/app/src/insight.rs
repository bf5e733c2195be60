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
                .wards()
                .iter()
                .find(|w| w.code == ward.as_str())
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

/// What Peel's own reports say of an area over the months: time to first human contact by
/// grade and channel, and the share of victims who came back within a year.
#[derive(Debug, Clone)]
pub struct OwnMeasures {
    /// Contact times by (grade, channel); `*` is all of them.
    pub contact: BTreeMap<(String, String), peel_core::stats::own::ContactTimes>,
    /// The share of victims with another report within twelve months; `None` when none can be
    /// followed (no contact details).
    pub repeat_victims: Option<peel_core::stats::measure::Measured>,
    /// How the reports received in the months ended.
    pub outcomes: peel_core::stats::own::Outcomes,
}

/// The first instant of a month, London time.
pub(crate) fn month_start(month: Month) -> Option<time::OffsetDateTime> {
    let m = time::Month::try_from(month.month).ok()?;
    peel_core::london::start_of(time::Date::from_calendar_date(month.year, m, 1).ok()?)
}

/// Peel's own reports' measures for a ward, a borough or the force, for analysts and
/// supervisors. Repeats are looked for up to a year after the last month.
pub async fn own(
    ctx: &Context,
    actor: &Actor,
    area: &Area,
    from: Month,
    to: Month,
) -> ServiceResult<OwnMeasures> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let (Some(start), Some(end)) = (month_start(from), month_start(to.succ())) else {
        return Err(ServiceError::invalid(
            "from",
            "those months cannot be measured",
        ));
    };
    let later = end + time::Duration::days(366);
    let reports = match area {
        Area::Ward(ward) => ctx.store().report_facts(Some(ward), start, later).await?,
        Area::Force => ctx.store().report_facts(None, start, later).await?,
        Area::Borough(code) => {
            let mut all = Vec::new();
            if let Some(gazetteer) = ctx.gazetteer() {
                for ward in gazetteer.wards().iter().filter(|w| w.borough_code == *code) {
                    if let Ok(ward) = WardCode::parse(&ward.code) {
                        all.extend(ctx.store().report_facts(Some(&ward), start, later).await?);
                    }
                }
            }
            all
        }
    };
    // A victim is known as the linking engine knows them: `07700 900123` and `+447700900123`
    // are one person.
    let reports: Vec<_> = reports
        .into_iter()
        .map(|mut r| {
            r.victim = r.victim.and_then(|v| {
                if v.contains('@') {
                    peel_link::email(&v)
                } else {
                    peel_link::phone(&v)
                }
            });
            r
        })
        .collect();
    let in_period: Vec<_> = reports
        .iter()
        .filter(|r| r.received_at < end)
        .cloned()
        .collect();
    Ok(OwnMeasures {
        outcomes: peel_core::stats::own::outcomes(&in_period),
        contact: peel_core::stats::own::contact_times(&in_period),
        repeat_victims: peel_core::stats::own::repeat_victims(&reports, start, end),
    })
}

/// Hours the area's neighbourhood officers were taken away from their wards, against the
/// hours rostered to them, over the months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AbstractionFigure {
    /// Hours abstracted.
    pub abstracted: f64,
    /// Hours rostered.
    pub rostered: f64,
}

impl AbstractionFigure {
    /// Abstracted over rostered, 0 to 1; `None` with nothing rostered.
    pub fn rate(&self) -> Option<f64> {
        (self.rostered > 0.0).then(|| (self.abstracted / self.rostered).min(1.0))
    }
}

/// The abstraction of an area's wards from `from` to `to`, summed (no officer named), for
/// analysts and supervisors.
pub async fn abstraction(
    ctx: &Context,
    actor: &Actor,
    area: &Area,
    from: Month,
    to: Month,
) -> ServiceResult<AbstractionFigure> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let day = |m: Month| {
        time::Month::try_from(m.month)
            .ok()
            .and_then(|month| time::Date::from_calendar_date(m.year, month, 1).ok())
    };
    let (Some(start), Some(end)) = (day(from), day(to.succ())) else {
        return Err(ServiceError::invalid(
            "from",
            "those months cannot be measured",
        ));
    };
    let borough_wards: std::collections::HashSet<&str> = match (area, ctx.gazetteer()) {
        (Area::Borough(code), Some(g)) => g
            .wards()
            .iter()
            .filter(|w| w.borough_code == *code)
            .map(|w| w.code.as_str())
            .collect(),
        _ => std::collections::HashSet::new(),
    };
    let inside = |ward: &WardCode| match area {
        Area::Ward(code) => ward == code,
        Area::Borough(_) => borough_wards.contains(ward.as_str()),
        Area::Force => true,
    };
    let (log, rosters) = ctx.store().abstractions_between(start, end).await?;
    Ok(AbstractionFigure {
        abstracted: log
            .iter()
            .filter(|a| inside(&a.ward))
            .map(|a| a.hours)
            .sum(),
        rostered: rosters
            .iter()
            .filter(|r| inside(&r.ward))
            .map(|r| r.hours)
            .sum(),
    })
}

/// A ward's places reported again and its online harm joined to places, from its reports
/// since a month began (the sharing pack's measures, unsuppressed: these are for analysts and
/// supervisors, not partners).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHarm {
    /// The ward's name.
    pub ward: String,
    /// Places (a postcode or an address) reported exactly twice.
    pub places_twice: u32,
    /// Places reported three times or more.
    pub places_thrice: u32,
    /// Groups of linked reports holding an online report and one at a place in the ward.
    pub joined: u32,
}

/// Repeat locations and hybrid harm for a ward, or each ward of a borough, from `from` on;
/// none for the force (each borough's dashboard has its wards').
pub async fn place_harm(
    ctx: &Context,
    actor: &Actor,
    area: &Area,
    from: Month,
) -> ServiceResult<Vec<PlaceHarm>> {
    use peel_core::sharing::pack::{Cell, measure};
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let Some(gazetteer) = ctx.gazetteer() else {
        return Ok(Vec::new());
    };
    let wards: Vec<(WardCode, String)> = gazetteer
        .wards()
        .iter()
        .filter(|w| match area {
            Area::Ward(code) => w.code == code.as_str(),
            Area::Borough(code) => w.borough_code == *code,
            Area::Force => false,
        })
        .filter_map(|w| Some((WardCode::parse(&w.code).ok()?, w.name.clone())))
        .collect();
    if wards.is_empty() {
        return Ok(Vec::new());
    }
    let since = month_start(from).unwrap_or(ctx.now());
    let codes: Vec<WardCode> = wards.iter().map(|(code, _)| code.clone()).collect();
    let facts = ctx.store().pack_facts(since, &codes).await?;
    let links = ctx.store().links_between_reports(since).await?;
    // A threshold of one suppresses nothing.
    let tables = measure::build(&wards, &facts, &links, 1);
    let count = |cell: Option<&Cell>| match cell {
        Some(Cell::Shown(n)) => *n,
        _ => 0,
    };
    let (Some(repeats), Some(joined)) = (tables.get(2), tables.get(3)) else {
        return Ok(Vec::new());
    };
    Ok(repeats
        .rows
        .iter()
        .zip(&joined.rows)
        .map(|(places, groups)| PlaceHarm {
            ward: places.ward.clone(),
            places_twice: count(places.cells.first()),
            places_thrice: count(places.cells.get(1)),
            joined: count(groups.cells.first()),
        })
        .collect())
}

/// One Public Attitude Survey measure of an area in a quarter, with its Wilson interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Attitude {
    /// The area's name (a ward, a borough, or London).
    pub area: String,
    /// The measure's published name.
    pub measure: String,
    /// The quarter of fieldwork.
    pub quarter: peel_core::stats::pas::Quarter,
    /// The share agreeing, of the respondents, with its interval.
    pub share: peel_core::stats::measure::Measured,
    /// The extract it came from.
    pub source: String,
}

/// How many quarters of each measure a dashboard shows.
pub const QUARTERS_SHOWN: usize = 4;

/// The survey's measures of an area and of what holds it (a ward's, its borough's and
/// London's; a borough's and London's; London's), the last [`QUARTERS_SHOWN`] quarters of
/// each, for analysts and supervisors.
pub async fn attitudes(ctx: &Context, actor: &Actor, area: &Area) -> ServiceResult<Vec<Attitude>> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let gazetteer = ctx.gazetteer();
    let borough_of_ward = |ward: &WardCode| {
        gazetteer.and_then(|g| {
            g.wards()
                .iter()
                .find(|w| w.code == ward.as_str())
                .map(|w| w.borough_code.clone())
        })
    };
    let mut areas: Vec<String> = match area {
        Area::Ward(ward) => [Some(ward.as_str().to_owned()), borough_of_ward(ward)]
            .into_iter()
            .flatten()
            .collect(),
        Area::Borough(code) => vec![code.clone()],
        Area::Force => Vec::new(),
    };
    areas.push("London".to_owned());
    let asked: Vec<&str> = areas.iter().map(String::as_str).collect();
    let name_of = |code: &str| -> String {
        if code == "London" {
            return "London".to_owned();
        }
        gazetteer
            .and_then(|g| {
                g.borough(code).map(|b| b.name.clone()).or_else(|| {
                    g.wards()
                        .iter()
                        .find(|w| w.code == code)
                        .map(|w| w.name.clone())
                })
            })
            .unwrap_or_else(|| code.to_owned())
    };
    let rows = ctx.store().pas_measures(&asked).await?;
    // Newest quarters first within each area and measure, the areas in the order asked.
    let mut grouped: BTreeMap<(usize, String), Vec<Attitude>> = BTreeMap::new();
    for (row, source) in rows {
        let rank = asked
            .iter()
            .position(|a| *a == row.area.as_str())
            .unwrap_or(usize::MAX);
        let Some(share) =
            peel_core::stats::measure::Measured::share(row.agreeing(), row.respondents)
        else {
            continue;
        };
        grouped
            .entry((rank, row.measure.clone()))
            .or_default()
            .push(Attitude {
                area: name_of(row.area.as_str()),
                measure: row.measure,
                quarter: row.quarter,
                share,
                source,
            });
    }
    Ok(grouped
        .into_values()
        .flat_map(|mut quarters| {
            quarters.sort_by_key(|a| std::cmp::Reverse(a.quarter));
            quarters.truncate(QUARTERS_SHOWN);
            quarters
        })
        .collect())
}

/// Satisfaction with the whole experience by channel of first contact, from Peel's own
/// survey's results, each share with its Wilson interval.
pub fn satisfaction_by_channel(
    results: &[crate::survey::Satisfaction],
) -> Vec<(
    peel_core::submission::Channel,
    peel_core::stats::measure::Measured,
)> {
    let mut by_channel: BTreeMap<&str, (peel_core::submission::Channel, u64, u64)> =
        BTreeMap::new();
    for result in results {
        let answered = result.answered as u64;
        let satisfied = (result.satisfied_percent / 100.0 * answered as f64).round() as u64;
        let entry = by_channel
            .entry(result.channel.slug())
            .or_insert((result.channel, 0, 0));
        entry.1 += satisfied;
        entry.2 += answered;
    }
    by_channel
        .into_values()
        .filter_map(|(channel, satisfied, answered)| {
            Some((
                channel,
                peel_core::stats::measure::Measured::share(satisfied, answered)?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use peel_core::submission::Channel;

    use super::*;
    use crate::survey::Satisfaction;

    fn result(
        channel: Channel,
        community: Option<&str>,
        answered: usize,
        percent: f64,
    ) -> Satisfaction {
        Satisfaction {
            channel,
            community: community.map(str::to_owned),
            answered,
            satisfied_percent: percent,
            means: [0.0; 4],
        }
    }

    #[test]
    fn satisfaction_by_channel_adds_the_communities_and_gives_wilson_intervals() {
        let by_channel = satisfaction_by_channel(&[
            result(Channel::Web, None, 3, 200.0 / 3.0),
            result(Channel::Web, Some("Somali"), 1, 100.0),
            result(Channel::Phone, None, 2, 50.0),
        ]);
        assert_eq!(by_channel.len(), 2);
        let (web, web_share) = by_channel[1];
        assert_eq!(web, Channel::Web);
        // 3 of 4: Wilson (0.3006, 0.9544).
        assert_eq!((web_share.count, web_share.value), (4, 0.75));
        let i = web_share.interval.unwrap();
        assert!(
            (i.low - 0.3006).abs() < 1e-3 && (i.high - 0.9544).abs() < 1e-3,
            "{i:?}"
        );
        let (phone, phone_share) = by_channel[0];
        assert_eq!(phone, Channel::Phone);
        assert_eq!((phone_share.count, phone_share.value), (2, 0.5));
    }
}
