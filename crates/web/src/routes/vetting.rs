//! The vetting officer's page: every clearance that is suspended, overdue or due within the
//! next 30 days (aftercare review or renewal), most urgent first, with the reasons recorded.
//! Reading it is recorded as a consultation.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use peel_core::audit::AuditCode;
use peel_core::people::skills::Skill;
use peel_core::people::vetting::{Attention, Status};
use peel_core::policy::{Action, Resource};
use peel_core::{ClearanceId, PersonId};
use time::Duration;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::Chrome;
use crate::state::AppState;

/// How far ahead "due" looks.
const WINDOW_DAYS: i64 = 30;

struct Row {
    attention: &'static str,
    person_id: String,
    person: String,
    kind: &'static str,
    level: &'static str,
    scopes: String,
    aftercare_due: String,
    expires: String,
    detail: String,
}

/// A review item as the page shows it.
struct ReviewRow {
    id: String,
    person_id: String,
    person: String,
    reason: String,
    raised: String,
}

#[derive(Template)]
#[template(path = "vetting.html")]
struct VettingPage {
    chrome: Chrome,
    today: String,
    window: i64,
    rows: Vec<Row>,
    reviews: Vec<ReviewRow>,
}

/// `GET /vetting`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Html<String>, PageError> {
    state
        .authorize(&caller, Action::ViewVetting, &Resource::System)
        .await?;
    let today = state.now().date();
    let people = state.store().people().await?;
    let name_of = |id: &PersonId| {
        people
            .iter()
            .find(|p| p.person.id == *id)
            .map_or_else(|| id.to_string(), |p| p.person.name.clone())
    };
    let reviews = peel_app::watch::reviews(state.ctx(), &caller.actor)
        .await?
        .into_iter()
        .filter(|r| r.closed.is_none())
        .map(|r| ReviewRow {
            id: r.id.to_string(),
            person_id: r.person.to_string(),
            person: name_of(&r.person),
            reason: r.reason,
            raised: crate::pages::show_time(&r.raised_at),
        })
        .collect();
    let mut rows = Vec::new();
    for record in &people {
        let person = &record.person;
        for clearance in &person.clearances {
            let attention = clearance.attention(today, Duration::days(WINDOW_DAYS));
            let (label, detail) = match attention {
                Attention::Current => continue,
                Attention::Suspended => (
                    "Suspended",
                    if clearance.status == Status::Suspended {
                        let mut why: Vec<String> = clearance
                            .suspended
                            .iter()
                            .map(|s| s.reason.clone())
                            .collect();
                        why.dedup();
                        format!("whole clearance suspended: {}", why.join("; "))
                    } else {
                        clearance
                            .suspended
                            .iter()
                            .map(|s| format!("{} since {}: {}", s.scope.label(), s.since, s.reason))
                            .collect::<Vec<_>>()
                            .join("; ")
                    },
                ),
                Attention::Overdue => (
                    "Overdue",
                    if clearance.expires <= today {
                        format!("expired on {}; it matches no task", clearance.expires)
                    } else {
                        format!("aftercare review was due on {}", clearance.aftercare_due)
                    },
                ),
                Attention::Due => (
                    "Due",
                    if clearance.expires <= clearance.aftercare_due {
                        format!("renewal by {}", clearance.expires)
                    } else {
                        format!("aftercare review by {}", clearance.aftercare_due)
                    },
                ),
            };
            rows.push((
                attention,
                Row {
                    attention: label,
                    person_id: person.id.to_string(),
                    person: person.name.clone(),
                    kind: person.kind.label(),
                    level: clearance.level.label(),
                    scopes: clearance
                        .scopes
                        .iter()
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                    aftercare_due: clearance.aftercare_due.to_string(),
                    expires: clearance.expires.to_string(),
                    detail,
                },
            ));
        }
    }
    // Suspended, then overdue, then due; by name within each.
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.person.cmp(&b.1.person)));
    let event = state.audit_event(
        &caller,
        AuditCode::VettingViewed,
        "vetting",
        &format!("{} clearances needing attention listed", rows.len()),
    );
    state.store().append_audit(vec![event]).await?;
    Ok(Html(
        VettingPage {
            chrome: Chrome::for_caller(&caller),
            today: today.to_string(),
            window: WINDOW_DAYS,
            rows: rows.into_iter().map(|(_, row)| row).collect(),
            reviews,
        }
        .render()?,
    ))
}

struct ClearanceView {
    id: i64,
    level: &'static str,
    scopes: Vec<(&'static str, &'static str, bool)>,
    granted: String,
    expires: String,
    aftercare_due: String,
    status: &'static str,
    suspended: Vec<String>,
}

struct SkillView {
    slug: String,
    label: String,
    level: &'static str,
    evidence: String,
    verified: Option<String>,
}

#[derive(Template)]
#[template(path = "vetting_person.html")]
struct PersonPage {
    chrome: Chrome,
    id: String,
    name: String,
    kind: &'static str,
    skills: Vec<SkillView>,
    clearances: Vec<ClearanceView>,
}

