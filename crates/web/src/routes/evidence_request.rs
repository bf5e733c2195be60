//! Evidence requests over HTTP: the officer's `POST /submissions/{id}/evidence-request`, and the
//! reporter's one-time link, `GET` and `POST /evidence-request/{token}` (a plain file form,
//! without JavaScript). The service is [`peel_app::evidence::request`].

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_app::evidence::EvidenceError;
use peel_app::evidence::request::{self, LinkError};
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf::{self, CsrfForm};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::evidence::{Part, receive_part};
use crate::routes::form_files::field_text;
use crate::routes::submissions::{after_change, submission_id};
use crate::routes::{field, page};
use crate::state::AppState;

/// The officer's request form.
#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    note: String,
}

/// `POST /submissions/{id}/evidence-request`: asks the reporter for evidence.
pub async fn send(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, form): CsrfForm<RequestForm>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let outcome = request::send(state.ctx(), &caller.actor, id, &form.note)
        .await
        .map(|_| format!("/submissions/{id}?notice=evidence-requested"));
    after_change(&state, &caller, id, outcome).await
}

#[derive(Template)]
#[template(path = "evidence_request.html")]
struct RequestPage {
    chrome: Chrome,
    errors: FieldErrors,
    csrf: String,
    token: String,
    note: String,
    /// Why the link does not open (a message id).
    problem: Option<&'static str>,
    /// Files came through it.
    sent: bool,
}

fn problem(error: LinkError) -> (StatusCode, &'static str) {
    match error {
        LinkError::Unknown => (StatusCode::NOT_FOUND, "evreq-unknown"),
        LinkError::Used => (StatusCode::GONE, "evreq-used"),
        LinkError::Expired => (StatusCode::GONE, "evreq-expired"),
    }
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    token: &str,
    errors: FieldErrors,
    sent: bool,
) -> Result<Response, PageError> {
    let opened = request::open(state.ctx(), token)
        .await
        .map_err(|e| PageError::internal(&e))?;
    let (status, problem, note) = match (opened, sent) {
        (_, true) => (StatusCode::OK, None, String::new()),
        (Ok((request, _)), false) => (StatusCode::OK, None, request.note),
        (Err(error), false) => {
            let (status, message) = problem(error);
            (status, Some(message), String::new())
        }
    };
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let html = RequestPage {
        chrome: Chrome::for_caller(caller),
        errors,
        csrf,
        token: token.to_owned(),
        note,
        problem,
        sent,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

/// `GET /evidence-request/{token}`: the reporter's upload page, or why the link is closed.
pub async fn form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    render(
        &state,
        &headers,
        &caller,
        &token,
        FieldErrors::default(),
        false,
    )
    .await
}

/// `POST /evidence-request/{token}`: the files, each checked as any evidence is; once any is
/// kept the link closes.
pub async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    caller: Caller,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let bad = |_| PageError::BadRequest("The files could not be read. Try again.".into());
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut opened = None;
    let mut kept = 0;
    let mut refused = None;
    while let Some(mut part) = multipart.next_field().await.map_err(bad)? {
        if part.name() != Some("file") {
            let name = part.name().unwrap_or_default().to_owned();
            let value = field_text(&mut part, 64 * 1024).await?;
            pairs.push((name, value));
            continue;
        }
        let name = part.file_name().unwrap_or_default().to_owned();
        if name.is_empty() || refused.is_some() {
            continue;
        }
        // The form's token and the link are checked before any file is read.
        if opened.is_none() {
            csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
            match request::open(state.ctx(), &token)
                .await
                .map_err(|e| PageError::internal(&e))?
            {
                Ok(found) => opened = Some(found),
                Err(_) => {
                    return render(
                        &state,
                        &headers,
                        &caller,
                        &token,
                        FieldErrors::default(),
                        false,
                    )
                    .await;
                }
            }
        }
        let Some((request, submission)) = opened.as_ref() else {
            continue;
        };
        let actor = request::sender(request);
        match receive_part(&state, &actor, submission, &mut part, &name).await {
            Ok(_) => kept += 1,
            Err(Part::Unreadable) => {
                return Err(PageError::BadRequest(
                    "The files could not be read. Try again.".into(),
                ));
            }
            Err(Part::Refused(EvidenceError::Internal(cause))) => {
                return Err(PageError::internal(cause.as_ref()));
            }
            Err(Part::Refused(error)) => refused = Some(format!("{name}: {error}")),
        }
    }
    if let (Some((request, _)), true) = (opened.as_ref(), kept > 0) {
        request::answered(state.ctx(), request, kept)
            .await
            .map_err(|e| PageError::internal(&e))?;
    }
    let errors = match (refused, kept) {
        (Some(message), _) => FieldErrors::one(FieldError::new("file", message)),
        (None, 0) => FieldErrors::one(FieldError::new("file", caller.tr.t("status-evidence-none"))),
        (None, _) => FieldErrors::default(),
    };
    let sent = kept > 0 && errors.is_empty();
    render(&state, &headers, &caller, &token, errors, sent).await
}
