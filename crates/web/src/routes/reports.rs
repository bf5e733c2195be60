//! The reports API: `POST /api/v1/reports` and `GET /api/v1/submissions/{id}`; the
//! reporter's status lookup is in [`super::status`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use peel_core::submission::{NewReport, ReportInput};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode, FieldProblem};
use crate::routes::rfc3339;
use crate::state::AppState;
use peel_app::intake::{self, Accepted, IdempotencyRequest, IntakeError, Received};
use peel_app::link::{LinkView, NearbyView};
use peel_core::submission::Channel;

/// The categories a report may name, for the API's document.
fn categories() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(peel_core::submission::Category::ALL.map(|c| c.slug())))
        .build()
}

/// The roles a reporter may give, for the API's document.
fn roles() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(
            peel_core::submission::ReporterRole::ALL.map(|r| r.slug()),
        ))
        .build()
}

/// A report, as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// What happened, up to 4,000 characters.
    #[schema(min_length = 1, max_length = 4000)]
    description: String,
    /// A police.uk category slug (`anti-social-behaviour`, `burglary`, …) or one of `fraud`,
    /// `online-abuse`, `domestic-abuse`, `hate-incident`, `not-sure`.
    #[schema(schema_with = categories)]
    category: String,
    /// When it happened (RFC 3339); not in the future.
    #[schema(value_type = String, format = DateTime)]
    occurred_at: String,
    /// Where it happened: exactly one of a postcode, a point, an address line, or online.
    location: LocationRequest,
    /// Who is reporting, and how to reach them.
    reporter: ReporterRequest,
    /// How and when it is safe to contact the reporter.
    #[serde(default)]
    safe_contact: Option<SafeContactRequest>,
    /// Preferred language.
    #[serde(default)]
    language: Option<String>,
    /// The reporter's self-described community, if they choose to say; used only to count
    /// satisfaction and trust by community.
    #[serde(default)]
    community: Option<String>,
    /// Whether this has happened to the reporter before.
    #[serde(default)]
    targeted_before: bool,
}

/// Where: give one of these.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationRequest {
    /// A UK postcode, any spacing or case.
    postcode: Option<String>,
    /// Latitude (WGS84), with `longitude`.
    latitude: Option<f64>,
    /// Longitude (WGS84), with `latitude`.
    longitude: Option<f64>,
    /// An address line, when there is no postcode.
    address: Option<String>,
    /// `true` when it happened online.
    #[serde(default)]
    online: bool,
}

/// A place's parts: postcode, point, address line, online.
pub(crate) type Place = (Option<String>, Option<(f64, f64)>, Option<String>, bool);

impl LocationRequest {
    /// The place's parts; a point needs both its coordinates.
    pub(crate) fn parts(self) -> Result<Place, ApiError> {
        let point = match (self.latitude, self.longitude) {
            (Some(latitude), Some(longitude)) => Some((latitude, longitude)),
            (None, None) => None,
            _ => {
                return Err(ApiError::validation(vec![FieldProblem {
                    field: "location".into(),
                    message: "Give both latitude and longitude".into(),
                }]));
            }
        };
        Ok((self.postcode, point, self.address, self.online))
    }
}

/// The reporter.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReporterRequest {
    /// `victim`, `witness` or `third-party`.
    #[schema(schema_with = roles)]
    role: String,
    /// Stay anonymous: then give no contact details, and none are stored.
    #[serde(default)]
    anonymous: bool,
    /// How to reach the reporter (required unless anonymous).
    #[serde(default)]
    contact: Option<ContactRequest>,
}

/// Contact details.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    pub(crate) name: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
}

/// Safe-contact preferences.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SafeContactRequest {
    /// Channels it is safe to use: `email`, `phone`, `text`.
    #[serde(default)]
    pub(crate) channels: Vec<String>,
    /// When it is safe, in the reporter's words.
    pub(crate) safe_times: Option<String>,
    /// Never leave a voicemail.
    #[serde(default)]
    pub(crate) no_voicemail: bool,
    /// Someone else may see the reporter's phone or messages.
    #[serde(default)]
    pub(crate) shared_device: bool,
}

