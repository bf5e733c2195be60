//! Errors as the client sees them: one JSON shape with stable codes for the API, and plain
//! pages for people. The full cause is logged on the server and never sent.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::pages;

/// Stable, machine-readable error codes. Clients may rely on these; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed.
    BadRequest,
    /// The body is not valid JSON or does not match the schema.
    InvalidJson,
    /// The body is not JSON.
    UnsupportedMediaType,
    /// A field failed validation.
    ValidationFailed,
    /// No credentials were given.
    Unauthenticated,
    /// The API key is unknown, revoked or expired.
    InvalidApiKey,
    /// The caller may not do this.
    Forbidden,
    /// A sharing agreement does not allow the disclosure; the message names the first field,
    /// marking or rule it does not allow.
    AgreementForbids,
    /// No such route or record.
    NotFound,
    /// The route does not accept this method.
    MethodNotAllowed,
    /// The record already exists.
    Conflict,
    /// The body is larger than allowed.
    PayloadTooLarge,
    /// A required protocol header is missing or names a version Peel does not speak (tus).
    PreconditionFailed,
    /// A chunk's checksum does not match what arrived; it was not kept (tus, HTTP 460).
    ChecksumMismatch,
    /// The request took too long.
    RequestTimeout,
    /// Too many attempts; try later.
    RateLimited,
    /// Something went wrong in Peel.
    InternalError,
    /// Peel cannot reach its store.
    ServiceUnavailable,
}

impl ErrorCode {
    /// The one table from code to HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadRequest | ErrorCode::InvalidJson => StatusCode::BAD_REQUEST,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Unauthenticated | ErrorCode::InvalidApiKey => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden | ErrorCode::AgreementForbids => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            // The tus checksum extension's own status.
            ErrorCode::ChecksumMismatch => {
                StatusCode::from_u16(460).unwrap_or(StatusCode::BAD_REQUEST)
            }
            ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The code for a bare HTTP status produced outside a handler (routing, limits).
    pub fn for_status(status: StatusCode) -> ErrorCode {
        match status {
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            StatusCode::REQUEST_TIMEOUT => ErrorCode::RequestTimeout,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
            StatusCode::UNAUTHORIZED => ErrorCode::Unauthenticated,
            StatusCode::FORBIDDEN => ErrorCode::Forbidden,
            StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
            StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::ValidationFailed,
            StatusCode::SERVICE_UNAVAILABLE => ErrorCode::ServiceUnavailable,
            status if status.is_server_error() => ErrorCode::InternalError,
            _ => ErrorCode::BadRequest,
        }
    }

    /// A plain-English message for the code.
    pub fn default_message(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "The request is not valid",
            ErrorCode::InvalidJson => "The request body is not valid JSON for this endpoint",
            ErrorCode::UnsupportedMediaType => "Send the request body as application/json",
            ErrorCode::ValidationFailed => "Some of the information is not valid",
            ErrorCode::Unauthenticated => "Sign in or send an API key to use this",
            ErrorCode::InvalidApiKey => "The API key is not valid, has been revoked or has expired",
            ErrorCode::Forbidden => "You do not have permission to do this",
            ErrorCode::AgreementForbids => "The sharing agreement does not allow this disclosure",
            ErrorCode::NotFound => "There is nothing at this address",
            ErrorCode::MethodNotAllowed => "This address does not accept that method",
            ErrorCode::Conflict => "That already exists",
            ErrorCode::PayloadTooLarge => "The request body is too large",
            ErrorCode::PreconditionFailed => "Send Tus-Resumable: 1.0.0 with each request",
            ErrorCode::ChecksumMismatch => {
                "The chunk's checksum does not match what arrived. Send it again"
            }
            ErrorCode::RequestTimeout => "The request took too long",
            ErrorCode::RateLimited => "Too many attempts. Wait and try again",
            ErrorCode::InternalError => "Something went wrong in Peel. It has been logged",
            ErrorCode::ServiceUnavailable => "Peel cannot reach its database. Try again shortly",
        }
    }
}

/// An API error: `{"error": {"code": "...", "message": "...", "fields": [...]}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The stable code.
    pub code: ErrorCode,
    /// Plain English for a person.
    pub message: String,
    /// For `validation_failed`: each field and what is wrong with it.
    pub fields: Vec<FieldProblem>,
    /// For `rate_limited`: the seconds to wait, sent as `Retry-After`.
    pub retry_after: Option<u64>,
}

/// One field's problem in an API error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name in the request.
    pub field: String,
    /// What is wrong and how to put it right.
    pub message: String,
}

/// The error body, as documented in the OpenAPI document.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// The inside of an error body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable snake_case code.
    code: ErrorCode,
    /// Plain English.
    message: String,
    /// For `validation_failed`: each field and what is wrong with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldProblem>,
}

