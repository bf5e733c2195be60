//! Lawful sharing over HTTP: an officer's `POST /api/v1/cases/{id}/disclosures`, answered 201
//! or 403 `agreement_forbids` naming the first thing the agreement does not allow; and the
//! partner practitioner's portal, `/partner`, showing only what was disclosed to them. The rule
//! and the s.62 log are [`peel_app::sharing`]'s.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use peel_app::ServiceError;
use peel_app::sharing::{self, DiscloseInput};
use peel_core::CaseId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::{Chrome, show_time};
use crate::routes::{page, rfc3339};
use crate::state::AppState;

/// A disclosure asked for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRequest {
    /// The sharing agreement's id.
    agreement: String,
    /// The partner practitioner's username.
    recipient: String,
    /// The case's reports, by reference; empty or absent for all of them.
    #[serde(default)]
    items: Vec<String>,
    /// The fields: name, contact, place, offence, description, grade, dash, repeat, health,
    /// safeguarding, evidence, outcome.
    fields: Vec<String>,
    /// Why; needed to reveal identity.
    #[serde(default)]
    justification: String,
    /// Reveal identity (name, contact) rather than pseudonymise; the agreement must allow it.
    #[serde(default)]
    reveal_identity: bool,
    /// The marking, such as `TLP:AMBER` (the default).
    #[serde(default)]
    marking: Option<String>,
    /// A referral: the practitioner is asked to act (and writes back on it); the case records it.
    #[serde(default)]
    referral: bool,
}

/// A disclosure made.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisclosureMade {
    /// Its id.
    id: String,
    /// The agreement and the version it was made under.
    agreement: String,
    agreement_version: u32,
    /// The practitioner.
    recipient: String,
    /// The fields sent (identity left out when pseudonymised).
    fields: Vec<String>,
    /// Identity was withheld.
    pseudonymised: bool,
    /// It was a referral.
    referral: bool,
    /// The marking, and what the recipient may do with it.
    marking: String,
    onward: String,
    /// When.
    disclosed_at: String,
}

/// Discloses items of a case to a partner practitioner under a sharing agreement.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/disclosures",
    security(("session" = [])),
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = DisclosureRequest,
    responses(
        (status = 201, description = "Disclosed, and recorded with the recipient", body = DisclosureMade),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "`agreement_forbids`: the first field, marking or rule the agreement does not allow; or `forbidden`", body = crate::error::ErrorBody),
        (status = 404, description = "No such case", body = crate::error::ErrorBody),
        (status = 422, description = "An answer is not valid; `fields` says which", body = crate::error::ErrorBody)
    )
)]
pub async fn disclose(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let caller = Caller::from_headers(&headers, &state).await?;
    let not_found = || ApiError::with_message(ErrorCode::NotFound, "There is no case with that id");
    let id = CaseId::parse(&id).ok_or_else(not_found)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let request: DisclosureRequest = crate::routes::reports::parse_json_as(content_type, &body)?;
    let input = DiscloseInput {
        agreement: request.agreement,
        recipient: request.recipient,
        items: request.items,
        fields: request.fields,
        reveal_identity: request.reveal_identity,
        justification: request.justification,
        marking: request.marking,
        referral: request.referral,
    };
    let made = sharing::disclose(state.ctx(), &caller.actor, id, &input)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound => not_found(),
            other => other.into(),
        })?;
    let body = DisclosureMade {
        id: made.id.to_string(),
        agreement: made.agreement,
        agreement_version: made.agreement_version,
        recipient: made.recipient_name,
        fields: made.fields.iter().map(|f| f.slug().to_owned()).collect(),
        pseudonymised: made.pseudonymised,
        referral: made.referral,
        marking: made.marking.label().to_owned(),
        onward: made.onward.slug().to_owned(),
        disclosed_at: rfc3339(&made.disclosed_at),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// A disclosure in words, for the case page.
pub(crate) fn disclosure_line(d: &peel_store::DisclosureRecord) -> String {
    format!(
        "{}: {} {} under {} version {}, {}; {} ({})",
        show_time(&d.disclosed_at),
        if d.referral { "referred to" } else { "to" },
        d.recipient_name,
        d.agreement,
        d.agreement_version,
        d.marking.label(),
        d.fields
            .iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join(", "),
        if d.pseudonymised {
            "pseudonymised"
        } else {
            "identity revealed"
        }
    )
}

/// `POST /cases/{id}/disclosures`: the case page's form; what the agreement forbids comes back
/// on the page, on the form.
pub async fn disclose_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::auth::csrf::CsrfForm(caller, pairs): crate::auth::csrf::CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    use crate::routes::field;
    let id = crate::routes::cases::case_id(&id)?;
    let input = DiscloseInput {
        agreement: field(&pairs, "agreement").to_owned(),
        recipient: field(&pairs, "recipient").to_owned(),
        items: Vec::new(),
        fields: pairs
            .iter()
            .filter(|(k, _)| k == "field")
            .map(|(_, v)| v.clone())
            .collect(),
        reveal_identity: field(&pairs, "reveal_identity") == "yes",
        justification: field(&pairs, "justification").to_owned(),
        marking: Some(field(&pairs, "marking").to_owned()).filter(|m| !m.is_empty()),
        referral: field(&pairs, "referral") == "yes",
    };
    let outcome = match sharing::disclose(state.ctx(), &caller.actor, id, &input).await {
        Ok(_) => Ok(format!("/cases/{id}?notice=changed")),
        Err(ServiceError::AgreementForbids(forbids)) => Err(ServiceError::invalid(
            "agreement",
            format!("The agreement does not allow this: {forbids}"),
        )),
        Err(other) => Err(other),
    };
    crate::routes::cases::after(&state, &caller, id, outcome).await
}

