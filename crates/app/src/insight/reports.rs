//! What Peel's own reports and records say of an area (issue 19), beside the published
//! files' crime: contact times, repeat victims and outcomes, officers' abstraction, places
//! reported again and online harm joined to places, and trust and satisfaction.

use std::collections::BTreeMap;

use peel_core::WardCode;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::stats::police_uk::Month;

use super::{Area, month_bounds};
use crate::{Context, ServiceError, ServiceResult};

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

/// Peel's own reports' measures for a ward, a borough or the force, and each ward's places
/// reported again and joined groups (none for the force: each borough's dashboard has its
/// wards'), for analysts and supervisors. A ward's or borough's reports are read once for
/// both. Repeats are looked for up to a year after the last month; places and groups from the
/// first month on.
pub async fn own_and_places(
    ctx: &Context,
    actor: &Actor,
    area: &Area,
    from: Month,
    to: Month,
) -> ServiceResult<(OwnMeasures, Vec<PlaceHarm>)> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let (start, end) = month_bounds(from, to)?;
    let later = end + time::Duration::days(366);
    let Some(wards) = area.ward_codes(ctx.gazetteer()) else {
        let reports = ctx.store().report_facts(None, start, later).await?;
        return Ok((own_measures(reports, start, end), Vec::new()));
    };
    // Places and groups count every report since the first month, with no end.
    let until = time::Date::MAX.midnight().assume_utc();
    let read = ctx.store().ward_reports(&wards, start, until).await?;
    let mut facts = Vec::with_capacity(read.len());
    let mut reports = Vec::with_capacity(read.len());
    for report in read {
        if report.facts.received_at < later {
            reports.push(report.facts);
        }
        facts.extend(report.pack.filter(|fact| !fact.online));
    }
    let places = place_harm(ctx, area, start, facts).await?;
    Ok((own_measures(reports, start, end), places))
}

/// The measures of `reports`, which are in order of receipt (as both reads give them).
fn own_measures(
    reports: Vec<peel_core::stats::own::ReportFacts>,
    start: time::OffsetDateTime,
    end: time::OffsetDateTime,
) -> OwnMeasures {
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
    debug_assert!(reports.is_sorted_by_key(|r| r.received_at));
    let in_period = reports
        .get(..reports.partition_point(|r| r.received_at < end))
        .unwrap_or_default();
    OwnMeasures {
        outcomes: peel_core::stats::own::outcomes(in_period),
        contact: peel_core::stats::own::contact_times(in_period),
        repeat_victims: peel_core::stats::own::repeat_victims(&reports, start, end),
    }
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

/// Hours volunteers gave on tasks done in an area from `from` to `to`, and how many tasks: a
/// task counts where its place is (a task with no place counts for London alone), for analysts
/// and supervisors.
pub async fn volunteer_hours(
    ctx: &Context,
    actor: &Actor,
    area: &Area,
    from: Month,
    to: Month,
) -> ServiceResult<(f64, u64)> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let (start, end) = day_bounds(from, to)?;
    let inside = |place: Option<(f64, f64)>| {
        let ward = place.and_then(|(lat, lon)| match ctx.gazetteer()?.point(lat, lon) {
            peel_geo::PointLookup::InWard(hit) => Some(hit.ward),
            peel_geo::PointLookup::OutsideForceArea => None,
        });
        *area == Area::Force || ward.is_some_and(|w| area.holds(w))
    };
    let (hours, tasks) = ctx
        .store()
        .task_hours(start, end)
        .await?
        .into_iter()
        .filter(|(place, _)| inside(*place))
        .fold((0.0, 0), |(h, n), (_, hours)| (h + hours, n + 1));
    Ok((hours, tasks))
}

/// The first day of `from` and of the month after `to`.
fn day_bounds(from: Month, to: Month) -> ServiceResult<(time::Date, time::Date)> {
    from.first_day()
        .zip(to.succ().first_day())
        .ok_or_else(|| ServiceError::invalid("from", "those months cannot be measured"))
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
    let (start, end) = day_bounds(from, to)?;
    let wards = area.ward_codes(ctx.gazetteer());
    let inside = |ward: &WardCode| wards.as_ref().is_none_or(|list| list.contains(ward));
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

/// Repeat locations and hybrid harm for a ward, or each ward of a borough, from the wards'
/// own `facts` (placed reports, none restricted) since `since`, with the online reports and
/// the links of that time read here.
async fn place_harm(
    ctx: &Context,
    area: &Area,
    since: time::OffsetDateTime,
    mut facts: Vec<peel_core::sharing::pack::measure::Fact>,
) -> ServiceResult<Vec<PlaceHarm>> {
    use peel_core::sharing::pack::{Cell, measure};
    let Some(gazetteer) = ctx.gazetteer() else {
        return Ok(Vec::new());
    };
    let wards: Vec<(WardCode, String)> = gazetteer
        .wards()
        .iter()
        .filter(|w| area.holds(w))
        .filter_map(|w| Some((WardCode::parse(&w.code).ok()?, w.name.clone())))
        .collect();
    if wards.is_empty() {
        return Ok(Vec::new());
    }
    // With no wards asked, the sharing pack's read gives the online reports alone.
    facts.extend(ctx.store().pack_facts(since, &[]).await?);
    facts.sort_unstable_by_key(|fact| fact.id);
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
    attitudes_of(ctx, area, QUARTERS_SHOWN).await
}

/// The survey's latest quarter of each measure of a ward, its borough and London, for the
/// public ward page: MOPAC publishes them, so no sign-in.
pub async fn public_attitudes(ctx: &Context, ward: &WardCode) -> ServiceResult<Vec<Attitude>> {
    attitudes_of(ctx, &Area::Ward(ward.clone()), 1).await
}

async fn attitudes_of(ctx: &Context, area: &Area, quarters: usize) -> ServiceResult<Vec<Attitude>> {
    let gazetteer = ctx.gazetteer();
    let borough_of_ward = |ward: &WardCode| {
        gazetteer.and_then(|g| g.ward(ward.as_str()).map(|w| w.borough_code.clone()))
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
                g.borough(code)
                    .map(|b| b.name.clone())
                    .or_else(|| g.ward(code).map(|w| w.name.clone()))
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
        // The share as the survey published it, with the interval of the count it rounds to.
        let Some(share) =
            peel_core::stats::measure::Measured::share(row.agreeing(), row.respondents).map(|m| {
                peel_core::stats::measure::Measured {
                    value: row.share,
                    ..m
                }
            })
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
        .flat_map(|mut quarters_held| {
            quarters_held.sort_by_key(|a| std::cmp::Reverse(a.quarter));
            quarters_held.truncate(quarters);
            quarters_held
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
