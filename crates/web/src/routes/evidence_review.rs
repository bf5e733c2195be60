//! Evidence review in the portal: the person an evidence review task is given to opens its
//! report's files (never the report), each as a thumbnail or a download, and records what each
//! shows. The service is [`peel_app::evidence::review`].

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use peel_app::evidence::review::{self, ReviewInput};
use peel_core::TaskId;
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::{Chrome, FieldErrors, show_time};
use crate::routes::evidence::{file_of, thumbnail_of};
use crate::routes::{field, put_right, see_other};
use crate::state::AppState;

struct ItemView {
    id: String,
    name: String,
    media: String,
    sha256: String,
    thumbnail: bool,
    /// Reviews so far: who, when, and what they recorded.
    reviews: Vec<String>,
}

#[derive(Template)]
#[template(path = "evidence_review.html")]
struct ReviewPage {
    chrome: Chrome,
    errors: FieldErrors,
    notice: bool,
    task: String,
    items: Vec<ItemView>,
}

fn task_id(id: &str) -> Result<TaskId, PageError> {
    TaskId::parse(id).ok_or(PageError::NotFound)
}

fn item_id(id: &str) -> Result<uuid::Uuid, PageError> {
    uuid::Uuid::parse_str(id).map_err(|_| PageError::NotFound)
}

/// Summary of a review for the page and for the officer.
pub(crate) fn summary(r: &peel_store::EvidenceReview) -> String {
    let mut parts = Vec::new();
    for (label, text) in [
        ("when", &r.seen_at),
        ("people", &r.people),
        ("vehicles", &r.vehicles),
        ("offence", &r.offence),
        ("notes", &r.notes),
    ] {
        if !text.is_empty() {
            parts.push(format!("{label}: {text}"));
        }
    }
    if r.faces_visible {
        parts.push("a face can be made out".to_owned());
    }
    format!(
        "{}, {}: {}",
        r.reviewer_label,
        show_time(&r.at),
        parts.join("; ")
    )
}

async fn render(
    state: &AppState,
    caller: &Caller,
    task: TaskId,
    errors: FieldErrors,
    notice: bool,
) -> Result<Response, PageError> {
    let found = review::for_task(state.ctx(), &caller.actor, task).await?;
    let items = found
        .items
        .into_iter()
        .map(|item| ItemView {
            reviews: found
                .reviews
                .iter()
                .filter(|r| r.item_id == item.id)
                .map(summary)
                .collect(),
            id: item.id.to_string(),
            name: item.original_name,
            media: format!("{} ({})", item.kind.label(), item.mime),
            sha256: item.sha256,
            thumbnail: item.dhash.is_some(),
        })
        .collect();
    let html = ReviewPage {
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        task: task.to_string(),
        items,
    }
    .render()?;
    Ok(Html(html).into_response())
}

/// The page's query.
#[derive(Debug, Deserialize)]
pub struct ReviewQuery {
    notice: Option<String>,
}

/// `GET /portal/tasks/{id}/evidence`: the task's files and the review form for each.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ReviewQuery>,
    caller: Caller,
) -> Result<Response, PageError> {
    let notice = query.notice.as_deref() == Some("reviewed");
    render(
        &state,
        &caller,
        task_id(&id)?,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// `GET /portal/tasks/{id}/evidence/{item}`: one of the task's files, as a download.
pub async fn download(
    State(state): State<AppState>,
    Path((id, item)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, PageError> {
    let item =
        review::item_for_task(state.ctx(), &caller.actor, task_id(&id)?, item_id(&item)?).await?;
    file_of(&state, &caller.actor, &item).await
}

/// `GET /portal/tasks/{id}/evidence/{item}/thumbnail`: its thumbnail, with no metadata.
pub async fn thumbnail(
    State(state): State<AppState>,
    Path((id, item)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, PageError> {
    let item =
        review::item_for_task(state.ctx(), &caller.actor, task_id(&id)?, item_id(&item)?).await?;
    thumbnail_of(&state, &caller.actor, &item).await
}

/// `POST /portal/tasks/{id}/evidence/{item}/review`: what the file shows.
pub async fn submit(
    State(state): State<AppState>,
    Path((id, item)): Path<(String, String)>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let task = task_id(&id)?;
    let input = ReviewInput {
        seen_at: field(&pairs, "seen_at").to_owned(),
        people: field(&pairs, "people").to_owned(),
        vehicles: field(&pairs, "vehicles").to_owned(),
        faces_visible: field(&pairs, "faces_visible") == "yes",
        offence: field(&pairs, "offence").to_owned(),
        notes: field(&pairs, "notes").to_owned(),
    };
    let outcome = review::review(state.ctx(), &caller.actor, task, item_id(&item)?, input)
        .await
        .map(|_| format!("/portal/tasks/{task}/evidence?notice=reviewed"));
    match put_right(outcome)? {
        Ok(next) => Ok(see_other(&next)),
        Err(errors) => render(&state, &caller, task, errors, false).await,
    }
}

struct AwaitingRow {
    submission: String,
    reference: String,
    name: String,
    media: String,
    received: String,
}

#[derive(Template)]
#[template(path = "evidence_awaiting.html")]
struct AwaitingPage {
    chrome: Chrome,
    team: String,
    team_name: String,
    items: Vec<AwaitingRow>,
}

/// The awaiting page's query.
#[derive(Debug, Deserialize)]
pub struct AwaitingQuery {
    team: Option<String>,
    reason: Option<String>,
}

/// `GET /evidence/review?team=…`: a team's evidence no one has reviewed yet.
pub async fn awaiting(
    State(state): State<AppState>,
    Query(query): Query<AwaitingQuery>,
    caller: Caller,
) -> Result<Response, PageError> {
    let caller = caller.with_reason(query.reason.as_deref());
    let team = query
        .team
        .as_deref()
        .and_then(|t| peel_core::TeamId::parse(t).ok())
        .or_else(|| caller.user.as_ref().and_then(|u| u.team.clone()))
        .ok_or(PageError::NotFound)?;
    let items = review::awaiting(state.ctx(), &caller.actor, &team)
        .await
        .map_err(|e| PageError::from(e).or_ask_reason(format!("/evidence/review?team={team}")))?;
    let teams = peel_app::intake::Teams::load(state.ctx()).await?;
    let html = AwaitingPage {
        chrome: Chrome::for_caller(&caller),
        team_name: teams.name(&team),
        team: team.to_string(),
        items: items
            .into_iter()
            .map(|(item, reference)| AwaitingRow {
                submission: item.submission_id.to_string(),
                reference: reference.to_string(),
                media: format!("{} ({})", item.kind.label(), item.mime),
                received: show_time(&item.received_at),
                name: item.original_name,
            })
            .collect(),
    }
    .render()?;
    Ok(Html(html).into_response())
}
