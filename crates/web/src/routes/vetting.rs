//! The vetting officer's page: every clearance that is suspended, overdue or due within the
//! next 30 days (aftercare review or renewal), most urgent first, with the reasons recorded.
//! Reading it is recorded as a consultation.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use peel_core::audit::Operation;
use peel_core::people::vetting::{Attention, Status};
use peel_core::policy::{Action, Resource};
use time::Duration;

use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::Chrome;
use crate::state::AppState;

/// How far ahead "due" looks.
const WINDOW_DAYS: i64 = 30;

struct Row {
    attention: &'static str,
    person: String,
    kind: &'static str,
    level: &'static str,
    scopes: String,
    aftercare_due: String,
    expires: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "vetting.html")]
struct VettingPage {
    chrome: Chrome,
    today: String,
    window: i64,
    rows: Vec<Row>,
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
    let mut rows = Vec::new();
    for record in state.store().people().await? {
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
        Operation::Consultation,
        "vetting.viewed",
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
        }
        .render()?,
    ))
}