struct Shown {
    id: String,
    referral: bool,
    /// What the practitioner wrote back on it: (when, what, text).
    written: Vec<(String, &'static str, String)>,
    /// The write-back form's error, when it was this one's.
    error: Option<(&'static str, String)>,
    when: String,
    agreement: String,
    marking: String,
    onward: &'static str,
    pseudonymised: bool,
    /// Each report: its lines ("field: value").
    reports: Vec<Vec<(String, String)>>,
}

#[derive(Template)]
#[template(path = "partner.html")]
struct PortalPage {
    chrome: Chrome,
    errors: crate::pages::FieldErrors,
    notice: bool,
    kinds: &'static [peel_core::sharing::WriteBackKind],
    disclosures: Vec<Shown>,
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => "Not held".to_owned(),
        serde_json::Value::Bool(true) => "Yes".to_owned(),
        serde_json::Value::Bool(false) => "No".to_owned(),
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", value_text(v)))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// `GET /partner`: what was disclosed to the signed-in practitioner, and nothing else.
pub async fn portal(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, PageError> {
    show_portal(&state, &caller, query.contains_key("written"), None).await
}

/// `POST /partner/disclosures/{id}/write-back`: an update on the referral or a concern of the
/// practitioner's own, which arrives on the case.
pub async fn write_back(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::auth::csrf::CsrfForm(caller, pairs): crate::auth::csrf::CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    use crate::routes::field;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| PageError::NotFound)?;
    match sharing::write_back(
        state.ctx(),
        &caller.actor,
        id,
        field(&pairs, "kind"),
        field(&pairs, "body"),
    )
    .await
    {
        Ok(_) => Ok(crate::routes::see_other("/partner?written=1")),
        Err(ServiceError::Invalid { field, message }) => {
            show_portal(&state, &caller, false, Some((id, field, message))).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn show_portal(
    state: &AppState,
    caller: &Caller,
    notice: bool,
    error: Option<(uuid::Uuid, &'static str, String)>,
) -> Result<Response, PageError> {
    let mine = sharing::received(state.ctx(), &caller.actor).await?;
    let written = sharing::written_back(state.ctx(), &caller.actor).await?;
    let mut errors = crate::pages::FieldErrors::default();
    if let Some((_, field, message)) = &error {
        errors
            .0
            .push(crate::pages::FieldError::new(field, message.clone()));
    }
    let disclosures = mine
        .into_iter()
        .map(|d| Shown {
            id: d.id.to_string(),
            referral: d.referral,
            written: written
                .iter()
                .filter(|w| w.disclosure == d.id)
                .map(|w| (show_time(&w.at), w.kind.label(), w.body.clone()))
                .collect(),
            error: error
                .as_ref()
                .filter(|(which, _, _)| *which == d.id)
                .map(|(_, field, message)| (*field, message.clone())),
            when: show_time(&d.disclosed_at),
            agreement: format!("{} (version {})", d.agreement, d.agreement_version),
            marking: d.marking.label().to_owned(),
            onward: d.onward.words(),
            pseudonymised: d.pseudonymised,
            reports: d
                .content
                .as_array()
                .map(|reports| {
                    reports
                        .iter()
                        .filter_map(serde_json::Value::as_object)
                        .map(|r| r.iter().map(|(k, v)| (k.clone(), value_text(v))).collect())
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = PortalPage {
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        kinds: peel_core::sharing::WriteBackKind::ALL,
        disclosures,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

struct AgreementRow {
    id: String,
    version: u32,
    purpose: String,
    parties: String,
    categories: String,
    marking: &'static str,
    review: String,
    expires: String,
    standing: String,
}

#[derive(Template)]
#[template(path = "agreements.html")]
struct AgreementsPage {
    chrome: Chrome,
    lapsing: Vec<String>,
    rows: Vec<AgreementRow>,
}

/// `GET /agreements`: the register for its owner, what lapses soon or shares nothing first.
pub async fn register(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, PageError> {
    let today = state.ctx().today();
    let records = sharing::register_of(state.ctx(), &caller.actor).await?;
    let mut lapsing = Vec::new();
    let rows = records
        .iter()
        .map(|r| {
            let a = &r.agreement;
            let standing = a.standing_words(today);
            if a.needs_owner(today) {
                lapsing.push(format!("{}: {standing}", a.id));
            }
            AgreementRow {
                id: a.id.clone(),
                version: a.version,
                purpose: a.purpose.clone(),
                parties: a.parties.join(", "),
                categories: a
                    .categories
                    .iter()
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
                    .join(", "),
                marking: a.max_marking.label(),
                review: a.review.to_string(),
                expires: a.expires.to_string(),
                standing,
            }
        })
        .collect();
    let html = AgreementsPage {
        chrome: Chrome::for_caller(&caller),
        lapsing,
        rows,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
