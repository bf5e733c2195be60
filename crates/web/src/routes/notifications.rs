//! `POST /api/v1/notifications`: an organisation's system sends notifications in the Peel
//! format (JSON Lines, gzip accepted) with its API key, and gets a receipt per line and a
//! summary back as JSON Lines.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Resource};

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use http_body_util::BodyExt;
use peel_app::notify::{Format, Importer, Splitter};

/// The formats `format` may name, for the API's document.
fn formats() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["peel", "misp", "stix", "csv"]))
        .build()
}

/// `?format=peel|misp|stix|csv`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct FormatQuery {
    /// `peel` (JSON Lines, the default), `misp` (MISP events), `stix` (STIX 2.1 bundles) or
    /// `csv` (a header row of Peel field names, or names renamed by `map`)
    #[param(schema_with = formats)]
    format: Option<String>,
    /// For CSV: `Their Column=peel_field,…`
    map: Option<String>,
}
use crate::state::AppState;

/// Requests reading whole documents at once, in the whole process: CSV files (read whole), and
/// MISP and STIX (read one bounded document at a time, each parsed whole).
static WHOLE_DOCUMENTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// The request body as it arrives, decompressed on the way when it is gzip, refused once it
/// has grown past `limit` decompressed (a gzip bomb). The body's own size is limited by the
/// route's body limit.
struct Incoming {
    body: Body,
    gzip: Option<flate2::write::MultiGzDecoder<Vec<u8>>>,
    limit: usize,
    seen: usize,
    ended: bool,
}

impl Incoming {
    fn new(body: Body, gzip: bool, limit: usize) -> Incoming {
        Incoming {
            body,
            gzip: gzip.then(|| flate2::write::MultiGzDecoder::new(Vec::new())),
            limit,
            seen: 0,
            ended: false,
        }
    }

    /// The next piece of the (decompressed) body, or `None` at its end.
    async fn next(&mut self) -> Result<Option<Bytes>, ApiError> {
        let bad_gzip =
            || ApiError::with_message(ErrorCode::BadRequest, "The body is not valid gzip");
        loop {
            if self.ended {
                return Ok(None);
            }
            let frame = self.body.frame().await.transpose().map_err(|error| {
                // The route's body limit, or a connection that broke off.
                let too_large = std::error::Error::source(&error)
                    .is_some_and(|e| e.is::<http_body_util::LengthLimitError>());
                if too_large {
                    ApiError::new(ErrorCode::PayloadTooLarge)
                } else {
                    ApiError::with_message(ErrorCode::BadRequest, "The body could not be read")
                }
            })?;
            let piece = match frame {
                Some(frame) => match frame.into_data() {
                    Ok(data) => data,
                    Err(_) => continue,
                },
                None => {
                    self.ended = true;
                    match self.gzip.take() {
                        Some(decoder) => Bytes::from(decoder.finish().map_err(|_| bad_gzip())?),
                        None => return Ok(None),
                    }
                }
            };
            let too_large = |limit: usize| {
                ApiError::with_message(
                    ErrorCode::PayloadTooLarge,
                    format!("The body decompresses to more than {limit} bytes; send it in parts"),
                )
            };
            let piece = match self.gzip.as_mut() {
                Some(decoder) => {
                    // Fed 1 KiB at a time: deflate inflates at most about 1,032 times, so no
                    // step holds more than about a megabyte beyond the limit (finding M-5: a
                    // whole 64 KiB frame of a bomb once inflated to 64 MiB before the check).
                    for slice in piece.chunks(1024) {
                        decoder.write_all(slice).map_err(|_| bad_gzip())?;
                        if self.seen + decoder.get_ref().len() > self.limit {
                            return Err(too_large(self.limit));
                        }
                    }
                    Bytes::from(std::mem::take(decoder.get_mut()))
                }
                None => piece,
            };
            self.seen += piece.len();
            if self.seen > self.limit {
                return Err(too_large(self.limit));
            }
            if !piece.is_empty() {
                return Ok(Some(piece));
            }
        }
    }
}

