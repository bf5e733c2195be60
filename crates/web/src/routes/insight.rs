//! Prevention insight over HTTP (issue 19): the analysts' and supervisors' dashboards of the
//! force (`/insight`), a borough (`/insight/boroughs/{code}`) and a ward
//! (`/insight/wards/{code}`), and the JSON of a ward (`/api/v1/stats/wards/{code}`). The
//! measures are [`peel_app::insight`]'s; the charts and maps [`crate::charts`]'s.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use peel_app::insight::{self, Area, AreaStats, Part};
use peel_core::WardCode;
use peel_core::stats::interval::{Change, Interval};
use peel_core::stats::measure::{CHANNEL_BIAS, Figures, Measured};
use peel_core::stats::police_uk::Month;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::charts::{self, MapWard, format_number};
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::Chrome;
use crate::routes::page;
use crate::state::AppState;

/// The months asked for.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct Range {
    /// The first month, `YYYY-MM` (default: 23 months before `to`).
    #[serde(default)]
    from: Option<String>,
    /// The last month, `YYYY-MM` (default: the last imported).
    #[serde(default)]
    to: Option<String>,
}

/// The months asked for (`from`, `to`), each optional.
type Asked = (Option<Month>, Option<Month>);

impl Range {
    /// The months, each checked; a bad one names its field.
    pub fn months(&self) -> Result<Asked, (&'static str, String)> {
        let parse =
            |field: &'static str, text: &Option<String>| match text.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(text) => Month::parse(text).map(Some).ok_or((
                    field,
                    format!("{field} must be a month written YYYY-MM, such as 2022-07"),
                )),
            };
        Ok((parse("from", &self.from)?, parse("to", &self.to)?))
    }
}

/// A 95% interval.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntervalDto {
    /// Lower bound.
    low: f64,
    /// Upper bound.
    high: f64,
}

fn interval(i: Option<Interval>) -> Option<IntervalDto> {
    i.map(|i| IntervalDto {
        low: i.low,
        high: i.high,
    })
}

/// One category's crimes in one month.
#[derive(Debug, Serialize, ToSchema)]
pub struct CrimeCount {
    /// `YYYY-MM`.
    month: String,
    /// The police.uk category's slug (`burglary`).
    category: String,
    /// Crimes recorded.
    count: u64,
    /// The count's 95% interval (exact Poisson).
    interval: Option<IntervalDto>,
}

/// A figure resting on a count: harm days or a rate.
#[derive(Debug, Serialize, ToSchema)]
pub struct Figure {
    /// `YYYY-MM` (for the last twelve months: the last of them).
    month: String,
    /// The crimes it rests on.
    count: u64,
    /// The figure.
    value: f64,
    /// Its 95% interval (Dobson for harm, Poisson for rates); null with nothing to estimate.
    interval: Option<IntervalDto>,
}

fn figure(month: Month, m: &Measured) -> Figure {
    Figure {
        month: month.to_string(),
        count: m.count,
        value: m.value,
        interval: interval(m.interval),
    }
}

/// The last twelve months of the range, against the twelve before.
#[derive(Debug, Serialize, ToSchema)]
pub struct Period {
    /// Months it covers (12, or fewer when the range is shorter).
    months: u32,
    /// All crimes.
    crimes: Figure,
    /// Days of harm; null without a harm table.
    harm_days: Option<Figure>,
    /// Crimes per 1,000 residents; null without residents.
    rate_per_1000: Option<Figure>,
    /// `up`, `down` or `no_clear_change` against the twelve months before; null when the
    /// range does not hold them.
    change: Option<String>,
    /// The same for harm.
    harm_change: Option<String>,
}

