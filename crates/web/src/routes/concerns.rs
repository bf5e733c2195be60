//! Trusted intermediaries' pages and API: the concern form (`/concerns/new`), the list of
//! their own concerns (`/concerns`, received and acted on, nothing more), and
//! `POST /api/v1/concerns` for an intermediary's session or their organisation's system.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use peel_app::concerns::{self, ConcernError, ConcernInput};
use peel_core::submission::Problem;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::{ApiError, ErrorCode, FieldProblem, PageError};
use crate::i18n::Tr;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::{field, page};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

/// The answers as typed, for showing them again.
#[derive(Debug, Default)]
struct Values {
    what_happened: String,
    about: String,
    postcode: String,
    address: String,
    codeword: String,
    contact_name: String,
    contact_phone: String,
    contact_email: String,
    safe_phone: bool,
    safe_text: bool,
    safe_email: bool,
    no_voicemail: bool,
    shared_device: bool,
    safe_times: String,
}

#[derive(Template)]
#[template(path = "concern_form.html")]
struct FormPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    refusal: Option<String>,
    values: Values,
    /// (field, question's message id, answer given).
    yes_no: Vec<(&'static str, &'static str, String)>,
    /// (id, name) of each codeword.
    codewords: Vec<(String, String)>,
}

fn render_form(
    state: &AppState,
    caller: &Caller,
    pairs: &Pairs,
    errors: FieldErrors,
    refusal: Option<String>,
) -> Result<Response, PageError> {
    let ticked = |value: &str| pairs.iter().any(|(k, v)| k == "safe_channel" && v == value);
    let text = |name: &str| field(pairs, name).to_owned();
    let values = Values {
        what_happened: text("what_happened"),
        about: text("about"),
        postcode: text("postcode"),
        address: text("address"),
        codeword: text("codeword"),
        contact_name: text("contact_name"),
        contact_phone: text("contact_phone"),
        contact_email: text("contact_email"),
        safe_phone: ticked("phone"),
        safe_text: ticked("text"),
        safe_email: ticked("email"),
        no_voicemail: field(pairs, "no_voicemail") == "yes",
        shared_device: field(pairs, "shared_device") == "yes",
        safe_times: text("safe_times"),
    };
    let yes_no = [
        ("person_present", "concern-present"),
        ("called_999", "concern-called-999"),
        ("consent", "concern-consent"),
    ]
    .into_iter()
    .map(|(name, question)| (name, question, text(name)))
    .collect();
    let codewords = state
        .settings()
        .codewords
        .all()
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let status = if refusal.is_some() {
        StatusCode::FORBIDDEN
    } else {
        errors.status()
    };
    let html = FormPage {
        chrome: Chrome::for_caller(caller),
        csrf: caller.csrf_token().to_owned(),
        errors,
        refusal,
        values,
        yes_no,
        codewords,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// A refusal the page shows in place of the form, or the error page.
fn refusal_of(error: ConcernError) -> Result<String, PageError> {
    match error {
        ConcernError::Refused(why) => Ok(why),
        ConcernError::Denied(denied) => Err(denied.into()),
        other => Err(PageError::internal(&other)),
    }
}

/// `GET /concerns/new`: the form, or why this intermediary cannot send one yet.
pub async fn form(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let refusal = match concerns::may_send(state.ctx(), &caller.actor).await {
        Ok(()) => None,
        Err(error) => Some(refusal_of(error)?),
    };
    render_form(
        &state,
        &caller,
        &Vec::new(),
        FieldErrors::default(),
        refusal,
    )
}

fn yes_no(pairs: &Pairs, name: &str) -> Option<bool> {
    match field(pairs, name) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn non_empty(pairs: &Pairs, name: &str) -> Option<String> {
    Some(field(pairs, name).to_owned()).filter(|v| !v.is_empty())
}

fn input_of(pairs: &Pairs) -> ConcernInput {
    ConcernInput {
        what_happened: field(pairs, "what_happened").to_owned(),
        about: non_empty(pairs, "about"),
        postcode: non_empty(pairs, "postcode"),
        address: non_empty(pairs, "address"),
        point: None,
        online: false,
        person_present: yes_no(pairs, "person_present"),
        codeword: non_empty(pairs, "codeword"),
        called_999: yes_no(pairs, "called_999"),
        consent: yes_no(pairs, "consent"),
        contact_name: non_empty(pairs, "contact_name"),
        contact_email: non_empty(pairs, "contact_email"),
        contact_phone: non_empty(pairs, "contact_phone"),
        safe_channels: pairs
            .iter()
            .filter(|(k, _)| k == "safe_channel")
            .map(|(_, v)| v.clone())
            .collect(),
        safe_times: non_empty(pairs, "safe_times"),
        no_voicemail: field(pairs, "no_voicemail") == "yes",
        shared_device: field(pairs, "shared_device") == "yes",
        language: None,
        sent_by: None,
    }
}

/// Where each problem's summary link lands.
fn anchored(problems: &[Problem], tr: Tr) -> FieldErrors {
    FieldErrors(
        problems
            .iter()
            .map(|p| {
                let error = FieldError::from_problem(p, tr);
                match p.field {
                    "person_present" => error.at("person_present-yes"),
                    "called_999" => error.at("called_999-yes"),
                    "consent" => error.at("consent-yes"),
                    "codeword" => error.at("codeword-none"),
                    "location" => error.at("postcode"),
                    "safe_channels" => error.at("safe_channel-phone"),
                    _ => error,
                }
            })
            .collect(),
    )
}

#[derive(Template)]
#[template(path = "concern_sent.html")]
struct SentPage {
    chrome: Chrome,
    reference: String,
    phone: String,
    call_back_minutes: Option<String>,
    codeword: String,
    procedure: Vec<String>,
}

/// `POST /concerns/new`: sends the concern, then says what happens next and, for a codeword,
/// what to do now.
pub async fn submit(
    State(state): State<AppState>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let tr = Chrome::for_caller(&caller).tr;
    let input = input_of(&pairs);
    let accepted = match concerns::send(state.ctx(), &caller.actor, &input).await {
        Ok(accepted) => accepted,
        Err(ConcernError::Invalid(problems)) => {
            return render_form(&state, &caller, &pairs, anchored(&problems, tr), None);
        }
        Err(ConcernError::Intake(peel_app::intake::IntakeError::OutsideForceArea {
            message,
            ..
        })) => {
            let errors = FieldErrors::one(FieldError::new("location", message).at("postcode"));
            return render_form(&state, &caller, &pairs, errors, None);
        }
        Err(other) => {
            let refusal = refusal_of(other)?;
            return render_form(
                &state,
                &caller,
                &pairs,
                FieldErrors::default(),
                Some(refusal),
            );
        }
    };
    let codeword = input
        .codeword
        .as_deref()
        .and_then(|id| state.settings().codewords.find(id));
    let call_back = accepted
        .triage
        .reasons
        .iter()
        .any(|r| r.code == "codeword.present_no_999" || r.code == "concern.person_present");
    let minutes = codeword.map_or(60, |c| c.call_back.whole_minutes());
    let phone = match caller.actor.organisation.as_ref() {
        Some(org) => state
            .store()
            .organisation(org)
            .await?
            .map(|o| o.phone)
            .unwrap_or_default(),
        None => String::new(),
    };
    let html = SentPage {
        chrome: Chrome::for_caller(&caller),
        reference: accepted.reference.to_string(),
        phone,
        call_back_minutes: call_back.then(|| minutes.to_string()),
        codeword: codeword.map(|c| c.name.clone()).unwrap_or_default(),
        procedure: codeword.map(|c| c.procedure.clone()).unwrap_or_default(),
    }
    .render()?;
    Ok(page(StatusCode::CREATED, html, &[]))
}

#[derive(Template)]
#[template(path = "concerns.html")]
struct ListPage {
    chrome: Chrome,
    /// (reference, received, acted on).
    /// (reference, received, acted on, files may be added).
    concerns: Vec<(String, String, bool, bool)>,
}

/// `GET /concerns`: the intermediary's own concerns, received and whether acted on.
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let sent = concerns::sent(state.ctx(), &caller.actor)
        .await
        .map_err(|error| match error {
            ConcernError::Denied(denied) => denied.into(),
            other => PageError::internal(&other),
        })?;
    let html = ListPage {
        chrome: Chrome::for_caller(&caller),
        concerns: sent
            .into_iter()
            .map(|c| {
                (
                    c.reference.to_string(),
                    show_time(&c.received_at),
                    c.acted_on,
                    c.files_open,
                )
            })
            .collect(),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// A concern, as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConcernRequest {
    /// What was seen or said, up to 4,000 characters.
    what_happened: String,
    /// Who it is about (optional).
    #[serde(default)]
    about: Option<String>,
    /// Where: as a report's location (one of a postcode, a point, an address line).
    #[serde(rename = "where")]
    location: crate::routes::reports::LocationRequest,
    /// The person is with the intermediary now.
    person_present: bool,
    /// `ani`, `angela`, a force's own codeword's id, or null.
    #[serde(default)]
    codeword: Option<String>,
    /// 999 was called.
    called_999: bool,
    /// How it is safe to contact the person, as reports give it, with their details.
    #[serde(default)]
    safe_contact: Option<crate::routes::reports::SafeContactRequest>,
    /// The person's details, where it is safe to use them.
    #[serde(default)]
    contact: Option<crate::routes::reports::ContactRequest>,
    /// The person agreed to this being passed on.
    consent: bool,
    /// From an organisation's system (its API key): the username of the trained member of
    /// staff it is sent for.
    #[serde(default)]
    sent_by: Option<String>,
}

/// A concern was received.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConcernAccepted {
    /// The reference.
    reference: String,
    /// Triage on arrival: the grade and why.
    triage: crate::routes::reports::TriageResponse,
}

/// Sends a concern from a trusted intermediary whose training is in date.
#[utoipa::path(
    post,
    path = "/api/v1/concerns",
    security(("session" = [])),
    tag = "concerns",
    request_body = ConcernRequest,
    responses(
        (status = 201, description = "Received, triaged and routed", body = ConcernAccepted),
        (status = 400, description = "Malformed JSON", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 403, description = "Not an intermediary, or their training is not in date", body = crate::error::ErrorBody),
        (status = 415, description = "Not JSON", body = crate::error::ErrorBody),
        (status = 422, description = "An answer is not valid; `fields` says which", body = crate::error::ErrorBody)
    )
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let caller = Caller::from_headers(&headers, &state).await?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let request: ConcernRequest = crate::routes::reports::parse_json_as(content_type, &body)?;
    let (postcode, point, address, online) = request.location.parts()?;
    let (contact, safe) = (request.contact, request.safe_contact);
    let input = ConcernInput {
        what_happened: request.what_happened,
        about: request.about,
        postcode,
        address,
        point,
        online,
        person_present: Some(request.person_present),
        codeword: request.codeword,
        called_999: Some(request.called_999),
        consent: Some(request.consent),
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
        language: None,
        sent_by: request.sent_by,
    };
    let accepted = concerns::send(state.ctx(), &caller.actor, &input)
        .await
        .map_err(|error| match error {
            ConcernError::Denied(denied) => ApiError::from(denied),
            ConcernError::Refused(why) => ApiError::with_message(ErrorCode::Forbidden, why),
            ConcernError::Invalid(problems) => ApiError::validation(
                problems
                    .into_iter()
                    .map(|p| FieldProblem {
                        field: p.field.to_owned(),
                        message: p.message,
                    })
                    .collect(),
            ),
            ConcernError::Intake(peel_app::intake::IntakeError::OutsideForceArea {
                message,
                ..
            }) => ApiError::validation(vec![FieldProblem {
                field: "where".to_owned(),
                message,
            }]),
            ConcernError::Intake(other) => ApiError::internal(&other),
        })?;
    let body = ConcernAccepted {
        reference: accepted.reference.to_string(),
        triage: crate::routes::reports::TriageResponse::from(&accepted.triage),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}
