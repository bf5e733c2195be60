//! `POST /api/v1/notifications`: an organisation's system sends notifications in the Peel
//! format (JSON Lines, gzip accepted) with its API key, and gets a receipt per line and a
//! summary back as JSON Lines.

use std::io::Read;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use peel_core::audit::Operation;
use peel_core::policy::{Action, Resource};

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::notifications::{Format, Importer, lines};

/// `?format=peel|misp|stix`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct FormatQuery {
    /// `peel` (JSON Lines, the default), `misp` (one MISP event), `stix` (one STIX 2.1 bundle)
    /// or `csv` (a header row of Peel field names, or names renamed by `map`)
    format: Option<String>,
    /// For CSV: `Their Column=peel_field,…`
    map: Option<String>,
}
use crate::state::AppState;

/// Decompresses a gzip body, refusing one that grows past `limit` (a gzip bomb).
fn gunzip(body: &[u8], limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(body).take(limit as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|_| ApiError::with_message(ErrorCode::BadRequest, "The body is not valid gzip"))?;
    if out.len() > limit {
        return Err(ApiError::with_message(
            ErrorCode::PayloadTooLarge,
            format!("The body decompresses to more than {limit} bytes; send it in parts"),
        ));
    }
    Ok(out)
}

/// Sends notifications. Each line gets a receipt (`accepted` with the links it made,
/// `duplicate` when its `id` was received before, or `rejected` with a reason code); the last
/// line is `{"summary": …}`. Re-sending a file creates nothing twice.
#[utoipa::path(
    post,
    path = "/api/v1/notifications",
    tag = "notifications",
    request_body(content = String, content_type = "application/x-ndjson",
        description = "One notification per line, as schemas/notification.schema.json describes; `Content-Encoding: gzip` accepted"),
    params(FormatQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A receipt per line, then the summary (JSON Lines)", body = String, content_type = "application/x-ndjson"),
        (status = 401, description = "No API key, or an expired or revoked one", body = crate::error::ErrorBody),
        (status = 403, description = "Not an organisation's key, or its organisation is not registered to send notifications", body = crate::error::ErrorBody),
        (status = 413, description = "Too large, or decompresses too large", body = crate::error::ErrorBody),
        (status = 429, description = "The organisation's requests a minute are spent", body = crate::error::ErrorBody)
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    Query(query): Query<FormatQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let format = match query.format.as_deref() {
        None => Format::Peel,
        Some(name) => Format::parse(name).ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::BadRequest,
                "format must be peel, misp, stix or csv",
            )
        })?,
    };
    let caller = Caller::from_headers(&headers, &state).await?;
    state
        .authorize(&caller, Action::SubmitNotifications, &Resource::System)
        .await?;
    let org_id = caller.actor.organisation.clone().unwrap_or_default();
    let org = state.store().organisation(&org_id).await?.ok_or_else(|| {
        ApiError::with_message(
            ErrorCode::Forbidden,
            format!("The organisation {org_id:?} is not registered to send notifications"),
        )
    })?;
    let per_minute = u32::try_from(org.rate_per_minute.max(0)).unwrap_or(u32::MAX);
    if let Err(wait) = state.take_request(&format!("organisation:{}", org.id), per_minute) {
        return Err(ApiError::with_message(
            ErrorCode::RateLimited,
            format!(
                "{} may send {per_minute} requests a minute; try again in {wait} seconds",
                org.name
            ),
        ));
    }
    let gzip = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
    let body = if gzip {
        Bytes::from(gunzip(&body, state.config().notification_body_limit * 4)?)
    } else {
        body
    };
    let started = std::time::Instant::now();
    let subject = format!("organisation:{}", org.id);
    let importer = Importer::new(
        state.store(),
        org,
        state.now(),
        5_000,
        state.config().link_cap,
        |lines| {
            state.audit_event(
                &caller,
                Operation::Collection,
                "notifications.received",
                &subject,
                &format!("{lines} sent over the API"),
            )
        },
    );
    let mut importer = importer.with_format(format);
    let mut out = String::new();
    let mut push = |receipts: Vec<crate::notifications::Receipt>| {
        for receipt in receipts {
            out.push_str(&receipt.to_json().to_string());
            out.push('\n');
        }
    };
    if format == Format::Csv {
        let outcome = crate::notifications::import_csv(
            &mut importer,
            body.as_ref(),
            query.map.as_deref().unwrap_or_default(),
            |done| {
                push(done);
                Ok::<(), ApiError>(())
            },
        )
        .await?;
        if let Err(problem) = outcome {
            return Err(ApiError::with_message(ErrorCode::BadRequest, problem));
        }
    } else if format == Format::Peel {
        for (at, line) in lines(&body).enumerate() {
            push(importer.line(at as u64 + 1, line).await?);
        }
    } else {
        // A MISP event or a STIX bundle is one document, pretty-printed or not.
        let whole = (body.len() <= 16 * peel_notify::MAX_LINE_BYTES).then_some(body.as_ref());
        push(importer.line(1, whole).await?);
    }
    push(importer.flush().await?);
    let tally = importer.tally;
    out.push_str(
        &serde_json::json!({"summary": {
            "records": tally.records,
            "accepted": tally.accepted,
            "duplicate": tally.duplicate,
            "rejected": tally.rejected,
            "links": tally.links,
            "seconds": started.elapsed().as_secs_f64(),
        }})
        .to_string(),
    );
    out.push('\n');
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response())
}

