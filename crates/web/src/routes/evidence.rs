//! Evidence over HTTP: `POST /api/v1/reports/{reference}/evidence` (multipart, field `file`,
//! the reporter's status code as a bearer token) and `GET /evidence/{id}` (a download for those
//! who may see the case, never served as active content).

use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use peel_app::evidence::{self, EvidenceError};
use peel_core::policy::{Action, Actor, Resource};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode, FieldProblem, PageError};
use crate::routes::form_files::field_text;
use crate::routes::status::holder_of;
use crate::state::AppState;

/// One item received.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemDto {
    /// Its id.
    id: String,
    /// The file's SHA-256 (lower-case hex).
    sha256: String,
    /// Its size in bytes.
    size: u64,
    /// Its type, told by its content.
    media_type: String,
    /// `received`.
    status: &'static str,
}

/// The items received.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemsDto {
    items: Vec<ItemDto>,
}

/// A refused file as the API says it.
pub(crate) fn refusal(error: EvidenceError) -> ApiError {
    match error {
        EvidenceError::Type(why) => ApiError::validation(vec![FieldProblem {
            field: "file".into(),
            message: why.to_string(),
        }]),
        EvidenceError::Empty => ApiError::validation(vec![FieldProblem {
            field: "file".into(),
            message: "The file is empty".into(),
        }]),
        EvidenceError::Infected(_) => ApiError::validation(vec![FieldProblem {
            field: "file".into(),
            message: error.to_string(),
        }]),
        EvidenceError::Unscanned => {
            ApiError::with_message(ErrorCode::ServiceUnavailable, error.to_string())
        }
        EvidenceError::TooLarge(_) => {
            ApiError::with_message(ErrorCode::PayloadTooLarge, error.to_string())
        }
        EvidenceError::Internal(cause) => ApiError::internal(cause.as_ref()),
    }
}

/// Adds files to a report, for whoever holds its reference and status code. Each file is
/// checked before it is acknowledged: its type by content (programs, scripts and archives
/// refused), its size, and its own metadata read.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{reference}/evidence",
    tag = "evidence",
    params(("reference" = String, Path, description = "The report's reference")),
    security(("status_token" = [])),
    responses(
        (status = 201, description = "Every file received and kept", body = ItemsDto),
        (status = 400, description = "The body is not multipart/form-data", body = crate::error::ErrorBody),
        (status = 404, description = "No report matches that reference and code (a missing token included)", body = crate::error::ErrorBody),
        (status = 413, description = "A file is larger than the limit", body = crate::error::ErrorBody),
        (status = 422, description = "A file was refused by its type, or none was sent", body = crate::error::ErrorBody),
        (status = 429, description = "Too many failed look-ups from this address", body = crate::error::ErrorBody)
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    Path(reference): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let submission = holder_of(&state, &client.to_string(), &reference, &token).await?;
    // Whose report it is is settled first; only then is the body read.
    let mut multipart = multipart.map_err(|_| {
        ApiError::with_message(
            ErrorCode::BadRequest,
            "Send the files as multipart/form-data, each in a field named file",
        )
    })?;
    let actor = peel_core::policy::Actor::public();
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::with_message(
            ErrorCode::BadRequest,
            format!("The upload is not valid multipart: {e}"),
        )
    };
    let mut items = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("unnamed").to_owned();
        match receive_part(&state, &actor, &submission, &mut field, &name).await {
            Ok(item) => items.push(ItemDto {
                id: item.id.to_string(),
                sha256: item.sha256,
                size: item.size,
                media_type: item.mime,
                status: "received",
            }),
            Err(Part::Unreadable) => {
                return Err(ApiError::with_message(
                    ErrorCode::BadRequest,
                    "The upload is not valid multipart",
                ));
            }
            Err(Part::Refused(error)) => return Err(refusal(error)),
        }
    }
    if items.is_empty() {
        return Err(ApiError::validation(vec![FieldProblem {
            field: "file".into(),
            message: "Send each file in a multipart field named file".into(),
        }]));
    }
    Ok((StatusCode::CREATED, axum::Json(ItemsDto { items })).into_response())
}

