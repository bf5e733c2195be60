//! Evidence requests over HTTP: the officer's `POST /submissions/{id}/evidence-request`, and the
//! reporter's one-time link, `GET` and `POST /evidence-request/{token}` (a plain file form,
//! without JavaScript). The service is [`peel_app::evidence::request`].

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::evidence::request::{self, LinkError};
use peel_core::contact::Addressee;
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf::{self, CsrfForm};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::evidence::receive_files;
use crate::routes::submissions::{after_change, submission_id};
use crate::routes::{field, page};
use crate::state::AppState;

/// The officer's request form: whom to ask (`reporter`, or a witness by `email` or `text` at
/// `address`) and what for.
#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    address: String,
}

/// `POST /submissions/{id}/evidence-request`: asks the reporter, or a witness, for evidence.
pub async fn send(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, form): CsrfForm<RequestForm>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let outcome = match form.to.as_str() {
        "" | "reporter" => Ok(None),
        channel => Addressee::parse(channel, &form.address)
            .map(Some)
            .map_err(|why| ServiceError::invalid("address", why)),
    };
    let outcome = match outcome {
        Ok(witness) => request::send(state.ctx(), &caller.actor, id, &form.note, witness)
            .await
            .map(|r| match r.addressee {
                Some(_) => format!("/submissions/{id}?notice=evidence-requested-witness"),
                None => format!("/submissions/{id}?notice=evidence-requested"),
            }),
        Err(error) => Err(error),
    };
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
    /// It was sent to a witness, not the reporter: the page speaks to them as one.
    witness: bool,
}

fn problem(error: LinkError) -> (StatusCode, &'static str) {
    match error {
        LinkError::Unknown => (StatusCode::NOT_FOUND, "evreq-unknown"),
        LinkError::Used { witness: false } => (StatusCode::GONE, "evreq-used"),
        LinkError::Used { witness: true } => (StatusCode::GONE, "evreq-used-witness"),
        LinkError::Expired { witness: false } => (StatusCode::GONE, "evreq-expired"),
        LinkError::Expired { witness: true } => (StatusCode::GONE, "evreq-expired-witness"),
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
    let (status, problem, note, witness) = match (opened, sent) {
        (Ok((request, _)), true) => (
            StatusCode::OK,
            None,
            String::new(),
            request.addressee.is_some(),
        ),
        // Closed by these very files.
        (Err(LinkError::Used { witness }), true) => (StatusCode::OK, None, String::new(), witness),
        (Ok((request, _)), false) => {
            let witness = request.addressee.is_some();
            (StatusCode::OK, None, request.note, witness)
        }
        (Err(error), _) => {
            let (status, message) = problem(error);
            (status, Some(message), String::new(), false)
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
        witness,
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
    // The form's token and the link are checked before any file is read.
    let mut request = None;
    let received = receive_files(
        &state,
        &mut multipart,
        async |pairs: &[(String, String)]| {
            csrf::check_cookie_form(&state, &headers, field(pairs, csrf::FIELD)).map_err(Err)?;
            match request::open(state.ctx(), &token).await {
                Ok(Ok((found, submission))) => {
                    let actor = request::sender(&found);
                    request = Some(found);
                    Ok((submission, actor))
                }
                Ok(Err(_)) => Err(render(
                    &state,
                    &headers,
                    &caller,
                    &token,
                    FieldErrors::default(),
                    false,
                )
                .await),
                Err(error) => Err(Err(PageError::internal(&error))),
            }
        },
    )
    .await?;
    let sent = match received {
        Ok(sent) => sent,
        Err(answer) => return Ok(answer),
    };
    if let (Some(request), true) = (request.as_ref(), sent.kept > 0) {
        request::answered(state.ctx(), request, sent.kept)
            .await
            .map_err(|e| PageError::internal(&e))?;
    }
    let errors = match (sent.refused, sent.kept) {
        (Some(message), _) => FieldErrors::one(FieldError::new("file", message)),
        (None, 0) => FieldErrors::one(FieldError::new("file", caller.tr.t("status-evidence-none"))),
        (None, _) => FieldErrors::default(),
    };
    let done = sent.kept > 0 && errors.is_empty();
    render(&state, &headers, &caller, &token, errors, done).await
}
