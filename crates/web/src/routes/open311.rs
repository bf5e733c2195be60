//! A GeoReport v2 (Open311) subset for the non-sensitive neighbourhood categories, so council
//! and community apps that already speak Open311 can send reports to Peel.
//!
//! Sensitive categories (domestic abuse, sexual offences, hate, fraud) are never offered here,
//! and what a lookup returns is limited to the status: no description, place or reporter.

use axum::Form;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use peel_core::reference::Reference;
use peel_core::submission::{Category, NewReport, ReportInput};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::routes::status::StatusLookups;
use crate::state::AppState;
use peel_app::intake::{self, Received};

/// The categories offered through Open311.
pub const SERVICES: [(Category, &str); 5] = [
    (
        Category::AntiSocialBehaviour,
        "Noise, nuisance, intimidation or other anti-social behaviour",
    ),
    (
        Category::CriminalDamageArson,
        "Vandalism, graffiti or deliberate fires",
    ),
    (
        Category::VehicleCrime,
        "Vehicles broken into, stolen or tampered with",
    ),
    (Category::Drugs, "Drug dealing or drug use in public"),
    (
        Category::PublicOrder,
        "Fighting, threatening behaviour or disorder in public",
    ),
];

/// One Open311 service.
#[derive(Debug, Serialize, ToSchema)]
pub struct Service {
    service_code: &'static str,
    service_name: &'static str,
    description: &'static str,
    metadata: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    keywords: &'static str,
    group: &'static str,
}

/// One Open311 error, in the specification's list form.
#[derive(Debug, Serialize, ToSchema)]
pub struct Open311Error {
    code: u16,
    description: String,
}

fn error(status: StatusCode, description: &str) -> Response {
    let body = vec![Open311Error {
        code: status.as_u16(),
        description: description.to_owned(),
    }];
    (status, Json(body)).into_response()
}

/// The services that may be reported through Open311.
#[utoipa::path(get, path = "/open311/v2/services.json", tag = "open311",
    responses((status = 200, description = "The services", body = Vec<Service>)))]
pub async fn services() -> Json<Vec<Service>> {
    Json(
        SERVICES
            .iter()
            .map(|(category, description)| Service {
                service_code: category.slug(),
                service_name: category.label(),
                description,
                metadata: false,
                kind: "realtime",
                keywords: "police, neighbourhood, London",
                group: "Neighbourhood",
            })
            .collect(),
    )
}

/// A service request, as Open311 clients send it (form-encoded).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ServiceRequestForm {
    api_key: Option<String>,
    service_code: Option<String>,
    lat: Option<f64>,
    long: Option<f64>,
    address_string: Option<String>,
    description: Option<String>,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    #[serde(flatten)]
    #[schema(ignore)]
    _other: std::collections::HashMap<String, String>,
}

/// The answer to a new request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRequestCreated {
    service_request_id: String,
    service_notice: String,
    account_id: Option<String>,
}

/// Sends a service request (an API key is required, as the specification says).
#[utoipa::path(post, path = "/open311/v2/requests.json", tag = "open311",
    request_body(content = ServiceRequestForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 201, description = "Accepted", body = Vec<ServiceRequestCreated>),
        (status = 400, description = "Missing or unknown service, or not valid", body = Vec<Open311Error>),
        (status = 403, description = "No valid api_key", body = Vec<Open311Error>),
        (status = 429, description = "Too many requests from this address, or in all, in the last minute; `Retry-After` says when", body = Vec<Open311Error>)
    ))]
