//! The review and retention queue over HTTP: `GET /retention` lists what is past its review
//! date, `POST /retention/{id}` retains it with the reason or erases it. The rule and the audit
//! are [`peel_app::rights::retention`]'s.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::rights::retention::{self, Ground};
use peel_core::SubmissionId;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::{field, page, see_other};
use crate::state::AppState;

struct Row {
    id: String,
    reference: String,
    category: &'static str,
    received: String,
    group: &'static str,
    due: String,
    team: String,
    erasable: bool,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "retention.html")]
struct RetentionPage {
    chrome: Chrome,
    errors: FieldErrors,
    notice: Option<&'static str>,
    entries: Vec<Row>,
}

async fn show(
    state: &AppState,
    caller: &Caller,
    notice: Option<&'static str>,
    error: Option<(SubmissionId, String)>,
) -> Result<Response, PageError> {
    let due = retention::queue(state.ctx(), &caller.actor).await?;
    let mut errors = FieldErrors::default();
    if let Some((_, message)) = &error {
        errors.0.push(FieldError::new("decision", message.clone()));
    }
    let entries = due
        .into_iter()
        .map(|e| {
            let id = e.submission.id.to_string();
            let error = error
                .as_ref()
                .filter(|(which, _)| *which == e.submission.id)
                .map(|(_, message)| message.clone());
            Row {
                reference: e.submission.reference.to_string(),
                category: e.submission.category.label(),
                received: show_time(&e.submission.received_at),
                group: e.group.label(),
                due: e.due.to_string(),
                team: e.submission.team.to_string(),
                erasable: e.group.erasable(),
                error,
                id,
            }
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = RetentionPage {
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        entries,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /retention`.
pub async fn queue(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, PageError> {
    let notice = match query.get("notice").map(String::as_str) {
        Some("retained") => Some("Retained until its next review; the decision is recorded."),
        Some("erased") => Some(
            "Erased with its notes, links, messages and evidence; the erasure is in the audit trail.",
        ),
        _ => None,
    };
    show(&state, &caller, notice, None).await
}

/// `POST /retention/{id}`: a decision on one record.
pub async fn decide(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = SubmissionId::parse(&id).ok_or(PageError::NotFound)?;
    let reason = field(&pairs, "reason");
    let outcome = match field(&pairs, "decision") {
        "retain" => retention::retain(state.ctx(), &caller.actor, id, reason)
            .await
            .map(|_| "/retention?notice=retained"),
        "erase" => retention::erase(state.ctx(), &caller.actor, id, Ground::Review, reason)
            .await
            .map(|_| "/retention?notice=erased"),
        _ => Err(ServiceError::invalid("decision", "Choose retain or erase")),
    };
    match outcome {
        Ok(next) => Ok(see_other(next)),
        Err(ServiceError::Invalid { message, .. }) => {
            show(&state, &caller, None, Some((id, message))).await
        }
        Err(other) => Err(other.into()),
    }
}
