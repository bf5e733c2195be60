//! Cases from the officer's side: the list of one's cases, one case's page, and the changes
//! made to it (officer in charge, stage, close with an outcome, reopen, merge, split, MARAC
//! referral), and `GET /api/v1/cases/{id}`. The rules and the audit are the application's
//! (`peel_app::cases`); these read the form and answer.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::cases::{self, ActionInput, CaseView};
use peel_app::intake::Teams;
use peel_core::case::{CaseStage, Outcome, OutcomeKind, Programme};
use peel_core::{CaseId, SubmissionId};
use serde::Serialize;
use time::Date;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::{Chrome, FieldErrors, show_time};
use crate::routes::{page, put_right, rfc3339, see_other};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

fn field<'a>(pairs: &'a Pairs, name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub(crate) fn case_id(id: &str) -> Result<CaseId, PageError> {
    CaseId::parse(id).ok_or(PageError::NotFound)
}

/// A MARAC action as shown: (id, in words, done).
type MaracActionRow = (String, String, bool);

/// A call to make: (message id, submission id, reference, what, due, overdue, why and how).
type CallRow = (
    String,
    String,
    String,
    &'static str,
    String,
    bool,
    Vec<String>,
);

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    chrome: Chrome,
    /// (id, lead reference, stage, officer, owed, overdue)
    cases: Vec<(String, String, &'static str, String, String, bool)>,
    /// Calls to make: (message id, submission id, reference, what, due, overdue, why and how).
    calls: Vec<CallRow>,
}

