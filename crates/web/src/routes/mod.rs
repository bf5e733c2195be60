//! The router: pages, the JSON API (documented by OpenAPI as it is built), assets, and the
//! layers every request passes through.

mod abstraction;
mod account;
mod admin;
mod admin_accounts;
mod alerts;
mod api;
mod assisted;
mod audit;
pub(crate) mod cases;
mod concern_files;
mod concerns;
mod dash;
pub(crate) mod evidence;
mod evidence_request;
pub(crate) mod evidence_review;
mod form_files;
mod health;
mod insight;
mod login;
mod notifications;
mod open311;
mod pack;
mod report_answers;
mod report_pages;
pub(crate) mod reports;
mod retention;
mod setup;
mod sharing;
mod signin_steps;
pub(crate) mod status;
mod status_pages;
pub(crate) mod submissions;
mod survey;
pub(crate) mod tasks;
mod training;
mod uploads;
pub(crate) mod vetting;
mod volunteer;
mod ward_page;
mod ward_priorities;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::Chrome;
use crate::security;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Peel API",
        description = "The machine interface of Peel. Errors always have the shape \
            {\"error\": {\"code\": \"stable_snake_case_code\", \"message\": \"plain English\"}}.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail, ErrorCode)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        // Staff sign in at /login and are known by their session cookie (`__Host-peel_session`
        // over HTTPS); organisations' systems send their API key; reporters their status token.
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "peel_session",
                "A staff member's session, from signing in at /login (named __Host-peel_session when Peel is served over HTTPS)",
            ))),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An organisation's API key (peel_…), made at /admin/api-keys or with peel key add",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "status_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The status token a reporter was given with the reference",
                    ))
                    .build(),
            ),
        );
    }
}

/// Bulk routes, whose bodies may be far larger than any other (`notification_body_limit`).
fn bulk_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(notifications::submit))
}

/// Evidence routes, whose bodies are files as large as the evidence limits allow (which the
/// evidence service enforces as the bytes arrive).
fn evidence_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(evidence::upload))
        .routes(routes!(uploads::options, uploads::create))
        .routes(routes!(uploads::head, uploads::patch, uploads::terminate))
}

/// Every other API route, registered together with its documentation so neither can drift.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(api::me))
        .routes(routes!(api::audit_verify))
        .routes(routes!(api::audit_entries))
        .routes(routes!(reports::create))
        .routes(routes!(concerns::create))
        .routes(routes!(vetting::reviews_api))
        .routes(routes!(status::status))
        .routes(routes!(reports::submission))
        .routes(routes!(cases::api))
        .routes(routes!(insight::ward_api))
        .routes(routes!(sharing::disclose))
        .routes(routes!(alerts::list_api))
        .routes(routes!(notifications::sent))
        .routes(routes!(open311::discovery_json))
        .routes(routes!(open311::discovery_xml))
        .routes(routes!(open311::discovery_v2_json))
        .routes(routes!(open311::discovery_v2_xml))
        .routes(routes!(open311::services_json))
        .routes(routes!(open311::services_xml))
        .routes(routes!(open311::service_definition))
        .routes(routes!(open311::create_json, open311::list_json))
        .routes(routes!(open311::create_xml, open311::list_xml))
        .routes(routes!(open311::show))
}

/// The format an Open311 path asks for, for errors shaped outside its handlers.
pub(crate) fn open311_format(path: &str) -> open311::Format {
    open311::Format::of_path(path)
}

/// Open311's error list, for errors shaped outside its handlers.
pub(crate) fn open311_error(
    format: open311::Format,
    status: axum::http::StatusCode,
    description: &str,
) -> axum::response::Response {
    open311::error(format, status, description)
}

