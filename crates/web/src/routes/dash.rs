//! The DASH risk checklist page: officers fill it in for a submission; the MARAC criteria are
//! applied, a referral task is created when one is due, and the checklist is kept with its
//! version.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use peel_core::ItemRef;
use peel_core::audit::AuditCode;
use peel_core::dash::{Answer, DashHistory, Judgement, Question, RiskLevel, score};
use peel_core::policy::Action;
use peel_core::submission::NoteKind;
use peel_core::triage::Grade;
use peel_core::triage::{Element, Reason};
use peel_store::{DashRecord, Note, Submission, Triage};

use crate::auth::{Caller, csrf};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::{field, page, see_other};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "dash.html")]
struct DashPage {
    chrome: Chrome,
    errors: FieldErrors,
    id: String,
    reference: String,
    version: String,
    questions: Vec<Question>,
}

async fn load(state: &AppState, caller: &Caller, id: &str) -> Result<Submission, PageError> {
    crate::routes::submissions::load_for(state, caller, Action::AssessRisk, id).await
}

fn render(
    state: &AppState,
    caller: &Caller,
    s: &Submission,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let checklist = state.settings().dash_checklist.clone();
    let status = errors.status();
    let html = DashPage {
        chrome: Chrome::for_caller(caller),
        errors,
        id: s.id.to_string(),
        reference: s.reference.to_string(),
        version: checklist.version,
        questions: checklist.questions,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /submissions/{id}/dash`.
pub async fn form(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let s = load(&state, &caller, &id).await?;
    render(&state, &caller, &s, FieldErrors::default())
}

/// `POST /submissions/{id}/dash`.
pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_session_form(&caller, field(&pairs, csrf::FIELD))?;
    let s = load(&state, &caller, &id).await?;
    let checklist = state.settings().dash_checklist.clone();
    let answers: Vec<Answer> = checklist
        .questions
        .iter()
        .map(|q| Answer::parse(field(&pairs, &q.code)).unwrap_or(Answer::NotAsked))
        .collect();
    let judgement = match field(&pairs, "judgement") {
        "medium" => Some(RiskLevel::Medium),
        "high" => Some(RiskLevel::High),
        _ => None,
    }
    .map(|level| Judgement {
        level,
        reason: field(&pairs, "judgement_reason").to_owned(),
    });
    let now = state.now();
    let (incidents, referral) = state
        .store()
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
    let outcome = match score(&answers, judgement.as_ref(), history) {
        Ok(outcome) => outcome,
        Err(error) => {
            return render(
                &state,
                &caller,
                &s,
                FieldErrors::one(FieldError::new("judgement_reason", error.to_string())),
            );
        }
    };
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
        assessed_by: caller.actor.label.clone(),
        assessed_at: now,
    };
    let task = outcome.marac_referral.then(|| Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: now,
        author: caller.actor.label.clone(),
        kind: NoteKind::Marac,
        body: format!("MARAC referral due: {}", outcome.reasons.join("; ")),
    });
    let event = state.audit_event(
        &caller,
        AuditCode::DashAssessed,
        &ItemRef::Submission(s.id).to_string(),
        &format!(
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
    state
        .store()
        .save_dash(&record, task.as_ref(), event)
        .await?;
    if outcome.level == RiskLevel::High {
        retriage_for_high_risk(&state, &caller, &s, outcome.yes_count).await?;
    }
    Ok(see_other(&format!("/submissions/{}?notice=dash", s.id)))
}

/// A high DASH result is new information: triage runs again, raising the grade to at least S
/// with the DASH as a reason. A person's override stays in force.
async fn retriage_for_high_risk(
    state: &AppState,
    caller: &Caller,
    s: &Submission,
    yes_count: usize,
) -> Result<(), PageError> {
    let previous = s.triage.clone().unwrap_or(Triage {
        grade: Grade::R,
        harm_days: 0.0,
        reasons: Vec::new(),
    });
    let grade = previous.grade.max(Grade::S);
    let now = state.now();
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
    let due_now = state
        .settings()
        .contact_times
        .due(grade, now, state.calendar());
    let due = s.first_contact_due.map_or(due_now, |due| due.min(due_now));
    let event = state.audit_event(
        caller,
        AuditCode::SubmissionRetriaged,
        &ItemRef::Submission(s.id).to_string(),
        &format!(
            "{} triaged again after a high DASH result: grade {}",
            s.reference,
            grade.letter()
        ),
    );
    state.store().retriage(s.id, &triage, due, event).await?;
    Ok(())
}