/// Why a file part was not kept.
pub(crate) enum Part {
    /// The multipart stream broke off.
    Unreadable,
    /// The file was refused (recorded as a refusal) or could not be kept.
    Refused(EvidenceError),
}

/// Receives one `file` part for `submission`: judged by its first bytes before any of it is
/// kept, then streamed in; a refusal is recorded. Shared by the API and the progress page.
pub(crate) async fn receive_part(
    state: &AppState,
    actor: &peel_core::policy::Actor,
    submission: &peel_store::Submission,
    part: &mut axum::extract::multipart::Field<'_>,
    name: &str,
) -> Result<peel_store::EvidenceItem, Part> {
    let mut upload = evidence::begin(state.ctx(), submission)
        .await
        .map_err(Part::Refused)?;
    let mut failed = None;
    loop {
        match part.chunk().await {
            Ok(Some(chunk)) => {
                if let Err(error) = upload.write(&chunk).await {
                    failed = Some(error);
                    break;
                }
            }
            Ok(None) => break,
            Err(_) => return Err(Part::Unreadable),
        }
    }
    let outcome = match failed {
        Some(error) => Err(error),
        None => upload.finish(actor, submission, name).await,
    };
    match outcome {
        Ok(item) => Ok(item),
        Err(error) => {
            if !matches!(error, EvidenceError::Internal(_)) {
                evidence::refused(state.ctx(), actor, submission, &error).await;
            }
            Err(Part::Refused(error))
        }
    }
}

/// What a page's file form brought.
pub(crate) struct FilesSent {
    /// The form's own fields.
    pub(crate) pairs: Vec<(String, String)>,
    /// How many files were kept.
    pub(crate) kept: usize,
    /// The first file refused, as "name: reason"; no file after it is taken.
    pub(crate) refused: Option<String>,
}

/// What the opener of a file form gives: the submission the files go on and who they are
/// from, or the page to answer with instead.
pub(crate) type Opened = Result<(peel_store::Submission, Actor), Result<Response, PageError>>;

/// Reads a page's file form: its fields first (each within a budget), then every `file` part.
/// At the first file, `open` checks the form with the fields so far (its token, and who may
/// add files to what), so that no byte of a file is read before; what it refuses is answered
/// as it says. Shared by the progress page, the officer's report page and evidence requests.
pub(crate) async fn receive_files(
    state: &AppState,
    multipart: &mut Multipart,
    open: impl AsyncFnOnce(&[(String, String)]) -> Opened,
) -> Result<Result<FilesSent, Response>, PageError> {
    let unreadable = || PageError::BadRequest("The files could not be read. Try again.".into());
    let mut sent = FilesSent {
        pairs: Vec::new(),
        kept: 0,
        refused: None,
    };
    let mut open = Some(open);
    let mut opened = None;
    while let Some(mut part) = multipart.next_field().await.map_err(|_| unreadable())? {
        if part.name() != Some("file") {
            let name = part.name().unwrap_or_default().to_owned();
            let value = field_text(&mut part, 64 * 1024).await?;
            sent.pairs.push((name, value));
            continue;
        }
        let name = part.file_name().unwrap_or_default().to_owned();
        // An empty file input sends a part with no name; after a refusal nothing more is taken.
        if name.is_empty() || sent.refused.is_some() {
            continue;
        }
        if let Some(open) = open.take() {
            match open(&sent.pairs).await {
                Ok(found) => opened = Some(found),
                Err(answer) => return answer.map(Err),
            }
        }
        let Some((submission, actor)) = opened.as_ref() else {
            continue;
        };
        match receive_part(state, actor, submission, &mut part, &name).await {
            Ok(_) => sent.kept += 1,
            Err(Part::Unreadable) => return Err(unreadable()),
            Err(Part::Refused(EvidenceError::Internal(cause))) => {
                return Err(PageError::internal(cause.as_ref()));
            }
            Err(Part::Refused(error)) => sent.refused = Some(format!("{name}: {error}")),
        }
    }
    Ok(Ok(sent))
}

