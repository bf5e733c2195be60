//! A public form that may carry files: its fields, and each file spooled and checked (type by
//! content, malware, metadata) as it arrives, before the report it belongs to exists. Sent as
//! `multipart/form-data` when the page has a file input, or as a plain form otherwise; without
//! JavaScript either way.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, header};
use peel_app::evidence::{self, Checked, EvidenceError};
use peel_core::policy::Actor;
use peel_store::Submission;

use crate::auth::csrf;
use crate::error::PageError;
use crate::routes::field;
use crate::security::MAX_FIELD_CHARS;
use crate::state::AppState;

fn unreadable<E>(_: E) -> PageError {
    PageError::BadRequest("The form could not be read. Try again.".into())
}

/// A multipart form's text field, read as it comes and refused past `budget` bytes, or when it
/// could not be kept (a NUL character, or longer than any field may be), as a plain form's
/// fields are by `refuse_unstorable_text`.
pub(crate) async fn field_text(
    part: &mut axum::extract::multipart::Field<'_>,
    budget: usize,
) -> Result<String, PageError> {
    let name: String = part.name().unwrap_or_default().chars().take(40).collect();
    let mut value = Vec::new();
    while let Some(chunk) = part.chunk().await.map_err(unreadable)? {
        if value.len() + chunk.len() > budget {
            return Err(PageError::BadRequest(
                "The form's answers are too long. Shorten them and try again.".into(),
            ));
        }
        value.extend_from_slice(&chunk);
    }
    let value = String::from_utf8(value).map_err(unreadable)?;
    if value.contains('\0') || value.chars().count() > MAX_FIELD_CHARS {
        return Err(PageError::BadRequest(format!(
            "The answer {name:?} cannot be kept: it is too long or holds a NUL character"
        )));
    }
    Ok(value)
}

/// The form's fields and its files, checked but on no submission yet.
#[derive(Debug, Default)]
pub(crate) struct FormWithFiles {
    /// The fields, in order.
    pub(crate) pairs: Vec<(String, String)>,
    /// Each file's name and the checked file.
    pub(crate) files: Vec<(String, Checked)>,
    /// Why a file was refused ("name: reason"): nothing of the form is sent then.
    pub(crate) refused: Option<String>,
}

impl FormWithFiles {
    /// Reads the form. Files are read only when the form is being sent (not when a change
    /// button was pressed), and only once its token has been checked.
    pub(crate) async fn read(
        state: &AppState,
        headers: &HeaderMap,
        request: Request,
    ) -> Result<FormWithFiles, PageError> {
        let multipart = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let axum::Form(pairs) =
                axum::Form::<Vec<(String, String)>>::from_request(request, state)
                    .await
                    .map_err(unreadable)?;
            return Ok(FormWithFiles {
                pairs,
                ..FormWithFiles::default()
            });
        }
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(unreadable)?;
        let mut form = FormWithFiles::default();
        let settings = &state.ctx().settings().evidence;
        let mut total = 0u64;
        let mut checked_token = false;
        let mut text_bytes = 0usize;
        while let Some(mut part) = multipart.next_field().await.map_err(unreadable)? {
            let name = part.name().unwrap_or_default().to_owned();
            if name != "file" {
                // A field's text is bounded as a plain form's is: by the body limit in all,
                // and each field held to what the store can keep.
                let budget = state.config().body_limit.saturating_sub(text_bytes);
                let value = match field_text(&mut part, budget).await {
                    Ok(value) => value,
                    Err(error) => {
                        form.discard().await;
                        return Err(error);
                    }
                };
                text_bytes += value.len();
                form.pairs.push((name, value));
                continue;
            }
            let filename = part.file_name().unwrap_or_default().to_owned();
            // An empty file input sends a part with no name; a change button sends the form
            // back to be edited, and its files are not wanted yet.
            if filename.is_empty() || field(&form.pairs, "edit") == "yes" || form.refused.is_some()
            {
                while part.chunk().await.map_err(unreadable)?.is_some() {}
                continue;
            }
            if !checked_token {
                csrf::check_cookie_form(state, headers, field(&form.pairs, csrf::FIELD))?;
                checked_token = true;
            }
            let limit = settings
                .max_file_bytes
                .min(settings.max_submission_bytes.saturating_sub(total));
            let mut receiving = evidence::receive(state.ctx(), limit);
            let mut failed = None;
            while let Some(chunk) = part.chunk().await.map_err(unreadable)? {
                if failed.is_none()
                    && let Err(error) = receiving.write(&chunk).await
                {
                    failed = Some(error);
                }
            }
            let outcome = match failed {
                Some(error) => Err(error),
                None => receiving.check().await,
            };
            match outcome {
                Ok(checked) => {
                    total += checked.size();
                    form.files.push((filename, checked));
                }
                Err(EvidenceError::Internal(cause)) => {
                    form.discard().await;
                    return Err(PageError::internal(cause.as_ref()));
                }
                Err(error) => {
                    tracing::info!(%error, "a file on a report form was refused");
                    form.refused = Some(format!("{filename}: {error}"));
                }
            }
        }
        if form.refused.is_some() {
            form.discard().await;
        }
        Ok(form)
    }

    /// Drops the files (the form was not sent, or was sent before).
    pub(crate) async fn discard(&mut self) {
        for (_, checked) in std::mem::take(&mut self.files) {
            checked.discard().await;
        }
    }
}

/// Puts checked files on the submission just made: how many were kept. A file that cannot be
/// kept is logged and said so on the confirmation; the report itself is never lost for it.
pub(crate) async fn attach(
    state: &AppState,
    actor: &Actor,
    submission: &Submission,
    files: Vec<(String, Checked)>,
) -> (usize, usize) {
    let (mut kept, mut lost) = (0, 0);
    for (name, checked) in files {
        match evidence::attach(state.ctx(), actor, submission, checked, &name).await {
            Ok(_) => kept += 1,
            Err(error) => {
                tracing::error!(%error, "a file sent with a report could not be kept");
                evidence::refused(state.ctx(), actor, submission, &error).await;
                lost += 1;
            }
        }
    }
    (kept, lost)
}