/// Where the report went.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoutingResponse {
    ward_code: Option<String>,
    ward_name: Option<String>,
    borough: Option<String>,
    /// The team's name.
    team: String,
    /// The team's id.
    team_id: String,
    /// Why, in a sentence.
    reason: String,
}

/// One triage reason.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TriageReason {
    /// Stable code, such as `threat.weapon`.
    code: String,
    /// Plain English.
    text: String,
}

/// Triage on arrival.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TriageResponse {
    /// Met grade: `I`, `S`, `E` or `R`.
    grade: String,
    /// When a person must make first contact by (RFC 3339).
    first_contact_due: String,
    /// Why, one reason per factor.
    reasons: Vec<TriageReason>,
}

/// A report was accepted and stored.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReportAccepted {
    /// The reference to quote, read aloud as three groups.
    reference: String,
    /// The private token that, with the reference, shows the status. Shown once.
    status_token: String,
    /// Where to ask for the status (send the token as a bearer token).
    status_url: String,
    routing: RoutingResponse,
    /// When the next update is due under the Victims' Code (RFC 3339), if a clock runs.
    next_update_due: Option<String>,
    /// Triage on arrival.
    triage: TriageResponse,
}

impl From<&Accepted> for ReportAccepted {
    fn from(accepted: &Accepted) -> Self {
        let routing = &accepted.routing;
        ReportAccepted {
            reference: accepted.reference.to_string(),
            status_token: accepted.status_token.expose().to_owned(),
            status_url: format!("/api/v1/reports/{}/status", accepted.reference),
            routing: RoutingResponse {
                ward_code: routing.ward_code.clone(),
                ward_name: routing.ward_name.clone(),
                borough: routing.borough.clone(),
                team: routing.team_name.clone(),
                team_id: routing.team_id.clone(),
                reason: routing.reason.clone(),
            },
            next_update_due: accepted.next_update_due.as_ref().map(rfc3339),
            triage: TriageResponse::from(&accepted.triage),
        }
    }
}

impl From<&peel_core::triage::Assessment> for TriageResponse {
    fn from(triage: &peel_core::triage::Assessment) -> Self {
        TriageResponse {
            grade: triage.grade.letter().to_owned(),
            first_contact_due: rfc3339(&triage.first_contact_due),
            reasons: triage
                .reasons
                .iter()
                .map(|r| TriageReason {
                    code: r.code.to_owned(),
                    text: r.text.clone(),
                })
                .collect(),
        }
    }
}

fn to_input(request: ReportRequest) -> Result<ReportInput, ApiError> {
    let occurred_at = OffsetDateTime::parse(&request.occurred_at, &Rfc3339).map_err(|_| {
        ApiError::validation(vec![FieldProblem {
            field: "occurred_at".into(),
            message: "occurred_at must be an RFC 3339 time such as 2026-11-26T09:30:00Z".into(),
        }])
    })?;
    let (postcode, point, address, online) = request.location.parts()?;
    let contact = request.reporter.contact;
    let safe = request.safe_contact;
    Ok(ReportInput {
        description: request.description,
        category: request.category,
        occurred_at: Some(occurred_at),
        postcode,
        point,
        address,
        online,
        reporter_role: request.reporter.role,
        anonymous: request.reporter.anonymous,
        contact_name: contact.as_ref().and_then(|c| c.name.clone()),
        contact_email: contact.as_ref().and_then(|c| c.email.clone()),
        contact_phone: contact.as_ref().and_then(|c| c.phone.clone()),
        safe_channels: safe
            .as_ref()
            .map(|s| s.channels.clone())
            .unwrap_or_default(),
        safe_times: safe.as_ref().and_then(|s| s.safe_times.clone()),
        no_voicemail: safe.as_ref().is_some_and(|s| s.no_voicemail),
        shared_device: safe.as_ref().is_some_and(|s| s.shared_device),
        language: request.language,
        community: request.community,
        targeted_before: request.targeted_before,
        danger_denied: false,
    })
}

