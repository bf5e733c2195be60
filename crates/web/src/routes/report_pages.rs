//! The public report form and the progress page: no account, no JavaScript.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::calendar::london_offset;
use peel_core::submission::{Category, NewReport, ReportInput, ReporterRole};
use serde::Deserialize;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use crate::auth::{Caller, csrf};
use crate::error::{ApiError, ErrorCode, PageError};
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::status::{ReportStatus, holder_of, lookup_status};
use crate::routes::{field, page};
use crate::state::AppState;
use peel_app::intake::{self, Received};
use peel_core::message::FromReporter;

#[derive(Template)]
#[template(path = "report_start.html")]
struct StartPage {
    chrome: Chrome,
    errors: FieldErrors,
}

/// `GET /report`: the first question, whether anyone is in danger.
pub async fn start(caller: Caller) -> Result<Response, PageError> {
    render_start(&caller, FieldErrors::default())
}

fn render_start(caller: &Caller, errors: FieldErrors) -> Result<Response, PageError> {
    let status = errors.status();
    Ok(page(
        status,
        StartPage {
            chrome: Chrome::for_caller(caller),
            errors,
        }
        .render()?,
        &[],
    ))
}

#[derive(Template)]
#[template(path = "report_danger_check.html")]
struct DangerCheckPage {
    chrome: Chrome,
    /// Why it looks like danger now, in words.
    reasons: Vec<String>,
    /// Every answer given, sent again if they go on.
    fields: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "staying_safe.html")]
struct StayingSafePage {
    chrome: Chrome,
}

/// `GET /staying-safe`: leaving quickly, private windows, history, shared phones.
pub async fn staying_safe(caller: Caller) -> Result<Response, PageError> {
    Ok(page(
        StatusCode::OK,
        StayingSafePage {
            chrome: Chrome::for_caller(&caller),
        }
        .render()?,
        &[],
    ))
}

#[derive(Template)]
#[template(path = "report_999.html")]
struct EmergencyPage {
    chrome: Chrome,
}

#[derive(Debug, Deserialize)]
pub struct DangerAnswer {
    danger: Option<String>,
}

/// `POST /report/check`: anyone in danger gets the 999 page, and nothing is stored. The answer
/// comes in the body, never the address, so it stays out of the browser's history.
pub async fn check(
    caller: Caller,
    Form(answer): Form<DangerAnswer>,
) -> Result<Response, PageError> {
    match answer.danger.as_deref() {
        Some("yes") => Ok(page(
            StatusCode::OK,
            EmergencyPage {
                chrome: Chrome::for_caller(&caller),
            }
            .render()?,
            &[],
        )),
        Some("no") => Ok(crate::routes::see_other("/report/details")),
        _ => render_start(
            &caller,
            FieldErrors::one(FieldError::new(
                "danger",
                "Select yes if anyone is in danger right now",
            )),
        ),
    }
}

/// A radio choice.
struct Choice {
    slug: &'static str,
    label: &'static str,
    checked: bool,
}

/// The form's answers, as typed, for showing them again.
#[derive(Debug, Default)]
struct FormValues {
    description: String,
    occurred_day: String,
    occurred_month: String,
    occurred_year: String,
    occurred_time: String,
    where_kind: String,
    postcode: String,
    address: String,
    anonymous: bool,
    /// Whether the anonymity question was answered at all (it is never preselected).
    anonymity_answered: bool,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
    safe_email: bool,
    safe_phone: bool,
    safe_text: bool,
    no_voicemail: bool,
    shared_device: bool,
    safe_times: String,
    language: String,
    community: String,
    targeted_before: bool,
    category: String,
    reporter_role: String,
}

#[derive(Template)]
#[template(path = "report_form.html")]
struct FormPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    form: FormValues,
    categories: Vec<Choice>,
    roles: Vec<Choice>,
}