/// Sends notifications. Each line gets a receipt (`accepted`, `duplicate` when its `id` was
/// received before, or `rejected` with a reason code); the last line is `{"summary": …}`.
/// Re-sending a file creates nothing twice. Receipts carry a `links` count only where the
/// organisation's sharing agreement grants feedback, and then count only reports matched
/// through links marked at most what it allows.
#[utoipa::path(
    post,
    path = "/api/v1/notifications",
    tag = "notifications",
    request_body(content = Option<String>, content_type = "application/x-ndjson",
        description = "One notification per line, as schemas/notification.schema.json describes, or MISP events or STIX bundles with `format`; `Content-Encoding: gzip` accepted. An empty body is answered with a summary of nothing"),
    params(FormatQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A receipt per line, then the summary (JSON Lines)", body = String, content_type = "application/x-ndjson"),
        (status = 400, description = "`format` is not peel, misp, stix or csv, or a CSV header cannot be read or mapped", body = crate::error::ErrorBody),
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
    body: Body,
) -> Result<Response, ApiError> {
    // Who is asking comes first: without a key the answer is 401, whatever else is wrong.
    let caller = Caller::from_headers(&headers, &state).await?;
    state
        .authorize(&caller, Action::SubmitNotifications, &Resource::System)
        .await?;
    let format = match query.format.as_deref() {
        None => Format::Peel,
        Some(name) => Format::parse(name).ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::BadRequest,
                "format must be peel, misp, stix or csv",
            )
        })?,
    };
    let not_registered = |id: &str| {
        ApiError::with_message(
            ErrorCode::Forbidden,
            format!("The organisation {id:?} is not registered to send notifications"),
        )
    };
    let Some(org_id) = caller.actor.organisation.clone() else {
        return Err(not_registered(""));
    };
    let org = state
        .store()
        .organisation(&org_id)
        .await?
        .filter(|org| org.kind == peel_core::concern::OrganisationKind::Notifier)
        .ok_or_else(|| not_registered(org_id.as_str()))?;
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
    let mut body = Incoming::new(body, gzip, state.config().notification_body_limit * 4);
    let started = std::time::Instant::now();
    let subject = format!("organisation:{}", org.id);
    let feedback = peel_app::notify::Feedback::Agreement(org.feedback);
    let importer = Importer::new(
        state.store(),
        org,
        state.now(),
        5_000,
        state.settings().link_cap,
        |lines| {
            state.audit_event(
                &caller,
                AuditCode::NotificationsReceived,
                &subject,
                &format!("{lines} sent over the API"),
            )
        },
    );
    let mut importer = importer.with_format(format);
    let mut out = String::new();
    let mut push = |receipts: Vec<peel_app::notify::Receipt>| {
        for receipt in receipts {
            out.push_str(&receipt.to_json().to_string());
            out.push('\n');
        }
    };
    if format == Format::Csv {
        // A CSV file is read by its header: it is read whole, within the limit, and only two
        // at once in the whole process, so that several large files cannot exhaust memory
        // together (finding M-5).
        let Ok(_reading) = WHOLE_DOCUMENTS.try_acquire() else {
            return Err(ApiError::rate_limited(
                "Peel is reading other large documents; nothing was stored. Try again in a few seconds",
                5,
            ));
        };
        let mut whole = Vec::new();
        while let Some(piece) = body.next().await? {
            whole.extend_from_slice(&piece);
        }
        let outcome = peel_app::notify::import_csv(
            &mut importer,
            whole.as_slice(),
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
    } else {
        // JSON Lines are read as they arrive, holding one line at a time; MISP events and STIX
        // bundles likewise one document at a time (pretty-printed or as JSON Lines), each
        // within the same bound as from a file. A document is parsed whole, at many times its
        // size, so at most two requests read documents at once in the whole process (M-5).
        let _reading = match format {
            Format::Misp | Format::Stix => Some(WHOLE_DOCUMENTS.try_acquire().map_err(|_| {
                ApiError::rate_limited(
                    "Peel is reading other large documents; nothing was stored. Try again in a few seconds",
                    5,
                )
            })?),
            Format::Peel | Format::Csv => None,
        };
        let mut splitter = Splitter::for_format(format);
        while let Some(piece) = body.next().await? {
            for (line, text) in splitter.feed(&piece) {
                push(importer.line(line, text.as_deref()).await?);
            }
        }
        if let Some((line, text)) = splitter.finish() {
            push(importer.line(line, text.as_deref()).await?);
        }
    }
    push(importer.flush().await?);
    let tally = importer.tally;
    let mut summary = serde_json::json!({
        "records": tally.records,
        "accepted": tally.accepted,
        "updated": tally.updated,
        "duplicate": tally.duplicate,
        "skipped": tally.skipped,
        "rejected": tally.rejected,
        "refused_values": tally.refused_values,
        "seconds": started.elapsed().as_secs_f64(),
    });
    if let (true, Some(object)) = (feedback.tells(), summary.as_object_mut()) {
        object.insert("links".into(), tally.links.into());
    }
    out.push_str(&serde_json::json!({ "summary": summary }).to_string());
    out.push('\n');
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response())
}

