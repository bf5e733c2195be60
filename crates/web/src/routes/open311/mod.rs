//! Open311 GeoReport v2 for the non-sensitive neighbourhood categories, so council and community
//! apps that already speak Open311 can send reports to Peel and follow them: service discovery,
//! the service list and each service's definition, POST and GET requests, and one request, each
//! in JSON and XML as the path's suffix asks, and every error as the specification's list in the
//! same format (never an HTML page: `security::error_shape` shapes the bare ones).
//!
//! Sensitive categories (domestic abuse, sexual offences, hate, fraud) are never offered here,
//! only requests that came in through Open311 can be seen, and what is returned of them is the
//! status: no description, place or reporter. Every request shown is audited.

mod arguments;
mod create;
mod reply;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::reference::Reference;
use peel_core::submission::{Category, Channel, Stage};
use peel_store::Submission;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use utoipa::ToSchema;

use crate::routes::status::StatusLookups;
use crate::state::AppState;
use peel_app::intake;

use arguments::{Arguments, short};
pub use create::*;
use reply::reply;
pub use reply::{Format, error};

/// When the services or their definitions last changed (discovery's `changeset`).
const CHANGESET: &str = "2026-12-03T00:00:00Z";

/// The widest window GET requests covers, and the most it returns, as the specification says.
const WINDOW_DAYS: i64 = 90;
const MOST_LISTED: u32 = 1_000;

/// The most ids one GET requests may name.
const MOST_IDS: usize = 100;

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

/// A service's definition: Peel's services take no attributes (`metadata` is false).
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceDefinition {
    service_code: String,
    attributes: Vec<String>,
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

/// The service discovery document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Discovery {
    changeset: &'static str,
    contact: &'static str,
    key_service: &'static str,
    endpoints: Vec<Endpoint>,
}

/// One endpoint in the discovery document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Endpoint {
    specification: &'static str,
    url: String,
    changeset: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    formats: Vec<&'static str>,
}

/// The service with this code.
fn service(code: &str) -> Option<Category> {
    SERVICES.iter().map(|(c, _)| *c).find(|c| c.slug() == code)
}

fn discovery(format: Format, headers: &HeaderMap) -> Response {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    let scheme = if https { "https" } else { "http" };
    let document = Discovery {
        changeset: CHANGESET,
        contact: "The force's Peel administrators; in danger, call 999; otherwise 101",
        key_service: "An API key is issued by the force's Peel administrators (Administration, API keys) to a registered organisation",
        endpoints: vec![Endpoint {
            specification: "http://wiki.open311.org/GeoReport_v2",
            url: format!("{scheme}://{host}/open311/v2"),
            changeset: CHANGESET,
            kind: "production",
            formats: vec!["text/xml", "application/json"],
        }],
    };
    reply(format, StatusCode::OK, "discovery", &document)
}

macro_rules! in_both_formats {
    ($(#[$doc:meta])* $json:ident, $xml:ident, $path:literal, |$format:ident $(, $arg:ident : $ty:ty)*| $body:expr) => {
        $(#[$doc])*
        #[utoipa::path(get, path = concat!($path, ".json"), tag = "open311",
            responses((status = 200, description = "JSON", content_type = "application/json")))]
        pub async fn $json($($arg: $ty),*) -> Response {
            let $format = Format::Json;
            $body
        }
        $(#[$doc])*
        #[utoipa::path(get, path = concat!($path, ".xml"), tag = "open311",
            responses((status = 200, description = "XML", content_type = "text/xml")))]
        pub async fn $xml($($arg: $ty),*) -> Response {
            let $format = Format::Xml;
            $body
        }
    };
}

in_both_formats!(
    /// Service discovery: the endpoint, its formats and how to get a key.
    discovery_json, discovery_xml, "/open311/discovery",
    |format, headers: HeaderMap| discovery(format, &headers)
);

in_both_formats!(
    /// Service discovery, also under the version's root.
    discovery_v2_json, discovery_v2_xml, "/open311/v2/discovery",
    |format, headers: HeaderMap| discovery(format, &headers)
);

in_both_formats!(
    /// The services that may be reported through Open311.
    services_json, services_xml, "/open311/v2/services",
    |format| {
        let list: Vec<Service> = SERVICES
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
            .collect();
        reply(format, StatusCode::OK, "services", &list)
    }
);

/// A service's definition (its attributes: none, since no service has metadata).
#[utoipa::path(get, path = "/open311/v2/services/{file}", tag = "open311",
    params(("file" = String, Path, description = "The service code and the format: `drugs.json` or `drugs.xml`")),
    responses(
        (status = 200, description = "The definition, in the format asked", body = ServiceDefinition),
        (status = 404, description = "No such service, or no format given", body = Vec<Open311Error>)
    ))]