/// `GET /cases`: the officer's cases and their teams', overdue first.
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let now = state.now();
    let cases = cases::mine(state.ctx(), &caller.actor).await?;
    let calls = peel_app::outbox::call_tasks(state.ctx(), &caller.actor).await?;
    let html = CasesPage {
        chrome: Chrome::for_caller(&caller),
        calls: calls
            .into_iter()
            .map(|(m, s)| {
                let mut how = vec![message_why(&m)];
                how.extend(s.safe_contact.instructions());
                let phone_allowed = s.safe_contact.channels.is_empty()
                    || s.safe_contact
                        .channels
                        .contains(&peel_core::submission::ContactChannel::Phone);
                if let Some(phone) = s
                    .contact
                    .as_ref()
                    .and_then(|c| c.phone.clone())
                    .filter(|_| phone_allowed)
                {
                    how.push(format!("Phone: {phone}"));
                }
                (
                    m.id.to_string(),
                    s.id.to_string(),
                    s.reference.to_string(),
                    m.purpose.label(),
                    show_time(&m.due_at),
                    m.due_at < now,
                    how,
                )
            })
            .collect(),
        cases: cases
            .into_iter()
            .map(|(c, lead)| {
                let owed = [c.next_update_due, c.reply_due].into_iter().flatten().min();
                (
                    c.id.to_string(),
                    lead,
                    c.stage.label(),
                    c.owner_name.unwrap_or_else(|| "nobody yet".into()),
                    owed.as_ref().map(show_time).unwrap_or_default(),
                    owed.is_some_and(|due| due < now),
                )
            })
            .collect(),
    }
    .render()?;
    Ok(page(axum::http::StatusCode::OK, html, &[]))
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    chrome: Chrome,
    errors: FieldErrors,
    notice: Option<&'static str>,
    id: String,
    lead: String,
    enhanced: bool,
    stage: &'static str,
    owner: String,
    team: String,
    opened: String,
    /// When the case is next reviewed for retention: its longest-kept report's review date.
    review_due: Option<String>,
    update_due: Option<String>,
    update_overdue: bool,
    reply_due: Option<String>,
    reply_overdue: bool,
    outcome: Option<String>,
    merged_into: Option<String>,
    working: bool,
    closed: bool,
    submissions: Vec<(String, String, &'static str, String)>,
    from_reporters: Vec<(String, &'static str, String, String)>,
    messages: Vec<(String, &'static str, &'static str, String, String)>,
    /// Each referral in words, with its actions.
    marac: Vec<(String, Vec<MaracActionRow>)>,
    /// Each disclosure to a partner, in words.
    disclosures: Vec<String>,
    /// The fields a disclosure may carry: (slug, label).
    share_fields: Vec<(&'static str, &'static str)>,
    events: Vec<(String, String, String)>,
    stages: Vec<(&'static str, &'static str)>,
    prevention: Vec<(&'static str, &'static str)>,
    police_uk: Vec<(&'static str, &'static str)>,
    programmes: Vec<(&'static str, &'static str)>,
    action_slots: [u8; 3],
    /// Who may be put in charge: (account id, username).
    officers: Vec<(String, String)>,
}

/// Why a message waits or failed, in words.
pub(crate) fn message_why(m: &peel_store::OutboxMessage) -> String {
    m.wait_reason
        .as_deref()
        .map(|r| {
            peel_core::contact::WaitReason::parse(r)
                .map_or_else(|| r.to_owned(), |w| w.words().to_owned())
        })
        .or_else(|| m.last_error.clone())
        .unwrap_or_default()
}

async fn show(
    state: &AppState,
    caller: &Caller,
    id: CaseId,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let now = state.now();
    let CaseView {
        case,
        submissions,
        events,
        messages,
        from_reporters,
        marac,
        disclosures,
    } = cases::view(state.ctx(), &caller.actor, id).await?;
    let teams = Teams::load(state.ctx()).await?;
    let officers = cases::officers_for(state.ctx(), &case)
        .await?
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let status = errors.status();
    let html = CasePage {
        officers,
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        id: case.id.to_string(),
        lead: submissions
            .first()
            .map(|s| s.reference.to_string())
            .unwrap_or_default(),
        enhanced: case.enhanced_rights,
        stage: case.stage.label(),
        owner: case
            .owner_name
            .clone()
            .unwrap_or_else(|| "nobody yet".into()),
        team: teams.name(&case.team),
        opened: show_time(&case.opened_at),
        review_due: submissions
            .iter()
            .filter_map(|s| s.review_due)
            .max()
            .map(|d| d.to_string()),
        update_due: case.next_update_due.as_ref().map(show_time),
        update_overdue: case.next_update_due.is_some_and(|d| d < now),
        reply_due: case.reply_due.as_ref().map(show_time),
        reply_overdue: case.reply_due.is_some_and(|d| d < now),
        outcome: case.outcome.as_ref().map(|o| {
            if o.reason.is_empty() {
                o.words()
            } else {
                format!("{}: {}", o.words(), o.reason)
            }
        }),
        merged_into: case.merged_into.map(|c| c.to_string()),
        working: case.stage.is_open(),
        closed: case.stage == CaseStage::Closed,
        submissions: submissions
            .iter()
            .map(|s| {
                (
                    s.id.to_string(),
                    s.reference.to_string(),
                    s.category.label(),
                    show_time(&s.received_at),
                )
            })
            .collect(),
        from_reporters: from_reporters
            .into_iter()
            .map(|m| {
                (
                    show_time(&m.at),
                    m.kind.label(),
                    m.body,
                    m.call_back_when.unwrap_or_default(),
                )
            })
            .collect(),
        messages: messages
            .iter()
            .map(|m| {
                (
                    show_time(&m.created_at),
                    m.purpose.label(),
                    m.status.label(),
                    m.channel.clone().unwrap_or_default(),
                    message_why(m),
                )
            })
            .collect(),
        disclosures: disclosures
            .iter()
            .map(crate::routes::sharing::disclosure_line)
            .collect(),
        share_fields: peel_core::sharing::Field::ALL
            .iter()
            .map(|f| (f.slug(), f.label()))
            .collect(),
        marac: marac
            .into_iter()
            .map(|r| {
                (
                    format!(
                        "Referred {} by {}{}: {}",
                        show_time(&r.referred_at),
                        r.referred_by,
                        r.conference_on
                            .map(|d| format!(", conference on {d}"))
                            .unwrap_or_default(),
                        r.reason
                    ),
                    r.actions
                        .into_iter()
                        .map(|a| {
                            (
                                a.id.to_string(),
                                format!(
                                    "{} ({}), due {}{}",
                                    a.action,
                                    a.owner,
                                    show_time(&a.due_at),
                                    if a.done_at.is_some() { ": done" } else { "" }
                                ),
                                a.done_at.is_some(),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        events: events
            .into_iter()
            .map(|e| (show_time(&e.at), e.author, e.detail))
            .collect(),
        stages: [
            CaseStage::Open,
            CaseStage::Investigating,
            CaseStage::Safeguarding,
        ]
        .into_iter()
        .filter(|s| *s != case.stage)
        .map(|s| (s.slug(), s.label()))
        .collect(),
        prevention: OutcomeKind::ALL
            .iter()
            .filter(|k| k.is_prevention())
            .map(|k| (k.slug(), k.label()))
            .collect(),
        police_uk: OutcomeKind::ALL
            .iter()
            .filter(|k| !k.is_prevention())
            .map(|k| (k.slug(), k.label()))
            .collect(),
        programmes: Programme::ALL
            .iter()
            .map(|p| (p.slug(), p.label()))
            .collect(),
        action_slots: [1, 2, 3],
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// After a change: back to the case on success; the page again with the field's error.
pub(crate) async fn after(
    state: &AppState,
    caller: &Caller,
    id: CaseId,
    outcome: Result<String, ServiceError>,
) -> Result<Response, PageError> {
    match put_right(outcome)? {
        Ok(next) => Ok(see_other(&next)),
        Err(errors) => show(state, caller, id, errors, None).await,
    }
}

/// `GET /cases/{id}`.
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, PageError> {
    let notice = match query.get("notice").map(String::as_str) {
        Some("closed") => Some(
            "The case is closed. The outcome and the survey go to the victim by the ways they allowed.",
        ),
        Some("changed") => Some("The case is updated."),
        _ => None,
    };
    show(
        &state,
        &caller,
        case_id(&id)?,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// `POST /submissions/{id}/case`: opens a case on a report by the officer's choice.
pub async fn open(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = SubmissionId::parse(&id).ok_or(PageError::NotFound)?;
    let case = cases::open(state.ctx(), &caller.actor, id).await?;
    Ok(see_other(&format!("/cases/{case}?notice=changed")))
}

/// `POST /submissions/{id}/join`: adds a report to the open case it links to.
pub async fn join(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = SubmissionId::parse(&id).ok_or(PageError::NotFound)?;
    let case = case_id(field(&pairs, "case"))?;
    cases::join(state.ctx(), &caller.actor, case, id).await?;
    Ok(see_other(&format!("/cases/{case}?notice=changed")))
}

/// `POST /cases/{id}/owner`: the actor, or the officer chosen in `owner`, is put in charge.
pub async fn owner(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let outcome = match field(&pairs, "owner") {
        "" if field(&pairs, "assign") != "yes" => {
            cases::take(state.ctx(), &caller.actor, id, None).await
        }
        chosen => match peel_core::UserId::parse(chosen) {
            Some(owner) => cases::assign(state.ctx(), &caller.actor, id, owner).await,
            None => Err(ServiceError::invalid(
                "owner",
                "Choose an officer of the case's team",
            )),
        },
    }
    .map(|()| format!("/cases/{id}?notice=changed"));
    after(&state, &caller, id, outcome).await
}

/// `POST /cases/{id}/stage`.
pub async fn stage(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let outcome = match CaseStage::parse(field(&pairs, "stage")) {
        Some(to) => cases::move_stage(state.ctx(), &caller.actor, id, to, field(&pairs, "reason"))
            .await
            .map(|()| format!("/cases/{id}?notice=changed")),
        None => Err(ServiceError::invalid(
            "stage",
            "Choose the stage to move the case to",
        )),
    };
    after(&state, &caller, id, outcome).await
}

/// `POST /cases/{id}/close`.
pub async fn close(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let non_empty = |name| Some(field(&pairs, name)).filter(|v| !v.trim().is_empty());
    let outcome = match Outcome::parse(
        field(&pairs, "outcome"),
        non_empty("programme"),
        non_empty("programme_name"),
        field(&pairs, "reason"),
    ) {
        Ok(outcome) => cases::close(
            state.ctx(),
            &caller.actor,
            id,
            outcome,
            field(&pairs, "words"),
        )
        .await
        .map(|_| format!("/cases/{id}?notice=closed")),
        Err(problem) => Err(ServiceError::invalid(problem.field, problem.message)),
    };
    after(&state, &caller, id, outcome).await
}

/// `POST /cases/{id}/reopen`.
pub async fn reopen(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let outcome = cases::reopen(state.ctx(), &caller.actor, id, field(&pairs, "reason"))
        .await
        .map(|()| format!("/cases/{id}?notice=changed"));
    after(&state, &caller, id, outcome).await
}

/// `POST /cases/{id}/merge`: merges the case named in `from` into this one.
pub async fn merge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let outcome = match CaseId::parse(field(&pairs, "from")) {
        Some(from) => cases::merge(
            state.ctx(),
            &caller.actor,
            id,
            from,
            field(&pairs, "reason"),
        )
        .await
        .map(|()| format!("/cases/{id}?notice=changed")),
        None => Err(ServiceError::invalid(
            "into",
            "Give the id of the case to merge into this one",
        )),
    };
    after(&state, &caller, id, outcome).await
}

/// `POST /cases/{id}/split`.
pub async fn split(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let moved: Vec<SubmissionId> = pairs
        .iter()
        .filter(|(k, _)| k == "submission")
        .filter_map(|(_, v)| SubmissionId::parse(v))
        .collect();
    let outcome = cases::split(
        state.ctx(),
        &caller.actor,
        id,
        &moved,
        field(&pairs, "reason"),
    )
    .await
    .map(|new| format!("/cases/{new}?notice=changed"));
    after(&state, &caller, id, outcome).await
}

fn day(text: &str) -> Option<Date> {
    Date::parse(
        text.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// `POST /cases/{id}/marac`.
pub async fn marac(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let all = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let (what, who, due) = (all("action"), all("action_owner"), all("action_due"));
    let mut actions = Vec::new();
    let mut problem = None;
    for (i, action) in what.iter().enumerate() {
        if action.trim().is_empty() {
            continue;
        }
        match due.get(i).and_then(|d| day(d)) {
            Some(due) => actions.push(ActionInput {
                action: (*action).to_owned(),
                owner: who.get(i).copied().unwrap_or_default().to_owned(),
                due,
            }),
            None => problem = Some("Give each action a due date as YYYY-MM-DD"),
        }
    }
    let conference = field(&pairs, "conference_on");
    let outcome = if let Some(message) = problem {
        Err(ServiceError::invalid("reason", message))
    } else if !conference.trim().is_empty() && day(conference).is_none() {
        Err(ServiceError::invalid(
            "reason",
            "Give the conference date as YYYY-MM-DD",
        ))
    } else {
        cases::refer_to_marac(
            state.ctx(),
            &caller.actor,
            id,
            day(conference),
            field(&pairs, "reason"),
            actions,
        )
        .await
        .map(|_| format!("/cases/{id}?notice=changed"))
    };
    after(&state, &caller, id, outcome).await
}

/// A case, for officers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CaseDto {
    /// Its id.
    id: String,
    /// `open`, `investigating`, `safeguarding`, `closed` or `merged`.
    stage: String,
    /// The officer in charge (a username), if any.
    owner: Option<String>,
    /// The team.
    team: String,
    /// How it ended: the outcome's code (police.uk's, or a prevention outcome).
    outcome: Option<OutcomeDto>,
    /// When the victim's next update is due (RFC 3339), if a clock runs.
    next_update_due: Option<String>,
    /// The reports in it.
    submissions: Vec<CaseSubmissionDto>,
    /// Every message to its reporters.
    messages: Vec<MessageDto>,
}

/// A case's outcome.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutcomeDto {
    /// The code.
    code: String,
    /// In words.
    label: String,
    /// The partner programme's kind, for a referral.
    programme: Option<String>,
    /// The programme's name, for a referral or diversion.
    programme_name: Option<String>,
    /// The reason.
    reason: String,
}

/// A report in a case.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CaseSubmissionDto {
    /// Its id.
    id: String,
    /// Its reference.
    reference: String,
}

/// A message to a reporter.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MessageDto {
    /// Its id.
    id: String,
    /// `acknowledgement`, `update`, `call_back`, `survey` or `request_for_information`.
    purpose: String,
    /// `email`, `text` or `phone` once decided.
    channel: Option<String>,
    /// `queued`, `sending`, `sent`, `waiting`, `call_task` or `never`.
    status: String,
    /// Why it waits, or why not sent.
    reason: Option<String>,
    /// The Message-ID it carries.
    message_id: String,
    /// When the provider accepted it (RFC 3339).
    sent_at: Option<String>,
}

/// One case, with its reports and messages; recorded as a consultation.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}",
    security(("session" = [])),
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The case", body = CaseDto),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not the case's team, or a team supervising it", body = crate::error::ErrorBody),
        (status = 404, description = "No such case", body = crate::error::ErrorBody)
    )
)]
pub async fn api(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<CaseDto>, ApiError> {
    let not_found = || ApiError::with_message(ErrorCode::NotFound, "There is no case with that id");
    let id = CaseId::parse(&id).ok_or_else(not_found)?;
    let view = cases::view(state.ctx(), &caller.actor, id)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound => not_found(),
            other => other.into(),
        })?;
    let case = view.case;
    Ok(Json(CaseDto {
        id: case.id.to_string(),
        stage: case.stage.slug().to_owned(),
        owner: case.owner_name,
        team: case.team.to_string(),
        outcome: case.outcome.map(|o| OutcomeDto {
            code: o.kind.slug().to_owned(),
            label: o.kind.label().to_owned(),
            programme: o.programme.map(|p| p.slug().to_owned()),
            programme_name: o.programme_name,
            reason: o.reason,
        }),
        next_update_due: case.next_update_due.as_ref().map(rfc3339),
        submissions: view
            .submissions
            .iter()
            .map(|s| CaseSubmissionDto {
                id: s.id.to_string(),
                reference: s.reference.to_string(),
            })
            .collect(),
        messages: view
            .messages
            .iter()
            .map(|m| MessageDto {
                id: m.id.to_string(),
                purpose: m.purpose.slug().to_owned(),
                channel: m.channel.clone(),
                status: m.status.slug().to_owned(),
                reason: Some(message_why(m)).filter(|r| !r.is_empty()),
                message_id: m.message_id.clone(),
                sent_at: m.sent_at.as_ref().map(rfc3339),
            })
            .collect(),
    }))
}

/// `POST /messages/{id}/called`: the call a call task asked for was made.
pub async fn called(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = peel_core::MessageId::parse(&id).ok_or(PageError::NotFound)?;
    peel_app::outbox::called(state.ctx(), &caller.actor, id).await?;
    Ok(see_other("/cases"))
}

/// `POST /cases/{id}/marac/{action}/done`.
pub async fn marac_done(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = case_id(&id)?;
    let action = uuid::Uuid::parse_str(&action).map_err(|_| PageError::NotFound)?;
    cases::complete_marac_action(state.ctx(), &caller.actor, id, action).await?;
    Ok(see_other(&format!("/cases/{id}?notice=changed")))
}