impl ApiError {
    /// An error with the code's own message.
    pub fn new(code: ErrorCode) -> ApiError {
        ApiError {
            code,
            message: code.default_message().to_owned(),
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// A validation error listing every field's problem.
    pub fn validation(fields: Vec<FieldProblem>) -> ApiError {
        let message = fields
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join(". ");
        ApiError {
            code: ErrorCode::ValidationFailed,
            message,
            fields,
            retry_after: None,
        }
    }

    /// An error with a specific message.
    pub fn with_message(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// `rate_limited`, to be tried again in `seconds` (sent as `Retry-After`).
    pub fn rate_limited(message: impl Into<String>, seconds: u64) -> ApiError {
        ApiError {
            retry_after: Some(seconds.max(1)),
            ..ApiError::with_message(ErrorCode::RateLimited, message)
        }
    }

    /// An internal error; the cause is logged here and not sent.
    pub fn internal(cause: &dyn std::error::Error) -> ApiError {
        tracing::error!(error = %error_chain(cause), "internal error");
        ApiError::new(ErrorCode::InternalError)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                fields: self.fields,
            },
        };
        let mut response = (self.code.status(), axum::Json(body)).into_response();
        if response.status() == axum::http::StatusCode::UNAUTHORIZED {
            // RFC 9110 15.5.2: a 401 says how to authenticate.
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"Peel\""),
            );
        }
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

impl From<peel_store::StoreError> for ApiError {
    fn from(error: peel_store::StoreError) -> Self {
        match error {
            peel_store::StoreError::NotFound => ApiError::new(ErrorCode::NotFound),
            // The conflict's words, never the database's (a unique constraint's text is not an
            // error message).
            peel_store::StoreError::Conflict(conflict) => {
                ApiError::with_message(ErrorCode::Conflict, conflict.to_string())
            }
            other => {
                log_store_error(&other);
                ApiError::new(ErrorCode::InternalError)
            }
        }
    }
}

impl From<peel_app::ServiceError> for ApiError {
    fn from(error: peel_app::ServiceError) -> Self {
        use peel_app::ServiceError;
        match error {
            ServiceError::NotFound => ApiError::new(ErrorCode::NotFound),
            ServiceError::Denied(denied) => denied.into(),
            ServiceError::Invalid { field, message } => ApiError::validation(vec![FieldProblem {
                field: field.to_owned(),
                message,
            }]),
            ServiceError::Moved(message) => ApiError::with_message(ErrorCode::Conflict, message),
            ServiceError::AgreementForbids(forbids) => {
                ApiError::with_message(ErrorCode::AgreementForbids, forbids.to_string())
            }
            ServiceError::Store(error) => error.into(),
        }
    }
}

/// Logs a store failure. A row that could not be read back is logged as `Corrupt` with its
/// table and id, so it can be found and mended; nothing of it reaches the client.
pub fn log_store_error(error: &peel_store::StoreError) {
    match error {
        peel_store::StoreError::Corrupt { table, id, problem } => {
            tracing::error!(kind = "Corrupt", table, id = %id, problem = %problem, "a stored row could not be read");
        }
        other => tracing::error!(error = %error_chain(other), "internal error"),
    }
}

impl From<peel_core::policy::Denied> for ApiError {
    fn from(denied: peel_core::policy::Denied) -> Self {
        match denied {
            peel_core::policy::Denied::NotSignedIn => ApiError::new(ErrorCode::Unauthenticated),
            peel_core::policy::Denied::ReasonRequired => ApiError::with_message(
                ErrorCode::Forbidden,
                "This belongs to another team. To read it, send your reason in the X-Peel-Reason header; it is recorded and shown to the team's supervisors",
            ),
            peel_core::policy::Denied::PurposeRequired => ApiError::with_message(
                ErrorCode::Forbidden,
                "Processing of this record is restricted. To read it, send your purpose in the X-Peel-Reason header; it is recorded",
            ),
            other => ApiError::with_message(ErrorCode::Forbidden, other.to_string()),
        }
    }
}

/// The cause chain on one line, for the server log.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// An error on a page for people.
#[derive(Debug)]
pub enum PageError {
    /// Not signed in: go to the sign-in page.
    SignInRequired,
    /// Signed in but not allowed, and why.
    Forbidden(peel_core::policy::Denied),
    /// Another team's work: the page asks for a reason, sent back to `action`.
    ReasonRequired {
        /// Where the reason form sends the reason (the page asked for).
        action: String,
        /// Whether it is asked because the record's processing is restricted (rather than
        /// because it is another team's).
        restricted: bool,
    },
    /// Nothing here.
    NotFound,
    /// The form or link was not valid (including a missing or wrong CSRF token).
    BadRequest(String),
    /// Too many requests from this address: wait this many seconds.
    TooMany {
        /// Seconds to wait, sent as `Retry-After`.
        retry_after: u64,
    },
    /// Something failed in Peel; logged, not shown.
    Internal,
}

impl PageError {
    /// An internal error; the cause is logged here.
    pub fn internal(cause: &dyn std::error::Error) -> PageError {
        tracing::error!(error = %error_chain(cause), "internal error");
        PageError::Internal
    }
}

impl From<peel_store::StoreError> for PageError {
    fn from(error: peel_store::StoreError) -> Self {
        match error {
            peel_store::StoreError::NotFound => PageError::NotFound,
            other => {
                log_store_error(&other);
                PageError::Internal
            }
        }
    }
}

impl From<peel_app::ServiceError> for PageError {
    fn from(error: peel_app::ServiceError) -> Self {
        use peel_app::ServiceError;
        match error {
            ServiceError::NotFound => PageError::NotFound,
            ServiceError::Denied(denied) => denied.into(),
            ServiceError::AgreementForbids(forbids) => PageError::BadRequest(format!(
                "The sharing agreement does not allow this: {forbids}."
            )),
            ServiceError::Invalid { message, .. } | ServiceError::Moved(message) => {
                PageError::BadRequest(format!("{message}."))
            }
            ServiceError::Store(error) => error.into(),
        }
    }
}

impl PageError {
    /// For a page that reads another team's work: a refusal for want of a reason becomes the
    /// form asking for one, sent back to `action`.
    pub fn or_ask_reason(self, action: impl Into<String>) -> PageError {
        match self {
            PageError::Forbidden(
                denied @ (peel_core::policy::Denied::ReasonRequired
                | peel_core::policy::Denied::PurposeRequired),
            ) => PageError::ReasonRequired {
                action: action.into(),
                restricted: denied == peel_core::policy::Denied::PurposeRequired,
            },
            other => other,
        }
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        PageError::internal(&error)
    }
}

impl From<peel_core::policy::Denied> for PageError {
    fn from(denied: peel_core::policy::Denied) -> Self {
        match denied {
            peel_core::policy::Denied::NotSignedIn => PageError::SignInRequired,
            other => PageError::Forbidden(other),
        }
    }
}

/// What someone refused can do about it, in plain English.
fn forbidden_advice(denied: peel_core::policy::Denied) -> String {
    use peel_core::policy::Denied;
    let advice = match denied {
        Denied::OtherTeam => {
            "It belongs to another team. Ask that team, or its supervisor, to move it to yours first."
        }
        Denied::OwnRecord => "Nobody may do this to their own record. Ask a colleague to do it.",
        Denied::NotAssigned => "This task is not given to you.",
        Denied::ClearanceLapsed => {
            "Your vetting clearance does not cover this task at the moment. Speak to your supervisor or the vetting unit."
        }
        Denied::ReasonRequired => "It belongs to another team. Say why you need to read it.",
        Denied::PurposeRequired => {
            "Its processing is restricted at the request of the person it is about. Say why you need to read it."
        }
        Denied::Restricted => {
            "Its processing is restricted at the request of the person it is about: it is kept, but cannot be changed. Ask the data protection officer."
        }
        Denied::MarkingForbids => "Its marking does not allow you to see it.",
        Denied::NotSignedIn | Denied::RoleNotAllowed | Denied::WrongResource => {
            "If you think you should be able to, ask your administrator to check your roles and team."
        }
    };
    advice.to_owned()
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, message) = match self {
            PageError::SignInRequired => return Redirect::to("/login").into_response(),
            PageError::ReasonRequired { action, restricted } => {
                let message = if restricted {
                    "Its processing is restricted at the request of the person it is about: it is shown to nobody without a stated purpose."
                } else {
                    "It is not in your team's queue, nor a team you supervise."
                };
                return match pages::render_reason(message, &action) {
                    Ok(html) => (StatusCode::FORBIDDEN, Html(html)).into_response(),
                    Err(_) => (StatusCode::FORBIDDEN, message).into_response(),
                };
            }
            PageError::Forbidden(denied) => (
                StatusCode::FORBIDDEN,
                "You do not have permission to do this",
                forbidden_advice(denied),
            ),
            PageError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "If you typed the web address, check it is correct.".to_owned(),
            ),
            PageError::BadRequest(message) => (
                StatusCode::BAD_REQUEST,
                "There is a problem with your request",
                message,
            ),
            PageError::TooMany { retry_after } => {
                let message = format!(
                    "Too many reports have come from your connection in the last minute. Nothing you sent was lost: wait {retry_after} seconds and send it again. If you are in danger now, call 999."
                );
                let mut response = match pages::render_error("Please wait a moment", &message) {
                    Ok(html) => (StatusCode::TOO_MANY_REQUESTS, Html(html)).into_response(),
                    Err(_) => (StatusCode::TOO_MANY_REQUESTS, message).into_response(),
                };
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, retry_after.max(1).into());
                return response;
            }
            PageError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                "Try again later. The problem has been logged.".to_owned(),
            ),
        };
        match pages::render_error(title, &message) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, title).into_response(),
        }
    }
}
