//! The officers' side of a submission: one submission's page with everything known about it,
//! the team queues, the changes made to a submission, and the supervisor's page. Every view of
//! a submission is recorded as a consultation.

pub(crate) mod changes;
pub(crate) mod queue;
pub(crate) mod supervisor;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use peel_app::intake::Teams;
use peel_app::link::{LinkView, NearbyView};
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Resource};
use peel_core::submission::{Contact, Location, Stage};
use peel_core::{ItemRef, SubmissionId};
use peel_store::Submission;
use serde::Deserialize;
use time::Duration;

use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::{Chrome, FieldErrors, show_time};
use crate::routes::page;
use crate::state::AppState;

/// A waiting time in words.
pub(crate) fn waited(duration: Duration) -> String {
    let minutes = duration.whole_minutes().max(0);
    match minutes {
        0..60 => format!("{minutes} min"),
        60..2880 => format!("{} h {} min", minutes / 60, minutes % 60),
        _ => format!("{} days", minutes / 1440),
    }
}

/// The grade in force, as a letter, or `default` when triage has not run.
pub(crate) fn grade_letter(s: &Submission, default: &str) -> String {
    s.grade()
        .map_or_else(|| default.to_owned(), |g| g.letter().to_owned())
}

#[derive(Template)]
#[template(path = "submission.html")]
struct SubmissionPage {
    chrome: Chrome,
    errors: FieldErrors,
    notice: Option<&'static str>,
    s: Submission,
    contact: Option<Contact>,
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
    links: Vec<LinkView>,
    nearby: Vec<NearbyView>,
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
) -> Result<Submission, PageError> {
    state.authorize(caller, action, &Resource::System).await?;
    let id = SubmissionId::parse(id).ok_or(PageError::NotFound)?;
    state
        .store()
        .submission(id)
        .await?
        .ok_or(PageError::NotFound)
}

/// Where it happened, in words.
fn place(location: &Location) -> String {
    match location {
        Location::Postcode(postcode) => format!("Postcode {postcode}"),
        Location::Point {
            latitude,
            longitude,
        } => format!("Map point {latitude:.5}, {longitude:.5}"),
        Location::Address(address) => address.clone(),
        Location::Online => "Online".to_owned(),
    }
}

/// Renders a submission's page.
pub(crate) async fn render(
    state: &AppState,
    caller: &Caller,
    s: Submission,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let now = state.now();
    let ctx = state.ctx();
    let notes = state
        .store()
        .notes(s.id)
        .await?
        .into_iter()
        .map(|n| (show_time(&n.at), n.author, n.kind.label(), n.body))
        .collect();
    let status = errors.status();
    let teams = Teams::load(ctx).await?;
    let links = peel_app::link::links_for(ctx, &caller.actor, s.id).await?;
    let nearby = peel_app::link::nearby_for(ctx, &s).await?;
    let tasks = state
        .store()
        .tasks_of_item(ItemRef::Submission(s.id))
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
    let dash = state.store().dash_assessments(s.id).await?;
    let html = SubmissionPage {
        links,
        nearby,
        tasks,
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        received: show_time(&s.received_at),
        occurred: show_time(&s.occurred_at),
        category: s.category.label(),
        place: place(&s.location),
        role: s.reporter_role.label(),
        stage: s.stage.label(),
        team_name: teams.name(&s.team),
        due: s.next_update_due.as_ref().map(show_time),
        overdue: s.stage != Stage::Closed && s.next_update_due.is_some_and(|due| due < now),
        safe_contact: s.safe_contact.instructions(),
        first_contact: s.first_contact.as_ref().map(|contact| {
            format!(
                "{} by {} ({}), {} after the report arrived",
                show_time(&contact.at),
                contact.by,
                contact.method.label().to_lowercase(),
                waited(contact.at - s.received_at)
            )
        }),
        notes,
        teams: teams
            .choices()
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect(),
        grade: grade_letter(&s, "not graded"),
        dash: dash.first().map(|d| {
            format!(
                "{} yes of 27, {} risk{}, by {} on {}",
                d.yes_count,
                d.level.slug(),
                if d.marac_referral {
                    ": MARAC referral due"
                } else {
                    ""
                },
                d.assessed_by,
                show_time(&d.assessed_at)
            )
        }),
        override_text: s.grade_override.as_ref().map(|given| {
            format!(
                "Changed from {} to {} by {} on {}: {}",
                s.triage.as_ref().map_or("", |t| t.grade.letter()),
                given.grade.letter(),
                given.by,
                show_time(&given.at),
                given.reason
            )
        }),
        contact_due: s
            .first_contact_due
            .as_ref()
            .map(show_time)
            .unwrap_or_default(),
        contact_overdue: s.first_contact.is_none()
            && s.first_contact_due.is_some_and(|due| due < now),
        reasons: s
            .triage
            .as_ref()
            .map(|t| {
                t.reasons
                    .iter()
                    .map(|r| (r.code.clone(), r.text.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        contact: s.contact.clone(),
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
    let s = load_for(&state, &caller, Action::ViewSubmission, &id).await?;
    let event = state.audit_event(
        &caller,
        AuditCode::SubmissionViewed,
        &ItemRef::Submission(s.id).to_string(),
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