/// A ward's statistics.
#[derive(Debug, Serialize, ToSchema)]
pub struct WardStats {
    /// The ward's GSS code.
    ward_code: String,
    /// Its name.
    ward_name: String,
    /// Its borough's name.
    borough: String,
    /// `YYYY-MM`.
    from: String,
    /// `YYYY-MM`.
    to: String,
    /// Crimes by category per month, every police.uk category, zeros included.
    crimes: Vec<CrimeCount>,
    /// Days of harm per month (CCHI); empty without a harm table.
    harm_days: Vec<Figure>,
    /// Crimes per 1,000 residents per month; empty without residents.
    rate_per_1000: Vec<Figure>,
    /// The last twelve months.
    last_twelve_months: Period,
    /// The harm table's file.
    harm_table: Option<String>,
    /// What the figures rest on and how to read them.
    notes: Vec<String>,
}

fn change_slug(change: Option<Change>) -> Option<String> {
    change.map(|c| {
        match c {
            Change::Up => "up",
            Change::Down => "down",
            Change::NoClearChange => "no_clear_change",
        }
        .to_owned()
    })
}

fn notes() -> Vec<String> {
    vec![
        CHANNEL_BIAS.to_owned(),
        format!("Residents: {}.", insight::RESIDENTS_SOURCE),
        "Intervals are 95%: Wilson for shares, exact Poisson (Byar's approximation above 400) for counts and rates, Dobson's method for harm. A change is called only when the later twelve months' share of both periods' crimes lies outside the Wilson interval around one half.".to_owned(),
    ]
}

/// A ward's crimes by category per month, harm days and rate per 1,000 residents, each with
/// its count and 95% interval.
#[utoipa::path(
    get,
    path = "/api/v1/stats/wards/{ward_code}",
    security(("session" = [])),
    tag = "statistics",
    params(("ward_code" = String, Path, description = "A current ward's GSS code"), Range),
    responses(
        (status = 200, description = "The ward's statistics", body = WardStats),
        (status = 422, description = "A month is not YYYY-MM, or the range is backwards or over ten years", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not an analyst or supervisor", body = crate::error::ErrorBody),
        (status = 404, description = "No such current ward", body = crate::error::ErrorBody)
    )
)]
pub async fn ward_api(
    State(state): State<AppState>,
    caller: Caller,
    Path(ward_code): Path<String>,
    Query(range): Query<Range>,
) -> Result<Json<WardStats>, ApiError> {
    let not_found = || {
        ApiError::with_message(
            ErrorCode::NotFound,
            "There is no current ward with that code",
        )
    };
    let ward = WardCode::parse(&ward_code).map_err(|_| not_found())?;
    let (from, to) = range
        .months()
        .map_err(|(field, message)| peel_app::ServiceError::invalid(field, message))?;
    let (from, to) = insight::months(state.ctx(), from, to).await?;
    let stats = insight::area(state.ctx(), &caller.actor, &Area::Ward(ward), from, to)
        .await
        .map_err(|e| match e {
            peel_app::ServiceError::NotFound => not_found(),
            other => other.into(),
        })?;
    let m = &stats.measures;
    let period = &m.last_twelve;
    Ok(Json(WardStats {
        ward_code: stats.code.clone(),
        ward_name: stats.name.clone(),
        borough: stats.borough.clone().map(|b| b.1).unwrap_or_default(),
        from: from.to_string(),
        to: to.to_string(),
        crimes: m
            .months
            .iter()
            .flat_map(|f| {
                f.crimes.values().map(move |(category, n)| CrimeCount {
                    month: f.month.to_string(),
                    category: category.slug().to_owned(),
                    count: *n,
                    interval: interval(Some(peel_core::stats::interval::poisson(*n))),
                })
            })
            .collect(),
        harm_days: m
            .months
            .iter()
            .filter_map(|f| f.harm_days.as_ref().map(|h| figure(f.month, h)))
            .collect(),
        rate_per_1000: m
            .months
            .iter()
            .filter_map(|f| f.rate_per_1000.as_ref().map(|r| figure(f.month, r)))
            .collect(),
        last_twelve_months: Period {
            months: m.last_twelve_months,
            crimes: figure(period.month, &period.total),
            harm_days: period.harm_days.as_ref().map(|h| figure(period.month, h)),
            rate_per_1000: period
                .rate_per_1000
                .as_ref()
                .map(|r| figure(period.month, r)),
            change: change_slug(m.change),
            harm_change: change_slug(m.harm_change),
        },
        harm_table: stats.harm_source,
        notes: notes(),
    }))
}

