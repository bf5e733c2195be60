//! The satisfaction survey, answered without signing in through its one-time link, and the
//! results for analysts and supervisors by channel and community.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::survey::{self, QUESTIONS, SCALE};
use peel_store::SurveyAnswers;

use crate::auth::{Caller, csrf};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::page;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "survey.html")]
struct SurveyPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    token: String,
    done: bool,
    /// Each question's field name and message id.
    questions: Vec<(&'static str, String)>,
    /// Each answer's value and message id.
    scale: Vec<(i64, String)>,
}

fn render(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    token: &str,
    errors: FieldErrors,
    done: bool,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let status = errors.status();
    let html = SurveyPage {
        chrome: Chrome::for_caller(caller),
        csrf,
        errors,
        token: token.to_owned(),
        done,
        questions: QUESTIONS
            .iter()
            .map(|(id, _)| (*id, format!("survey-{id}")))
            .collect(),
        scale: SCALE
            .iter()
            .map(|(value, _)| (*value, format!("scale-{value}")))
            .collect(),
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

fn gone(error: ServiceError) -> PageError {
    match error {
        ServiceError::NotFound => PageError::NotFound,
        ServiceError::Moved(message) => PageError::BadRequest(format!("{message}.")),
        other => other.into(),
    }
}

/// `GET /survey/{token}`.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    survey::open(state.ctx(), &token).await.map_err(gone)?;
    render(
        &state,
        &headers,
        &caller,
        &token,
        FieldErrors::default(),
        false,
    )
}

/// `POST /survey/{token}`: the answers, once.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    Path(token): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    csrf::check_cookie_form(&state, &headers, field(csrf::FIELD).unwrap_or_default())?;
    let mut errors = Vec::new();
    let mut scores = [0_i64; 4];
    for (slot, (name, _)) in scores.iter_mut().zip(QUESTIONS) {
        match survey::score(name, field(name)) {
            Ok(n) => *slot = n,
            Err(ServiceError::Invalid { field, message }) => {
                errors.push(FieldError::new(field, message));
            }
            Err(other) => return Err(other.into()),
        }
    }
    if !errors.is_empty() {
        return render(
            &state,
            &headers,
            &caller,
            &token,
            FieldErrors(errors),
            false,
        );
    }
    let [ease, kept_informed, treatment, whole_experience] = scores;
    let answers = SurveyAnswers {
        ease,
        kept_informed,
        treatment,
        whole_experience,
    };
    match survey::answer(state.ctx(), &token, answers, field("comment")).await {
        Ok(()) => render(
            &state,
            &headers,
            &caller,
            &token,
            FieldErrors::default(),
            true,
        ),
        Err(ServiceError::Invalid { field, message }) => render(
            &state,
            &headers,
            &caller,
            &token,
            FieldErrors::one(FieldError::new(field, message)),
            false,
        ),
        Err(other) => Err(gone(other)),
    }
}

#[derive(Template)]
#[template(path = "satisfaction.html")]
struct SatisfactionPage {
    chrome: Chrome,
    rows: Vec<(&'static str, String, usize, String, String, String, String)>,
}

/// `GET /satisfaction`: for analysts and supervisors.
pub async fn results(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let rows = survey::results(state.ctx(), &caller.actor).await?;
    let html = SatisfactionPage {
        chrome: Chrome::for_caller(&caller),
        rows: rows
            .into_iter()
            .map(|r| {
                (
                    r.channel.label(),
                    r.community.unwrap_or_else(|| "Not given".into()),
                    r.answered,
                    format!("{:.0}%", r.satisfied_percent),
                    format!("{:.1}", r.means[0]),
                    format!("{:.1}", r.means[1]),
                    format!("{:.1}", r.means[2]),
                )
            })
            .collect(),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
