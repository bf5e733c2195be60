//! Files on a concern: the intermediary who sent it adds a photo, a video or a document (the
//! note passed over the counter, the shop's CCTV still) from `/concerns/{reference}/files`, a
//! plain file form without JavaScript, for [`concerns::FILES_WINDOW`] after sending. Each file
//! is checked as any evidence is and kept as theirs in its custody; the service is
//! [`concerns::for_files`].

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::concerns::{self, ConcernError};
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::evidence::receive_files;
use crate::routes::{field, page, see_other};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "concern_files.html")]
struct FilesPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    reference: String,
    /// Why files cannot be added now, in place of the form.
    refusal: Option<String>,
    notice: bool,
}

/// The page's query: `?notice=added` after files were kept.
#[derive(Debug, Deserialize)]
pub struct FilesQuery {
    notice: Option<String>,
}

/// Another's concern, or none, is not found; a refusal is shown on the page.
async fn opened(
    state: &AppState,
    caller: &Caller,
    reference: &str,
) -> Result<Result<(peel_store::Submission, peel_core::policy::Actor), String>, PageError> {
    match concerns::for_files(state.ctx(), &caller.actor, reference).await {
        Ok(Some(found)) => Ok(Ok(found)),
        Ok(None) => Err(PageError::NotFound),
        Err(ConcernError::Refused(why)) => Ok(Err(why)),
        Err(ConcernError::Denied(denied)) => Err(denied.into()),
        Err(other) => Err(PageError::internal(&other)),
    }
}

fn render(
    caller: &Caller,
    reference: &str,
    errors: FieldErrors,
    refusal: Option<String>,
    notice: bool,
) -> Result<Response, PageError> {
    let status = if refusal.is_some() {
        StatusCode::FORBIDDEN
    } else {
        errors.status()
    };
    let html = FilesPage {
        chrome: Chrome::for_caller(caller),
        csrf: caller.csrf_token().to_owned(),
        errors,
        reference: reference.to_owned(),
        refusal,
        notice,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /concerns/{reference}/files`: the file form for one of the caller's own concerns.
pub async fn form(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Query(query): Query<FilesQuery>,
    caller: Caller,
) -> Result<Response, PageError> {
    let (reference, refusal) = match opened(&state, &caller, &reference).await? {
        Ok((s, _)) => (s.reference.to_string(), None),
        Err(why) => (reference, Some(why)),
    };
    let notice = query.notice.as_deref() == Some("added");
    render(&caller, &reference, FieldErrors::default(), refusal, notice)
}

/// `POST /concerns/{reference}/files`: the files, each checked before it is kept; the form's
/// token and the right to the concern are checked before any byte of a file is read.
pub async fn submit(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    caller: Caller,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let received = receive_files(
        &state,
        &mut multipart,
        async |pairs: &[(String, String)]| {
            csrf::check_session_form(&caller, field(pairs, csrf::FIELD)).map_err(Err)?;
            match opened(&state, &caller, &reference).await {
                Ok(Ok(found)) => Ok(found),
                Ok(Err(why)) => Err(render(
                    &caller,
                    &reference,
                    FieldErrors::default(),
                    Some(why),
                    false,
                )),
                Err(error) => Err(Err(error)),
            }
        },
    )
    .await?;
    let sent = match received {
        Ok(sent) => sent,
        Err(answer) => return Ok(answer),
    };
    let error = match (sent.refused, sent.kept) {
        (Some(message), _) => FieldError::new("file", message),
        (None, 0) => {
            csrf::check_session_form(&caller, field(&sent.pairs, csrf::FIELD))?;
            FieldError::new("file", caller.tr.t("status-evidence-none"))
        }
        (None, _) => {
            return Ok(see_other(&format!(
                "/concerns/{reference}/files?notice=added"
            )));
        }
    };
    render(
        &caller,
        &reference,
        FieldErrors::one(error),
        None,
        sent.kept > 0,
    )
}
