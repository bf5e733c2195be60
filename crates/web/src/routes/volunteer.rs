//! Volunteering: the public page (`/volunteer`), the application (`/volunteer/apply`), where an
//! application stands (`/volunteer/status`, by reference and status code), and the vetting
//! unit's pages (`/vetting/applications`) to check competence and probity and approve or
//! decline.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_app::volunteering::{self, ApplyError, Approval};
use peel_core::people::application::ApplicationInput;
use peel_core::people::skills::Skill;
use peel_core::people::vetting::{Level, Scope};

use crate::auth::csrf::CsrfForm;
use crate::auth::{Caller, csrf};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::{field, page};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

/// The skills offered on the public page (interpreting is offered through languages).
const OFFERED: [Skill; 9] = [
    Skill::CyberHelp,
    Skill::DigitalForensics,
    Skill::FraudRecovery,
    Skill::MentalHealth,
    Skill::Medical,
    Skill::YouthWork,
    Skill::SchoolsLiaison,
    Skill::VictimSupport,
    Skill::BusinessSupport,
];

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Template)]
#[template(path = "volunteer.html")]
struct InfoPage {
    chrome: Chrome,
    /// (slug, message id).
    skills: Vec<(String, String)>,
}

/// `GET /volunteer`: who is wanted and what it involves.
pub async fn info(caller: Caller) -> Result<Response, PageError> {
    let html = InfoPage {
        chrome: Chrome::for_caller(&caller),
        skills: OFFERED
            .iter()
            .map(|s| (s.slug(), format!("skill-{}", s.slug())))
            .collect(),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

#[derive(Template)]
#[template(path = "volunteer_apply.html")]
struct ApplyPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    /// (name, label id, input type, value).
    text_fields: Vec<(&'static str, &'static str, &'static str, String)>,
    applying_as: String,
    /// (slug, label id, ticked, body, number).
    skills: Vec<(String, String, bool, String, String)>,
    languages: String,
    /// (slug, label id, ticked).
    days: Vec<(&'static str, String, bool)>,
    hours: String,
    associations: String,
    born: String,
    occupation: String,
    interests: String,
    consent: bool,
}

fn input_of(pairs: &Pairs) -> ApplicationInput {
    let ticked = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    ApplicationInput {
        name: field(pairs, "name").to_owned(),
        email: field(pairs, "email").to_owned(),
        phone: field(pairs, "phone").to_owned(),
        postcode: field(pairs, "postcode").to_owned(),
        applying_as: field(pairs, "applying_as").to_owned(),
        skills: ticked("skill")
            .into_iter()
            .map(|slug| {
                let body = field(pairs, &format!("body-{slug}")).to_owned();
                let number = field(pairs, &format!("number-{slug}")).to_owned();
                (slug, body, number)
            })
            .collect(),
        languages: field(pairs, "languages").to_owned(),
        days: ticked("day"),
        hours: field(pairs, "hours").to_owned(),
        associations: field(pairs, "associations").to_owned(),
        born: field(pairs, "born").to_owned(),
        occupation: field(pairs, "occupation").to_owned(),
        interests: field(pairs, "interests").to_owned(),
        consent: field(pairs, "consent") == "yes",
    }
}

fn render_apply(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    input: ApplicationInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let status = errors.status();
    let offered = |slug: &str| input.skills.iter().find(|(s, _, _)| s == slug);
    let html = ApplyPage {
        chrome: Chrome::for_caller(caller),
        csrf,
        errors,
        text_fields: vec![
            ("name", "vol-name", "text", input.name.clone()),
            ("email", "vol-email", "email", input.email.clone()),
            ("phone", "vol-phone", "tel", input.phone.clone()),
            ("postcode", "vol-postcode", "text", input.postcode.clone()),
        ],
        applying_as: input.applying_as.clone(),
        skills: OFFERED
            .iter()
            .map(|s| {
                let slug = s.slug();
                let given = offered(&slug);
                (
                    slug.clone(),
                    format!("skill-{slug}"),
                    given.is_some(),
                    given.map(|g| g.1.clone()).unwrap_or_default(),
                    given.map(|g| g.2.clone()).unwrap_or_default(),
                )
            })
            .collect(),
        languages: input.languages.clone(),
        days: DAYS
            .iter()
            .map(|d| (*d, format!("day-{d}"), input.days.iter().any(|x| x == d)))
            .collect(),
        hours: input.hours.clone(),
        associations: input.associations.clone(),
        born: input.born.clone(),
        occupation: input.occupation.clone(),
        interests: input.interests.clone(),
        consent: input.consent,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

/// `GET /volunteer/apply`.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    render_apply(
        &state,
        &headers,
        &caller,
        ApplicationInput::default(),
        FieldErrors::default(),
    )
}

#[derive(Template)]
#[template(path = "volunteer_done.html")]
struct DonePage {
    chrome: Chrome,
    reference: String,
    status_token: String,
}

/// The id a problem's summary link lands on.
fn anchor(field: &'static str) -> &'static str {
    match field {
        "applying_as" => "applying_as-volunteer",
        "skills" => "skill-cyber_help",
        "days" => "day-mon",
        other => other,
    }
}

/// `POST /volunteer/apply`: checks every answer, then keeps the application and answers with
/// its reference and status code.
pub async fn apply(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let input = input_of(&pairs);
    let tr = Chrome::for_caller(&caller).tr;
    // A valid application is counted with reports before it is kept, so the form cannot be
    // used to flood the vetting unit.
    if peel_core::people::application::Application::parse(&input, state.now().date()).is_ok() {
        state
            .admit_report(client.0, "volunteer application")
            .await?;
    }
    match volunteering::apply(state.ctx(), &input).await {
        Ok((reference, token)) => {
            let html = DonePage {
                chrome: Chrome::for_caller(&caller),
                reference: reference.to_string(),
                status_token: token.expose().to_owned(),
            }
            .render()?;
            Ok(page(StatusCode::CREATED, html, &[]))
        }
        Err(ApplyError::Invalid(problems)) => {
            let errors = FieldErrors(
                problems
                    .iter()
                    .map(|p| FieldError::from_problem(p, tr).at(anchor(p.field)))
                    .collect(),
            );
            render_apply(&state, &headers, &caller, input, errors)
        }
        Err(other) => Err(PageError::internal(&other)),
    }
}

#[derive(Template)]
#[template(path = "volunteer_status.html")]
struct StatusPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    /// (reference, status message id, received, note).
    standing: Option<(String, String, String, String)>,
}

/// `GET /volunteer/status`.
pub async fn status_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(&state, &headers)?;
    let html = StatusPage {
        chrome: Chrome::for_caller(&caller),
        csrf,
        errors: FieldErrors::default(),
        standing: None,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, set_cookie.as_slice()))
}

/// `POST /volunteer/status`: where the application stands, for whoever holds its reference and
/// status code.
pub async fn status(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let (csrf, set_cookie) = csrf::cookie_token(&state, &headers)?;
    // Failed look-ups spend the same budget per address as reports' status look-ups.
    let lookups = crate::routes::status::StatusLookups::open(&state, &client.to_string()).await?;
    if lookups.locked() {
        return Err(PageError::TooMany {
            retry_after: 15 * 60,
        });
    }
    let found = volunteering::standing(
        state.ctx(),
        field(&pairs, "reference"),
        field(&pairs, "status_token"),
    )
    .await?;
    if found.is_none() {
        lookups.failed(&state).await?;
    }
    let code = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let html = StatusPage {
        chrome: Chrome::for_caller(&caller),
        csrf,
        errors: if found.is_none() {
            FieldErrors::one(FieldError::new("reference", caller.tr.t("vol-not-found")))
        } else {
            FieldErrors::default()
        },
        standing: found.map(|a| {
            (
                a.reference.to_string(),
                format!("app-status-{}", a.status.slug()),
                show_time(&a.received_at),
                // A decline's reason is the applicant's to see; an approval's note is not.
                a.decided
                    .filter(|_| {
                        a.status == peel_core::people::application::ApplicationStatus::Declined
                    })
                    .map(|d| d.2)
                    .unwrap_or_default(),
            )
        }),
    }
    .render()?;
    Ok(page(code, html, set_cookie.as_slice()))
}

#[derive(Template)]
#[template(path = "vetting_applications.html")]
struct ListPage {
    chrome: Chrome,
    /// (id, reference, name, kind, received, status).
    rows: Vec<(String, String, String, String, String, &'static str)>,
}

/// `GET /vetting/applications`: the applications, those waiting first.
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let all = volunteering::applications(state.ctx(), &caller.actor).await?;
    let html = ListPage {
        chrome: Chrome::for_caller(&caller),
        rows: all
            .into_iter()
            .map(|a| {
                (
                    a.id.to_string(),
                    a.reference.to_string(),
                    a.answers.name.clone(),
                    a.answers.applying_as.clone(),
                    show_time(&a.received_at),
                    a.status.label(),
                )
            })
            .collect(),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

#[derive(Template)]
#[template(path = "vetting_application.html")]
struct OnePage {
    chrome: Chrome,
    errors: FieldErrors,
    id: String,
    reference: String,
    status: &'static str,
    open: bool,
    answers: ApplicationInput,
    /// (slug, label, body, number).
    skills: Vec<(String, String, String, String)>,
    recruitment: Option<(String, Vec<String>)>,
    levels: Vec<(&'static str, &'static str)>,
    scopes: Vec<(&'static str, &'static str)>,
    /// Shown once, after approval.
    approved: Option<(String, String, String)>,
}

async fn render_one(
    state: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
    errors: FieldErrors,
    approved: Option<(String, String, String)>,
) -> Result<Response, PageError> {
    // The list is read (and recorded) through the service; this page is one of it.
    let record = volunteering::applications(state.ctx(), &caller.actor)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(PageError::NotFound)?;
    let parsed = peel_core::people::application::Application::parse(
        &record.answers,
        record.received_at.date(),
    )
    .ok();
    let status = errors.status();
    let html = OnePage {
        chrome: Chrome::for_caller(caller),
        errors,
        id: record.id.to_string(),
        reference: record.reference.to_string(),
        status: record.status.label(),
        open: record.status == peel_core::people::application::ApplicationStatus::Received,
        skills: record
            .answers
            .skills
            .iter()
            .map(|(slug, body, number)| {
                let label = Skill::from_slug(slug).map_or_else(|| slug.clone(), |s| s.label());
                (slug.clone(), label, body.clone(), number.clone())
            })
            .collect(),
        answers: record.answers,
        recruitment: parsed
            .and_then(|a| a.recruitment)
            .map(|r| (format!("{:?}", r.decision), r.reasons)),
        levels: Level::ALL.iter().map(|l| (l.slug(), l.label())).collect(),
        scopes: Scope::ALL.iter().map(|s| (s.slug(), s.label())).collect(),
        approved,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

fn application_id(id: &str) -> Result<uuid::Uuid, PageError> {
    uuid::Uuid::parse_str(id).map_err(|_| PageError::NotFound)
}

/// `GET /vetting/applications/{id}`.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Response, PageError> {
    render_one(
        &state,
        &caller,
        application_id(&id)?,
        FieldErrors::default(),
        None,
    )
    .await
}

/// `POST /vetting/applications/{id}/approve`: competence checked, clearance granted, onto a
/// panel with an account; the temporary password is shown once.
pub async fn approve(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = application_id(&id)?;
    let approval = Approval {
        username: field(&pairs, "username").to_owned(),
        panel: field(&pairs, "panel").to_owned(),
        verified: pairs
            .iter()
            .filter(|(k, _)| k == "verified")
            .map(|(_, v)| v.clone())
            .collect(),
        level: Level::from_slug(field(&pairs, "level")).unwrap_or(Level::Nppv2),
        scopes: pairs
            .iter()
            .filter(|(k, _)| k == "scope")
            .filter_map(|(_, v)| Scope::from_slug(v))
            .collect(),
        years: field(&pairs, "years").parse().unwrap_or(0),
    };
    match volunteering::approve(state.ctx(), &caller.actor, id, &approval).await {
        Ok(approved) => {
            let shown = (
                approved.person.person.id.to_string(),
                approval.username.clone(),
                approved.temporary_password,
            );
            render_one(&state, &caller, id, FieldErrors::default(), Some(shown)).await
        }
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            render_one(
                &state,
                &caller,
                id,
                FieldErrors::one(FieldError::new(field, message)),
                None,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /vetting/applications/{id}/decline`: not taken forward, with the reason the applicant
/// sees.
pub async fn decline(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = application_id(&id)?;
    match volunteering::decline(state.ctx(), &caller.actor, id, field(&pairs, "reason")).await {
        Ok(()) => Ok(crate::routes::see_other(&format!(
            "/vetting/applications/{id}"
        ))),
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            render_one(
                &state,
                &caller,
                id,
                FieldErrors::one(FieldError::new(field, message)),
                None,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
