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
    /// The page, from 1.
    page: Option<u32>,
}

/// Rows on one page of the queue.
const PAGE_SIZE: u32 = 100;

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
    /// "Due in 38 min", "Overdue by 12 min", or empty once contact is made.
    contact_due: String,
    contact_overdue: bool,
    /// Where: the ward, "Online", or the place given.
    place: String,
    /// Short flags that decide the approach.
    flags: Vec<&'static str>,
    /// A concern from someone with an intermediary now: who to call back, on what number.
    call_back: Option<String>,
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
    /// "Showing 101 to 200 of 30,382".
    showing: String,
    /// Links to the pages before and after, with the same filters.
    previous: Option<String>,
    next: Option<String>,
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
        limit: PAGE_SIZE,
        offset: (query.page.unwrap_or(1).clamp(1, 100_000) - 1) * PAGE_SIZE,
    };
    let action = format!("/queue?team={team}");
    let found = peel_app::submissions::queue(state.ctx(), &caller.actor, &filter)
        .await
        .map_err(|e| PageError::from(e).or_ask_reason(action))?;
    let page_number = filter.offset / PAGE_SIZE + 1;
    let link = |page: u32| {
        let team = team.to_string();
        let page = page.to_string();
        let pairs: Vec<(&str, &str)> = [
            ("team", Some(team.as_str())),
            ("stage", query.stage.as_deref()),
            ("category", query.category.as_deref()),
            ("age", Some(age.as_str())),
            ("reason", query.reason.as_deref()),
            ("page", Some(page.as_str())),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.filter(|v| !v.is_empty()).map(|v| (name, v)))
        .collect();
        format!(
            "/queue?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    };
    let shown = found.submissions.len() as i64;
    let showing = if shown == 0 {
        String::new()
    } else {
        format!(
            "Showing {} to {} of {}",
            i64::from(filter.offset) + 1,
            i64::from(filter.offset) + shown,
            found.total
        )
    };
    let previous = (page_number > 1).then(|| link(page_number - 1));
    let next = (i64::from(filter.offset) + shown < found.total).then(|| link(page_number + 1));
    let teams = Teams::load(state.ctx()).await?;
    let rows = found
        .submissions
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
            contact_overdue: s.first_contact.is_none()
                && s.stage != Stage::Closed
                && s.first_contact_due.is_some_and(|due| due < now),
            contact_due: match (s.first_contact.as_ref(), s.first_contact_due) {
                (None, Some(due)) if due < now => format!("Overdue by {}", waited(now - due)),
                (None, Some(due)) => format!("Due in {}", waited(due - now)),
                _ => String::new(),
            },
            place: match (&s.ward, &s.location) {
                (_, peel_core::submission::Location::Online) => "Online".to_owned(),
                (Some(ward), _) => teams
                    .name(&peel_core::TeamId::of_ward(ward))
                    .replace(" Safer Neighbourhood Team", ""),
                (None, peel_core::submission::Location::Postcode(p)) => p.to_string(),
                (None, _) => "Place given".to_owned(),
            },
            call_back: s.concern.as_ref().filter(|c| c.person_present).map(|c| {
                format!(
                    "{}call {} back on {}",
                    c.codeword
                        .as_ref()
                        .map(|w| format!("{}: ", w.name))
                        .unwrap_or_default(),
                    c.organisation_name,
                    if c.call_back.is_empty() {
                        "(no number registered)"
                    } else {
                        c.call_back.as_str()
                    }
                )
            }),
            flags: {
                let mut flags = Vec::new();
                if s.contact.is_none() && s.concern.is_none() {
                    flags.push("Anonymous");
                }
                if !s.safe_contact.channels.is_empty()
                    || !s.safe_contact.safe_times.trim().is_empty()
                {
                    flags.push("Safe-contact limits");
                }
                if s.safe_contact.no_voicemail {
                    flags.push("No voicemail");
                }
                if s.safe_contact.shared_device {
                    flags.push("Shared phone");
                }
                if s.has_dash {
                    flags.push("DASH done");
                }
                if s.triage
                    .as_ref()
                    .is_some_and(|t| t.reasons.iter().any(|r| r.code == "vulnerability.repeat"))
                {
                    flags.push("Repeat victim");
                }
                flags
            },
            reference: s.reference.to_string(),
        })
        .collect();
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
        showing,
        previous,
        next,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
