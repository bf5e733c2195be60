//! The DASH risk checklist on a submission: the MARAC criteria are applied, a referral task is
//! created when one is due, the checklist is kept with its version, and a high result raises
//! the submission's triage.

use peel_core::ItemRef;
use peel_core::SubmissionId;
use peel_core::audit::AuditCode;
use peel_core::dash::{Answer, DashHistory, DashOutcome, Judgement, RiskLevel, score};
use peel_core::policy::{Action, Actor};
use peel_core::submission::NoteKind;
use peel_core::triage::{Element, Grade, Reason};
use peel_store::{DashRecord, Note, Submission, Triage};

use super::for_change;
use crate::{Context, ServiceError, ServiceResult};

/// The submission whose checklist `actor` is about to fill in; the form's reading is recorded.
pub async fn form(ctx: &Context, actor: &Actor, id: SubmissionId) -> ServiceResult<Submission> {
    let s = for_change(ctx, actor, id, Action::AssessRisk).await?;
    ctx.record(ctx.event(
        actor,
        AuditCode::DashViewed,
        ItemRef::Submission(s.id),
        format!("DASH checklist for {} opened", s.reference),
    ))
    .await?;
    Ok(s)
}

/// Scores and keeps a checklist for a submission, with the victim's history of the last 12
/// months (by exact contact details).
pub async fn assess(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    answers: Vec<Answer>,
    judgement: Option<Judgement>,
) -> ServiceResult<DashOutcome> {
    let s = for_change(ctx, actor, id, Action::AssessRisk).await?;
    let checklist = &ctx.settings().dash_checklist;
    let now = ctx.now();
    let store = ctx.store();
    let (incidents, referral) = store
        .dash_history(
            s.contact.as_ref().and_then(|c| c.email.as_deref()),
            s.contact.as_ref().and_then(|c| c.phone.as_deref()),
            now - time::Duration::days(365),
        )
        .await?;
    let history = DashHistory {
        incidents_last_12_months: incidents,
        marac_referral_last_12_months: referral,
    };
    let outcome = score(&answers, judgement.as_ref(), history)
        .map_err(|error| ServiceError::invalid("judgement_reason", error.to_string()))?;
    let record = DashRecord {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        checklist_version: checklist.version.clone(),
        answers,
        judgement,
        yes_count: u32::try_from(outcome.yes_count).unwrap_or(u32::MAX),
        level: outcome.level,
        marac_referral: outcome.marac_referral,
        reasons: outcome.reasons.clone(),
        assessed_by: actor.label.clone(),
        assessed_at: now,
    };
    let task = outcome.marac_referral.then(|| Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: now,
        author: actor.label.clone(),
        kind: NoteKind::Marac,
        body: format!("MARAC referral due: {}", outcome.reasons.join("; ")),
    });
    let event = ctx.event(
        actor,
        AuditCode::DashAssessed,
        ItemRef::Submission(s.id),
        format!(
            "DASH for {}: {} yes, level {}{}",
            s.reference,
            outcome.yes_count,
            outcome.level.slug(),
            if outcome.marac_referral {
                ", MARAC referral due"
            } else {
                ""
            }
        ),
    );
    store.save_dash(&record, task.as_ref(), event).await?;
    if outcome.level == RiskLevel::High {
        retriage_for_high_risk(ctx, actor, &s, outcome.yes_count).await?;
    }
    Ok(outcome)
}

/// A high DASH result is new information: triage runs again, raising the grade to at least S
/// with the DASH as a reason. A person's override stays in force.
async fn retriage_for_high_risk(
    ctx: &Context,
    actor: &Actor,
    s: &Submission,
    yes_count: usize,
) -> ServiceResult<()> {
    let previous = s.triage.clone().unwrap_or(Triage {
        grade: Grade::R,
        harm_days: 0.0,
        reasons: Vec::new(),
    });
    let grade = previous.grade.max(Grade::S);
    let now = ctx.now();
    let mut reasons = previous.reasons;
    reasons.push(Reason {
        code: "risk.dash_high".to_owned(),
        element: Element::Risk,
        text: format!(
            "The DASH checklist shows high risk ({yes_count} of 27 yes, or a MARAC criterion)"
        ),
    });
    let triage = Triage {
        grade,
        harm_days: previous.harm_days,
        reasons,
    };
    let due_now = ctx.settings().contact_times.due(grade, now, ctx.calendar());
    let due = s.first_contact_due.map_or(due_now, |due| due.min(due_now));
    let event = ctx.event(
        actor,
        AuditCode::SubmissionRetriaged,
        ItemRef::Submission(s.id),
        format!(
            "{} triaged again after a high DASH result: grade {}",
            s.reference,
            grade.letter()
        ),
    );
    ctx.store().retriage(s.id, &triage, due, event).await?;
    Ok(())
}