/// Parses a report sent as JSON, with every failure mapped to the documented error codes:
/// `unsupported_media_type`, `invalid_json` (malformed, wrong shape or unknown fields) and
/// `validation_failed` (with each field's problem).
pub fn parse_report_body(
    content_type: &str,
    body: &[u8],
    now: OffsetDateTime,
) -> Result<NewReport, ApiError> {
    let request = parse_json(content_type, body)?;
    let input = to_input(request)?;
    NewReport::parse(&input, now).map_err(|problems| {
        ApiError::validation(
            problems
                .into_iter()
                .map(|p| FieldProblem {
                    field: p.field.to_owned(),
                    message: p.message,
                })
                .collect(),
        )
    })
}

/// Reads a JSON body, mapping every failure to the documented error codes.
fn parse_json(content_type: &str, body: &[u8]) -> Result<ReportRequest, ApiError> {
    parse_json_as(content_type, body)
}

/// Reads a JSON body of any request's shape, mapping every failure to the documented codes.
pub(crate) fn parse_json_as<T: serde::de::DeserializeOwned>(
    content_type: &str,
    body: &[u8],
) -> Result<T, ApiError> {
    if !content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    {
        return Err(ApiError::new(ErrorCode::UnsupportedMediaType));
    }
    serde_json::from_slice(body).map_err(|error| {
        let message = match error.classify() {
            serde_json::error::Category::Data => {
                format!("The request is not in the expected shape: {error}")
            }
            _ => format!("The body is not valid JSON: {error}"),
        };
        ApiError::with_message(ErrorCode::InvalidJson, message)
    })
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::with_message(
            ErrorCode::BadRequest,
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        ));
    }
    Ok(Some(key.to_owned()))
}