/// The OpenAPI 3 document for every API route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = api_routes().split_for_parts().1;
    doc.merge(bulk_routes().split_for_parts().1);
    doc.merge(evidence_routes().split_for_parts().1);
    doc
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let config = state.config().clone();
    let (api, mut doc) = api_routes().split_for_parts();
    let (bulk, bulk_doc) = bulk_routes().split_for_parts();
    doc.merge(bulk_doc);
    let (evidence_api, evidence_doc) = evidence_routes().split_for_parts();
    doc.merge(evidence_doc);
    let doc_json = doc.to_pretty_json().unwrap_or_default();

    let pages = Router::new()
        .route("/", get(home))
        .route("/assets/peel.css", get(stylesheet))
        .route("/login", get(login::form).post(login::submit))
        .route(
            "/login/code",
            get(signin_steps::code_form).post(signin_steps::code_submit),
        )
        .route(
            "/login/setup-code",
            get(signin_steps::setup_form).post(signin_steps::setup_submit),
        )
        .route(
            "/login/new-password",
            get(signin_steps::new_password_form).post(signin_steps::new_password_submit),
        )
        .route(
            "/account/password",
            get(signin_steps::change_form).post(signin_steps::change_submit),
        )
        .route("/logout", post(login::logout))
        .route("/setup/{token}", get(setup::form).post(setup::submit))
        .route("/account", get(account::show))
        .route("/account/sessions/{id}/revoke", post(account::revoke_one))
        .route("/account/sessions/revoke-all", post(account::revoke_all))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}", get(admin::user))
        .route("/admin/users/{id}/roles", post(admin::change_roles))
        .route(
            "/admin/users/{id}/password",
            post(admin_accounts::reset_password),
        )
        .route("/admin/users/{id}/disable", post(admin_accounts::disable))
        .route("/admin/users/{id}/enable", post(admin_accounts::enable))
        .route(
            "/admin/users/{id}/totp-reset",
            post(admin_accounts::reset_totp),
        )
        .route("/admin/users/{id}/team", post(admin::change_team))
        .route(
            "/admin/users/{id}/sessions/revoke-all",
            post(admin::revoke_user_sessions),
        )
        .route("/admin/lockouts", get(admin::lockouts))
        .route("/admin/lockouts/clear", post(admin::clear_lockout))
        .route(
            "/admin/api-keys",
            get(admin::api_keys).post(admin::create_api_key),
        )
        .route("/admin/api-keys/{id}/revoke", post(admin::revoke_api_key))
        .route("/audit", get(audit::search))
        .route("/audit/verify", get(audit::verify))
        .route("/queue", get(submissions::queue::show))
        .route("/alerts", get(alerts::page))
        .route("/alerts/{id}/status", post(alerts::set_status))
        .route("/submissions/{id}", get(submissions::detail))
        .route(
            "/submissions/{id}/first-contact",
            post(submissions::changes::first_contact),
        )
        .route(
            "/submissions/{id}/notes",
            post(submissions::changes::add_note),
        )
        .route(
            "/submissions/{id}/reassign",
            post(submissions::changes::reassign),
        )
        .route(
            "/submissions/{id}/grade",
            post(submissions::changes::regrade),
        )
        .route("/submissions/{id}/dash", get(dash::form).post(dash::submit))
        .route("/submissions/{id}/case", post(cases::open))
        .route("/submissions/{id}/join", post(cases::join))
        .route("/cases", get(cases::list))
        .route("/messages/{id}/called", post(cases::called))
        .route("/survey/{token}", get(survey::form).post(survey::submit))
        .route("/satisfaction", get(survey::results))
        .route("/cases/{id}", get(cases::detail))
        .route("/cases/{id}/owner", post(cases::owner))
        .route("/cases/{id}/stage", post(cases::stage))
        .route("/cases/{id}/close", post(cases::close))
        .route("/cases/{id}/reopen", post(cases::reopen))
        .route("/cases/{id}/merge", post(cases::merge))
        .route("/cases/{id}/split", post(cases::split))
        .route("/cases/{id}/marac", post(cases::marac))
        .route("/cases/{id}/disclosures", post(sharing::disclose_form))
        .route("/cases/{id}/marac/{action}/done", post(cases::marac_done))
        .route("/supervisor", get(submissions::supervisor::escalations))
        .route(
            "/abstraction",
            get(abstraction::page).post(abstraction::record),
        )
        .route("/abstraction/roster", post(abstraction::roster))
        .route("/training", get(training::page))
        .route("/training/revisions", post(training::revise))
        .route("/training/completions", post(training::record))
        .route("/vetting", get(vetting::page))
        .route("/vetting/people/{id}", get(vetting::person))
        .route("/vetting/reviews/{id}/close", post(vetting::close_review))
        .route("/vetting/applications", get(volunteer::list))
        .route("/vetting/applications/{id}", get(volunteer::one))
        .route(
            "/vetting/applications/{id}/approve",
            post(volunteer::approve),
        )
        .route(
            "/vetting/applications/{id}/decline",
            post(volunteer::decline),
        )
        .route("/volunteer", get(volunteer::info))
        .route(
            "/volunteer/apply",
            get(volunteer::form).post(volunteer::apply),
        )
        .route(
            "/volunteer/status",
            get(volunteer::status_form).post(volunteer::status),
        )
        .route(
            "/vetting/people/{id}/skills/{skill}/verify",
            post(vetting::verify_skill),
        )
        .route(
            "/vetting/people/{id}/clearances/{clearance}/{action}",
            post(vetting::change),
        )
        .route("/submissions/{id}/tasks/new", get(tasks::new_form))
        .route("/submissions/{id}/tasks", post(tasks::create))
        .route("/tasks", get(tasks::list))
        .route("/tasks/{id}", get(tasks::show))
        .route("/tasks/{id}/assign", post(tasks::assign))
        .route("/tasks/{id}/take-back", post(tasks::take_back))
        .route("/portal", get(tasks::portal))
        .route("/portal/tasks/{id}", get(tasks::own_task))
        .route("/portal/tasks/{id}/evidence", get(evidence_review::page))
        .route(
            "/portal/tasks/{id}/evidence/{item}",
            get(evidence_review::download),
        )
        .route(
            "/portal/tasks/{id}/evidence/{item}/thumbnail",
            get(evidence_review::thumbnail),
        )
        .route(
            "/portal/tasks/{id}/evidence/{item}/review",
            post(evidence_review::submit),
        )
        .route("/portal/tasks/{id}/{answer}", post(tasks::answer))
        .route("/reports/new", get(assisted::form).post(assisted::submit))
        .route("/partner", get(sharing::portal))
        .route("/agreements", get(sharing::register))
        .route(
            "/partner/disclosures/{id}/write-back",
            post(sharing::write_back),
        )
        .route("/retention", get(retention::queue))
        .route("/wards/{code}", get(ward_page::page_for))
        .route(
            "/wards/{code}/voices",
            get(ward_priorities::form).post(ward_priorities::submit),
        )
        .route(
            "/wards/{code}/voices/confirm",
            get(ward_priorities::confirm_form).post(ward_priorities::confirm),
        )
        .route(
            "/insight/wards/{code}/priorities",
            get(ward_priorities::panel).post(ward_priorities::record),
        )
        .route(
            "/insight/priorities/{id}/actions",
            post(ward_priorities::record_action),
        )
        .route("/insight", get(insight::force))
        .route("/insight/boroughs/{code}", get(insight::borough))
        .route("/insight/wards/{code}", get(insight::ward))
        .route("/sharing/pack", get(pack::form))
        .route("/sharing/pack.csv", get(pack::csv))
        .route("/retention/{id}", post(retention::decide))
        .route("/concerns", get(concerns::list))
        .route("/concerns/new", get(concerns::form).post(concerns::submit))
        .route(
            "/concerns/{reference}/files",
            get(concern_files::form).post(concern_files::submit),
        )
        .route("/report", get(report_pages::start))
        .route("/report/check", post(report_pages::check))
        .route("/staying-safe", get(report_pages::staying_safe))
        .route("/leave", get(report_pages::leave))
        .route("/evidence/review", get(evidence_review::awaiting))
        .route("/evidence/{id}", get(evidence::download))
        .route("/evidence-request/{token}", get(evidence_request::form))
        .route(
            "/submissions/{id}/evidence-request",
            post(evidence_request::send),
        )
        .route("/evidence/{id}/custody", get(evidence::custody_page))
        .route("/evidence/{id}/redact", post(evidence::redact))
        .route("/evidence/{id}/thumbnail", get(evidence::thumbnail))
        .route("/evidence/{id}/custody.json", get(evidence::custody_json))
        .route("/report/details", get(report_pages::details))
        .route(
            "/status",
            get(status_pages::status_form).post(status_pages::status_submit),
        )
        .route("/status/message", post(status_pages::status_message));

    let layers = ServiceBuilder::new()
        .layer(middleware::from_fn(security::error_shape))
        .layer(CatchPanicLayer::custom(security::panic_response))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::time_limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::i18n::remember,
        ));
    let limited = Router::new()
        .merge(api)
        .merge(pages)
        .route(
            "/api/openapi.json",
            get(move || async move { ([(CONTENT_TYPE, "application/json")], doc_json) }),
        )
        .layer(middleware::from_fn(security::refuse_unstorable_text))
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(DefaultBodyLimit::max(config.body_limit));
    let bulk = bulk
        .layer(RequestBodyLimitLayer::new(config.notification_body_limit))
        .layer(DefaultBodyLimit::max(config.notification_body_limit));
    // Files come in as large as a submission may hold, and a form's own fields beside them.
    let evidence_limit = usize::try_from(
        state
            .ctx()
            .settings()
            .evidence
            .max_submission_bytes
            .saturating_add(config.body_limit as u64),
    )
    .unwrap_or(usize::MAX);
    let evidence_api = evidence_api
        .route("/status/evidence", post(status_pages::status_evidence))
        .route("/report/details", post(report_pages::submit))
        .route("/submissions/{id}/evidence", post(evidence::staff_upload))
        .route("/evidence-request/{token}", post(evidence_request::submit))
        .layer(middleware::from_fn(security::refuse_unstorable_text))
        .layer(middleware::from_fn_with_state(
            config.body_limit,
            security::limit_unless_files,
        ))
        .layer(RequestBodyLimitLayer::new(evidence_limit))
        .layer(DefaultBodyLimit::max(evidence_limit));

    let mut app = Router::new()
        .merge(limited)
        .merge(bulk)
        .merge(evidence_api)
        .fallback(not_found)
        .layer(layers)
        .with_state(state);
    for (name, value) in security::headers() {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    if config.strict_transport_security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    app.layer(TraceLayer::new_for_http())
}

