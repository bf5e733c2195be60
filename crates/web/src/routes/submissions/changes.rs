//! Changes to a submission: first contact, notes and updates for the reporter, moving it to
//! another team, and overruling its grade. Each is audited in the same transaction.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use peel_app::intake::Teams;
use peel_core::audit::AuditCode;
use peel_core::policy::Action;
use peel_core::submission::{ContactMethod, NoteKind};
use peel_core::triage::Grade;
use peel_core::{ItemRef, TeamId};
use peel_store::{FirstContact, GradeOverride, Note};

use super::{load_for, render};
use crate::auth::{Caller, csrf};
use crate::error::PageError;
use crate::pages::{FieldError, FieldErrors};
use crate::routes::{field, see_other};
use crate::state::AppState;

/// `POST /submissions/{id}/first-contact`.
pub async fn first_contact(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_session_form(&caller, field(&pairs, csrf::FIELD))?;
    let s = load_for(&state, &caller, Action::RecordContact, &id).await?;
    let Some(method) = ContactMethod::parse(field(&pairs, "channel")) else {
        return Err(PageError::BadRequest(
            "Choose how you made contact.".to_owned(),
        ));
    };
    let event = state.audit_event(
        &caller,
        AuditCode::SubmissionFirstContact,
        &ItemRef::Submission(s.id).to_string(),
        &format!(
            "first contact with the reporter of {} by {method}",
            s.reference
        ),
    );
    let contact = FirstContact {
        at: state.now(),
        method,
        by: caller.actor.label.clone(),
    };
    state
        .store()
        .record_first_contact(s.id, &contact, event)
        .await?;
    Ok(see_other(&format!("/submissions/{}?notice=contact", s.id)))
}

/// `POST /submissions/{id}/notes`: an internal note, or an update for the reporter, which
/// restarts the Victims' Code clock.
pub async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_session_form(&caller, field(&pairs, csrf::FIELD))?;
    let s = load_for(&state, &caller, Action::AddNote, &id).await?;
    let body = field(&pairs, "body");
    let kind = if field(&pairs, "kind") == "update" {
        NoteKind::Update
    } else {
        NoteKind::Internal
    };
    if body.is_empty() || body.chars().count() > 4_000 {
        let error = FieldError::new(
            "body",
            "Write the note or update, in 4,000 characters or fewer",
        );
        return render(&state, &caller, s, FieldErrors::one(error), None).await;
    }
    let now = state.now();
    let next_due = (kind == NoteKind::Update && s.next_update_due.is_some()).then(|| {
        state
            .calendar()
            .add_working_days(now, if s.enhanced_rights { 1 } else { 5 })
    });
    let note = Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: now,
        author: caller.actor.label.clone(),
        kind,
        body: body.to_owned(),
    };
    let event = state.audit_event(
        &caller,
        if kind == NoteKind::Update {
            AuditCode::SubmissionUpdateWritten
        } else {
            AuditCode::SubmissionNoteAdded
        },
        &ItemRef::Submission(s.id).to_string(),
        &format!("{kind} added to {}", s.reference),
    );
    state.store().add_note(&note, next_due, event).await?;
    Ok(see_other(&format!(
        "/submissions/{}?notice={}",
        s.id,
        if kind == NoteKind::Update {
            "update"
        } else {
            "note"
        }
    )))
}

/// `POST /submissions/{id}/reassign`: a reason is required and kept.
pub async fn reassign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_session_form(&caller, field(&pairs, csrf::FIELD))?;
    let s = load_for(&state, &caller, Action::Reassign, &id).await?;
    let team = TeamId::parse(field(&pairs, "team")).ok();
    let reason = field(&pairs, "reason");
    let teams = Teams::load(state.ctx()).await?;
    let Some(team) = team.filter(|t| teams.contains(t)) else {
        return Err(PageError::BadRequest(
            "Choose a team from the list.".to_owned(),
        ));
    };
    if reason.is_empty() || reason.chars().count() > 500 {
        let error = FieldError::new("reason", "Say why it is moving, in 500 characters or fewer");
        return render(&state, &caller, s, FieldErrors::one(error), None).await;
    }
    let note = Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: state.now(),
        author: caller.actor.label.clone(),
        kind: NoteKind::Reassigned,
        body: format!("Moved from {} to {team}: {reason}", s.team),
    };
    let mut event = state.audit_event(
        &caller,
        AuditCode::SubmissionReassigned,
        &ItemRef::Submission(s.id).to_string(),
        &format!("{} moved from {} to {team}", s.reference, s.team),
    );
    event.justification = reason.to_owned();
    state.store().reassign(&note, &team, event).await?;
    Ok(see_other(&format!("/queue?team={team}")))
}

/// `POST /submissions/{id}/grade`: overrules the triage grade with a reason; both grades are
/// kept and shown, and the first-contact time follows the new grade from when it arrived.
pub async fn regrade(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_session_form(&caller, field(&pairs, csrf::FIELD))?;
    let s = load_for(&state, &caller, Action::Regrade, &id).await?;
    let Some(grade) = Grade::parse(field(&pairs, "grade")) else {
        return Err(PageError::BadRequest(
            "Choose a grade: I, S, E or R.".to_owned(),
        ));
    };
    let reason = field(&pairs, "reason");
    if reason.is_empty() || reason.chars().count() > 500 {
        let error = FieldError::new(
            "grade_reason",
            "Say why the grade is changing, in 500 characters or fewer",
        );
        return render(&state, &caller, s, FieldErrors::one(error), None).await;
    }
    let due = state
        .settings()
        .contact_times
        .due(grade, s.received_at, state.calendar());
    let previous = s.grade().map_or("", Grade::letter);
    let mut event = state.audit_event(
        &caller,
        AuditCode::SubmissionRegraded,
        &ItemRef::Submission(s.id).to_string(),
        &format!(
            "{} regraded from {previous} to {} (triage said {})",
            s.reference,
            grade.letter(),
            s.triage.as_ref().map_or("", |t| t.grade.letter())
        ),
    );
    event.justification = reason.to_owned();
    let given = GradeOverride {
        grade,
        reason: reason.to_owned(),
        by: caller.actor.label.clone(),
        at: state.now(),
    };
    state
        .store()
        .override_grade(s.id, &given, due, event)
        .await?;
    Ok(see_other(&format!("/submissions/{}?notice=regraded", s.id)))
}
