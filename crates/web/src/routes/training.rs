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
}

/// `GET /training` (supervisors and vetting officers).
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Html<String>, PageError> {
    state
        .authorize(&caller, Action::ViewTrainingNeeds, &Resource::System)
        .await?;
    let by = state.now().date() + Duration::days(AHEAD_DAYS);
    let records = state.store().people().await?;
    let event = state.audit_event(
        &caller,
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
            chrome: Chrome::for_caller(&caller),
            by: by.to_string(),
            people,
            groups,
            trainers,
            supervisors,
        }
        .render()?,
    ))
}
