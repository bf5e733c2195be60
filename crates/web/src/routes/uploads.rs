//! Resumable evidence uploads by the tus 1.0 protocol at `/api/v1/uploads` (core, creation,
//! termination, expiration, and checksum with sha256), for large video over poor mobile
//! connections. The upload is made with `Upload-Metadata` carrying the report's `reference`
//! and its status `token` (or the token as `Authorization: Bearer`); its address, a random id,
//! is then the only credential its chunks need, as tus clients send no metadata after creation.
//! The protocol lives in [`peel_app::evidence::resumable`]; these are its adapters.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use peel_app::evidence::resumable::{self, Appended, ResumableError};
use peel_core::policy::Actor;

use crate::error::{ApiError, ErrorCode};
use crate::routes::evidence::refusal;
use crate::routes::status::holder_of;
use crate::state::AppState;

/// The one protocol version spoken.
const TUS_VERSION: &str = "1.0.0";

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// Every request but `OPTIONS` must say it speaks tus 1.0.0.
fn speaks_tus(headers: &HeaderMap) -> Result<(), ApiError> {
    match header_text(headers, "tus-resumable") {
        Some(TUS_VERSION) => Ok(()),
        _ => Err(ApiError::with_message(
            ErrorCode::PreconditionFailed,
            "Send Tus-Resumable: 1.0.0: it is the only version of tus spoken here",
        )),
    }
}

fn with_tus(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert("tus-resumable", HeaderValue::from_static(TUS_VERSION));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn set(response: &mut Response, name: &'static str, value: impl ToString) {
    if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
        response.headers_mut().insert(name, value);
    }
}

/// RFC 7231's date, as `Upload-Expires` gives it.
fn http_date(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        ))
        .unwrap_or_default()
}

fn resumable_error(error: ResumableError) -> ApiError {
    let message = error.to_string();
    match error {
        ResumableError::Evidence(error) => refusal(error),
        ResumableError::NotFound => ApiError::with_message(ErrorCode::NotFound, message),
        ResumableError::Offset(_) | ResumableError::Busy => {
            ApiError::with_message(ErrorCode::Conflict, message)
        }
        ResumableError::PastLength(_) => {
            ApiError::with_message(ErrorCode::PayloadTooLarge, message)
        }
        ResumableError::Checksum => ApiError::with_message(ErrorCode::ChecksumMismatch, message),
        ResumableError::Interrupted => ApiError::with_message(ErrorCode::BadRequest, message),
    }
}

/// `Upload-Metadata`: comma-separated `key base64value` pairs (the value may be absent).
fn metadata(headers: &HeaderMap) -> Result<Vec<(String, String)>, ApiError> {
    let bad = || {
        ApiError::with_message(
            ErrorCode::BadRequest,
            "Upload-Metadata must be comma-separated pairs of a key and a base64 value",
        )
    };
    let Some(text) = header_text(headers, "upload-metadata") else {
        return Ok(Vec::new());
    };
    text.split(',')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let mut parts = pair.trim().splitn(2, ' ');
            let key = parts.next().filter(|k| !k.is_empty()).ok_or_else(bad)?;
            let value = match parts.next() {
                Some(encoded) => base64::engine::general_purpose::STANDARD
                    .decode(encoded.trim())
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .ok_or_else(bad)?,
                None => String::new(),
            };
            Ok((key.to_owned(), value))
        })
        .collect()
}

fn upload_id(id: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(id).map_err(|_| ApiError::new(ErrorCode::NotFound))
}

/// What this server speaks of tus.
#[utoipa::path(
    options,
    path = "/api/v1/uploads",
    tag = "evidence",
    responses((status = 204, description = "Tus-Version, Tus-Extension, Tus-Max-Size and Tus-Checksum-Algorithm"))
)]
pub async fn options(State(state): State<AppState>) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    set(&mut response, "tus-version", TUS_VERSION);
    set(
        &mut response,
        "tus-extension",
        "creation,termination,expiration,checksum",
    );
    set(
        &mut response,
        "tus-max-size",
        state.ctx().settings().evidence.max_file_bytes,
    );
    set(&mut response, "tus-checksum-algorithm", "sha256");
    with_tus(response)
}