/// `GET /vetting/people/{id}`: one person's clearances, with the forms to record a trigger and
/// to review; recorded as a consultation.
pub async fn person(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Html<String>, PageError> {
    let id = PersonId::parse(&id).map_err(|_| PageError::NotFound)?;
    let record = peel_app::people::vetting_record(state.ctx(), &caller.actor, &id).await?;
    let clearances = record
        .person
        .clearances
        .iter()
        .zip(&record.clearance_ids)
        .map(|(c, cid)| ClearanceView {
            id: cid.0,
            level: c.level.label(),
            scopes: c
                .scopes
                .iter()
                .map(|s| {
                    (
                        s.slug(),
                        s.label(),
                        c.suspended.iter().any(|x| x.scope == *s),
                    )
                })
                .collect(),
            granted: c.granted.to_string(),
            expires: c.expires.to_string(),
            aftercare_due: c.aftercare_due.to_string(),
            status: c.status.slug(),
            suspended: c
                .suspended
                .iter()
                .map(|x| format!("{} since {}: {}", x.scope.label(), x.since, x.reason))
                .collect(),
        })
        .collect();
    let skills = record
        .person
        .skills
        .iter()
        .map(|h| SkillView {
            slug: h.skill.slug(),
            label: h.skill.label(),
            level: h.level.label(),
            evidence: h
                .evidence
                .as_ref()
                .map_or_else(String::new, |e| format!("{} {}", e.body, e.number)),
            verified: h
                .evidence
                .as_ref()
                .and_then(|e| e.verified.as_ref())
                .map(|(by, on)| format!("checked by {by} on {on}")),
        })
        .collect();
    Ok(Html(
        PersonPage {
            chrome: Chrome::for_caller(&caller),
            skills,
            id: record.person.id.to_string(),
            name: record.person.name.clone(),
            kind: record.person.kind.label(),
            clearances,
        }
        .render()?,
    ))
}

/// `POST /vetting/people/{id}/clearances/{clearance}/{action}`: records a trigger (a change of
/// circumstances or a conduct concern, with the reason, suspending the scopes chosen) or a
/// review (reinstating the scopes chosen, with the reason; the next aftercare a year on).
/// Nobody does either to their own clearance.
pub async fn change(
    State(state): State<AppState>,
    axum::extract::Path((id, clearance_id, action)): axum::extract::Path<(String, i64, String)>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    use peel_app::people::ClearanceChange;
    use peel_core::people::vetting::Scope;
    let id = PersonId::parse(&id).map_err(|_| PageError::NotFound)?;
    let change = match (action.as_str(), crate::routes::field(&pairs, "kind")) {
        ("trigger", "conduct") => ClearanceChange::Conduct,
        ("trigger", _) => ClearanceChange::Circumstances,
        ("review", _) => ClearanceChange::Review,
        _ => return Err(PageError::NotFound),
    };
    let scopes: Vec<Scope> = pairs
        .iter()
        .filter(|(k, _)| k == "scope")
        .filter_map(|(_, v)| Scope::from_slug(v))
        .collect();
    peel_app::people::change_clearance(
        state.ctx(),
        &caller.actor,
        &id,
        ClearanceId(clearance_id),
        change,
        &scopes,
        crate::routes::field(&pairs, "reason"),
    )
    .await?;
    Ok(crate::routes::see_other(&format!("/vetting/people/{id}")))
}

/// `POST /vetting/people/{id}/skills/{skill}/verify`: records that the evidence for a skill
/// (a professional body's membership) was checked today by the vetting officer; only then
/// does a level above "working" count. Nobody verifies their own.
pub async fn verify_skill(
    State(state): State<AppState>,
    axum::extract::Path((id, skill)): axum::extract::Path<(String, String)>,
    CsrfForm(caller, _): CsrfForm<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    let (Ok(id), Some(skill)) = (PersonId::parse(&id), Skill::from_slug(&skill)) else {
        return Err(PageError::NotFound);
    };
    peel_app::people::verify_skill(state.ctx(), &caller.actor, &id, &skill).await?;
    Ok(crate::routes::see_other(&format!("/vetting/people/{id}")))
}

/// `POST /vetting/reviews/{id}/close`: a vetting officer closes a review item with the outcome.
pub async fn close_review(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    peel_app::watch::close(
        state.ctx(),
        &caller.actor,
        id,
        crate::routes::field(&pairs, "outcome"),
    )
    .await?;
    Ok(crate::routes::see_other("/vetting"))
}

/// A review item over the API.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReviewDto {
    /// Its id.
    id: String,
    /// The person's id.
    person: String,
    /// Why, in words.
    reason: String,
    /// What it was found in (`submission:<id>`).
    source: String,
    /// When it was raised (RFC 3339).
    raised_at: String,
    /// `open` or `closed`.
    status: &'static str,
    /// The outcome, once closed.
    outcome: Option<String>,
}

/// The vetting unit's review items: a vetted person's own details found in something new.
/// Vetting officers only; the read is recorded.
#[utoipa::path(
    get,
    path = "/api/v1/vetting/reviews",
    security(("session" = [])),
    tag = "vetting",
    responses(
        (status = 200, description = "Review items, open ones first", body = [ReviewDto]),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not a vetting officer", body = crate::error::ErrorBody)
    )
)]
pub async fn reviews_api(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<axum::Json<Vec<ReviewDto>>, crate::error::ApiError> {
    let caller = Caller::from_headers(&headers, &state).await?;
    let reviews = peel_app::watch::reviews(state.ctx(), &caller.actor).await?;
    Ok(axum::Json(
        reviews
            .into_iter()
            .map(|r| ReviewDto {
                id: r.id.to_string(),
                person: r.person.to_string(),
                reason: r.reason,
                source: r.source,
                raised_at: crate::routes::rfc3339(&r.raised_at),
                status: if r.closed.is_some() { "closed" } else { "open" },
                outcome: r.closed.map(|(_, _, outcome)| outcome),
            })
            .collect(),
    ))
}