/// A figure with its interval, as a table cell says it.
pub fn with_interval(m: &Measured) -> String {
    match m.interval {
        Some(i) => format!(
            "{} ({} to {})",
            format_number(m.value),
            format_number(i.low),
            format_number(i.high)
        ),
        None => format_number(m.value),
    }
}

/// A change in words.
pub fn change_words(change: Option<Change>) -> &'static str {
    match change {
        Some(Change::Up) => "Up: more than chance would explain",
        Some(Change::Down) => "Down: fewer than chance would explain",
        Some(Change::NoClearChange) => "No clear change",
        None => "Not tested: the range holds fewer than 24 months",
    }
}

/// One row of a dashboard's table.
pub struct Row {
    pub label: String,
    pub href: Option<String>,
    pub crimes: String,
    pub harm: String,
    pub rate: String,
    pub change: &'static str,
}

/// One month's row.
pub struct MonthRow {
    pub month: String,
    pub crimes: String,
    pub harm: String,
    pub rate: String,
}

/// A category's row over the last twelve months.
pub struct CategoryRow {
    pub category: &'static str,
    pub crimes: String,
    pub harm: String,
}

/// One row of the contact table: a grade and a channel (or all of either).
pub struct ContactRow {
    pub grade: String,
    pub channel: String,
    pub reports: String,
    pub contacted: String,
    pub median: String,
    pub p90: String,
}

fn hours_text(p: Option<&peel_core::stats::interval::Percentile>) -> String {
    p.map_or_else(
        || "No one contacted yet".to_owned(),
        |p| {
            format!(
                "{} hours ({} to {})",
                format_number(p.value),
                format_number(p.interval.low),
                format_number(p.interval.high)
            )
        },
    )
}

/// The contact table's rows: every grade's totals first, then each grade by channel.
fn contact_rows(own: &insight::OwnMeasures) -> Vec<ContactRow> {
    own.contact
        .iter()
        .map(|((grade, channel), t)| ContactRow {
            grade: match grade.as_str() {
                "*" => "All grades".to_owned(),
                "ungraded" => "Not yet graded".to_owned(),
                g => format!("Grade {g}"),
            },
            channel: match channel.as_str() {
                "*" => "All channels".to_owned(),
                c => peel_core::submission::Channel::parse(c)
                    .map_or_else(|| c.to_owned(), |c| c.label().to_owned()),
            },
            reports: format_number(t.reports as f64),
            contacted: format_number(t.contacted as f64),
            median: hours_text(t.median_hours.as_ref()),
            p90: hours_text(t.p90_hours.as_ref()),
        })
        .collect()
}

/// A share as a percentage with its interval and what it rests on.
fn share_text(m: &Measured, of: &str) -> String {
    format!(
        "{} of {} {of}",
        percent_with_interval(m),
        format_number(m.count as f64)
    )
}

/// One survey measure's row.
pub struct AttitudeRow {
    pub area: String,
    pub measure: String,
    pub quarter: String,
    pub share: String,
    pub respondents: String,
}

/// One channel's satisfaction.
pub struct SatisfactionRow {
    pub channel: &'static str,
    pub share: String,
}

fn percent_with_interval(m: &Measured) -> String {
    match m.interval {
        Some(i) => format!(
            "{}% ({}% to {}%)",
            format_number(m.value * 100.0),
            format_number(i.low * 100.0),
            format_number(i.high * 100.0)
        ),
        None => format!("{}%", format_number(m.value * 100.0)),
    }
}

