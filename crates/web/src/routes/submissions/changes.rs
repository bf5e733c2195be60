//! Changes to a submission from its page: first contact, notes and updates for the reporter,
//! moving it to another team, and overruling its grade. The rules and the audit are the
//! application's (`peel_app::submissions::changes`); these read the form and answer.

use axum::extract::{Path, State};
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::submissions::changes;
use peel_core::submission::{ContactChannel, ContactMethod, NoteKind, SafeContact};
use peel_core::triage::Grade;
use serde::Deserialize;

use super::{after_change, submission_id};
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::state::AppState;

/// `POST /submissions/{id}/first-contact`: how contact was made and, when the reporter had
/// not said, how it is safe to contact them from now on (`agreed=yes` with `safe_channel`,
/// `safe_times`, `no_voicemail`, `shared_device`).
pub async fn first_contact(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let wishes = (field("agreed") == "yes").then(|| SafeContact {
        channels: pairs
            .iter()
            .filter(|(k, _)| k == "safe_channel")
            .filter_map(|(_, v)| ContactChannel::parse(v))
            .collect(),
        safe_times: field("safe_times").trim().chars().take(200).collect(),
        no_voicemail: field("no_voicemail") == "yes",
        shared_device: field("shared_device") == "yes",
    });
    let outcome = match ContactMethod::parse(field("channel")) {
        Some(method) => {
            changes::record_first_contact(state.ctx(), &caller.actor, id, method, wishes)
                .await
                .map(|_| format!("/submissions/{id}?notice=contact"))
        }
        None => Err(ServiceError::invalid(
            "channel",
            "Choose how you made contact",
        )),
    };
    after_change(&state, &caller, id, outcome).await
}

/// The note form.
#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    kind: String,
}

/// `POST /submissions/{id}/notes`: an internal note, or an update for the reporter, which
/// restarts the Victims' Code clock.
pub async fn add_note(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, form): CsrfForm<NoteForm>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let kind = if form.kind == "update" {
        NoteKind::Update
    } else {
        NoteKind::Internal
    };
    let outcome = changes::add_note(state.ctx(), &caller.actor, id, kind, &form.body)
        .await
        .map(|_| {
            let notice = if kind == NoteKind::Update {
                "update"
            } else {
                "note"
            };
            format!("/submissions/{id}?notice={notice}")
        });
    after_change(&state, &caller, id, outcome).await
}

/// The form to move a submission.
#[derive(Debug, Deserialize)]
pub struct ReassignForm {
    #[serde(default)]
    team: String,
    #[serde(default)]
    reason: String,
}

/// `POST /submissions/{id}/reassign`: a reason is required and kept.
pub async fn reassign(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, form): CsrfForm<ReassignForm>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let outcome = changes::reassign(state.ctx(), &caller.actor, id, &form.team, &form.reason)
        .await
        .map(|team| format!("/queue?team={team}"));
    after_change(&state, &caller, id, outcome).await
}

/// The form to overrule the grade.
#[derive(Debug, Deserialize)]
pub struct RegradeForm {
    #[serde(default)]
    grade: String,
    #[serde(default)]
    reason: String,
}

/// `POST /submissions/{id}/grade`: overrules the triage grade with a reason; both grades are
/// kept and shown, and the first-contact time follows the new grade.
pub async fn regrade(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, form): CsrfForm<RegradeForm>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let outcome = match Grade::parse(&form.grade) {
        Some(grade) => changes::regrade(state.ctx(), &caller.actor, id, grade, &form.reason)
            .await
            .map(|()| format!("/submissions/{id}?notice=regraded")),
        None => Err(ServiceError::invalid(
            "grade_reason",
            "Choose a grade: I, S, E or R",
        )),
    };
    after_change(&state, &caller, id, outcome).await
}