fn render_form(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    form: FormValues,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let categories = Category::ALL
        .into_iter()
        .map(|c| Choice {
            slug: c.slug(),
            label: c.label(),
            checked: form.category == c.slug(),
        })
        .collect();
    let roles = ReporterRole::ALL
        .into_iter()
        .map(|r| Choice {
            slug: r.slug(),
            label: r.label(),
            checked: form.reporter_role == r.slug(),
        })
        .collect();
    let status = errors.status();
    let html = FormPage {
        chrome: Chrome::for_caller(caller),
        csrf,
        errors,
        form,
        categories,
        roles,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

/// `GET /report/details`.
pub async fn details(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    render_form(
        &state,
        &headers,
        &caller,
        FormValues::default(),
        FieldErrors::default(),
    )
}

fn ticked(pairs: &[(String, String)], name: &str, value: &str) -> bool {
    pairs.iter().any(|(k, v)| k == name && v == value)
}

fn read_form(pairs: &[(String, String)]) -> FormValues {
    FormValues {
        description: field(pairs, "description").to_owned(),
        occurred_day: field(pairs, "occurred_day").to_owned(),
        occurred_month: field(pairs, "occurred_month").to_owned(),
        occurred_year: field(pairs, "occurred_year").to_owned(),
        occurred_time: field(pairs, "occurred_time").to_owned(),
        where_kind: field(pairs, "where_kind").to_owned(),
        postcode: field(pairs, "postcode").to_owned(),
        address: field(pairs, "address").to_owned(),
        anonymous: field(pairs, "anonymous") == "yes",
        anonymity_answered: matches!(field(pairs, "anonymous"), "yes" | "no"),
        contact_name: field(pairs, "contact_name").to_owned(),
        contact_email: field(pairs, "contact_email").to_owned(),
        contact_phone: field(pairs, "contact_phone").to_owned(),
        safe_email: ticked(pairs, "safe_channel", "email"),
        safe_phone: ticked(pairs, "safe_channel", "phone"),
        safe_text: ticked(pairs, "safe_channel", "text"),
        no_voicemail: field(pairs, "no_voicemail") == "yes",
        shared_device: field(pairs, "shared_device") == "yes",
        safe_times: field(pairs, "safe_times").to_owned(),
        language: field(pairs, "language").to_owned(),
        community: field(pairs, "community").to_owned(),
        targeted_before: field(pairs, "targeted_before") == "yes",
        category: field(pairs, "category").to_owned(),
        reporter_role: field(pairs, "reporter_role").to_owned(),
    }
}

/// The London date and time typed, as UTC; `None` when it is not a real date and time.
fn occurred_at(form: &FormValues) -> Option<OffsetDateTime> {
    let day: u8 = form.occurred_day.parse().ok()?;
    let month: u8 = form.occurred_month.parse().ok()?;
    let year: i32 = form.occurred_year.parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    let time = if form.occurred_time.is_empty() {
        Time::MIDNIGHT
    } else {
        let (hour, minute) = form
            .occurred_time
            .replace('.', ":")
            .split_once(':')
            .map(|(h, m)| (h.trim().to_owned(), m.trim().to_owned()))?;
        Time::from_hms(hour.parse().ok()?, minute.parse().ok()?, 0).ok()?
    };
    let local = PrimitiveDateTime::new(date, time).assume_utc();
    Some(local - london_offset(local))
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// The id on the page that an error about `field` should link to.
fn anchor(field: &'static str) -> &'static str {
    match field {
        "occurred_at" => "occurred_day",
        "location" => "where-postcode",
        "category" => "category-anti-social-behaviour",
        "reporter_role" => "reporter_role-victim",
        "anonymous" => "anonymous-no",
        "safe_channels" => "safe_channel-email",
        other => other,
    }
}

/// `POST /report/details`: checks every answer, then stores and routes the report.
pub async fn submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let form = read_form(&pairs);
    // Back from the danger check to change an answer: the form again, as filled in.
    if field(&pairs, "edit") == "yes" {
        return render_form(&state, &headers, &caller, form, FieldErrors::default());
    }
    let when = occurred_at(&form);
    let date_typed = !(form.occurred_day.is_empty()
        && form.occurred_month.is_empty()
        && form.occurred_year.is_empty());
    let input = ReportInput {
        description: form.description.clone(),
        category: form.category.clone(),
        occurred_at: when,
        postcode: (form.where_kind == "postcode")
            .then(|| form.postcode.clone())
            .filter(|p| !p.is_empty()),
        point: None,
        address: (form.where_kind == "address")
            .then(|| form.address.clone())
            .filter(|a| !a.is_empty()),
        online: form.where_kind == "online",
        reporter_role: form.reporter_role.clone(),
        anonymous: form.anonymous,
        contact_name: non_empty(&form.contact_name),
        contact_email: non_empty(&form.contact_email),
        contact_phone: non_empty(&form.contact_phone),
        safe_channels: pairs
            .iter()
            .filter(|(k, _)| k == "safe_channel")
            .map(|(_, v)| v.clone())
            .collect(),
        safe_times: non_empty(&form.safe_times),
        no_voicemail: form.no_voicemail,
        shared_device: form.shared_device,
        language: non_empty(&form.language),
        community: non_empty(&form.community),
        targeted_before: form.targeted_before,
        danger_denied: field(&pairs, "danger_checked") == "yes",
    };
    // Staying anonymous is a choice the reporter makes, never a default (finding P2-1).
    let anonymity = (!form.anonymity_answered).then(|| {
        FieldError::new(
            anchor("anonymous"),
            "Select whether you want to stay anonymous",
        )
    });
    let report = match NewReport::parse(&input, state.now()) {
        Ok(report) if anonymity.is_none() => report,
        Ok(_) => {
            let errors = FieldErrors(with_field_aliases(anonymity.into_iter().collect()));
            return render_form(&state, &headers, &caller, form, errors);
        }
        Err(problems) => {
            let mut errors: Vec<FieldError> = anonymity.into_iter().collect();
            errors.extend(problems
                .into_iter()
                .map(|p| {
                    let message = if p.field == "occurred_at" && date_typed && when.is_none() {
                        "Enter a real date, with the day, month and year as numbers, and any time as hours and minutes".to_owned()
                    } else {
                        p.message
                    };
                    FieldError::new(anchor(p.field), message)
                }));
            // Errors link to the element id; the template looks errors up by field name too.
            let errors = FieldErrors(with_field_aliases(errors));
            return render_form(&state, &headers, &caller, form, errors);
        }
    };
    // Counted once the report is a valid one, so junk cannot spend everyone's budget.
    state.admit_report(client.0, "web form").await?;
    // A refresh or a double tap sends the same form again: the same token and answers make the
    // same key, so the first report's confirmation is shown again and nothing is stored twice
    // (finding P1-10).
    let key = {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        for (name, value) in &pairs {
            hash.update((name.len() as u64).to_be_bytes());
            hash.update(name.as_bytes());
            hash.update((value.len() as u64).to_be_bytes());
            hash.update(value.as_bytes());
        }
        hex::encode(hash.finalize())
    };
    let shared_device = report.safe_contact.shared_device;
    let received = match intake::receive(
        state.ctx(),
        &caller.actor,
        report,
        peel_core::submission::Channel::Web,
        Some(intake::IdempotencyRequest {
            scope: "web:form".into(),
            key: key.clone(),
            request_digest: key,
        }),
        |accepted| {
            serde_json::json!({
                "reference": accepted.reference.to_string(),
                "status_token": accepted.status_token.expose(),
                "team": accepted.routing.team_name,
                "reason": accepted.routing.reason,
                "next_update_due": accepted.next_update_due.as_ref().map(show_time),
            })
            .to_string()
        },
    )
    .await
    {
        Ok(received) => received,
        Err(intake::IntakeError::OutsideForceArea { field, message }) => {
            let errors = FieldErrors(vec![FieldError::new(field, message)]);
            return render_form(&state, &headers, &caller, form, errors);
        }
        // What happened suggests someone is in danger now, but they said nobody is: ask
        // again, with 999; nothing has been stored.
        Err(intake::IntakeError::PresentDanger(reasons)) => {
            let html = DangerCheckPage {
                chrome: Chrome::for_caller(&caller),
                reasons,
                fields: pairs
                    .iter()
                    .filter(|(k, _)| k != "danger_checked")
                    .cloned()
                    .collect(),
            }
            .render()?;
            return Ok(page(StatusCode::OK, html, &[]));
        }
        Err(error) => return Err(PageError::internal(&error)),
    };
    let done = match received {
        Received::Accepted(accepted) => DoneFields {
            reference: accepted.reference.to_string(),
            status_token: accepted.status_token.expose().to_owned(),
            team: accepted.routing.team_name.clone(),
            reason: accepted.routing.reason.clone(),
            next_update_due: accepted.next_update_due.as_ref().map(show_time),
        },
        Received::Replayed(first) => {
            serde_json::from_str(&first).map_err(|_| PageError::Internal)?
        }
    };
    let (csrf, set_cookie) = csrf::cookie_token(&state, &headers)?;
    let html = DonePage {
        chrome: Chrome::for_caller(&caller),
        csrf,
        shared_device,
        reference: done.reference,
        status_token: done.status_token,
        team: done.team,
        reason: done.reason,
        next_update_due: done.next_update_due,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, set_cookie.as_slice()))
}

/// The summary links to element ids, but each field's own message is found by field name:
/// keep both spellings.
fn with_field_aliases(errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut all = errors.clone();
    for error in errors {
        let field = match error.field {
            "occurred_day" => "occurred_at",
            "where-postcode" => "location",
            "category-anti-social-behaviour" => "category",
            "reporter_role-victim" => "reporter_role",
            "anonymous-no" => "anonymous",
            "safe_channel-email" => "safe_channels",
            _ => continue,
        };
        all.push(FieldError {
            field,
            message: error.message,
        });
    }
    all
}

#[derive(Template)]
#[template(path = "report_done.html")]
struct DonePage {
    chrome: Chrome,
    csrf: String,
    /// Someone else may see their phone or messages.
    shared_device: bool,
    reference: String,
    status_token: String,
    team: String,
    reason: String,
    next_update_due: Option<String>,
}

/// What the confirmation shows, kept for showing again when the same form comes twice.
#[derive(serde::Deserialize)]
struct DoneFields {
    reference: String,
    status_token: String,
    team: String,
    reason: String,
    next_update_due: Option<String>,
}

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    notice: Option<&'static str>,
    reference: String,
    /// The status code, carried in the page's forms so the holder can write back.
    token: String,
    status: Option<ReportStatus>,
    received: String,
    next_update_due: Option<String>,
    updates: Vec<(String, String)>,
}

/// `GET /status`: the form for reference and status code.
pub async fn status_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    render_status(
        &state,
        &headers,
        &caller,
        Holder::default(),
        FieldErrors::default(),
        None,
        StatusCode::OK,
    )
}

