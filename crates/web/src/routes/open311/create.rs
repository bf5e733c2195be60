//! POST requests: a report sent through Open311, with an organisation's API key.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::submission::{Channel, NewReport, ReportInput};
use serde::Serialize;
use utoipa::ToSchema;

use super::arguments::{Arguments, short};
use super::reply::reply;
use super::{Format, Open311Error, error, service};
use crate::auth::Caller;
use crate::state::AppState;
use peel_app::intake::{self, Received};

/// The answer to a new request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRequestCreated {
    service_request_id: String,
    service_notice: String,
    account_id: Option<String>,
}

async fn create(
    format: Format,
    state: AppState,
    client: crate::ClientAddress,
    query: Option<String>,
    body: Bytes,
) -> Response {
    let arguments = match Arguments::read(query.as_deref(), &body) {
        Ok(arguments) => arguments,
        Err(problem) => return error(format, StatusCode::BAD_REQUEST, &problem),
    };
    let Some(key) = arguments.get("api_key") else {
        return error(format, StatusCode::FORBIDDEN, "api_key is required");
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = format!("Bearer {key}").parse() {
        headers.insert(axum::http::header::AUTHORIZATION, value);
    }
    let Ok(caller) = Caller::from_headers(&headers, &state).await else {
        return error(format, StatusCode::FORBIDDEN, "api_key is not valid");
    };
    if let Err(refused) = state.admit_report(client.0, "open311").await {
        let mut response = error(
            format,
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
    let Some(code) = arguments.get("service_code") else {
        return error(format, StatusCode::BAD_REQUEST, "service_code is required");
    };
    let Some(category) = service(code) else {
        return error(
            format,
            StatusCode::NOT_FOUND,
            &format!("service_code {} was not found", short(code)),
        );
    };
    let (lat, long) = match (arguments.number("lat"), arguments.number("long")) {
        (Ok(lat), Ok(long)) => (lat, long),
        (Err(problem), _) | (_, Err(problem)) => {
            return error(format, StatusCode::BAD_REQUEST, &problem);
        }
    };
    let point = lat.zip(long);
    let address = arguments.get("address_string");
    if point.is_none() && address.is_none() {
        let problem = if arguments.get("address_id").is_some() {
            "address_id is not known here: give lat and long, or address_string"
        } else {
            "give lat and long, or address_string"
        };
        return error(format, StatusCode::BAD_REQUEST, problem);
    }
    let name = [arguments.get("first_name"), arguments.get("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let (email, phone) = (arguments.get("email"), arguments.get("phone"));
    let anonymous = email.is_none() && phone.is_none();
    let input = ReportInput {
        description: arguments.get("description").unwrap_or_default().to_owned(),
        category: category.slug().to_owned(),
        occurred_at: Some(state.now()),
        point,
        address: if point.is_none() {
            address.map(str::to_owned)
        } else {
            None
        },
        reporter_role: "witness".to_owned(),
        anonymous,
        contact_name: (!anonymous && !name.trim().is_empty()).then_some(name),
        contact_email: email.map(str::to_owned),
        contact_phone: phone.map(str::to_owned),
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
            return error(format, StatusCode::BAD_REQUEST, &text);
        }
    };
    match intake::receive(
        state.ctx(),
        &caller.actor,
        report,
        Channel::Open311,
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
            reply(format, StatusCode::CREATED, "service_requests", &body)
        }
        Err(intake::IntakeError::OutsideForceArea { message, .. }) => {
            error(format, StatusCode::BAD_REQUEST, &message)
        }
        Ok(Received::Replayed(_)) | Err(_) => error(
            format,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request could not be stored",
        ),
    }
}

macro_rules! create_in {
    ($name:ident, $path:literal, $format:expr, $content:literal) => {
        /// Sends a service request (an API key is required, in the form or the query, as the
        /// specification's Swagger file puts it).
        #[utoipa::path(post, path = $path, tag = "open311",
            request_body(content = ServiceRequestForm, content_type = "application/x-www-form-urlencoded"),
            responses(
                (status = 201, description = "Accepted", content_type = $content, body = Vec<ServiceRequestCreated>),
                (status = 400, description = "A missing or unreadable argument, or a report Peel cannot take", content_type = $content, body = Vec<Open311Error>),
                (status = 403, description = "No valid api_key", content_type = $content, body = Vec<Open311Error>),
                (status = 404, description = "No such service_code", content_type = $content, body = Vec<Open311Error>),
                (status = 429, description = "Too many requests from this address, or in all, in the last minute; `Retry-After` says when", content_type = $content, body = Vec<Open311Error>)
            ))]
        pub async fn $name(
            State(state): State<AppState>,
            client: crate::ClientAddress,
            RawQuery(query): RawQuery,
            body: Bytes,
        ) -> Response {
            create($format, state, client, query, body).await
        }
    };
}

create_in!(
    create_json,
    "/open311/v2/requests.json",
    Format::Json,
    "application/json"
);
create_in!(
    create_xml,
    "/open311/v2/requests.xml",
    Format::Xml,
    "text/xml"
);

/// A service request, as Open311 clients send it (form-encoded; every field may also be in the
/// query).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ServiceRequestForm {
    /// An organisation's API key (here, or in the query).
    api_key: String,
    jurisdiction_id: Option<String>,
    /// One of the services listed.
    service_code: String,
    /// Latitude (WGS84), with `long`; or give `address_string`.
    #[schema(required = false)]
    lat: f64,
    /// Longitude (WGS84), with `lat`.
    #[schema(required = false)]
    long: f64,
    address_string: Option<String>,
    address_id: Option<String>,
    description: Option<String>,
    email: Option<String>,
    device_id: Option<String>,
    account_id: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    media_url: Option<String>,
}