pub async fn service_definition(Path(file): Path<String>) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return error(
            Format::Json,
            StatusCode::NOT_FOUND,
            "give the format: services/CODE.json or services/CODE.xml",
        );
    };
    if service(code).is_none() {
        return error(
            format,
            StatusCode::NOT_FOUND,
            &format!("service_code {} was not found", short(code)),
        );
    }
    let definition = ServiceDefinition {
        service_code: code.to_owned(),
        attributes: Vec::new(),
    };
    reply(format, StatusCode::OK, "service_definition", &definition)
}

/// A request as Open311 shows it: its status, service, team and times; nothing private.
fn shown(record: &Submission, agency: String) -> ServiceRequest {
    ServiceRequest {
        status: if record.stage == Stage::Closed {
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
    }
}

/// Audits each request shown, then answers with them.
async fn show_audited(
    state: &AppState,
    format: Format,
    client: &crate::ClientAddress,
    records: Vec<Submission>,
) -> Response {
    let events: Vec<_> = records
        .iter()
        .map(|record| {
            state.ctx().event(
                &peel_core::policy::Actor::public_as("open311"),
                peel_core::audit::AuditCode::SubmissionStatusViewed,
                peel_core::ItemRef::Submission(record.id),
                format!(
                    "status of {} looked up through Open311 from {client}",
                    record.reference
                ),
            )
        })
        .collect();
    if !events.is_empty()
        && let Err(failure) = state.store().append_audit(events).await
    {
        crate::error::log_store_error(&failure);
        return error(
            format,
            StatusCode::SERVICE_UNAVAILABLE,
            "the service cannot answer now",
        );
    }
    let teams = intake::Teams::load(state.ctx()).await.ok();
    let list: Vec<ServiceRequest> = records
        .iter()
        .map(|r| {
            shown(
                r,
                teams.as_ref().map(|t| t.name(&r.team)).unwrap_or_default(),
            )
        })
        .collect();
    reply(format, StatusCode::OK, "service_requests", &list)
}

async fn list(
    format: Format,
    state: AppState,
    client: crate::ClientAddress,
    query: Option<String>,
) -> Response {
    let arguments = match Arguments::read(query.as_deref(), &[]) {
        Ok(arguments) => arguments,
        Err(problem) => return error(format, StatusCode::BAD_REQUEST, &problem),
    };
    if let Err(wait) = state.take_request(&format!("open311-list:{client}"), 30) {
        return error(
            format,
            StatusCode::TOO_MANY_REQUESTS,
            &format!("too many queries; try again in {wait} seconds"),
        );
    }
    // Named requests override every other argument, as the specification says.
    if let Some(ids) = arguments.get("service_request_id") {
        let ids: Vec<&str> = ids
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        if ids.len() > MOST_IDS {
            return error(
                format,
                StatusCode::BAD_REQUEST,
                &format!("at most {MOST_IDS} service_request_id at once"),
            );
        }
        let mut records = Vec::new();
        for id in ids {
            let Some(reference) = Reference::parse(id) else {
                continue;
            };
            match state.store().submission_by_reference(&reference).await {
                Ok(Some(record)) if record.channel == Channel::Open311 => records.push(record),
                Ok(_) => {}
                Err(failure) => {
                    crate::error::log_store_error(&failure);
                    return error(
                        format,
                        StatusCode::SERVICE_UNAVAILABLE,
                        "the service cannot answer now",
                    );
                }
            }
        }
        return show_audited(&state, format, &client, records).await;
    }
    let date = |name: &str| -> Result<Option<OffsetDateTime>, String> {
        arguments
            .get(name)
            .map(|v| {
                OffsetDateTime::parse(v.trim(), &Rfc3339).map_err(|_| {
                    format!("{name} must be a w3 date and time, such as 2026-11-01T00:00:00Z")
                })
            })
            .transpose()
    };
    let (start, end) = match (date("start_date"), date("end_date")) {
        (Ok(start), Ok(end)) => (start, end),
        (Err(problem), _) | (_, Err(problem)) => {
            return error(format, StatusCode::BAD_REQUEST, &problem);
        }
    };
    let window = Duration::days(WINDOW_DAYS);
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, (s + window).min(state.now())),
        (None, Some(e)) => (e - window, e),
        (None, None) => (state.now() - window, state.now()),
    };
    if start > end {
        return error(
            format,
            StatusCode::BAD_REQUEST,
            "start_date is after end_date",
        );
    }
    if end - start > window {
        return error(
            format,
            StatusCode::BAD_REQUEST,
            &format!("start_date and end_date may not span more than {WINDOW_DAYS} days"),
        );
    }
    let mut statuses = Vec::new();
    for status in arguments.get("status").unwrap_or("open,closed").split(',') {
        match status.trim() {
            "open" => statuses.push(false),
            "closed" => statuses.push(true),
            other => {
                return error(
                    format,
                    StatusCode::BAD_REQUEST,
                    &format!("status {} is not open or closed", short(other)),
                );
            }
        }
    }
    let mut codes = Vec::new();
    if let Some(wanted) = arguments.get("service_code") {
        for code in wanted.split(',').map(str::trim) {
            match service(code) {
                Some(category) => codes.push(category),
                None => {
                    return error(
                        format,
                        StatusCode::NOT_FOUND,
                        &format!("service_code {} was not found", short(code)),
                    );
                }
            }
        }
    }
    let records = match state
        .store()
        .received_through(
            Channel::Open311,
            start,
            end + Duration::microseconds(1),
            MOST_LISTED,
        )
        .await
    {
        Ok(records) => records,
        Err(failure) => {
            crate::error::log_store_error(&failure);
            return error(
                format,
                StatusCode::SERVICE_UNAVAILABLE,
                "the service cannot answer now",
            );
        }
    };
    let records = records
        .into_iter()
        .filter(|r| statuses.contains(&(r.stage == Stage::Closed)))
        .filter(|r| codes.is_empty() || codes.contains(&r.category))
        .collect();
    show_audited(&state, format, &client, records).await
}

