//! `GET /queue`: a team's queue of submissions.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::intake::Teams;
use peel_core::TeamId;
use peel_core::submission::{Category, Stage};
use peel_store::QueueFilter;
use serde::Deserialize;
use time::Duration;

use super::{grade_letter, waited};
use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::{Chrome, show_time};
use crate::routes::page;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    team: Option<String>,
    stage: Option<String>,
    category: Option<String>,
    age: Option<String>,
    /// The reason for reading another team's queue.
    reason: Option<String>,
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

const AGES: [(&str, &str); 4] = [
    ("all", "Any time"),
    ("1d", "In the last 24 hours"),
    ("7d", "In the last 7 days"),
    ("30d", "In the last 30 days"),
];

/// `GET /queue`.
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<QueueQuery>,
) -> Result<Response, PageError> {
    let caller = caller.with_reason(query.reason.as_deref());
    let now = state.now();
    // An officer's own team first; the central intake queue for those without one.
    let team = match query.team.as_deref().filter(|t| !t.is_empty()) {
        Some(team) => TeamId::parse(team).map_err(|_| PageError::NotFound)?,
        None => caller.actor.team.clone().unwrap_or_else(TeamId::intake),
    };
    let age = query.age.clone().unwrap_or_else(|| "all".to_owned());
    let received_after = match age.as_str() {
        "1d" => Some(now - Duration::days(1)),
        "7d" => Some(now - Duration::days(7)),
        "30d" => Some(now - Duration::days(30)),
        _ => None,
    };
    let filter = QueueFilter {
        team: team.clone(),
        stage: query.stage.as_deref().and_then(Stage::parse),
        category: query.category.as_deref().and_then(Category::parse),
        received_after,
        now,
        limit: 200,
    };
    let action = format!("/queue?team={team}");
    let rows = peel_app::submissions::queue(state.ctx(), &caller.actor, &filter)
        .await
        .map_err(|e| PageError::from(e).or_ask_reason(action))?
        .into_iter()
        .map(|s| Row {
            id: s.id.to_string(),
            grade: grade_letter(&s, ""),
            first_contact: match &s.first_contact {
                Some(contact) => format!("After {}", waited(contact.at - s.received_at)),
                None => format!("None yet (waiting {})", waited(now - s.received_at)),
            },
            overdue: s.stage != Stage::Closed && s.next_update_due.is_some_and(|due| due < now),
            due: s
                .next_update_due
                .as_ref()
                .map(show_time)
                .unwrap_or_else(|| "No clock".to_owned()),
            received: show_time(&s.received_at),
            category: s.category.label(),
            stage: s.stage.label(),
            enhanced: s.enhanced_rights,
            reference: s.reference.to_string(),
        })
        .collect();
    let teams = Teams::load(state.ctx()).await?;
    let html = QueuePage {
        chrome: Chrome::for_caller(&caller),
        team_name: teams.name(&team),
        teams: teams
            .choices()
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect(),
        stages: Stage::ALL.iter().map(|s| (s.slug(), s.label())).collect(),
        categories: Category::ALL
            .iter()
            .map(|c| (c.slug(), c.label()))
            .collect(),
        ages: AGES.to_vec(),
        selected_team: team.to_string(),
        selected_stage: query.stage.unwrap_or_default(),
        selected_category: query.category.unwrap_or_default(),
        selected_age: age,
        rows,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