/// `?after=&limit=` for reading back.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct SentQuery {
    /// Only notifications after this position (`next_after` of the previous page).
    after: Option<i64>,
    /// At most this many (1 to 1,000; 100 when absent).
    #[param(minimum = 1, maximum = 1000)]
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
    /// How many reports or concerns it matched (never which), counting only links marked at
    /// most what the sharing agreement allows; absent unless the agreement grants feedback.
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_reports: Option<i64>,
}

/// A page of what the organisation has sent.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SentPage {
    /// Oldest first.
    notifications: Vec<SentView>,
    /// Pass as `after` for the next page; absent on the last.
    next_after: Option<i64>,
}

/// What the calling organisation has sent and Peel still holds, oldest first; where its sharing
/// agreement grants feedback, with how many reports each matched (never what they say, never
/// matches with other organisations' notifications). Organisations see only their own.
#[utoipa::path(
    get,
    path = "/api/v1/notifications/sent",
    tag = "notifications",
    params(SentQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page of the organisation's notifications", body = SentPage),
        (status = 400, description = "`after` or `limit` is not a number", body = crate::error::ErrorBody),
        (status = 401, description = "No API key, or an expired or revoked one", body = crate::error::ErrorBody),
        (status = 403, description = "Not an organisation's key", body = crate::error::ErrorBody),
        (status = 422, description = "`limit` is not between 1 and 1,000", body = crate::error::ErrorBody)
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
    let Some(org_id) = caller.actor.organisation.clone() else {
        return Err(ApiError::with_message(
            ErrorCode::Forbidden,
            "This key is not an organisation's",
        ));
    };
    let limit = query.limit.unwrap_or(100);
    if !(1..=1_000).contains(&limit) {
        return Err(ApiError::with_message(
            ErrorCode::ValidationFailed,
            "limit must be between 1 and 1000",
        ));
    }
    let feedback = state
        .store()
        .organisation(&org_id)
        .await?
        .and_then(|org| org.feedback);
    let page = state
        .store()
        .notifications_sent(&org_id, query.after.unwrap_or(0), limit, feedback)
        .await?;
    let next_after = (page.len() == limit as usize)
        .then(|| page.last().map(|n| n.seq))
        .flatten();
    let matched: i64 = page.iter().filter_map(|n| n.matched_reports).sum();
    // Counts of matches are police information given to the organisation: a disclosure.
    let mut event = state.audit_event(
        &caller,
        AuditCode::NotificationsReadBack,
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
                r#type: n.kind.slug().to_owned(),
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
