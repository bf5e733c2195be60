//! The DASH risk checklist page: officers fill it in for a submission. Scoring, the MARAC
//! criteria, the referral task and the new triage are the application's
//! (`peel_app::submissions::dash`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::submissions::dash;
use peel_core::dash::{Answer, Judgement, Question, RiskLevel};
use peel_store::Submission;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::submissions::submission_id;
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
    /// Each question with the answer given (`yes`, `no`, `not_known` or empty).
    questions: Vec<(Question, String)>,
    judgement: String,
    reason: String,
}

/// Renders the checklist; after an error every answer given comes back checked (finding
/// P0-2), so an officer sitting with a victim never asks again.
fn render(
    state: &AppState,
    caller: &Caller,
    s: &Submission,
    errors: FieldErrors,
    given: &[(String, String)],
) -> Result<Response, PageError> {
    let checklist = state.settings().dash_checklist.clone();
    let status = errors.status();
    let html = DashPage {
        chrome: Chrome::for_caller(caller),
        errors,
        id: s.id.to_string(),
        reference: s.reference.to_string(),
        version: checklist.version,
        questions: checklist
            .questions
            .into_iter()
            .map(|q| {
                let answer = field(given, &q.code).to_owned();
                (q, answer)
            })
            .collect(),
        judgement: field(given, "judgement").to_owned(),
        reason: field(given, "judgement_reason").to_owned(),
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /submissions/{id}/dash`: recorded as a consultation.
pub async fn form(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let s = dash::form(state.ctx(), &caller.actor, id).await?;
    render(&state, &caller, &s, FieldErrors::default(), &[])
}

/// `POST /submissions/{id}/dash`.
pub async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let checklist = &state.settings().dash_checklist;
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
    match dash::assess(state.ctx(), &caller.actor, id, answers, judgement).await {
        Ok(_) => Ok(see_other(&format!("/submissions/{id}?notice=dash"))),
        Err(ServiceError::Invalid { field, message }) => {
            let s = dash::form(state.ctx(), &caller.actor, id).await?;
            render(
                &state,
                &caller,
                &s,
                FieldErrors::one(FieldError::new(field, message)),
                &pairs,
            )
        }
        Err(other) => Err(other.into()),
    }
}