/// `?after=&limit=` for reading back.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct SentQuery {
    /// Only notifications after this position (`next_after` of the previous page).
    after: Option<i64>,
    /// At most this many (1 to 1,000; 100 when absent).
    limit: Option<u32>,
}

/// One notification as its sender reads it back.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SentView {
    /// The organisation's own id.
    id: String,
    /// Its type.
    r#type: String,
    /// When Peel received it (RFC 3339).
    received_at: String,
    /// Its marking.
    marking: &'static str,
    /// `held`, or `pseudonymised` once its details were removed under the retention rules.
    status: &'static str,
    /// How many reports or concerns it matched (never which).
    matched_reports: i64,
}

/// A page of what the organisation has sent.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SentPage {
    /// Oldest first.
    notifications: Vec<SentView>,
    /// Pass as `after` for the next page; absent on the last.
    next_after: Option<i64>,
}

/// What the calling organisation has sent and Peel still holds, oldest first, with how many
/// reports each matched; never what the reports say. Organisations see only their own.
#[utoipa::path(
    get,
    path = "/api/v1/notifications/sent",
    tag = "notifications",
    params(SentQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page of the organisation's notifications", body = SentPage),
        (status = 401, description = "No API key, or an expired or revoked one", body = crate::error::ErrorBody),
        (status = 403, description = "Not an organisation's key", body = crate::error::ErrorBody)
    )
)]
pub async fn sent(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<SentQuery>,
) -> Result<axum::Json<SentPage>, ApiError> {
    state
        .authorize(&caller, Action::ReadOwnNotifications, &Resource::System)
        .await?;
    let Some(org_id) = caller.actor.organisation.clone().filter(|o| !o.is_empty()) else {
        return Err(ApiError::with_message(
            ErrorCode::Forbidden,
            "This key is not an organisation's",
        ));
    };
    let limit = query.limit.unwrap_or(100).clamp(1, 1_000);
    let page = state
        .store()
        .notifications_sent(&org_id, query.after.unwrap_or(0), limit)
        .await?;
    let next_after = (page.len() == limit as usize)
        .then(|| page.last().map(|n| n.seq))
        .flatten();
    let matched: i64 = page.iter().map(|n| n.matched_reports).sum();
    // Counts of matches are police information given to the organisation: a disclosure.
    let mut event = state.audit_event(
        &caller,
        Operation::Disclosure,
        "notifications.read_back",
        &format!("organisation:{org_id}"),
        &format!(
            "{} notifications read back, {matched} report matches counted",
            page.len()
        ),
    );
    event.recipient = format!("organisation:{org_id}");
    state.store().append_audit(vec![event]).await?;
    Ok(axum::Json(SentPage {
        notifications: page
            .into_iter()
            .map(|n| SentView {
                id: n.own_id,
                r#type: n.kind,
                received_at: n
                    .received_at
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
                marking: n.marking.label(),
                status: if n.pseudonymised_at.is_some() {
                    "pseudonymised"
                } else {
                    "held"
                },
                matched_reports: n.matched_reports,
            })
            .collect(),
        next_after,
    }))
}