#[derive(Template)]
#[template(path = "insight.html")]
struct InsightPage {
    chrome: Chrome,
    title: String,
    scope: &'static str,
    from: String,
    to: String,
    action: String,
    error: Option<String>,
    bias: &'static str,
    harm_source: String,
    residents_source: &'static str,
    outlines_source: &'static str,
    summary: Row,
    twelve: u32,
    chart: String,
    months: Vec<MonthRow>,
    categories: Vec<CategoryRow>,
    map: String,
    key: Vec<(usize, String)>,
    parts_title: &'static str,
    parts: Vec<Row>,
    public_link: Option<String>,
    contact: Vec<ContactRow>,
    repeat_victims: String,
    attitudes: Vec<AttitudeRow>,
    attitude_sources: Vec<String>,
    satisfaction: Vec<SatisfactionRow>,
    priorities: Vec<crate::routes::ward_priorities::CompareRow>,
    quarter: String,
    few: String,
    outcomes: Vec<OutcomeRow>,
    place_harm: Vec<insight::PlaceHarm>,
    closed: String,
    prevention: String,
    abstraction: String,
    volunteers: String,
}

/// One outcome's row.
pub struct OutcomeRow {
    pub outcome: &'static str,
    pub kind: &'static str,
    pub share: String,
}

fn harm_text(f: &Figures) -> String {
    f.harm_days
        .as_ref()
        .map(with_interval)
        .unwrap_or_else(|| "No harm table".to_owned())
}

fn rate_text(f: &Figures) -> String {
    f.rate_per_1000
        .as_ref()
        .map(with_interval)
        .unwrap_or_else(|| "No residents' figures".to_owned())
}

fn part_row(part: &Part, href: String) -> Row {
    let f = &part.measures.last_twelve;
    Row {
        label: part.name.clone(),
        href: Some(href),
        crimes: with_interval(&f.total),
        harm: harm_text(f),
        rate: rate_text(f),
        change: change_words(part.measures.change),
    }
}

/// Harm days per 1,000 residents over the last twelve months: the map's figure (harm alone
/// would shade the largest wards darkest).
pub fn harm_per_thousand(f: &Figures) -> Option<f64> {
    let harm = f.harm_days.as_ref()?;
    let residents = f.population.filter(|p| *p > 0.0)?;
    Some(harm.value / residents * 1000.0)
}

/// What a map says, in the page's language.
pub struct MapWords<'a> {
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// A ward's link text from its name and figure.
    pub label: &'a (dyn Fn(&str, Option<f64>) -> String + Sync),
    /// Where a ward's link goes, from its code.
    pub href: &'a (dyn Fn(&str) -> String + Sync),
}

/// The map of `wards` from their outlines, and its key.
pub async fn ward_map(
    state: &AppState,
    borough: Option<&str>,
    wards: &[Part],
    current: Option<&str>,
    words: &MapWords<'_>,
) -> Result<(String, Vec<(usize, String)>), PageError> {
    let outlines = insight::outlines(state.ctx(), borough).await?;
    let by_code: std::collections::HashMap<&str, &Part> =
        wards.iter().map(|p| (p.code.as_str(), p)).collect();
    let shown: Vec<MapWard> = outlines
        .into_iter()
        .filter_map(|o| {
            let part = by_code.get(o.ward.as_str())?;
            let value = harm_per_thousand(&part.measures.last_twelve);
            Some(MapWard {
                label: (words.label)(&part.name, value),
                href: (words.href)(o.ward.as_str()),
                current: current == Some(o.ward.as_str()),
                path: o.path,
                bounds: o.bounds,
                value,
            })
        })
        .collect();
    let key = charts::map_key(&shown);
    Ok((
        charts::map("map", &words.title, &words.description, &shown),
        key,
    ))
}

fn month_rows(stats: &AreaStats) -> Vec<MonthRow> {
    stats
        .measures
        .months
        .iter()
        .map(|f| MonthRow {
            month: f.month.to_string(),
            crimes: with_interval(&f.total),
            harm: harm_text(f),
            rate: rate_text(f),
        })
        .collect()
}

