//! The public ward page (`GET /wards/{code}`, issue 19): for residents, no sign-in. The
//! neighbourhood team and how to reach it, crime month by month and by kind with small counts
//! suppressed, the rate per 1,000 residents with its interval in plain words, whether it
//! changed, and the borough's map shaded by harm; each figure with what it rests on.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use peel_app::insight::{self, AreaStats};
use peel_core::WardCode;
use peel_core::stats::interval::Change;
use peel_core::stats::measure::{
    PUBLIC_THRESHOLD, PublicCount, public_by_category, public_row, publishable,
};
use peel_core::submission::Category;

use crate::auth::Caller;
use crate::charts::{self, format_number};
use crate::error::PageError;
use crate::pages::{Chrome, FieldErrors};
use crate::routes::insight::{MapWords, Range, ward_map};
use crate::routes::page;
use crate::routes::ward_priorities::{PrioritiesView, view, voices_to_compare};
use crate::state::AppState;

/// A period's categories as a public page shows them, and their total.
type PublicCells = (Vec<(Category, PublicCount)>, PublicCount);

/// A month's row: the month and its count as shown.
struct MonthRow {
    month: String,
    crimes: String,
}

#[derive(Template)]
#[template(path = "ward.html")]
struct WardPage {
    chrome: Chrome,
    ward: String,
    borough: String,
    team: Option<String>,
    has_data: bool,
    summary: String,
    rate: Option<String>,
    change: String,
    chart: String,
    months: Vec<MonthRow>,
    kinds: Vec<(String, String)>,
    map: String,
    key: Vec<(usize, String)>,
    trust: Vec<String>,
    /// Always shown; an option so the template can name it as its partial does.
    priorities: Option<PrioritiesView>,
    ward_code: String,
    csrf: String,
    errors: FieldErrors,
    themes: Vec<(&'static str, String)>,
    few: String,
}

fn shown(count: PublicCount, chrome: &Chrome) -> String {
    match count {
        PublicCount::Shown(n) => format_number(n as f64),
        PublicCount::FewerThan(n) => chrome.t1("ward-fewer-than", "n", &n.to_string()),
    }
}

/// `GET /wards/{code}`.
pub async fn page_for(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    caller: Caller,
    Path(code): Path<String>,
    Query(range): Query<Range>,
) -> Result<Response, PageError> {
    let ward = WardCode::parse(&code).map_err(|_| PageError::NotFound)?;
    // The public page shows the last 24 months imported; a bad range is ignored.
    let (from, to) = range.months().unwrap_or((None, None));
    let (from, to) = match insight::months(state.ctx(), from, to).await {
        Ok(months) => months,
        Err(_) => insight::months(state.ctx(), None, None).await?,
    };
    let stats = insight::public_ward(state.ctx(), &ward, from, to)
        .await
        .map_err(|e| match e {
            peel_app::ServiceError::NotFound => PageError::NotFound,
            other => other.into(),
        })?;
    let chrome = Chrome::for_caller(&caller);
    let team = state
        .ctx()
        .store()
        .teams()
        .await?
        .into_iter()
        .find(|t| t.ward.as_ref() == Some(&ward))
        .map(|t| t.name);
    let attitudes = insight::public_attitudes(state.ctx(), &ward).await?;
    let priorities = peel_app::priorities::public(
        state.ctx(),
        &ward,
        &stats.measures.last_twelve.crimes,
        &stats.harm,
    )
    .await?;
    let (csrf, set_cookie) = crate::auth::csrf::cookie_token(&state, &headers)?;
    // The twelve months' categories as the page shows them, for its table of kinds and for the
    // priorities' themes beside it.
    let public = public_by_category(&stats.measures.last_twelve.crimes);
    let priorities = view(&chrome, &priorities, Some(&public.0));
    let html = render(
        &state,
        chrome,
        &stats,
        team,
        &attitudes,
        (priorities, csrf, public),
    )
    .await?;
    Ok(page(
        axum::http::StatusCode::OK,
        html,
        set_cookie.as_slice(),
    ))
}

async fn render(
    state: &AppState,
    chrome: Chrome,
    stats: &AreaStats,
    team: Option<String>,
    attitudes: &[insight::Attitude],
    (priorities, csrf, (cells, total)): (PrioritiesView, String, PublicCells),
) -> Result<String, PageError> {
    let percent = |v: f64| format_number(v * 100.0);
    let trust = attitudes
        .iter()
        .filter_map(|a| {
            let i = a.share.interval?;
            Some(chrome.tr.with(
                "ward-trust-line",
                &[
                    ("measure", a.measure.as_str()),
                    ("share", &percent(a.share.value)),
                    ("respondents", &format_number(a.share.count as f64)),
                    ("area", a.area.as_str()),
                    ("quarter", &a.quarter.to_string()),
                    ("low", &percent(i.low)),
                    ("high", &percent(i.high)),
                ],
            ))
        })
        .collect();
    let m = &stats.measures;
    let period = &m.last_twelve;
    let has_data = m.months.iter().any(|f| f.total.count > 0);
    let months: Vec<MonthRow> = m
        .months
        .iter()
        .map(|f| {
            let counts: Vec<u64> = f.crimes.values().map(|(_, n)| *n).collect();
            let (_, total) = public_row(&counts);
            MonthRow {
                month: f.month.to_string(),
                crimes: shown(total, &chrome),
            }
        })
        .collect();
    let kinds = cells
        .into_iter()
        .map(|(category, cell)| {
            (
                chrome.t(&format!("category-{}", category.slug())),
                shown(cell, &chrome),
            )
        })
        .collect();
    let last = period.month.to_string();
    let summary = chrome.t2(
        "ward-summary",
        "month",
        &last,
        "crimes",
        &shown(total, &chrome),
    );
    let rate = period
        .rate_per_1000
        .as_ref()
        .filter(|r| publishable(r))
        .and_then(|r| {
            let i = r.interval?;
            Some(chrome.tr.with(
                "ward-rate",
                &[
                    ("rate", &format_number(r.value)),
                    ("low", &format_number(i.low)),
                    ("high", &format_number(i.high)),
                ],
            ))
        });
    let change = chrome.t(match m.change {
        Some(Change::Up) => "ward-change-up",
        Some(Change::Down) => "ward-change-down",
        Some(Change::NoClearChange) => "ward-change-none",
        None => "ward-change-untested",
    });
    // The chart draws only months whose count is shown; withheld months are drawn as none
    // and the table says why.
    let bars: Vec<(String, f64)> = m
        .months
        .iter()
        .map(|f| {
            let shown_count = if PublicCount::of(f.total.count).suppressed() {
                0.0
            } else {
                f.total.value
            };
            (
                format!("{:02}/{}", f.month.month, f.month.year % 100),
                shown_count,
            )
        })
        .collect();
    let borough = stats
        .borough
        .as_ref()
        .map(|b| b.1.clone())
        .unwrap_or_default();
    let chart = charts::bars(
        "crimes",
        &chrome.t("ward-chart-title"),
        &chrome.t1("ward-chart-description", "n", &PUBLIC_THRESHOLD.to_string()),
        &bars,
    );
    let words = MapWords {
        title: chrome.t("ward-map-title"),
        description: chrome.t("ward-map-description"),
        label: &|name, value| match value {
            Some(v) => chrome.t2("ward-map-label", "ward", name, "days", &format_number(v)),
            None => chrome.t1("ward-map-no-figure", "ward", name),
        },
        href: &|w| format!("/wards/{w}"),
    };
    let (map, key) = ward_map(
        state,
        stats.borough.as_ref().map(|b| b.0.as_str()),
        &stats.wards,
        Some(stats.code.as_str()),
        &words,
    )
    .await?;
    Ok(WardPage {
        chrome,
        ward: stats.name.clone(),
        borough,
        team,
        has_data,
        summary,
        rate,
        change,
        chart,
        months,
        kinds,
        map,
        key,
        trust,
        themes: priorities.themes.clone(),
        priorities: Some(priorities),
        ward_code: stats.code.clone(),
        csrf,
        errors: FieldErrors::default(),
        few: voices_to_compare(),
    }
    .render()?)
}
