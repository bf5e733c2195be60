//! The reporter's status lookup: `GET /api/v1/reports/{reference}/status`, and the one
//! throttled look-up by reference and status code that the status page, its write-back form
//! and Open311 share.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use peel_app::intake;
use peel_core::ItemRef;
use peel_core::audit::AuditCode;
use peel_core::policy::Actor;
use peel_core::reference::Reference;
use peel_core::submission::NoteKind;
use peel_core::throttle::{self, ThrottlePolicy};
use serde::Serialize;
use subtle::ConstantTimeEq;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};
use crate::routes::rfc3339;
use crate::state::AppState;

/// What a reporter may see about their report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportStatus {
    pub(crate) reference: String,
    /// `new`, `contacted`, `in_progress` or `closed`.
    pub(crate) stage: String,
    /// The stage in words.
    pub(crate) stage_description: &'static str,
    /// The message id of the stage's words, for pages in other languages.
    #[serde(skip)]
    pub(crate) stage_message: String,
    /// The team that has it.
    pub(crate) team: String,
    /// When it was received (RFC 3339).
    pub(crate) received_at: String,
    /// When the next update is due (RFC 3339), if a clock runs.
    pub(crate) next_update_due: Option<String>,
    /// Updates written for the reporter, oldest first.
    pub(crate) updates: Vec<StatusUpdate>,
    /// How the case ended, in words, once closed.
    pub(crate) outcome: Option<String>,
}

/// An update written for the reporter.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusUpdate {
    /// When (RFC 3339).
    pub(crate) at: String,
    /// What the team wrote.
    pub(crate) text: String,
}

/// Failed status lookups from one address: 20 in 15 minutes lock it for 15 minutes.
const STATUS_LOOKUPS: ThrottlePolicy = ThrottlePolicy::ADDRESS;

/// The status of a report, for whoever holds its reference and status token. An unknown
/// reference and a wrong token get the same answer.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{reference}/status",
    tag = "reports",
    params(("reference" = String, Path, description = "The report's reference")),
    security(("status_token" = [])),
    responses(
        (status = 200, description = "The status", body = ReportStatus),
        (status = 404, description = "No report matches that reference and token", body = crate::error::ErrorBody),
        (status = 429, description = "Too many failed lookups from this address", body = crate::error::ErrorBody)
    )
)]
pub async fn status(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Json<ReportStatus>, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let found = lookup_status(&state, &client.to_string(), &reference, &token).await?;
    Ok(Json(found))
}

/// The throttle on looking reports up by reference, per client address: failed look-ups of the
/// status page, its API and Open311 all spend the one budget.
pub(crate) struct StatusLookups {
    key: String,
    current: Option<peel_core::throttle::ThrottleState>,
    now: OffsetDateTime,
}

impl StatusLookups {
    /// The budget of look-ups from `client`.
    pub(crate) async fn open(
        state: &AppState,
        client: &str,
    ) -> Result<StatusLookups, peel_store::StoreError> {
        let key = format!("status:{client}");
        let current = state.store().throttle(&key).await?;
        Ok(StatusLookups {
            key,
            current,
            now: state.now(),
        })
    }

    /// Whether the client has failed too often and must wait.
    pub(crate) fn locked(&self) -> bool {
        throttle::check(self.current.as_ref(), self.now).is_err()
    }

    /// Counts a failed look-up.
    pub(crate) async fn failed(self, state: &AppState) -> Result<(), peel_store::StoreError> {
        let (next, _) = throttle::record_failure(self.current, self.now, STATUS_LOOKUPS);
        state
            .store()
            .record_login_failure(&[(self.key, next)], Vec::new())
            .await
    }
}

/// The report whose reference and status code (a short code, or an older 64-character token)
/// these are: throttled per address, and the same answer for an unknown reference and a wrong
/// code.
pub async fn holder_of(
    state: &AppState,
    ip: &str,
    reference: &str,
    token: &str,
) -> Result<peel_store::Submission, ApiError> {
    let store = state.store();
    let lookups = StatusLookups::open(state, ip).await?;
    if lookups.locked() {
        return Err(ApiError::with_message(
            ErrorCode::RateLimited,
            "Too many failed attempts. Wait 15 minutes and try again",
        ));
    }
    let record = match Reference::parse(reference) {
        Some(reference) => store.submission_by_reference(&reference).await?,
        None => None,
    };
    let presented = peel_core::reference::status_digest(token);
    let matches = record.as_ref().is_some_and(|record| {
        bool::from(
            record
                .status_token_digest
                .as_bytes()
                .ct_eq(presented.as_bytes()),
        )
    });
    let Some(record) = record.filter(|_| matches) else {
        lookups.failed(state).await?;
        return Err(ApiError::with_message(
            ErrorCode::NotFound,
            "No report matches that reference and status token",
        ));
    };
    Ok(record)
}

/// The shared lookup for the status API and page: throttled per address, uniform answers.
pub async fn lookup_status(
    state: &AppState,
    ip: &str,
    reference: &str,
    token: &str,
) -> Result<ReportStatus, ApiError> {
    let store = state.store();
    let record = holder_of(state, ip, reference, token).await?;
    let notes = store.notes(record.id).await?;
    let team = intake::Teams::load(state.ctx()).await?.name(&record.team);
    let event = state.ctx().event(
        &Actor::public_as("status lookup"),
        AuditCode::SubmissionStatusViewed,
        ItemRef::Submission(record.id),
        format!(
            "status of {} seen by its holder from {ip}",
            record.reference
        ),
    );
    store.append_audit(vec![event]).await?;
    let case = store.case_of(record.id).await?;
    Ok(ReportStatus {
        stage_message: case.as_ref().map_or_else(
            || format!("stage-{}", record.stage.slug()),
            |c| format!("stage-case-{}", c.stage.slug()),
        ),
        stage_description: case
            .as_ref()
            .map_or(record.stage.for_reporter(), |c| c.stage.for_reporter()),
        outcome: case
            .as_ref()
            .filter(|c| c.stage == peel_core::case::CaseStage::Closed)
            .and_then(|c| c.outcome.as_ref())
            .map(peel_core::case::Outcome::words),
        reference: record.reference.to_string(),
        stage: record.stage.slug().to_owned(),
        team,
        received_at: rfc3339(&record.received_at),
        next_update_due: record.next_update_due.as_ref().map(rfc3339),
        updates: notes
            .into_iter()
            .filter(|n| n.kind == NoteKind::Update)
            .map(|n| StatusUpdate {
                at: rfc3339(&n.at),
                text: n.body,
            })
            .collect(),
    })
}
