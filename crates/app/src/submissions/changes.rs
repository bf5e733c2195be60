//! Changes to a submission: first contact, notes and updates for the reporter, moving it to
//! another team, and overruling its grade. Each is allowed on the submission's facts (its own
//! team, or a team the actor supervises; the specialist team may move it to itself) and audited
//! in the same transaction.

use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Actor};
use peel_core::submission::{ContactMethod, NoteKind};
use peel_core::triage::Grade;
use peel_core::{ItemRef, SubmissionId, TeamId};
use peel_store::{FirstContact, GradeOverride, Note, Submission};

use super::for_change;
use crate::intake::Teams;
use crate::{Context, ServiceError, ServiceResult};

/// The longest note or update, in characters.
pub const MAX_NOTE: usize = 4_000;
/// The longest reason for moving or regrading, in characters.
pub const MAX_REASON: usize = 500;

/// The same note again within this long is taken as a double submission.
const DOUBLE_TAP: time::Duration = time::Duration::minutes(2);

/// Records the first human contact with the reporter, with the contact wishes agreed with them
/// then (when they had not given any, automatic messages wait for these), and opens the case
/// (owned by the officer who made contact) in the same transaction; false when first contact
/// was recorded already. Only a channel the reporter allowed may be recorded.
pub async fn record_first_contact(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    method: ContactMethod,
    wishes: Option<peel_core::submission::SafeContact>,
) -> ServiceResult<bool> {
    let s = for_change(ctx, actor, id, Action::RecordContact).await?;
    if !peel_core::contact::allowed_methods(s.contact.as_ref(), &s.safe_contact).contains(&method) {
        return Err(ServiceError::invalid(
            "method",
            "They did not say that way is safe, or gave no detail for it: choose another",
        ));
    }
    let event = ctx.event(
        actor,
        AuditCode::SubmissionFirstContact,
        ItemRef::Submission(s.id),
        format!(
            "first contact with the reporter of {} by {method}",
            s.reference
        ),
    );
    let contact = FirstContact {
        at: ctx.now(),
        method,
        by: actor.label.clone(),
    };
    // Wishes are agreed here only when the reporter gave none, and never lift a restriction
    // they did give (someone may see their phone, no voicemail, their safe times).
    let wishes = wishes
        .filter(|_| s.safe_contact.channels.is_empty())
        .map(|agreed| peel_core::submission::SafeContact {
            channels: agreed.channels,
            safe_times: if agreed.safe_times.trim().is_empty() {
                s.safe_contact.safe_times.clone()
            } else {
                agreed.safe_times
            },
            no_voicemail: agreed.no_voicemail || s.safe_contact.no_voicemail,
            shared_device: agreed.shared_device || s.safe_contact.shared_device,
        });
    let existing = ctx.store().case_of(s.id).await?;
    let case = crate::cases::new_case(
        &s,
        actor.user_id().map(|u| (u, actor.label.clone())),
        contact.at,
    );
    let opening = existing
        .is_none()
        .then(|| crate::cases::opening_on_first_contact(ctx, actor, &s, &case));
    let done = ctx
        .store()
        .record_first_contact(s.id, &contact, wishes.as_ref(), opening, event)
        .await?;
    if done && wishes.is_some() {
        // Messages waiting for the reporter's wishes may go now.
        ctx.nudge_outbox();
    }
    Ok(done)
}

/// Adds an internal note, or an update for the reporter, which restarts the Victims' Code
/// clock (one working day for a victim with enhanced rights, five otherwise).
pub async fn add_note(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    kind: NoteKind,
    body: &str,
) -> ServiceResult<Submission> {
    let s = for_change(ctx, actor, id, Action::AddNote).await?;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > MAX_NOTE {
        return Err(ServiceError::invalid(
            "body",
            "Write the note or update, in 4,000 characters or fewer",
        ));
    }
    let now = ctx.now();
    // A double tap or a resent form: the same words from the same person a moment ago are the
    // same note, kept once (and sent to the reporter once).
    let notes = ctx.store().notes(s.id).await?;
    if notes.iter().rev().take(5).any(|n| {
        n.author == actor.label && n.kind == kind && n.body == body && now - n.at < DOUBLE_TAP
    }) {
        return Ok(s);
    }
    let next_due = (kind == NoteKind::Update && s.next_update_due.is_some()).then(|| {
        ctx.calendar()
            .add_working_days(now, if s.enhanced_rights { 1 } else { 5 })
    });
    let note = Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: now,
        author: actor.label.clone(),
        kind,
        body: body.to_owned(),
    };
    let code = if kind == NoteKind::Update {
        AuditCode::SubmissionUpdateWritten
    } else {
        AuditCode::SubmissionNoteAdded
    };
    let event = ctx.event(
        actor,
        code,
        ItemRef::Submission(s.id),
        format!("{kind} added to {}", s.reference),
    );
    let messages = if kind == NoteKind::Update {
        let case = ctx.store().case_of(s.id).await?.map(|c| c.id);
        let due = next_due.unwrap_or_else(|| now + time::Duration::days(1));
        crate::outbox::update(ctx, &s, case, body, due)
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    ctx.store()
        .add_note(&note, next_due, &messages, event)
        .await?;
    if !messages.is_empty() {
        ctx.nudge_outbox();
    }
    Ok(s)
}

/// Moves a submission to another team's queue; the reason is kept as a note and as the audit
/// entry's justification.
pub async fn reassign(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    team: &str,
    reason: &str,
) -> ServiceResult<TeamId> {
    let s = for_change(ctx, actor, id, Action::Reassign).await?;
    let teams = Teams::load(ctx).await?;
    let Some(team) = TeamId::parse(team).ok().filter(|t| teams.contains(t)) else {
        return Err(ServiceError::invalid("team", "Choose a team from the list"));
    };
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(ServiceError::invalid(
            "reason",
            "Say why it is moving, in 500 characters or fewer",
        ));
    }
    let note = Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: ctx.now(),
        author: actor.label.clone(),
        kind: NoteKind::Reassigned,
        body: format!("Moved from {} to {team}: {reason}", s.team),
    };
    let mut event = ctx.event(
        actor,
        AuditCode::SubmissionReassigned,
        ItemRef::Submission(s.id),
        format!("{} moved from {} to {team}", s.reference, s.team),
    );
    event.justification = reason.to_owned();
    ctx.store().reassign(&note, &team, event).await?;
    Ok(team)
}

/// Overrules the triage grade with a reason; both grades are kept, and the first-contact time
/// follows the new grade from when the report arrived.
pub async fn regrade(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    grade: Grade,
    reason: &str,
) -> ServiceResult<()> {
    let s = for_change(ctx, actor, id, Action::Regrade).await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(ServiceError::invalid(
            "grade_reason",
            "Say why the grade is changing, in 500 characters or fewer",
        ));
    }
    let due = ctx
        .settings()
        .contact_times
        .due(grade, s.received_at, ctx.calendar());
    let previous = s.grade().map_or("", Grade::letter);
    let mut event = ctx.event(
        actor,
        AuditCode::SubmissionRegraded,
        ItemRef::Submission(s.id),
        format!(
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
        by: actor.label.clone(),
        at: ctx.now(),
    };
    ctx.store().override_grade(s.id, &given, due, event).await?;
    Ok(())
}
