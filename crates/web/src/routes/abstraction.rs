//! The abstraction log: supervisors record the hours a neighbourhood officer spent away from
//! their ward (an event, a demonstration, aid to another borough) with the reason, and the
//! hours rostered to each ward; the page shows each ward's abstraction rate by month.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use peel_core::WardCode;
use peel_core::audit::AuditCode;
use peel_core::people::abstraction::{Abstraction, Cause, by_ward_month};
use peel_core::policy::{Action, Resource};
use time::{Date, Month};

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::Chrome;
use crate::routes::{field, see_other};
use crate::state::AppState;

/// Months shown, this one included.
const MONTHS: u8 = 6;

struct Row {
    ward: String,
    month: String,
    rostered: String,
    abstracted: String,
    rate: String,
    causes: String,
}

#[derive(Template)]
#[template(path = "abstraction.html")]
struct AbstractionPage {
    chrome: Chrome,
    causes: Vec<(&'static str, &'static str)>,
    rows: Vec<Row>,
    /// London's wards to choose from, (code, "name, borough"); empty before geography is
    /// imported, when the code is typed.
    wards: Vec<(String, String)>,
}

/// The wards to choose from, by name (finding L-7: a ward is chosen, not typed).
fn ward_choices(state: &AppState) -> Vec<(String, String)> {
    let Some(gazetteer) = state.ctx().gazetteer() else {
        return Vec::new();
    };
    let mut wards: Vec<(String, String)> = gazetteer
        .wards()
        .iter()
        .map(|w| {
            let borough = gazetteer
                .borough(&w.borough_code)
                .map(|b| b.name.clone())
                .unwrap_or_default();
            (w.code.clone(), format!("{}, {borough}", w.name))
        })
        .collect();
    wards.sort_by(|a, b| a.1.cmp(&b.1));
    wards
}

/// A ward code from a form: a current ward of London's when geography is loaded.
fn chosen_ward(state: &AppState, text: &str) -> Option<WardCode> {
    let ward = WardCode::parse(text).ok()?;
    match state.ctx().gazetteer() {
        Some(gazetteer) => gazetteer
            .wards()
            .iter()
            .any(|w| w.code == ward.as_ref())
            .then_some(ward),
        None => Some(ward),
    }
}

fn day(text: &str) -> Option<Date> {
    Date::parse(
        text.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// `GET /abstraction`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Html<String>, PageError> {
    state
        .authorize(&caller, Action::ManageAbstraction, &Resource::System)
        .await?;
    let today = state.now().date();
    let this_month = today.replace_day(1).unwrap_or(today);
    let mut from = this_month;
    for _ in 1..MONTHS {
        from = (from - time::Duration::days(1))
            .replace_day(1)
            .unwrap_or(from);
    }
    let next = (this_month + time::Duration::days(31))
        .replace_day(1)
        .unwrap_or(this_month);
    let (log, rosters) = state.store().abstractions_between(from, next).await?;
    let event = state.audit_event(
        &caller,
        peel_core::audit::AuditCode::AbstractionViewed,
        "abstraction",
        &format!(
            "{} abstractions from {from} read, naming officers",
            log.len()
        ),
    );
    state.store().append_audit(vec![event]).await?;
    let rostered: std::collections::BTreeMap<(WardCode, i32, Month), f64> = rosters
        .into_iter()
        .map(|r| ((r.ward, r.month.year(), r.month.month()), r.hours))
        .collect();
    let rows = by_ward_month(&log, &rostered)
        .into_iter()
        .map(|((ward, year, month), m)| Row {
            ward: ward.to_string(),
            month: format!("{month} {year}"),
            rostered: format!("{:.0}", m.rostered),
            abstracted: format!("{:.1}", m.abstracted),
            rate: m.rate().map_or_else(
                || "no hours rostered".to_owned(),
                |r| format!("{:.1}%", r * 100.0),
            ),
            causes: m
                .by_cause
                .iter()
                .map(|(cause, hours)| format!("{} {hours:.1} h", cause.label()))
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();
    Ok(Html(
        AbstractionPage {
            chrome: Chrome::for_caller(&caller),
            causes: Cause::ALL.iter().map(|c| (c.slug(), c.label())).collect(),
            rows,
            wards: ward_choices(&state),
        }
        .render()?,
    ))
}

/// `POST /abstraction`: records one abstraction.
pub async fn record(
    State(state): State<AppState>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ManageAbstraction, &Resource::System)
        .await?;
    let hours: f64 = field(&pairs, "hours").parse().unwrap_or(-1.0);
    let (Some(day), Some(cause)) = (
        day(field(&pairs, "day")),
        Cause::from_slug(field(&pairs, "cause")),
    ) else {
        return Err(PageError::BadRequest(
            "Give the day as 2026-11-26 and choose why.".into(),
        ));
    };
    let (officer, ward, reason) = (
        field(&pairs, "officer"),
        field(&pairs, "ward"),
        field(&pairs, "reason"),
    );
    let ward = chosen_ward(&state, ward).filter(|_| {
        !officer.is_empty()
            && officer.chars().count() <= 100
            && !reason.is_empty()
            && reason.chars().count() <= 500
            && (0.25..=24.0).contains(&hours)
    });
    let Some(ward) = ward else {
        return Err(PageError::BadRequest(
            "Name the officer, choose their ward, give the hours (a quarter to 24) and say why, \
             in 500 characters or fewer."
                .into(),
        ));
    };
    let abstraction = Abstraction {
        officer: officer.to_owned(),
        ward: ward.clone(),
        day,
        hours,
        cause,
        reason: reason.to_owned(),
    };
    let event = state.audit_event(
        &caller,
        AuditCode::AbstractionRecorded,
        &format!("ward:{ward}"),
        &format!("{officer}: {hours} h on {day}, {}: {reason}", cause.label()),
    );
    state
        .store()
        .record_abstraction(&abstraction, &caller.actor.label, event)
        .await?;
    Ok(see_other("/abstraction"))
}

/// `POST /abstraction/roster`: sets the hours rostered to a ward in a month.
pub async fn roster(
    State(state): State<AppState>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ManageAbstraction, &Resource::System)
        .await?;
    let ward = chosen_ward(&state, field(&pairs, "ward"));
    let month = day(&format!("{}-01", field(&pairs, "month")));
    let hours: f64 = field(&pairs, "hours").parse().unwrap_or(-1.0);
    let (Some(month), Some(ward)) = (month.filter(|_| (0.0..=100_000.0).contains(&hours)), ward)
    else {
        return Err(PageError::BadRequest(
            "Choose the ward, give the month as 2026-11 and the hours rostered.".into(),
        ));
    };
    let event = state.audit_event(
        &caller,
        AuditCode::RosterSet,
        &format!("ward:{ward}"),
        &format!("{hours} h rostered in {month}"),
    );
    let roster = peel_store::Roster { ward, month, hours };
    state.store().set_roster(&roster, event).await?;
    Ok(see_other("/abstraction"))
}
