//! The training-needs analysis: who needs which module by when (what their role and the tasks
//! their skills fit them for require, missing or lapsing within the next 30 days), how many
//! need each module in each team or panel, and who can train or supervise (experts by skill,
//! and the supervisors).

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use peel_core::people::matching::expected_training;
use peel_core::people::skills::SkillLevel;
use peel_core::people::training::analyse;
use peel_core::policy::{Action, Resource};
use time::Duration;

use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::Chrome;
use crate::state::AppState;

/// How far ahead a module lapsing counts as needed.
const AHEAD_DAYS: i64 = 30;

#[derive(Template)]
#[template(path = "training.html")]
struct TrainingPage {
    chrome: Chrome,
    by: String,
    people: Vec<(String, String, String)>,
    groups: Vec<(String, String, usize)>,
    trainers: Vec<(String, String)>,
    supervisors: Vec<(String, String)>,
    /// Every module revision: (module, version, on, what changed).
    revisions: Vec<(String, u32, String, String)>,
    errors: crate::pages::FieldErrors,
    notice: Option<&'static str>,
}

/// `GET /training` (supervisors and vetting officers).
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Query(query): axum::extract::Query<NoticeQuery>,
) -> Result<Html<String>, PageError> {
    let notice = match query.notice.as_deref() {
        Some("revised") => {
            Some("The module was revised: everyone who holds an older version now needs it again.")
        }
        Some("recorded") => Some("The completion was recorded."),
        _ => None,
    };
    render(
        &state,
        &caller,
        crate::pages::FieldErrors::default(),
        notice,
    )
    .await
}

/// `?notice=` after a change.
#[derive(serde::Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

async fn render(
    state: &AppState,
    caller: &Caller,
    errors: crate::pages::FieldErrors,
    notice: Option<&'static str>,
) -> Result<Html<String>, PageError> {
    state
        .authorize(caller, Action::ViewTrainingNeeds, &Resource::System)
        .await?;
    let by = state.now().date() + Duration::days(AHEAD_DAYS);
    let records = state.store().people().await?;
    let event = state.audit_event(
        caller,
        peel_core::audit::AuditCode::TrainingViewed,
        "people",
        &format!(
            "training needs of {} people read: {}",
            records.len(),
            records
                .iter()
                .map(|r| r.person.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    state.store().append_audit(vec![event]).await?;
    let expected: Vec<Vec<String>> = records
        .iter()
        .map(|r| expected_training(&r.person))
        .collect();
    let groups: Vec<String> = records
        .iter()
        .map(|r| {
            r.team
                .as_ref()
                .map_or_else(|| "no team or panel".to_owned(), ToString::to_string)
        })
        .collect();
    let revisions = state.store().module_revisions().await?;
    let (each, counts) = analyse(
        records
            .iter()
            .zip(&expected)
            .zip(&groups)
            .map(|((r, needed), group)| {
                (
                    r.person.name.as_str(),
                    group.as_str(),
                    needed.as_slice(),
                    r.person.training.as_slice(),
                )
            }),
        &revisions,
        by,
    );
    let people = each
        .iter()
        .map(|p| {
            (
                p.person.to_owned(),
                p.group.to_owned(),
                p.needs
                    .iter()
                    .map(|n| n.explain())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
        .collect();
    let groups = counts
        .into_iter()
        .map(|((group, module), n)| (group.to_owned(), module, n))
        .collect();
    let mut trainers: Vec<(String, String)> = records
        .iter()
        .flat_map(|r| {
            r.person
                .skills
                .iter()
                .filter(|h| h.counted_level() == SkillLevel::Expert)
                .map(|h| (h.skill.label(), r.person.name.clone()))
        })
        .collect();
    trainers.sort();
    // Supervisors, with their team, who sign off training and supervise volunteers.
    let mut supervisors: Vec<(String, String)> = state
        .store()
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.roles.has(peel_core::Role::Supervisor))
        .map(|u| {
            let team = u.team.as_ref().map(ToString::to_string).unwrap_or_default();
            (u.username.to_string(), team)
        })
        .collect();
    supervisors.sort();
    Ok(Html(
        TrainingPage {
            chrome: Chrome::for_caller(caller),
            by: by.to_string(),
            people,
            groups,
            trainers,
            supervisors,
            revisions: revisions
                .into_iter()
                .map(|r| (r.module, r.version, r.on.to_string(), r.what_changed))
                .collect(),
            errors,
            notice,
        }
        .render()?,
    ))
}

/// The page again with the problem, or back to it with a notice.
async fn after(
    state: &AppState,
    caller: &Caller,
    outcome: Result<(), peel_app::ServiceError>,
    notice: &str,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    match crate::routes::put_right(outcome.map(|()| format!("/training?notice={notice}")))? {
        Ok(next) => Ok(crate::routes::see_other(&next)),
        Err(errors) => {
            let html = render(state, caller, errors, None).await?;
            Ok((axum::http::StatusCode::BAD_REQUEST, html).into_response())
        }
    }
}

/// `POST /training/revisions`: revises a module to its next version, saying what changed.
pub async fn revise(
    State(state): State<AppState>,
    crate::auth::csrf::CsrfForm(caller, pairs): crate::auth::csrf::CsrfForm<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    let outcome = peel_app::training::revise(
        state.ctx(),
        &caller.actor,
        crate::routes::field(&pairs, "module"),
        crate::routes::field(&pairs, "what_changed"),
    )
    .await
    .map(|_| ());
    after(&state, &caller, outcome, "revised").await
}

/// `POST /training/completions`: records a module someone completed today, and how.
pub async fn record(
    State(state): State<AppState>,
    crate::auth::csrf::CsrfForm(caller, pairs): crate::auth::csrf::CsrfForm<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    let field = |name| crate::routes::field(&pairs, name);
    let outcome = match (
        peel_core::PersonId::parse(field("person")),
        peel_core::people::training::Learning::parse(field("how")),
    ) {
        (Ok(person), Some(how)) => peel_app::training::record(
            state.ctx(),
            &caller.actor,
            &person,
            field("module"),
            how,
            field("valid_days").parse().ok(),
        )
        .await
        .map(|_| ()),
        (Err(_), _) => Err(peel_app::ServiceError::invalid(
            "person",
            "Give the person's id, such as vol-ann",
        )),
        (_, None) => Err(peel_app::ServiceError::invalid(
            "how",
            "Choose how it was done: online, in a session, or by supervised work experience",
        )),
    };
    after(&state, &caller, outcome, "recorded").await
}
