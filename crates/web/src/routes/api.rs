//! The JSON API under `/api/v1`.

use axum::Json;
use axum::extract::{Query, State};
use peel_app::audit::checkpoints::TrailStatus;
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Principal, Resource};
use peel_store::AuditQuery;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Who the caller is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The audit reference: `user:<id>` or `api_key:<id>`.
    actor: String,
    /// `user` or `api_client`.
    kind: &'static str,
    /// A readable name.
    name: String,
    /// Role slugs (empty for API clients).
    roles: Vec<&'static str>,
    /// The organisation acted for.
    organisation: Option<String>,
}

/// Who is calling: the signed-in account or the API key's client.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "identity",
    security(("session" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid credentials", body = crate::error::ErrorBody)
    )
)]
pub async fn me(caller: Caller) -> Result<Json<Me>, ApiError> {
    let kind = match caller.actor.principal {
        Principal::User(_) => "user",
        Principal::ApiClient(_) => "api_client",
        Principal::Public | Principal::Operator => {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        }
    };
    Ok(Json(Me {
        actor: caller.actor_ref(),
        kind,
        name: caller.actor.label.clone(),
        roles: caller.actor.roles.iter().map(|role| role.slug()).collect(),
        organisation: caller.actor.organisation.as_ref().map(ToString::to_string),
    }))
}

/// The state of the audit trail's hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainStatus {
    /// Whether every entry is unaltered and in order.
    intact: bool,
    /// Entries checked (when intact).
    entries: Option<i64>,
    /// The first bad entry (when not intact).
    first_bad_entry: Option<i64>,
    /// What is wrong, in plain English (when not intact).
    problem: Option<String>,
}

/// Walks the audit trail's hash chain (auditors and administrators).
#[utoipa::path(
    get,
    path = "/api/v1/audit/verify",
    tag = "audit",
    security(("session" = [])),
    responses(
        (status = 200, description = "The chain was walked", body = ChainStatus),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not an auditor or administrator", body = crate::error::ErrorBody)
    )
)]
pub async fn audit_verify(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ChainStatus>, ApiError> {
    state
        .authorize(&caller, Action::VerifyAuditLog, &Resource::AuditLog)
        .await?;
    let status = match state.ctx().verify_trail().await? {
        TrailStatus::Intact(verified) => ChainStatus {
            intact: true,
            entries: Some(verified.entries),
            first_bad_entry: None,
            problem: None,
        },
        TrailStatus::Broken {
            first_bad_entry,
            problem,
        } => ChainStatus {
            intact: false,
            entries: None,
            first_bad_entry,
            problem: Some(problem),
        },
    };
    let event = state.audit_event(
        &caller,
        AuditCode::AuditVerified,
        "audit_log",
        &format!("chain intact: {}", status.intact),
    );
    state.store().append_audit(vec![event]).await?;
    Ok(Json(status))
}

/// The event codes `event` may name, for the API's document.
fn audit_codes() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(AuditCode::ALL.iter().map(|c| c.as_str())))
        .build()
}

/// A search of the audit trail.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntriesQuery {
    /// Exact subject reference, such as `user:<id>`.
    subject: Option<String>,
    /// Exact actor reference, such as `user:<id>`.
    actor: Option<String>,
    /// Only entries with this event code (AUDIT.md lists them).
    #[param(schema_with = audit_codes)]
    event: Option<String>,
    /// Entries at or after this time (RFC 3339).
    #[param(format = DateTime)]
    from: Option<String>,
    /// Entries before this time (RFC 3339).
    #[param(format = DateTime)]
    to: Option<String>,
    /// Only entries after this position, for paging.
    after_seq: Option<i64>,
    /// At most this many (1 to 1000, default 100).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
}

/// One audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct Entry {
    pub(crate) seq: i64,
    /// RFC 3339, UTC.
    pub(crate) at: String,
    pub(crate) actor: String,
    pub(crate) actor_label: String,
    /// collection, alteration, consultation, disclosure, combination, erasure or security.
    pub(crate) operation: &'static str,
    pub(crate) event: String,
    pub(crate) subject: String,
    pub(crate) justification: String,
    pub(crate) recipient: String,
    pub(crate) detail: String,
    /// Hex SHA-256 of the previous entry.
    pub(crate) prev_hash: String,
    /// Hex SHA-256 of this entry.
    pub(crate) hash: String,
}

impl Entry {
    /// An entry for the API or a page, with its time already formatted for that use.
    pub(crate) fn new(entry: peel_core::audit::AuditEntry, at: String) -> Entry {
        Entry {
            seq: entry.seq,
            at,
            actor: entry.event.actor,
            actor_label: entry.event.actor_label,
            operation: entry.event.operation.slug(),
            event: entry.event.event.as_str().to_owned(),
            subject: entry.event.subject,
            justification: entry.event.justification,
            recipient: entry.event.recipient,
            detail: entry.event.detail,
            prev_hash: hex::encode(entry.prev_hash),
            hash: hex::encode(entry.hash),
        }
    }
}

/// Searches the audit trail (auditors only); the search is itself recorded.
#[utoipa::path(
    get,
    path = "/api/v1/audit/entries",
    tag = "audit",
    params(EntriesQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "Matching entries, oldest first", body = Vec<Entry>),
        (status = 400, description = "A parameter is not valid", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not an auditor", body = crate::error::ErrorBody),
        (status = 422, description = "`limit` is not between 1 and 1,000, or a date is not one", body = crate::error::ErrorBody)
    )
)]
pub async fn audit_entries(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<EntriesQuery>,
) -> Result<Json<Vec<Entry>>, ApiError> {
    state
        .authorize(&caller, Action::SearchAuditLog, &Resource::AuditLog)
        .await?;
    let limit = params.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::with_message(
            ErrorCode::ValidationFailed,
            "limit must be between 1 and 1000",
        ));
    }
    let event = match params.event.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => Some(AuditCode::parse(code).ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::ValidationFailed,
                "event is not an audit event code (AUDIT.md lists them)",
            )
        })?),
    };
    let query = AuditQuery {
        actor: params.actor.filter(|s| !s.is_empty()),
        subject: params.subject.filter(|s| !s.is_empty()),
        event,
        from: parse_time("from", params.from.as_deref())?,
        to: parse_time("to", params.to.as_deref())?,
        after_seq: params.after_seq,
        limit,
    };
    let entries = state.store().audit_entries(&query).await?;
    let event = state.audit_event(
        &caller,
        AuditCode::AuditSearched,
        "audit_log",
        &format!("{query:?}"),
    );
    state.store().append_audit(vec![event]).await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|entry| {
                let at = entry.event.at.format(&Rfc3339).unwrap_or_default();
                Entry::new(entry, at)
            })
            .collect(),
    ))
}

fn parse_time(name: &str, value: Option<&str>) -> Result<Option<OffsetDateTime>, ApiError> {
    // Given empty is given wrong: the document says a date-time.
    value
        .map(|v| {
            OffsetDateTime::parse(v, &Rfc3339).map_err(|_| {
                ApiError::with_message(
                    ErrorCode::ValidationFailed,
                    format!("{name} must be an RFC 3339 time such as 2026-11-26T09:00:00Z"),
                )
            })
        })
        .transpose()
}
