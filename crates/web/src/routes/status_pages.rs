//! The reporter's progress page: the reference and status code, then the status, updates and
//! a form to add information, reply or ask for a call back. No account, no JavaScript.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::message::FromReporter;
use time::OffsetDateTime;

use crate::auth::{Caller, csrf};
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::status::{ReportStatus, holder_of, lookup_status};
use crate::routes::{field, page};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    /// The message id of what was just done, if anything.
    notice: Option<&'static str>,
    reference: String,
    /// The status code, carried in the page's forms so the holder can write back.
    token: String,
    status: Option<ReportStatus>,
    received: String,
    next_update_due: Option<String>,
    updates: Vec<(String, String)>,
}

/// `GET /status`: the form for reference and status code.
pub async fn status_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    render_status(
        &state,
        &headers,
        &caller,
        Holder::default(),
        FieldErrors::default(),
        None,
        StatusCode::OK,
    )
}

/// Who looked a report up: the reference typed and, once shown to hold it, the code.
#[derive(Debug, Default)]
struct Holder {
    reference: String,
    token: String,
    notice: Option<&'static str>,
}

fn render_status(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    holder: Holder,
    errors: FieldErrors,
    status: Option<ReportStatus>,
    code: StatusCode,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let parse = |text: &str| {
        OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
    };
    let received = status
        .as_ref()
        .and_then(|s| parse(&s.received_at))
        .as_ref()
        .map(show_time)
        .unwrap_or_default();
    let next_update_due = status
        .as_ref()
        .and_then(|s| s.next_update_due.as_deref())
        .and_then(parse)
        .as_ref()
        .map(show_time);
    let updates = status
        .as_ref()
        .map(|s| {
            s.updates
                .iter()
                .map(|u| {
                    (
                        parse(&u.at).as_ref().map(show_time).unwrap_or_default(),
                        u.text.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let html = StatusPage {
        chrome: Chrome::for_caller(caller),
        csrf,
        errors,
        notice: holder.notice,
        token: if status.is_some() {
            holder.token
        } else {
            String::new()
        },
        reference: holder.reference,
        status,
        received,
        next_update_due,
        updates,
    }
    .render()?;
    Ok(page(code, html, set_cookie.as_slice()))
}

/// `POST /status`: shows the status to whoever holds the reference and status code.
pub async fn status_submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let visit = Visit {
        state: &state,
        headers: &headers,
        caller: &caller,
        client: client.to_string(),
    };
    show_holder(&visit, Holder::from_form(&pairs), FieldErrors::default()).await
}

/// One visit to the status page: what every answer to it needs.
struct Visit<'a> {
    state: &'a AppState,
    headers: &'a HeaderMap,
    caller: &'a Caller,
    /// The client's address, whose failed look-ups are throttled.
    client: String,
}

impl Holder {
    /// The reference and code from a status form.
    fn from_form(pairs: &[(String, String)]) -> Holder {
        Holder {
            reference: field(pairs, "reference").to_owned(),
            token: field(pairs, "status_token").to_owned(),
            notice: None,
        }
    }
}

/// The status page for whoever holds the reference and code, or the form again with why not.
async fn show_holder(
    visit: &Visit<'_>,
    holder: Holder,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    match lookup_status(visit.state, &visit.client, &holder.reference, &holder.token).await {
        Ok(status) => {
            let code = errors.status();
            render_status(
                visit.state,
                visit.headers,
                visit.caller,
                holder,
                errors,
                Some(status),
                code,
            )
        }
        Err(error) => refused(visit, holder, error),
    }
}

/// The look-up form again, saying why the reference and code were not taken.
fn refused(visit: &Visit<'_>, holder: Holder, error: ApiError) -> Result<Response, PageError> {
    let (message, code) = match error {
        ApiError {
            code: ErrorCode::NotFound,
            ..
        } => (visit.caller.tr.t("status-not-found"), StatusCode::NOT_FOUND),
        ApiError {
            code: ErrorCode::RateLimited,
            message,
            ..
        } => (message, StatusCode::TOO_MANY_REQUESTS),
        _ => return Err(PageError::Internal),
    };
    render_status(
        visit.state,
        visit.headers,
        visit.caller,
        holder,
        FieldErrors::one(FieldError::new("reference", message)),
        None,
        code,
    )
}

/// `POST /status/message`: the holder of a report's reference and code sends more information,
/// a reply or a request for a call back, for the officer dealing with it.
pub async fn status_message(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let visit = Visit {
        state: &state,
        headers: &headers,
        caller: &caller,
        client: client.to_string(),
    };
    let mut holder = Holder::from_form(&pairs);
    let submission = match holder_of(&state, &visit.client, &holder.reference, &holder.token).await
    {
        Ok(submission) => submission,
        // Not the holder (or too many tries): the look-up form with why, from this one look-up.
        Err(error) => return refused(&visit, holder, error),
    };
    let sent = match FromReporter::parse(field(&pairs, "kind")) {
        Some(kind) => peel_app::survey::from_reporter(
            state.ctx(),
            &submission,
            kind,
            field(&pairs, "body"),
            Some(field(&pairs, "call_back_when")),
        )
        .await
        .map(|()| kind),
        None => Err(peel_app::ServiceError::invalid(
            "kind",
            caller.tr.t("status-kind-missing"),
        )),
    };
    let errors = match sent {
        Ok(kind) => {
            holder.notice = Some(match kind {
                FromReporter::CallBack => "status-sent-call-back",
                _ => "status-sent",
            });
            FieldErrors::default()
        }
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            FieldErrors::one(FieldError::new(field, message))
        }
        Err(other) => return Err(other.into()),
    };
    show_holder(&visit, holder, errors).await
}

/// `POST /status/evidence` (multipart): the holder of a report's reference and code adds
/// photos, videos or documents to it; each is checked before it is kept, as over the API.
pub async fn status_evidence(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let visit = Visit {
        state: &state,
        headers: &headers,
        caller: &caller,
        client: client.to_string(),
    };
    // The form's own fields come first, then the files: the token and the holder are checked
    // at the first file, before any of it is read.
    let received = crate::routes::evidence::receive_files(
        &state,
        &mut multipart,
        async |pairs: &[(String, String)]| {
            csrf::check_cookie_form(&state, &headers, field(pairs, csrf::FIELD)).map_err(Err)?;
            let holder = Holder::from_form(pairs);
            match holder_of(&state, &visit.client, &holder.reference, &holder.token).await {
                Ok(submission) => Ok((submission, peel_core::policy::Actor::public())),
                Err(error) => Err(refused(&visit, holder, error)),
            }
        },
    )
    .await?;
    let sent = match received {
        Ok(sent) => sent,
        Err(answer) => return Ok(answer),
    };
    let mut holder = Holder::from_form(&sent.pairs);
    if sent.kept == 0 && sent.refused.is_none() {
        // No file at all: check the form as the message form does, then say so.
        csrf::check_cookie_form(&state, &headers, field(&sent.pairs, csrf::FIELD))?;
        if let Err(error) = holder_of(&state, &visit.client, &holder.reference, &holder.token).await
        {
            return refused(&visit, holder, error);
        }
    }
    let errors = match (sent.refused, sent.kept) {
        (Some(message), _) => FieldErrors::one(FieldError::new("file", message)),
        (None, 0) => FieldErrors::one(FieldError::new("file", caller.tr.t("status-evidence-none"))),
        (None, _) => {
            holder.notice = Some("status-evidence-sent");
            FieldErrors::default()
        }
    };
    show_holder(&visit, holder, errors).await
}