/// An item and its report, for a caller who may see the report (decided on the report, at the
/// choke point).
async fn authorised_item(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(peel_store::EvidenceItem, peel_store::Submission), PageError> {
    let id = uuid::Uuid::parse_str(id).map_err(|_| PageError::NotFound)?;
    let item = state
        .store()
        .evidence_item(id)
        .await?
        .ok_or(PageError::NotFound)?;
    let submission = state
        .store()
        .submission(item.submission_id)
        .await?
        .ok_or(PageError::NotFound)?;
    state
        .authorize(
            caller,
            Action::ViewSubmission,
            &Resource::Submission(peel_app::submissions::facts(&submission)),
        )
        .await?;
    Ok((item, submission))
}

/// One custody entry as the page and the JSON record give it.
#[derive(Debug, Serialize)]
struct CustodyRow {
    seq: i64,
    /// London local time on the page; RFC 3339 in the JSON.
    at: String,
    actor: String,
    actor_label: String,
    event: &'static str,
    meaning: &'static str,
    detail: String,
    hash: String,
}

async fn custody_rows(
    state: &AppState,
    caller: &Caller,
    item: &peel_store::EvidenceItem,
    time: fn(&time::OffsetDateTime) -> String,
) -> Result<Vec<CustodyRow>, PageError> {
    let entries = peel_app::evidence::custody::custody(state.ctx(), &caller.actor, item)
        .await
        .map_err(|e| PageError::internal(&e))?;
    Ok(entries
        .into_iter()
        .map(|e| CustodyRow {
            seq: e.seq,
            at: time(&e.at),
            actor: e.actor,
            actor_label: e.actor_label,
            event: e.event.as_str(),
            meaning: e.event.meaning(),
            detail: e.detail,
            hash: e.hash,
        })
        .collect())
}

/// `GET /evidence/{id}/custody`: the item and every action on it, for those who may see its
/// report (its GPS position included: they are inside the case).
pub async fn custody_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Response, PageError> {
    render_custody(&state, &caller, &id, None).await
}

async fn render_custody(
    state: &AppState,
    caller: &Caller,
    id: &str,
    redact_error: Option<String>,
) -> Result<Response, PageError> {
    use askama::Template;
    #[derive(Template)]
    #[template(path = "evidence_custody.html")]
    struct CustodyPage {
        chrome: crate::pages::Chrome,
        item: peel_store::EvidenceItem,
        reference: String,
        received: String,
        position: Option<String>,
        rows: Vec<CustodyRow>,
        /// A photograph: a redacted copy can be made.
        photo: bool,
        redact_error: Option<String>,
    }
    let (item, submission) = authorised_item(state, caller, id).await?;
    let rows = custody_rows(state, caller, &item, crate::pages::show_time).await?;
    let html = CustodyPage {
        photo: item.kind == peel_core::evidence::MediaKind::Image,
        redact_error,
        chrome: crate::pages::Chrome::for_caller(caller),
        reference: submission.reference.to_string(),
        received: crate::pages::show_time(&item.received_at),
        position: item
            .position
            .map(|(lat, lon)| format!("{lat:.6}, {lon:.6}")),
        item,
        rows,
    }
    .render()?;
    Ok(crate::routes::page(StatusCode::OK, html, &[]))
}

/// `POST /evidence/{id}/redact`: a redacted copy of a photograph, as a new item; the original
/// is kept. On to the copy's custody page.
pub async fn redact(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::auth::csrf::CsrfForm(caller, pairs): crate::auth::csrf::CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let areas = crate::routes::field(&pairs, "areas");
    match peel_app::evidence::redact::redact(state.ctx(), &caller.actor, id, areas).await {
        Ok(copy) => Ok(crate::routes::see_other(&format!(
            "/evidence/{}/custody",
            copy.id
        ))),
        Err(peel_app::ServiceError::Invalid { message, .. }) => {
            render_custody(&state, &caller, &id.to_string(), Some(message)).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /evidence/{id}/custody.json`: the item's custody as a JSON record, for a court bundle
/// or another system.
pub async fn custody_json(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Response, PageError> {
    let (item, submission) = authorised_item(&state, &caller, &id).await?;
    let rfc3339 = |at: &time::OffsetDateTime| {
        at.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let rows = custody_rows(&state, &caller, &item, |at| {
        at.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    })
    .await?;
    let record = serde_json::json!({
        "item": item.id.to_string(),
        "report": submission.reference.to_string(),
        "sha256": item.sha256,
        "size": item.size,
        "media_type": item.mime,
        "original_name": item.original_name,
        "received_at": rfc3339(&item.received_at),
        "submitted_by": item.submitted_by,
        "custody": rows,
    });
    Ok(axum::Json(record).into_response())
}

/// `GET /evidence/{id}/thumbnail`: the picture as Peel drew it (a JPEG with no metadata), for
/// those who may see its report.
pub async fn thumbnail(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Response, PageError> {
    let (item, _) = authorised_item(&state, &caller, &id).await?;
    thumbnail_of(&state, &caller.actor, &item).await
}

/// An item's thumbnail, for a caller already authorised for it (its report, or the review task
/// holding it); the view is recorded.
pub(crate) async fn thumbnail_of(
    state: &AppState,
    actor: &Actor,
    item: &peel_store::EvidenceItem,
) -> Result<Response, PageError> {
    let jpeg = evidence::thumbnail(state.ctx(), actor, item)
        .await
        .map_err(|e| PageError::internal(&e))?
        .ok_or(PageError::NotFound)?;
    Ok(picture(jpeg))
}

/// A thumbnail Peel drew, as an image.
fn picture(jpeg: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, jpeg).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// `GET /evidence/{id}`: the file, as a download only, for those who may see its case; the
/// download is recorded in its custody.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Response, PageError> {
    let (item, _) = authorised_item(&state, &caller, &id).await?;
    file_of(&state, &caller.actor, &item).await
}

/// An item's file, for a caller already authorised for it (its report, or the review task
/// holding it): a download only, recorded in its custody.
pub(crate) async fn file_of(
    state: &AppState,
    actor: &Actor,
    item: &peel_store::EvidenceItem,
) -> Result<Response, PageError> {
    let file = evidence::download(state.ctx(), actor, item)
        .await
        .map_err(|e| PageError::internal(&e))?;
    Ok(attachment(file, &item.original_name))
}

/// A kept file as a download, never active content: the browser is told not to sniff or run
/// it, whatever it is.
fn attachment(file: peel_store::blobs::BlobReader, original_name: &str) -> Response {
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    // A download, never active content: the browser is told not to sniff or run it.
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    let safe_name: String = original_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        if safe_name.is_empty() {
            "evidence"
        } else {
            &safe_name
        }
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}

/// `POST /submissions/{id}/evidence`: files added to a report by the staff working it (an
/// officer's body-worn still, a statement scanned, a witness's file handed over), each checked
/// as the public's are, and recorded as theirs in its custody.
pub async fn staff_upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    use crate::auth::csrf;
    use crate::routes::submissions::{after_change, submission_id};
    use peel_app::ServiceError;
    let id = submission_id(&id)?;
    // The token and the right to work the report are checked before any file is read.
    let received = receive_files(
        &state,
        &mut multipart,
        async |pairs: &[(String, String)]| {
            csrf::check_session_form(&caller, crate::routes::field(pairs, csrf::FIELD))
                .map_err(Err)?;
            match peel_app::submissions::for_change(state.ctx(), &caller.actor, id, Action::AddNote)
                .await
            {
                Ok(s) => Ok((s, caller.actor.clone())),
                Err(error) => Err(after_change(&state, &caller, id, Err(error)).await),
            }
        },
    )
    .await?;
    let sent = match received {
        Ok(sent) => sent,
        Err(answer) => return Ok(answer),
    };
    let outcome = match (sent.refused, sent.kept) {
        (Some(refused), _) => Err(ServiceError::invalid("file", refused)),
        (None, 0) => {
            csrf::check_session_form(&caller, crate::routes::field(&sent.pairs, csrf::FIELD))?;
            Err(ServiceError::invalid(
                "file",
                "Choose at least one file to add",
            ))
        }
        (None, _) => Ok(format!("/submissions/{id}?notice=evidence")),
    };
    after_change(&state, &caller, id, outcome).await
}