macro_rules! list_in {
    ($name:ident, $path:literal, $format:expr, $content:literal) => {
        /// The requests that came in through Open311, newest first: those named by
        /// `service_request_id` (comma-separated), or those of a window of at most 90 days
        /// (`start_date`, `end_date`; the last 90 days by default) with `status` and
        /// `service_code` (comma-separated), at most 1,000. No key is needed; what is shown is
        /// each request's status, never its description, place or reporter.
        #[utoipa::path(get, path = $path, tag = "open311",
            params(
                ("service_request_id" = Option<String>, Query, description = "Requests by id, comma-separated; overrides the rest"),
                ("service_code" = Option<String>, Query, description = "Services, comma-separated"),
                ("start_date" = Option<String>, Query, description = "Earliest received, w3 format"),
                ("end_date" = Option<String>, Query, description = "Latest received, w3 format"),
                ("status" = Option<String>, Query, description = "`open`, `closed`, or both comma-separated"),
                ("jurisdiction_id" = Option<String>, Query, description = "Ignored: one jurisdiction is served")
            ),
            responses(
                (status = 200, description = "The requests", content_type = $content, body = Vec<ServiceRequest>),
                (status = 400, description = "An argument that cannot be read, or a window of more than 90 days", content_type = $content, body = Vec<Open311Error>),
                (status = 404, description = "No such service_code", content_type = $content, body = Vec<Open311Error>),
                (status = 429, description = "Too many queries from this address in the last minute", content_type = $content, body = Vec<Open311Error>)
            ))]
        pub async fn $name(
            State(state): State<AppState>,
            client: crate::ClientAddress,
            RawQuery(query): RawQuery,
        ) -> Response {
            list($format, state, client, query).await
        }
    };
}

list_in!(
    list_json,
    "/open311/v2/requests.json",
    Format::Json,
    "application/json"
);
list_in!(
    list_xml,
    "/open311/v2/requests.xml",
    Format::Xml,
    "text/xml"
);

/// The status of one service request: no description, place or reporter is returned.
#[utoipa::path(get, path = "/open311/v2/requests/{id}", tag = "open311",
    params(("id" = String, Path, description = "The service request id (the reference) and the format, as Open311 writes it: `/open311/v2/requests/7KQM-3X9P-D.json` or `.xml`")),
    responses(
        (status = 200, description = "The request, in the format asked", body = Vec<ServiceRequest>),
        (status = 404, description = "No such Open311 request", body = Vec<Open311Error>),
        (status = 429, description = "Too many look-ups of unknown requests from this address", body = Vec<Open311Error>),
        (status = 503, description = "The store cannot answer now", body = Vec<Open311Error>)
    ))]
pub async fn show(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    Path(id): Path<String>,
) -> Response {
    let Some((id, format)) = Format::split(&id) else {
        return error(
            Format::Json,
            StatusCode::NOT_FOUND,
            "give the format: requests/ID.json or requests/ID.xml",
        );
    };
    // Guessing references is throttled with the status look-ups' own budget, per address, and
    // every look-up answered is audited (finding L-5).
    let unavailable = || {
        error(
            format,
            StatusCode::SERVICE_UNAVAILABLE,
            "the service cannot answer now",
        )
    };
    let Ok(lookups) = StatusLookups::open(&state, &client.to_string()).await else {
        return unavailable();
    };
    if lookups.locked() {
        return error(
            format,
            StatusCode::TOO_MANY_REQUESTS,
            "too many look-ups of unknown requests; wait 15 minutes",
        );
    }
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
    let Some(record) = record.filter(|r| r.channel == Channel::Open311) else {
        if let Err(failure) = lookups.failed(&state).await {
            crate::error::log_store_error(&failure);
        }
        return error(format, StatusCode::NOT_FOUND, "no such service request");
    };
    show_audited(&state, format, &client, vec![record]).await
}

/// What is under `/open311` but matches no route: the specification's error list, in the
/// format the path ends with.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    error(
        Format::of_path(uri.path()),
        StatusCode::NOT_FOUND,
        "there is nothing here: see /open311/discovery.json",
    )
}