/// Starts a resumable upload for a report (tus creation): `Upload-Length` and `Upload-Metadata`
/// with `reference`, `token` (the status code) and `filename`.
#[utoipa::path(
    post,
    path = "/api/v1/uploads",
    tag = "evidence",
    responses(
        (status = 201, description = "Made: its address in Location, its expiry in Upload-Expires"),
        (status = 400, description = "No Upload-Length, or Upload-Metadata not valid", body = crate::error::ErrorBody),
        (status = 404, description = "No report matches that reference and code", body = crate::error::ErrorBody),
        (status = 412, description = "Tus-Resumable is not 1.0.0", body = crate::error::ErrorBody),
        (status = 413, description = "Longer than the report may still hold", body = crate::error::ErrorBody),
        (status = 429, description = "Too many failed look-ups from this address", body = crate::error::ErrorBody)
    )
)]
pub async fn create(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    speaks_tus(&headers)?;
    let length = header_text(&headers, "upload-length")
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::BadRequest,
                "Send Upload-Length: the file's size in bytes (deferred lengths are not taken)",
            )
        })?;
    let meta = metadata(&headers)?;
    let value = |keys: &[&str]| {
        meta.iter()
            .find(|(k, _)| keys.contains(&k.as_str()))
            .map(|(_, v)| v.clone())
    };
    let token = value(&["token", "status_token"])
        .or_else(|| {
            header_text(&headers, "authorization")
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let reference = value(&["reference"]).unwrap_or_default();
    let submission = holder_of(&state, &client.to_string(), &reference, token.trim()).await?;
    let filename = value(&["filename", "name"]).unwrap_or_else(|| "unnamed".to_owned());
    let upload = resumable::create(
        state.ctx(),
        &Actor::public(),
        &submission,
        length,
        &filename,
    )
    .await
    .map_err(resumable_error)?;
    let mut response = StatusCode::CREATED.into_response();
    set(
        &mut response,
        "location",
        format!("/api/v1/uploads/{}", upload.id),
    );
    set(
        &mut response,
        "upload-expires",
        http_date(upload.expires_at),
    );
    Ok(with_tus(response))
}

/// How much of an upload has arrived (tus core).
#[utoipa::path(
    head,
    path = "/api/v1/uploads/{id}",
    tag = "evidence",
    params(("id" = String, Path, description = "The upload, as Location gave it")),
    responses(
        (status = 200, description = "Upload-Offset and Upload-Length"),
        (status = 404, description = "Finished, cancelled, expired or never made")
    )
)]
pub async fn head(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    speaks_tus(&headers)?;
    let (upload, offset) = resumable::offset(state.ctx(), upload_id(&id)?)
        .await
        .map_err(resumable_error)?;
    let mut response = StatusCode::OK.into_response();
    set(&mut response, "upload-offset", offset);
    set(&mut response, "upload-length", upload.length);
    set(
        &mut response,
        "upload-expires",
        http_date(upload.expires_at),
    );
    Ok(with_tus(response))
}

/// Appends a chunk at `Upload-Offset` (tus core), checked against `Upload-Checksum: sha256 …`
/// when sent. The last chunk finishes the file: it is checked as any evidence is, and its item's
/// id and SHA-256 come back as `Peel-Evidence-Id` and `Peel-Evidence-Sha256`.
#[utoipa::path(
    patch,
    path = "/api/v1/uploads/{id}",
    tag = "evidence",
    params(("id" = String, Path, description = "The upload, as Location gave it")),
    request_body(content_type = "application/offset+octet-stream", description = "The next bytes"),
    responses(
        (status = 204, description = "Kept: the new Upload-Offset"),
        (status = 404, description = "Finished, cancelled, expired or never made", body = crate::error::ErrorBody),
        (status = 409, description = "Upload-Offset is not the upload's", body = crate::error::ErrorBody),
        (status = 415, description = "Not application/offset+octet-stream", body = crate::error::ErrorBody),
        (status = 422, description = "The file was refused by its type or as malware", body = crate::error::ErrorBody),
        (status = 460, description = "The chunk's checksum does not match", body = crate::error::ErrorBody)
    )
)]
pub async fn patch(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    speaks_tus(&headers)?;
    let id = upload_id(&id)?;
    if header_text(&headers, "content-type") != Some("application/offset+octet-stream") {
        return Err(ApiError::with_message(
            ErrorCode::UnsupportedMediaType,
            "Send each chunk as application/offset+octet-stream",
        ));
    }
    let at = header_text(&headers, "upload-offset")
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::BadRequest,
                "Send Upload-Offset: where this chunk starts",
            )
        })?;
    let checksum = match header_text(&headers, "upload-checksum") {
        None => None,
        Some(value) => {
            let (algorithm, encoded) = value.split_once(' ').unwrap_or((value, ""));
            if !algorithm.eq_ignore_ascii_case("sha256") {
                return Err(ApiError::with_message(
                    ErrorCode::BadRequest,
                    "Upload-Checksum must be sha256 (Tus-Checksum-Algorithm)",
                ));
            }
            let digest = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
                .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
                .ok_or_else(|| {
                    ApiError::with_message(
                        ErrorCode::BadRequest,
                        "Upload-Checksum's value must be the chunk's SHA-256 in base64",
                    )
                })?;
            Some(digest)
        }
    };
    use futures_util::TryStreamExt;
    let stream = body.into_data_stream().map_err(std::io::Error::other);
    let mut reader = tokio_util::io::StreamReader::new(stream);
    let appended = resumable::append(state.ctx(), &Actor::public(), id, at, &mut reader, checksum)
        .await
        .map_err(resumable_error)?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    match appended {
        Appended::Partial(offset) => set(&mut response, "upload-offset", offset),
        Appended::Finished(item) => {
            set(&mut response, "upload-offset", item.size);
            set(&mut response, "peel-evidence-id", item.id);
            set(&mut response, "peel-evidence-sha256", &item.sha256);
        }
    }
    Ok(with_tus(response))
}

/// Cancels an upload (tus termination): what arrived is removed.
#[utoipa::path(
    delete,
    path = "/api/v1/uploads/{id}",
    tag = "evidence",
    params(("id" = String, Path, description = "The upload, as Location gave it")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 404, description = "Finished, cancelled, expired or never made", body = crate::error::ErrorBody)
    )
)]
pub async fn terminate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    speaks_tus(&headers)?;
    resumable::terminate(state.ctx(), upload_id(&id)?)
        .await
        .map_err(resumable_error)?;
    Ok(with_tus(StatusCode::NO_CONTENT.into_response()))
}