async fn dashboard(
    state: &AppState,
    caller: &Caller,
    area: Area,
    range: &Range,
) -> Result<Response, PageError> {
    let chrome = Chrome::for_caller(caller);
    let (asked, error) = match range.months() {
        Ok(months) => (months, None),
        Err((_, message)) => ((None, None), Some(message)),
    };
    // A range the service refuses is named on the page, and the default range shown instead.
    let ((from, to), error) = match insight::months(state.ctx(), asked.0, asked.1).await {
        Ok(months) => (months, error),
        Err(peel_app::ServiceError::Invalid { message, .. }) => (
            insight::months(state.ctx(), None, None).await?,
            Some(message),
        ),
        Err(other) => return Err(other.into()),
    };
    let stats = insight::area(state.ctx(), &caller.actor, &area, from, to).await?;
    let (own, place_harm) =
        insight::own_and_places(state.ctx(), &caller.actor, &area, from, to).await?;
    let attitudes = insight::attitudes(state.ctx(), &caller.actor, &area).await?;
    let mut attitude_sources: Vec<String> = attitudes.iter().map(|a| a.source.clone()).collect();
    attitude_sources.sort();
    attitude_sources.dedup();
    let abstraction = insight::abstraction(state.ctx(), &caller.actor, &area, from, to).await?;
    let (hours, tasks) =
        insight::volunteer_hours(state.ctx(), &caller.actor, &area, from, to).await?;
    let satisfaction = insight::satisfaction_by_channel(
        &peel_app::survey::results(state.ctx(), &caller.actor).await?,
    );
    // Where each of the borough's wards' panel, residents and harm differ (a borough
    // commander's view); the force's dashboard leaves it to the boroughs'.
    let priorities = if matches!(area, Area::Force) {
        Vec::new()
    } else {
        crate::routes::ward_priorities::compare_rows(state, caller, &stats.wards, &stats.harm)
            .await?
    };
    let f = &stats.measures.last_twelve;
    let (scope, action, parts_title, map_borough, public_link) = match &area {
        Area::Ward(ward) => (
            "ward",
            format!("/insight/wards/{ward}"),
            "Wards of the borough",
            stats.borough.as_ref().map(|b| b.0.clone()),
            Some(format!("/wards/{ward}")),
        ),
        Area::Borough(code) => (
            "borough",
            format!("/insight/boroughs/{code}"),
            "Wards",
            Some(code.clone()),
            None,
        ),
        Area::Force => ("force", "/insight".to_owned(), "Boroughs", None, None),
    };
    let current = matches!(area, Area::Ward(_)).then_some(stats.code.as_str());
    let words = MapWords {
        title: "Days of harm per 1,000 residents, last twelve months, by ward".to_owned(),
        description: "Each ward is shaded by its days of harm per 1,000 residents, lightest least; the table below gives every figure.".to_owned(),
        label: &|name, value| match value {
            Some(v) => format!("{name}: {} days of harm per 1,000 residents", format_number(v)),
            None => format!("{name}: no figure"),
        },
        href: &|w| format!("/insight/wards/{w}"),
    };
    let (map, key) = ward_map(state, map_borough.as_deref(), &stats.wards, current, &words).await?;
    let parts = if matches!(area, Area::Force) {
        stats
            .boroughs
            .iter()
            .map(|b| part_row(b, format!("/insight/boroughs/{}", b.code)))
            .collect()
    } else {
        stats
            .wards
            .iter()
            .map(|w| part_row(w, format!("/insight/wards/{}", w.code)))
            .collect()
    };
    let title = match &stats.borough {
        Some((_, borough)) => format!("{}, {borough}", stats.name),
        None => stats.name.clone(),
    };
    let html = InsightPage {
        chart: charts::bars(
            "crimes",
            &format!("Crimes recorded each month in {title}"),
            "One bar per month; the table below gives each month's count with its interval.",
            &stats
                .measures
                .months
                .iter()
                .map(|m| (m.month.to_string(), m.total.value))
                .collect::<Vec<_>>(),
        ),
        months: month_rows(&stats),
        categories: f
            .crimes
            .values()
            .map(|(category, n)| CategoryRow {
                category: peel_core::stats::police_uk::crime_type(*category).unwrap_or(""),
                crimes: format_number(*n as f64),
                harm: stats
                    .harm
                    .days(*category)
                    .map(|w| format_number(w * *n as f64))
                    .unwrap_or_else(|| "No weight".to_owned()),
            })
            .collect(),
        summary: Row {
            label: title.clone(),
            href: None,
            crimes: with_interval(&f.total),
            harm: harm_text(f),
            rate: rate_text(f),
            change: change_words(stats.measures.change),
        },
        twelve: stats.measures.last_twelve_months,
        chrome,
        title,
        scope,
        from: from.to_string(),
        to: to.to_string(),
        action,
        error,
        bias: CHANNEL_BIAS,
        harm_source: stats
            .harm_source
            .clone()
            .unwrap_or_else(|| "none loaded: load one with peel stats import".to_owned()),
        residents_source: insight::RESIDENTS_SOURCE,
        outlines_source: insight::OUTLINES_SOURCE,
        map,
        key,
        parts_title,
        parts,
        public_link,
        contact: contact_rows(&own),
        repeat_victims: own.repeat_victims.as_ref().map_or_else(
            || "No victim can be followed: none of these reports left contact details".to_owned(),
            |m| share_text(m, "victims who left contact details"),
        ),
        attitudes: attitudes
            .iter()
            .map(|a| AttitudeRow {
                area: a.area.clone(),
                measure: a.measure.clone(),
                quarter: a.quarter.to_string(),
                share: percent_with_interval(&a.share),
                respondents: format_number(a.share.count as f64),
            })
            .collect(),
        attitude_sources,
        place_harm,
        outcomes: own
            .outcomes
            .by_kind
            .iter()
            .map(|(kind, m)| OutcomeRow {
                outcome: kind.label(),
                kind: if peel_core::stats::own::prevents(*kind) {
                    "Prevention"
                } else if kind.is_prevention() {
                    "Peel's own outcome"
                } else {
                    "Police outcome (police.uk)"
                },
                share: share_text(m, "closed"),
            })
            .collect(),
        closed: format!(
            "{} of the {} reports received in these months are in cases that have closed",
            format_number(own.outcomes.closed as f64),
            format_number(own.outcomes.reports as f64)
        ),
        prevention: own.outcomes.prevention.as_ref().map_or_else(
            || "None has closed yet.".to_owned(),
            |m| format!("Ended in prevention (a referral, a diversion, or advice and protection): {}.", share_text(m, "closed")),
        ),
        abstraction: match abstraction.rate() {
            Some(rate) => format!(
                "{} hours of the {} rostered to these wards' officers were spent away from them: {}%",
                format_number(abstraction.abstracted),
                format_number(abstraction.rostered),
                format_number(rate * 100.0)
            ),
            None => "No hours are rostered to these wards' officers in these months, so no rate can be given".to_owned(),
        },
        volunteers: format!(
            "Volunteers gave {} hours on {} tasks done here in these months",
            format_number(hours),
            format_number(tasks as f64)
        ),
        priorities,
        quarter: peel_app::priorities::this_quarter(state.ctx()).to_string(),
        few: crate::routes::ward_priorities::voices_to_compare(),
        satisfaction: satisfaction
            .iter()
            .map(|(channel, m)| SatisfactionRow {
                channel: channel.label(),
                share: share_text(m, "who answered"),
            })
            .collect(),
    }
    .render()?;
    Ok(page(axum::http::StatusCode::OK, html, &[]))
}

/// `GET /insight`: the force.
pub async fn force(
    State(state): State<AppState>,
    caller: Caller,
    Query(range): Query<Range>,
) -> Result<Response, PageError> {
    dashboard(&state, &caller, Area::Force, &range).await
}

/// `GET /insight/boroughs/{code}`.
pub async fn borough(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    Query(range): Query<Range>,
) -> Result<Response, PageError> {
    dashboard(&state, &caller, Area::Borough(code), &range).await
}

/// `GET /insight/wards/{code}`.
pub async fn ward(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    Query(range): Query<Range>,
) -> Result<Response, PageError> {
    let ward = WardCode::parse(&code).map_err(|_| PageError::NotFound)?;
    dashboard(&state, &caller, Area::Ward(ward), &range).await
}
