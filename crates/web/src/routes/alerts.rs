//! The fraud team's alerts: an organisation's notifications share a value with a report or
//! concern. Each is explained (which value, which two items, which organisation), read under
//! the strictest marking behind it, and listed on `/alerts` and at `GET /api/v1/alerts`.
//! Every listing is recorded as a consultation and every change as an alteration.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use peel_app::alerts::{self, Explained};
use peel_core::AlertId;
use peel_core::audit::AuditCode;
use peel_core::notification::AlertStatus;
use peel_core::policy::{Action, Resource};
use peel_core::routing::{FRAUD_TEAM, central_team_name};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::{Chrome, show_time};
use crate::routes::{field, see_other};
use crate::state::AppState;

/// One alert, explained.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertView {
    /// Its number.
    pub id: i64,
    /// `open`, `taken` or `closed`.
    pub status: &'static str,
    /// Its TLP marking: the strictest of the items behind it.
    pub marking: &'static str,
    /// The report or concern's id.
    pub submission_id: Option<String>,
    /// The report or concern's reference.
    pub reference: String,
    /// The notifying organisation's id.
    pub organisation_id: String,
    /// Its name.
    pub organisation: String,
    /// The organisation's own id for its latest linked notification.
    pub notification_own_id: String,
    /// That notification's type.
    pub notification_type: String,
    /// How many of the organisation's notifications link to the report.
    pub notifications: i64,
    /// The kind of the shared value.
    pub kind: String,
    /// The shared value.
    pub value: String,
    /// Why, in words.
    pub reason: String,
    /// When it was raised (RFC 3339).
    pub raised_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// Who last took or closed it.
    pub handled_by: Option<String>,
}

/// A page of the alerts the caller may see, as the API and the page show them, with where the
/// next page starts (`after` in the query).
async fn visible(
    state: &AppState,
    caller: &Caller,
    status: Option<AlertStatus>,
    after: Option<alerts::Cursor>,
) -> Result<(Vec<AlertView>, Option<String>), peel_store::StoreError> {
    let page = alerts::visible(state.ctx(), &caller.actor, status, after).await?;
    let next = page
        .next
        .map(|(at, id)| format!("{}.{}", peel_core::clock::to_unix_micros(at), id.0));
    Ok((page.alerts.into_iter().map(view).collect(), next))
}

/// Reads `after=MICROS.ID`, the `next` of the previous page.
fn cursor(query: &AlertsQuery) -> Result<Option<alerts::Cursor>, String> {
    let Some(text) = query.after.as_deref().filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        format!(
            "after must be the next value of the previous page (got '{}')",
            text.chars().take(40).collect::<String>()
        )
    };
    let (micros, id) = text.split_once('.').ok_or_else(bad)?;
    let micros: i64 = micros.parse().map_err(|_| bad())?;
    let at = peel_core::clock::from_unix_micros(micros);
    let id = AlertId::parse(id).ok_or_else(bad)?;
    Ok(Some((at, id)))
}

fn view(explained: Explained) -> AlertView {
    let alert = explained.alert;
    AlertView {
        id: alert.id.0,
        status: alert.status.slug(),
        marking: alert.marking.label(),
        submission_id: alert.item.submission().map(|id| id.to_string()),
        reference: explained.reference,
        organisation_id: alert.organisation.to_string(),
        organisation: explained.organisation,
        notification_own_id: explained.own_id,
        notification_type: explained
            .kind
            .map_or_else(String::new, |k| k.slug().to_owned()),
        notifications: alert.notifications,
        kind: alert.kind.label().to_owned(),
        value: alert.value,
        reason: explained.reason,
        raised_at: rfc3339(alert.raised_at),
        updated_at: rfc3339(alert.updated_at),
        handled_by: alert.handled.map(|(by, _)| by),
    }
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Records that the caller read a list of alerts.
async fn record_consultation(
    state: &AppState,
    caller: &Caller,
    alerts: &[AlertView],
    how: &str,
) -> Result<(), peel_store::StoreError> {
    let mut items: Vec<&str> = alerts.iter().map(|a| a.reference.as_str()).collect();
    items.sort_unstable();
    items.dedup();
    let event = state.audit_event(
        caller,
        AuditCode::AlertsViewed,
        "alerts",
        &format!("{} alerts read {how}: {}", alerts.len(), items.join(", ")),
    );
    state.store().append_audit(vec![event]).await
}

/// Which alerts to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct AlertsQuery {
    /// `open` (the default), `taken`, `closed` or `all`.
    #[param(schema_with = alert_statuses)]
    status: Option<String>,
    /// Where to continue: the `next` of the previous page (as it was given: a cursor Peel
    /// made, refused with 400 when it is not one).
    after: Option<String>,
}