async fn home(caller: Caller) -> Result<Html<String>, PageError> {
    #[derive(Template)]
    #[template(path = "home.html")]
    struct Home {
        chrome: Chrome,
    }
    Ok(Html(
        Home {
            chrome: Chrome::for_caller(&caller),
        }
        .render()?,
    ))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        include_str!("../../assets/peel.css"),
    )
}

async fn not_found(request: Request) -> Response {
    let path = request.uri().path();
    if path == "/open311" || path.starts_with("/open311/") {
        return open311::not_found(request.uri().clone()).await;
    }
    if security::is_api_path(path) {
        ApiError::with_message(ErrorCode::NotFound, "There is no API route at this address")
            .into_response()
    } else {
        PageError::NotFound.into_response()
    }
}

/// The value of `name` in a submitted form, trimmed; empty when absent. Forms are read as
/// pairs so that repeated fields (checkboxes) keep every value.
/// A change's outcome for a page: where to go next, or the answer to put right, shown on the
/// page again; any other failure is the error page.
pub(crate) fn put_right(
    outcome: Result<String, peel_app::ServiceError>,
) -> Result<Result<String, crate::pages::FieldErrors>, PageError> {
    match outcome {
        Ok(next) => Ok(Ok(next)),
        Err(peel_app::ServiceError::Invalid { field, message }) => Ok(Err(
            crate::pages::FieldErrors::one(crate::pages::FieldError::new(field, message)),
        )),
        Err(other) => Err(other.into()),
    }
}

/// A time as the API gives it: RFC 3339, in UTC.
pub(crate) fn rfc3339(at: &time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    raw_field(pairs, name).trim()
}

/// The value of `name` exactly as sent (passwords keep their spaces).
pub(crate) fn raw_field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
        .unwrap_or_default()
}

/// A redirect after a form, so reloading the page does not send the form again.
pub(crate) fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}

/// A rendered page with a status and any cookies to set.
pub(crate) fn page(status: StatusCode, html: String, set_cookies: &[String]) -> Response {
    let mut response = (status, Html(html)).into_response();
    for cookie in set_cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response
                .headers_mut()
                .append(axum::http::header::SET_COOKIE, value);
        }
    }
    response
}
