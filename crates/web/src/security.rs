//! Cross-cutting protections applied to every response: security headers, one error shape for
//! the API, a time limit per request, and a panic becoming a plain 500.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::error::{ApiError, ErrorCode};
use crate::pages;
use crate::state::AppState;

/// The Content-Security-Policy: nothing inline, nothing from elsewhere, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The headers every response carries unless a handler set its own.
pub fn headers() -> [(HeaderName, HeaderValue); 6] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ),
    ]
}

/// Whether a path belongs to the machine interface, whose errors are JSON.
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || path == "/api" || path == "/healthz"
}

/// Gives every error without a body of its own the right shape: JSON with a stable code on the
/// API, a plain page elsewhere. Routing, method and size-limit errors arrive here bare.
pub async fn error_shape(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let api = is_api_path(&path);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = content_type(response.headers());
    let code = ErrorCode::for_status(status);
    // Open311's errors are its own list, in the path's format, whatever refused the request.
    let open311 = path == "/open311" || path.starts_with("/open311/");
    let shaped_for_open311 =
        content_type.starts_with("application/json") || content_type.starts_with("text/xml");
    if open311 {
        if shaped_for_open311 {
            return response;
        }
        let format = crate::routes::open311_format(&path);
        let mut shaped = crate::routes::open311_error(format, status, code.default_message());
        copy_allow(&response, &mut shaped);
        return shaped;
    }
    if api && !content_type.starts_with("application/json") {
        let mut shaped = ApiError::new(code).into_response();
        *shaped.status_mut() = status;
        copy_allow(&response, &mut shaped);
        return shaped;
    }
    if !api && !content_type.starts_with("text/html") && !content_type.starts_with("application/") {
        let page = pages::render_error("There is a problem", code.default_message())
            .map(|html| Html(html).into_response())
            .unwrap_or_else(|_| Response::new(Body::from(code.default_message())));
        let mut shaped = page;
        *shaped.status_mut() = status;
        copy_allow(&response, &mut shaped);
        return shaped;
    }
    response
}

fn copy_allow(from: &Response, to: &mut Response) {
    if let Some(allow) = from.headers().get(header::ALLOW) {
        to.headers_mut().insert(header::ALLOW, allow.clone());
    }
}

/// Ends a request that runs longer than the configured limit with a bare 408.
pub async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit: Duration = state.config().request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(?limit, "request timed out");
            // Bare, so that [`error_shape`] gives it the API's or the pages' form.
            StatusCode::REQUEST_TIMEOUT.into_response()
        }
    }
}

/// On the evidence routes, whose limit is a submission's worth of files: a body that is not
/// files (multipart or a tus chunk) is held to the ordinary body limit, so that a plain form
/// or JSON there cannot be gigabytes long.
pub async fn limit_unless_files(
    State(limit): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let content_type = content_type(request.headers());
    let files = content_type.starts_with("multipart/form-data")
        || content_type.starts_with("application/offset+octet-stream");
    if files {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// A message's `Content-Type`, lower case (empty when there is none).
fn content_type(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// What a panic becomes: logged, and a bare 500 with no detail.
pub fn panic_response(cause: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = cause
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| cause.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %detail, "a handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The longest any single form field may be, in characters: past every field's own limit, so
/// that a field without one cannot take 900 KB (finding L-7).
pub const MAX_FIELD_CHARS: usize = 20_000;

/// Refuses text the store cannot keep, before any handler sees it (finding M-6): a NUL
/// character, which PostgreSQL refuses in text (SQLite would keep it, so the two would differ),
/// in a form field or a JSON string; and a form field past [`MAX_FIELD_CHARS`]. Bulk
/// notifications are not read here: their lines are refused one by one with a reason code.
pub async fn refuse_unstorable_text(request: Request, next: Next) -> Response {
    let content_type = content_type(request.headers());
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let json = content_type.starts_with("application/json");
    if !form && !json {
        return next.run(request).await;
    }
    let api = is_api_path(request.uri().path());
    let (parts, body) = request.into_parts();
    // The body limit layer outside this one has bounded the body already.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return refuse(
            api,
            StatusCode::PAYLOAD_TOO_LARGE,
            "The request body is too large",
        );
    };
    let problem = if form {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|pairs| {
                pairs.iter().find_map(|(name, value)| {
                    let name: String = name.chars().take(40).collect();
                    if value.contains('\0') || name.contains('\0') {
                        Some(format!(
                            "The field {name:?} holds a NUL character, which cannot be kept"
                        ))
                    } else if value.chars().count() > MAX_FIELD_CHARS {
                        Some(format!(
                            "The field {name:?} is longer than {MAX_FIELD_CHARS} characters"
                        ))
                    } else {
                        None
                    }
                })
            })
    } else {
        bytes
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
            .then(|| "The JSON holds a NUL character (\\u0000), which cannot be kept".to_owned())
    };
    if let Some(message) = problem {
        return refuse(api, StatusCode::BAD_REQUEST, &message);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn refuse(api: bool, status: StatusCode, message: &str) -> Response {
    if api {
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            ErrorCode::PayloadTooLarge
        } else {
            ErrorCode::BadRequest
        };
        ApiError::with_message(code, message).into_response()
    } else {
        match pages::render_error(
            "There is a problem with your request",
            &format!("{message}. Go back and change it."),
        ) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, message.to_owned()).into_response(),
        }
    }
}
