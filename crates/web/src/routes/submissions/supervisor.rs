//! `GET /supervisor`: first contacts that are overdue and reads by other teams with their
//! reasons, for the supervisor's teams; and how grades have been overruled.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::intake::Teams;
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

struct ReadRow {
    when: String,
    id: String,
    reference: String,
    team: String,
    who: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "supervisor.html")]
struct SupervisorPage {
    chrome: Chrome,
    team_names: String,
    rows: Vec<EscalationRow>,
    reads: Vec<ReadRow>,
    overrides: Vec<(String, String, &'static str, i64)>,
    /// Addresses whose reports were refused as a flood: (address, refused, first, latest).
    floods: Vec<(String, u64, String, String)>,
    /// Cases owing the victim an update or the reporter a reply: (id, officer, owed since).
    updates: Vec<(String, String, String)>,
}

/// `GET /supervisor`: for the teams the supervisor works in and supervises; recorded as a
/// consultation naming what it shows.
pub async fn escalations(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, PageError> {
    let page_data = peel_app::submissions::escalations(state.ctx(), &caller.actor).await?;
    let now = state.now();
    let teams = Teams::load(state.ctx()).await?;
    let updates = page_data
        .overdue_updates
        .iter()
        .map(|c| {
            let owed = [c.next_update_due, c.reply_due].into_iter().flatten().min();
            (
                c.id.to_string(),
                c.owner_name.clone().unwrap_or_else(|| "nobody".into()),
                owed.as_ref().map(show_time).unwrap_or_default(),
            )
        })
        .collect();
    let rows = page_data
        .overdue
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
    let reads = page_data
        .reads
        .into_iter()
        .map(|r| ReadRow {
            when: show_time(&r.at),
            id: r.submission_id.to_string(),
            reference: r.reference.map(|r| r.to_string()).unwrap_or_default(),
            team: teams.name(&r.team),
            who: r.username,
            reason: r.reason,
        })
        .collect();
    let team_names = page_data
        .teams
        .iter()
        .map(|team| teams.name(team))
        .collect::<Vec<_>>()
        .join(", ");
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
    let floods = state
        .floods()
        .into_iter()
        .map(|(address, flood)| {
            (
                address.to_string(),
                flood.refused,
                show_time(&flood.first),
                show_time(&flood.latest),
            )
        })
        .collect();
    let html = SupervisorPage {
        chrome: Chrome::for_caller(&caller),
        team_names,
        rows,
        reads,
        overrides,
        floods,
        updates,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
