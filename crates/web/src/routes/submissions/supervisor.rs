//! `GET /supervisor`: first contacts that are overdue, and how grades have been overruled.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::intake::Teams;
use peel_core::policy::{Action, Resource};
use time::Duration;

use super::{grade_letter, waited};
use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::{Chrome, show_time};
use crate::routes::page;
use crate::state::AppState;

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
    let team = caller.actor.team.clone();
    let records = state
        .store()
        .overdue_first_contacts(now, team.as_ref().map(std::slice::from_ref))
        .await?;
    let teams = Teams::load(state.ctx()).await?;
    let rows = records
        .into_iter()
        .map(|s| {
            let due = s.first_contact_due.unwrap_or(now);
            EscalationRow {
                id: s.id.to_string(),
                grade: grade_letter(&s, ""),
                team: teams.name(&s.team),
                due: show_time(&due),
                overdue_by: waited(now - due),
                reference: s.reference.to_string(),
            }
        })
        .collect();
    let team_name = team.as_ref().map(|team| teams.name(team));
    let overrides = state
        .store()
        .override_counts(now - Duration::days(90))
        .await?
        .into_iter()
        .map(|count| {
            (
                count.triage.map_or("", |g| g.letter()).to_owned(),
                count.given.letter().to_owned(),
                count.category.label(),
                count.count,
            )
        })
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