pub async fn create(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    Form(form): Form<ServiceRequestForm>,
) -> Response {
    let Some(key) = form.api_key.as_deref().filter(|k| !k.is_empty()) else {
        return error(StatusCode::FORBIDDEN, "api_key is required");
    };
    let mut headers = axum::http::HeaderMap::new();
    if let Ok(value) = format!("Bearer {key}").parse() {
        headers.insert(axum::http::header::AUTHORIZATION, value);
    }
    let Ok(caller) = Caller::from_headers(&headers, &state).await else {
        return error(StatusCode::FORBIDDEN, "api_key is not valid");
    };
    if let Err(refused) = state.admit_report(client.0, "open311").await {
        let mut response = error(
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "too many requests; try again in {} seconds",
                refused.retry_after
            ),
        );
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, refused.retry_after.into());
        return response;
    }
    let Some(code) = form.service_code.as_deref() else {
        return error(StatusCode::BAD_REQUEST, "service_code is required");
    };
    let Some((category, _)) = SERVICES.iter().find(|(c, _)| c.slug() == code) else {
        return error(
            StatusCode::BAD_REQUEST,
            "service_code is not a service offered here",
        );
    };
    let point = match (form.lat, form.long) {
        (Some(lat), Some(long)) => Some((lat, long)),
        _ => None,
    };
    if point.is_none() && form.address_string.as_deref().is_none_or(str::is_empty) {
        return error(
            StatusCode::BAD_REQUEST,
            "give lat and long, or address_string",
        );
    }
    let name = [form.first_name.as_deref(), form.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let anonymous = form.email.is_none() && form.phone.is_none();
    let input = ReportInput {
        description: form.description.clone().unwrap_or_default(),
        category: category.slug().to_owned(),
        occurred_at: Some(state.now()),
        point,
        address: if point.is_none() {
            form.address_string.clone()
        } else {
            None
        },
        reporter_role: "witness".to_owned(),
        anonymous,
        contact_name: (!anonymous && !name.trim().is_empty()).then_some(name),
        contact_email: form.email.clone(),
        contact_phone: form.phone.clone(),
        ..ReportInput::default()
    };
    let report = match NewReport::parse(&input, state.now()) {
        Ok(report) => report,
        Err(problems) => {
            let text = problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(". ");
            return error(StatusCode::BAD_REQUEST, &text);
        }
    };
    match intake::receive(
        state.ctx(),
        &caller.actor,
        report,
        peel_core::submission::Channel::Open311,
        None,
        |_| String::new(),
    )
    .await
    {
        Ok(Received::Accepted(accepted)) => {
            let body = vec![ServiceRequestCreated {
                service_request_id: accepted.reference.to_string(),
                service_notice: format!(
                    "Sent to the {}. If anyone is in danger, call 999.",
                    accepted.routing.team_name
                ),
                account_id: None,
            }];
            (StatusCode::CREATED, Json(body)).into_response()
        }
        Err(intake::IntakeError::OutsideForceArea { message, .. }) => {
            error(StatusCode::BAD_REQUEST, &message)
        }
        Ok(Received::Replayed(_)) | Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request could not be stored",
        ),
    }
}

/// A service request's status.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRequest {
    service_request_id: String,
    /// `open` or `closed`.
    status: &'static str,
    service_code: String,
    service_name: &'static str,
    agency_responsible: String,
    requested_datetime: String,
    updated_datetime: String,
}

/// The status of one service request: no description, place or reporter is returned.
#[utoipa::path(get, path = "/open311/v2/requests/{id}", tag = "open311",
    params(("id" = String, Path, description = "The service request id (the reference) followed by `.json`, as Open311 writes it: `/open311/v2/requests/7KQM-3X9P-D.json`")),
    responses(
        (status = 200, description = "The request", body = Vec<ServiceRequest>),
        (status = 404, description = "No such Open311 request", body = Vec<Open311Error>),
        (status = 429, description = "Too many look-ups of unknown requests from this address", body = Vec<Open311Error>)
    ))]
pub async fn show(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    Path(id): Path<String>,
) -> Response {
    // Guessing references is throttled with the status look-ups' own budget, per address, and
    // every look-up answered is audited (finding L-5).
    let unavailable = || {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the service cannot answer now",
        )
    };
    let Ok(lookups) = StatusLookups::open(&state, &client.to_string()).await else {
        return unavailable();
    };
    if lookups.locked() {
        return error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many look-ups of unknown requests; wait 15 minutes",
        );
    }
    // The router cannot split `{id}.json` within one segment, so the format suffix is taken off
    // here; only JSON is offered.
    let Some(id) = id.strip_suffix(".json") else {
        return error(StatusCode::NOT_FOUND, "only the .json format is offered");
    };
    let record = match Reference::parse(id) {
        Some(reference) => state
            .store()
            .submission_by_reference(&reference)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    // Only requests that came in through Open311 are visible here.
    let Some(record) = record.filter(|r| r.channel == peel_core::submission::Channel::Open311)
    else {
        if let Err(error) = lookups.failed(&state).await {
            crate::error::log_store_error(&error);
        }
        return error(StatusCode::NOT_FOUND, "no such service request");
    };
    let event = state.ctx().event(
        &peel_core::policy::Actor::public_as("open311"),
        peel_core::audit::AuditCode::SubmissionStatusViewed,
        peel_core::ItemRef::Submission(record.id),
        format!(
            "status of {} looked up through Open311 from {client}",
            record.reference
        ),
    );
    if let Err(error) = state.store().append_audit(vec![event]).await {
        crate::error::log_store_error(&error);
        return unavailable();
    }
    let agency = intake::Teams::load(state.ctx())
        .await
        .map(|teams| teams.name(&record.team))
        .unwrap_or_default();
    let body = vec![ServiceRequest {
        status: if record.stage == peel_core::submission::Stage::Closed {
            "closed"
        } else {
            "open"
        },
        service_name: record.category.label(),
        requested_datetime: record.received_at.format(&Rfc3339).unwrap_or_default(),
        updated_datetime: record.updated_at.format(&Rfc3339).unwrap_or_default(),
        agency_responsible: agency,
        service_code: record.category.slug().to_owned(),
        service_request_id: record.reference.to_string(),
    }];
    Json(body).into_response()
}