/// Who looked a report up: the reference typed and, once shown to hold it, the code.
#[derive(Debug, Default)]
struct Holder {
    reference: String,
    token: String,
    notice: Option<&'static str>,
}

fn render_status(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    holder: Holder,
    errors: FieldErrors,
    status: Option<ReportStatus>,
    code: StatusCode,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let parse = |text: &str| {
        OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
    };
    let received = status
        .as_ref()
        .and_then(|s| parse(&s.received_at))
        .as_ref()
        .map(show_time)
        .unwrap_or_default();
    let next_update_due = status
        .as_ref()
        .and_then(|s| s.next_update_due.as_deref())
        .and_then(parse)
        .as_ref()
        .map(show_time);
    let updates = status
        .as_ref()
        .map(|s| {
            s.updates
                .iter()
                .map(|u| {
                    (
                        parse(&u.at).as_ref().map(show_time).unwrap_or_default(),
                        u.text.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let html = StatusPage {
        chrome: Chrome::for_caller(caller),
        csrf,
        errors,
        notice: holder.notice,
        token: if status.is_some() {
            holder.token
        } else {
            String::new()
        },
        reference: holder.reference,
        status,
        received,
        next_update_due,
        updates,
    }
    .render()?;
    Ok(page(code, html, set_cookie.as_slice()))
}

/// `POST /status`: shows the status to whoever holds the reference and status code.
pub async fn status_submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let visit = Visit {
        state: &state,
        headers: &headers,
        caller: &caller,
        client: client.to_string(),
    };
    show_holder(&visit, Holder::from_form(&pairs), FieldErrors::default()).await
}

/// One visit to the status page: what every answer to it needs.
struct Visit<'a> {
    state: &'a AppState,
    headers: &'a HeaderMap,
    caller: &'a Caller,
    /// The client's address, whose failed look-ups are throttled.
    client: String,
}

impl Holder {
    /// The reference and code from a status form.
    fn from_form(pairs: &[(String, String)]) -> Holder {
        Holder {
            reference: field(pairs, "reference").to_owned(),
            token: field(pairs, "status_token").to_owned(),
            notice: None,
        }
    }
}

/// The status page for whoever holds the reference and code, or the form again with why not.
async fn show_holder(
    visit: &Visit<'_>,
    holder: Holder,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    match lookup_status(visit.state, &visit.client, &holder.reference, &holder.token).await {
        Ok(status) => {
            let code = errors.status();
            render_status(
                visit.state,
                visit.headers,
                visit.caller,
                holder,
                errors,
                Some(status),
                code,
            )
        }
        Err(error) => refused(visit, holder, error),
    }
}

/// The look-up form again, saying why the reference and code were not taken.
fn refused(visit: &Visit<'_>, holder: Holder, error: ApiError) -> Result<Response, PageError> {
    let (message, code) = match error {
        ApiError {
            code: ErrorCode::NotFound,
            ..
        } => (
            "We could not find a report with that reference and status code. Check both and try again"
                .to_owned(),
            StatusCode::NOT_FOUND,
        ),
        ApiError {
            code: ErrorCode::RateLimited,
            message,
            ..
        } => (message, StatusCode::TOO_MANY_REQUESTS),
        _ => return Err(PageError::Internal),
    };
    render_status(
        visit.state,
        visit.headers,
        visit.caller,
        holder,
        FieldErrors::one(FieldError::new("reference", message)),
        None,
        code,
    )
}

/// `POST /status/message`: the holder of a report's reference and code sends more information,
/// a reply or a request for a call back, for the officer dealing with it.
pub async fn status_message(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let visit = Visit {
        state: &state,
        headers: &headers,
        caller: &caller,
        client: client.to_string(),
    };
    let mut holder = Holder::from_form(&pairs);
    let submission = match holder_of(&state, &visit.client, &holder.reference, &holder.token).await
    {
        Ok(submission) => submission,
        // Not the holder (or too many tries): the look-up form with why, from this one look-up.
        Err(error) => return refused(&visit, holder, error),
    };
    let sent = match FromReporter::parse(field(&pairs, "kind")) {
        Some(kind) => peel_app::survey::from_reporter(
            state.ctx(),
            &submission,
            kind,
            field(&pairs, "body"),
            Some(field(&pairs, "call_back_when")),
        )
        .await
        .map(|()| kind),
        None => Err(peel_app::ServiceError::invalid(
            "kind",
            "Choose what you would like to do",
        )),
    };
    let errors = match sent {
        Ok(kind) => {
            holder.notice = Some(match kind {
                FromReporter::CallBack => {
                    "Sent. We will call you back at the time you gave, in the ways you said are safe."
                }
                _ => "Sent to the officer dealing with your report.",
            });
            FieldErrors::default()
        }
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            FieldErrors::one(FieldError::new(field, message))
        }
        Err(other) => return Err(other.into()),
    };
    show_holder(&visit, holder, errors).await
}