/// The statuses `status` may name, for the API's document.
fn alert_statuses() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["open", "taken", "closed", "all"]))
        .build()
}

fn status_filter(query: &AlertsQuery) -> Result<Option<AlertStatus>, String> {
    match query.status.as_deref().unwrap_or("open") {
        "all" => Ok(None),
        other => AlertStatus::parse(other)
            .map(Some)
            .ok_or_else(|| format!("status must be open, taken, closed or all (got '{other}')")),
    }
}

/// The alerts.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertList {
    /// Most recently changed first.
    alerts: Vec<AlertView>,
    /// Pass as `after` for the next page; absent on the last.
    next: Option<String>,
}

/// The fraud team's alerts: organisations' notifications that share a value with a report
/// or concern, each explained, under its marking.
#[utoipa::path(
    get,
    path = "/api/v1/alerts",
    tag = "notifications",
    params(AlertsQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The alerts the caller may see", body = AlertList),
        (status = 400, description = "Unknown status, or an `after` that is not a cursor Peel gave", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "The caller's role may not see alerts (an organisation's API key included)", body = crate::error::ErrorBody)
    )
)]
pub async fn list_api(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<AlertsQuery>,
) -> Result<Json<AlertList>, ApiError> {
    state
        .authorize(&caller, Action::ViewAlerts, &Resource::System)
        .await?;
    let status = status_filter(&query)
        .map_err(|message| ApiError::with_message(ErrorCode::BadRequest, message))?;
    let after =
        cursor(&query).map_err(|message| ApiError::with_message(ErrorCode::BadRequest, message))?;
    let (alerts, next) = visible(&state, &caller, status, after).await?;
    record_consultation(&state, &caller, &alerts, "through the API").await?;
    Ok(Json(AlertList { alerts, next }))
}

#[derive(Template)]
#[template(path = "alerts.html")]
struct AlertsPage {
    chrome: Chrome,
    team_name: &'static str,
    statuses: Vec<(&'static str, &'static str)>,
    selected: String,
    rows: Vec<(AlertView, String)>,
    /// The link to the next page, when there is one.
    next: Option<String>,
}

/// `GET /alerts`: the fraud team's queue of alerts.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<AlertsQuery>,
) -> Result<Html<String>, PageError> {
    state
        .authorize(&caller, Action::ViewAlerts, &Resource::System)
        .await?;
    let status = status_filter(&query).map_err(PageError::BadRequest)?;
    let after = cursor(&query).map_err(PageError::BadRequest)?;
    let (alerts, next) = visible(&state, &caller, status, after).await?;
    record_consultation(&state, &caller, &alerts, "on the alerts page").await?;
    let selected = status.map_or("all", AlertStatus::slug).to_owned();
    let next = next.map(|after| format!("/alerts?status={selected}&after={after}"));
    let mut statuses: Vec<(&str, &str)> = AlertStatus::ALL
        .iter()
        .map(|s| (s.slug(), s.label()))
        .collect();
    statuses.push(("all", "All"));
    let rows = alerts
        .into_iter()
        .map(|a| {
            let updated = time::OffsetDateTime::parse(
                &a.updated_at,
                &time::format_description::well_known::Rfc3339,
            )
            .map(|t| show_time(&t))
            .unwrap_or_default();
            (a, updated)
        })
        .collect();
    Ok(Html(
        AlertsPage {
            chrome: Chrome::for_caller(&caller),
            team_name: central_team_name(FRAUD_TEAM),
            statuses,
            selected,
            rows,
            next,
        }
        .render()?,
    ))
}

/// `POST /alerts/{id}/status`: takes or closes an alert.
pub async fn set_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = AlertId::parse(&id).ok_or(PageError::NotFound)?;
    let status = AlertStatus::parse(field(&pairs, "status")).ok_or_else(|| {
        PageError::BadRequest("Choose whether to take or close the alert.".to_owned())
    })?;
    alerts::set_status(state.ctx(), &caller.actor, id, status).await?;
    Ok(see_other("/alerts"))
}