/// Sends a report. Retrying with the same `Idempotency-Key` returns the first result and
/// stores nothing twice.
#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "reports",
    request_body = ReportRequest,
    params(("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,255}$", description = "Makes retries safe: 1 to 255 visible ASCII characters")),
    responses(
        (status = 201, description = "Stored and routed", body = ReportAccepted),
        (status = 400, description = "Malformed JSON or header", body = crate::error::ErrorBody),
        (status = 409, description = "Idempotency-Key reused for a different report", body = crate::error::ErrorBody),
        (status = 413, description = "Too large", body = crate::error::ErrorBody),
        (status = 415, description = "Not JSON", body = crate::error::ErrorBody),
        (status = 422, description = "An answer is not valid; `fields` says which", body = crate::error::ErrorBody),
        (status = 429, description = "Too many reports from this address, or in all, in the last minute; `Retry-After` says when to try again (code `rate_limited`)", body = crate::error::ErrorBody)
    )
)]
pub async fn create(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    // Reports need no account; an API key, if sent, is checked and recorded as the sender.
    let caller = match headers.get(header::AUTHORIZATION) {
        Some(_) => Caller::from_headers(&headers, &state).await?,
        None => Caller::public(),
    };
    state
        .authorize(
            &caller,
            peel_core::policy::Action::SubmitReport,
            &peel_core::policy::Resource::System,
        )
        .await?;
    let key = idempotency_key(&headers)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let report = parse_report_body(content_type, &body, state.now())?;
    // Counted once the report is a valid one, so junk cannot spend everyone's budget.
    state.admit_report(client.0, "api").await?;
    // Keys are the caller's own: an organisation's under its API key; the public's under the
    // key and the body together, so that one reporter's key can neither refuse nor replay
    // another's report (finding M-4).
    let request_digest = hex::encode(Sha256::digest(&body));
    let idempotency = key.map(|key| IdempotencyRequest {
        scope: match caller.actor.principal {
            peel_core::policy::Principal::Public => format!("reports:public:{request_digest}"),
            _ => format!("reports:{}", caller.actor_ref()),
        },
        key,
        request_digest,
    });
    let received = intake::receive(
        state.ctx(),
        &caller.actor,
        report,
        Channel::Api,
        idempotency,
        |accepted| serde_json::to_string(&ReportAccepted::from(accepted)).unwrap_or_default(),
    )
    .await
    .map_err(|error| match error {
        IntakeError::KeyReused => ApiError::with_message(ErrorCode::Conflict, error.to_string()),
        IntakeError::OutsideForceArea { field, message } => {
            ApiError::validation(vec![FieldProblem {
                field: field.to_owned(),
                message,
            }])
        }
        // Only the web form asks; the API and Open311 never get this answer.
        IntakeError::PresentDanger(_) => ApiError::internal(&error),
        IntakeError::Internal(cause) => ApiError::internal(cause.as_ref()),
    })?;
    let body = match received {
        Received::Accepted(accepted) => {
            serde_json::to_string(&ReportAccepted::from(accepted.as_ref())).unwrap_or_default()
        }
        Received::Replayed(first) => first,
    };
    Ok((
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

    fn body(postcode: &str, description: &str) -> String {
        serde_json::json!({
            "description": description,
            "category": "burglary",
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"postcode": postcode},
            "reporter": {"role": "victim", "anonymous": true}
        })
        .to_string()
    }

    #[test]
    fn a_well_formed_report_parses() {
        let report = parse_report_body(
            "application/json",
            body("sw1a2aa", "door forced").as_bytes(),
            NOW,
        )
        .unwrap();
        assert_eq!(report.description, "door forced");
    }

    #[test]
    fn the_content_type_may_carry_a_charset() {
        assert!(
            parse_report_body(
                "application/json; charset=utf-8",
                body("E14 5AB", "x").as_bytes(),
                NOW
            )
            .is_ok()
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_and_get_a_documented_code(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Err(error) = parse_report_body("application/json", &bytes, NOW) {
                prop_assert!(matches!(error.code, ErrorCode::InvalidJson | ErrorCode::ValidationFailed));
            }
        }

        #[test]
        fn any_text_in_the_fields_is_either_accepted_as_given_or_refused_with_a_field(
            description in ".{0,60}",
            postcode in "[A-Za-z0-9 ]{0,10}",
        ) {
            match parse_report_body("application/json", body(&postcode, &description).as_bytes(), NOW) {
                Ok(report) => prop_assert_eq!(report.description, description.trim().replace("\r\n", "\n")),
                Err(error) => {
                    prop_assert_eq!(error.code, ErrorCode::ValidationFailed);
                    prop_assert!(!error.fields.is_empty());
                }
            }
        }
    }
}

/// A submission as staff see it through the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionView {
    reference: String,
    received_at: String,
    category: String,
    description: String,
    stage: String,
    team_id: String,
    routing_reason: String,
    first_contact_at: Option<String>,
    triage: SubmissionTriage,
    /// Other submissions sharing a phone number, account, address or other indicator, each
    /// with the reason.
    linked_to: Vec<LinkDto>,
    /// Reports that happened nearby in place and time (possibly related): the nearest 25.
    nearby: Vec<NearbyDto>,
    /// How many happened nearby in all (at least this many when `nearby_at_least`).
    nearby_total: usize,
    /// Whether more happened nearby than were looked at.
    nearby_at_least: bool,
}

/// A link as an officer sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkDto {
    /// The other item, as `submission:…` or `notification:…`.
    item: String,
    /// The other submission's id, when the other item is a submission.
    submission_id: Option<String>,
    /// The other item's reference (a submission's reference, or the organisation and its own
    /// id for a notification).
    reference: String,
    /// The kind of value shared (`bank account`).
    kind: String,
    /// The shared value, in its canonical form.
    value: String,
    /// The marking of the link (the stricter of the two items').
    marking: String,
    /// Why, in words.
    reason: String,
    /// Whether the value has since become common (seen from more sources than the cap).
    now_common: bool,
}

impl From<LinkView> for LinkDto {
    fn from(link: LinkView) -> LinkDto {
        LinkDto {
            item: link.item.to_string(),
            submission_id: link.item.submission().map(|id| id.to_string()),
            reference: link.reference,
            kind: link.kind.label().to_owned(),
            value: link.value,
            marking: link.marking.label().to_owned(),
            reason: link.reason,
            now_common: link.now_common,
        }
    }
}

