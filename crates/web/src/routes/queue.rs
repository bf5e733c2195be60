//! The officers' side: team queues and one submission, with first contact, notes, updates for
//! the reporter and reassignment. Every view of a submission is recorded as a consultation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_core::SubmissionId;
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Resource};
use peel_core::routing::INTAKE_TEAM;
use peel_core::submission::{Category, ReporterRole};
use peel_core::triage::Grade;
use peel_store::{Note, QueueFilter, SubmissionRecord};
use serde::Deserialize;
use time::Duration;

use crate::auth::{Caller, csrf};
use crate::error::PageError;
use crate::intake;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::{field, page, see_other};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    team: Option<String>,
    stage: Option<String>,
    category: Option<String>,
    age: Option<String>,
}

struct Row {
    id: String,
    grade: String,
    reference: String,
    received: String,
    category: &'static str,
    stage: &'static str,
    first_contact: String,
    due: String,
    overdue: bool,
    enhanced: bool,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    chrome: Chrome,
    team_name: String,
    teams: Vec<(String, String)>,
    stages: Vec<(&'static str, &'static str)>,
    categories: Vec<(&'static str, &'static str)>,
    ages: Vec<(&'static str, &'static str)>,
    selected_team: String,
    selected_stage: String,
    selected_category: String,
    selected_age: String,
    rows: Vec<Row>,
}

const STAGES: [(&str, &str); 4] = [
    ("new", "New: no contact yet"),
    ("contacted", "Contacted"),
    ("in_progress", "In progress"),
    ("closed", "Closed"),
];

const AGES: [(&str, &str); 4] = [
    ("all", "Any time"),
    ("1d", "In the last 24 hours"),
    ("7d", "In the last 7 days"),
    ("30d", "In the last 30 days"),
];

fn stage_name(stage: &str) -> &'static str {
    STAGES
        .iter()
        .find(|(slug, _)| *slug == stage)
        .map(|(_, name)| *name)
        .unwrap_or("Unknown")
}

fn category_name(slug: &str) -> &'static str {
    Category::parse(slug)
        .map(Category::label)
        .unwrap_or("Unknown")
}