/// A report that happened near this one in place and time.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NearbyDto {
    /// Its id.
    submission_id: String,
    /// Its reference.
    reference: String,
    /// Its category's slug.
    category: String,
    /// How far apart, in metres (rounded to ten).
    metres: u32,
    /// How many days apart (whole days).
    days: i64,
    /// Why, in words.
    reason: String,
}

impl From<NearbyView> for NearbyDto {
    fn from(near: NearbyView) -> NearbyDto {
        NearbyDto {
            submission_id: near.submission_id.to_string(),
            reference: near.reference,
            category: near.category.slug().to_owned(),
            metres: near.metres,
            days: near.days,
            reason: near.reason,
        }
    }
}

/// Triage as staff see it: the grade in force, the triage's own grade, and any override.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionTriage {
    /// The grade in force (the override if there is one).
    grade: Option<String>,
    /// The grade triage gave on arrival.
    triage_grade: Option<String>,
    /// When a person must make first contact by (RFC 3339).
    first_contact_due: Option<String>,
    /// Why.
    reasons: Vec<TriageReason>,
    /// The reason given for an override, if any.
    override_reason: Option<String>,
    /// Who overrode it.
    override_by: Option<String>,
}

/// One submission for contact handlers, officers and supervisors; the view is recorded as a
/// consultation.
#[utoipa::path(
    get,
    path = "/api/v1/submissions/{id}",
    security(("session" = [])),
    tag = "reports",
    params(
        ("id" = String, Path, description = "The submission's id"),
        ("X-Peel-Reason" = Option<String>, Header, description = "Why you need to read another team's submission; recorded as the justification and shown to its supervisors")
    ),
    responses(
        (status = 200, description = "The submission", body = SubmissionView),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not a role that answers the public, or another team's without a reason in X-Peel-Reason", body = crate::error::ErrorBody),
        (status = 404, description = "No such submission", body = crate::error::ErrorBody)
    )
)]
pub async fn submission(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<SubmissionView>, ApiError> {
    let not_found =
        || ApiError::with_message(ErrorCode::NotFound, "There is no submission with that id");
    let id = peel_core::SubmissionId::parse(&id).ok_or_else(not_found)?;
    let viewed = peel_app::submissions::view(
        state.ctx(),
        &caller.actor,
        id,
        peel_app::submissions::Via::Api,
    )
    .await
    .map_err(|error| match error {
        peel_app::ServiceError::NotFound => not_found(),
        other => other.into(),
    })?;
    let s = viewed.submission;
    let reasons = s
        .triage
        .as_ref()
        .map(|t| {
            t.reasons
                .iter()
                .map(|r| TriageReason {
                    code: r.code.clone(),
                    text: r.text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let linked_to = viewed.links.into_iter().map(LinkDto::from).collect();
    let (nearby_total, nearby_at_least) = (viewed.nearby.total, viewed.nearby.at_least);
    let nearby = viewed
        .nearby
        .shown
        .into_iter()
        .map(NearbyDto::from)
        .collect();
    Ok(Json(SubmissionView {
        linked_to,
        nearby,
        nearby_total,
        nearby_at_least,
        triage: SubmissionTriage {
            grade: s.grade().map(|g| g.letter().to_owned()),
            triage_grade: s.triage.as_ref().map(|t| t.grade.letter().to_owned()),
            first_contact_due: s.first_contact_due.as_ref().map(rfc3339),
            reasons,
            override_reason: s.grade_override.as_ref().map(|o| o.reason.clone()),
            override_by: s.grade_override.as_ref().map(|o| o.by.clone()),
        },
        reference: s.reference.to_string(),
        received_at: rfc3339(&s.received_at),
        category: s.category.slug().to_owned(),
        description: s.description,
        stage: s.stage.slug().to_owned(),
        team_id: s.team.to_string(),
        routing_reason: s.routing_reason,
        first_contact_at: s.first_contact.as_ref().map(|c| rfc3339(&c.at)),
    }))
}