/// `GET /queue`.
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<QueueQuery>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ViewQueue, &Resource::System)
        .await?;
    let now = state.now();
    // An officer's own team first; the central intake queue for those without one.
    let own_team = caller.actor.team.as_ref().map(ToString::to_string);
    let team = query
        .team
        .clone()
        .filter(|t| !t.is_empty())
        .or(own_team)
        .unwrap_or_else(|| INTAKE_TEAM.to_owned());
    let age = query.age.clone().unwrap_or_else(|| "all".to_owned());
    let received_after = match age.as_str() {
        "1d" => Some(now - Duration::days(1)),
        "7d" => Some(now - Duration::days(7)),
        "30d" => Some(now - Duration::days(30)),
        _ => None,
    };
    let filter = QueueFilter {
        team_id: team.clone(),
        stage: query.stage.clone().filter(|s| !s.is_empty()),
        category: query.category.clone().filter(|c| !c.is_empty()),
        received_after,
        now,
        limit: 200,
    };
    let rows = state
        .store()
        .queue(&filter)
        .await?
        .into_iter()
        .map(|s| Row {
            id: s.id.to_string(),
            grade: s
                .grade_override
                .clone()
                .or_else(|| s.grade.clone())
                .unwrap_or_default(),
            first_contact: match s.first_contact_at {
                Some(at) => format!("After {}", waited(at - s.received_at)),
                None => format!("None yet (waiting {})", waited(now - s.received_at)),
            },
            overdue: s.stage != "closed" && s.next_update_due.is_some_and(|due| due < now),
            due: s
                .next_update_due
                .as_ref()
                .map(show_time)
                .unwrap_or_else(|| "No clock".to_owned()),
            received: show_time(&s.received_at),
            category: category_name(&s.category),
            stage: stage_name(&s.stage),
            enhanced: s.enhanced_rights,
            reference: s.reference,
        })
        .collect();
    let teams = intake::Teams::load(&state).await?;
    let html = QueuePage {
        chrome: Chrome::for_caller(&caller),
        team_name: teams.name(&team),
        teams: teams.choices().to_vec(),
        stages: STAGES.to_vec(),
        categories: Category::ALL
            .iter()
            .map(|c| (c.slug(), c.label()))
            .collect(),
        ages: AGES.to_vec(),
        selected_team: team,
        selected_stage: query.stage.unwrap_or_default(),
        selected_category: query.category.unwrap_or_default(),
        selected_age: age,
        rows,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// A waiting time in words.
fn waited(duration: Duration) -> String {
    let minutes = duration.whole_minutes().max(0);
    match minutes {
        0..60 => format!("{minutes} min"),
        60..2880 => format!("{} h {} min", minutes / 60, minutes % 60),
        _ => format!("{} days", minutes / 1440),
    }
}

#[derive(Template)]
#[template(path = "submission.html")]
struct SubmissionPage {
    chrome: Chrome,
    errors: FieldErrors,
    notice: Option<&'static str>,
    s: SubmissionRecord,
    received: String,
    occurred: String,
    category: &'static str,
    place: String,
    role: &'static str,
    stage: &'static str,
    team_name: String,
    due: Option<String>,
    overdue: bool,
    safe_contact: Vec<String>,
    first_contact: Option<String>,
    notes: Vec<(String, String, &'static str, String)>,
    teams: Vec<(String, String)>,
    grade: String,
    override_text: Option<String>,
    contact_due: String,
    contact_overdue: bool,
    reasons: Vec<(String, String)>,
    dash: Option<String>,
    links: Vec<crate::linking::LinkView>,
    nearby: Vec<crate::linking::NearbyView>,
    tasks: Vec<(String, &'static str, &'static str)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

/// A submission by id, after checking the caller may do `action` to it.
pub(crate) async fn load_for(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: &str,
) -> Result<SubmissionRecord, PageError> {
    state.authorize(caller, action, &Resource::System).await?;
    let id = SubmissionId::parse(id).ok_or(PageError::NotFound)?;
    state
        .store()
        .submission(id)
        .await?
        .ok_or(PageError::NotFound)
}

async fn load(state: &AppState, caller: &Caller, id: &str) -> Result<SubmissionRecord, PageError> {
    load_for(state, caller, Action::ViewSubmission, id).await
}

/// Safe-contact preferences as instructions.
pub(crate) fn safe_contact_lines(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let mut lines = Vec::new();
    if let Some(channels) = value
        .get("channels")
        .unwrap_or(&serde_json::Value::Null)
        .as_array()
        .filter(|c| !c.is_empty())
    {
        let names: Vec<&str> = channels.iter().filter_map(|c| c.as_str()).collect();
        lines.push(format!("Only contact them by: {}", names.join(", ")));
    }
    if let Some(times) = value
        .get("safe_times")
        .unwrap_or(&serde_json::Value::Null)
        .as_str()
        .filter(|t| !t.is_empty())
    {
        lines.push(format!("Safe times: {times}"));
    }
    if value
        .get("no_voicemail")
        .unwrap_or(&serde_json::Value::Null)
        .as_bool()
        == Some(true)
    {
        lines.push("Do not leave a voicemail".to_owned());
    }
    if value
        .get("shared_device")
        .unwrap_or(&serde_json::Value::Null)
        .as_bool()
        == Some(true)
    {
        lines.push(
            "Someone else may see their phone or messages: say nothing revealing in a message"
                .to_owned(),
        );
    }
    lines
}

async fn render(
    state: &AppState,
    caller: &Caller,
    s: SubmissionRecord,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let now = state.now();
    let place = match s.location_kind.as_str() {
        "postcode" => format!("Postcode {}", s.postcode.clone().unwrap_or_default()),
        "point" => format!(
            "Map point {:.5}, {:.5}",
            s.latitude.unwrap_or_default(),
            s.longitude.unwrap_or_default()
        ),
        "address" => s.address_line.clone().unwrap_or_default(),
        _ => "Online".to_owned(),
    };
    let notes = state
        .store()
        .notes(s.id)
        .await?
        .into_iter()
        .map(|n| {
            let kind = match n.kind.as_str() {
                "update" => "Update for the reporter",
                "reassigned" => "Moved to another team",
                "marac" => "MARAC referral task",
                _ => "Internal note",
            };
            (show_time(&n.at), n.author, kind, n.body)
        })
        .collect();
    let status = errors.status();
    let teams = intake::Teams::load(state).await?;
    let links = crate::linking::links_for(state, caller, s.id).await?;
    let nearby = crate::linking::nearby_for(state, &s).await?;
    let tasks = state
        .store()
        .tasks_of_item(peel_core::ItemRef::Submission(s.id))
        .await?
        .into_iter()
        .map(|t| {
            (
                t.task.id.to_string(),
                crate::routes::tasks::kind_label(t.task.kind),
                t.status.slug(),
            )
        })
        .collect();
    let html = SubmissionPage {
        links,
        nearby,
        tasks,
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        received: show_time(&s.received_at),
        occurred: show_time(&s.occurred_at),
        category: category_name(&s.category),
        place,
        role: ReporterRole::parse(&s.reporter_role)
            .map(ReporterRole::label)
            .unwrap_or("Unknown"),
        stage: stage_name(&s.stage),
        team_name: teams.name(&s.team_id),
        due: s.next_update_due.as_ref().map(show_time),
        overdue: s.stage != "closed" && s.next_update_due.is_some_and(|due| due < now),
        safe_contact: safe_contact_lines(&s.safe_contact),
        first_contact: s.first_contact_at.map(|at| {
            format!(
                "{} by {} ({}), {} after the report arrived",
                show_time(&at),
                s.first_contact_by.clone().unwrap_or_default(),
                s.first_contact_channel
                    .clone()
                    .unwrap_or_default()
                    .replace('_', " "),
                waited(at - s.received_at)
            )
        }),
        notes,
        teams: teams.choices().to_vec(),
        grade: s
            .grade_override
            .clone()
            .or_else(|| s.grade.clone())
            .unwrap_or_else(|| "not graded".to_owned()),
        dash: state
            .store()
            .dash_assessments(s.id)
            .await?
            .first()
            .map(|d| {
                format!(
                    "{} yes of 27, {} risk{}, by {} on {}",
                    d.yes_count,
                    d.level,
                    if d.marac_referral {
                        ": MARAC referral due"
                    } else {
                        ""
                    },
                    d.assessed_by,
                    show_time(&d.assessed_at)
                )
            }),
        override_text: s.grade_override.as_ref().map(|new| {
            format!(
                "Changed from {} to {new} by {} on {}: {}",
                s.grade.clone().unwrap_or_default(),
                s.override_by.clone().unwrap_or_default(),
                s.override_at.as_ref().map(show_time).unwrap_or_default(),
                s.override_reason.clone().unwrap_or_default()
            )
        }),
        contact_due: s
            .first_contact_due
            .as_ref()
            .map(show_time)
            .unwrap_or_default(),
        contact_overdue: s.first_contact_at.is_none()
            && s.first_contact_due.is_some_and(|due| due < now),
        reasons: intake::parse_reasons(s.triage_reasons.as_deref()),
        s,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /submissions/{id}`: recorded as a consultation.
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    let s = load(&state, &caller, &id).await?;
    let event = state.audit_event(
        &caller,
        AuditCode::SubmissionViewed,
        &format!("submission:{}", s.id),
        &format!("report {} opened", s.reference),
    );
    state.store().append_audit(vec![event]).await?;
    let notice = match query.notice.as_deref() {
        Some("contact") => Some("First contact recorded."),
        Some("note") => Some("Saved."),
        Some("update") => Some("Update saved. The reporter will see it on their progress page."),
        Some("regraded") => {
            Some("The grade has been changed. Both grades and your reason are kept.")
        }
        _ => None,
    };
    render(&state, &caller, s, FieldErrors::default(), notice).await
}

/// `POST /submissions/{id}/first-contact`.
pub async fn first_contact(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_session_form(&caller, field(&pairs, csrf::FIELD))?;
    state
        .authorize(&caller, Action::RecordContact, &Resource::System)
        .await?;
    let s = load(&state, &caller, &id).await?;
    let channel = field(&pairs, "channel");
    if !["phone", "email", "text", "in_person"].contains(&channel) {
        return Err(PageError::BadRequest(
            "Choose how you made contact.".to_owned(),
        ));
    }
    let now = state.now();
    let event = state.audit_event(
        &caller,
        AuditCode::SubmissionFirstContact,
        &format!("submission:{}", s.id),
        &format!(
            "first contact with the reporter of {} by {channel}",
            s.reference
        ),
    );
    state
        .store()
        .record_first_contact(s.id, now, channel, &caller.label, event)
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
    state
        .authorize(&caller, Action::AddNote, &Resource::System)
        .await?;
    let s = load(&state, &caller, &id).await?;
    let body = field(&pairs, "body");
    let kind = if field(&pairs, "kind") == "update" {
        "update"
    } else {
        "internal"
    };
    if body.is_empty() || body.chars().count() > 4_000 {
        let error = FieldError::new(
            "body",
            "Write the note or update, in 4,000 characters or fewer",
        );
        return render(&state, &caller, s, FieldErrors::one(error), None).await;
    }
    let now = state.now();
    let next_due = (kind == "update" && s.next_update_due.is_some()).then(|| {
        state
            .calendar()
            .add_working_days(now, if s.enhanced_rights { 1 } else { 5 })
    });
    let note = Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: now,
        author: caller.label.clone(),
        kind: kind.to_owned(),
        body: body.to_owned(),
    };
    let event = state.audit_event(
        &caller,
        if kind == "update" {
            AuditCode::SubmissionUpdateWritten
        } else {
            AuditCode::SubmissionNoteAdded
        },
        &format!("submission:{}", s.id),
        &format!("{kind} added to {}", s.reference),
    );
    state.store().add_note(&note, next_due, event).await?;
    Ok(see_other(&format!(
        "/submissions/{}?notice={}",
        s.id,
        if kind == "update" { "update" } else { "note" }
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
    state
        .authorize(&caller, Action::Reassign, &Resource::System)
        .await?;
    let s = load(&state, &caller, &id).await?;
    let team = field(&pairs, "team");
    let reason = field(&pairs, "reason");
    if !intake::Teams::load(&state).await?.contains(team) {
        return Err(PageError::BadRequest(
            "Choose a team from the list.".to_owned(),
        ));
    }
    if reason.is_empty() || reason.chars().count() > 500 {
        let error = FieldError::new("reason", "Say why it is moving, in 500 characters or fewer");
        return render(&state, &caller, s, FieldErrors::one(error), None).await;
    }
    let note = Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: state.now(),
        author: caller.label.clone(),
        kind: "reassigned".to_owned(),
        body: format!("Moved from {} to {team}: {reason}", s.team_id),
    };
    let mut event = state.audit_event(
        &caller,
        AuditCode::SubmissionReassigned,
        &format!("submission:{}", s.id),
        &format!("{} moved from {} to {team}", s.reference, s.team_id),
    );
    event.justification = reason.to_owned();
    state.store().reassign(&note, team, event).await?;
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
    state
        .authorize(&caller, Action::Regrade, &Resource::System)
        .await?;
    let s = load(&state, &caller, &id).await?;
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
        .config()
        .contact_times
        .due(grade, s.received_at, state.calendar());
    let previous = s
        .grade_override
        .clone()
        .or_else(|| s.grade.clone())
        .unwrap_or_default();
    let mut event = state.audit_event(
        &caller,
        AuditCode::SubmissionRegraded,
        &format!("submission:{}", s.id),
        &format!(
            "{} regraded from {previous} to {} (triage said {})",
            s.reference,
            grade.letter(),
            s.grade.clone().unwrap_or_default()
        ),
    );
    event.justification = reason.to_owned();
    state
        .store()
        .override_grade(
            s.id,
            grade.letter(),
            due,
            reason,
            &caller.label,
            state.now(),
            event,
        )
        .await?;
    Ok(see_other(&format!("/submissions/{}?notice=regraded", s.id)))
}

struct EscalationRow {
    id: String,
    reference: String,
    grade: String,
    team: String,
    due: String,
    overdue_by: String,
}

#[derive(Template)]
#[template(path = "supervisor.html")]
struct SupervisorPage {
    chrome: Chrome,
    team_name: Option<String>,
    rows: Vec<EscalationRow>,
    overrides: Vec<(String, String, &'static str, i64)>,
}

/// `GET /supervisor`: first contacts that are overdue, for the supervisor's team or, for a
/// supervisor without one, every team.
pub async fn escalations(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ViewEscalations, &Resource::System)
        .await?;
    let now = state.now();
    let team = caller.actor.team.as_ref().map(ToString::to_string);
    let records = state
        .store()
        .overdue_first_contacts(now, team.as_deref())
        .await?;
    let teams = intake::Teams::load(&state).await?;
    let mut rows = Vec::with_capacity(records.len());
    for s in records {
        let due = s.first_contact_due.unwrap_or(now);
        rows.push(EscalationRow {
            id: s.id.to_string(),
            grade: s
                .grade_override
                .clone()
                .or_else(|| s.grade.clone())
                .unwrap_or_default(),
            team: teams.name(&s.team_id),
            due: show_time(&due),
            overdue_by: waited(now - due),
            reference: s.reference,
        });
    }
    let team_name = team.as_deref().map(|team| teams.name(team));
    let overrides = state
        .store()
        .override_counts(now - Duration::days(90))
        .await?
        .into_iter()
        .map(|(from, to, category, count)| (from, to, category_name(&category), count))
        .collect();
    let html = SupervisorPage {
        chrome: Chrome::for_caller(&caller),
        team_name,
        rows,
        overrides,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
