//! First run: the one-time link that creates the first administrator.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::token::Secret;
use serde::Deserialize;

use crate::auth::csrf;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors, account_field_error};
use crate::routes::{page, see_other};
use crate::state::AppState;
use peel_app::accounts::{self, AccountError};

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    chrome: Chrome,
    token: String,
    csrf: String,
    username: String,
    errors: FieldErrors,
}

fn invalid_link() -> PageError {
    PageError::BadRequest(
        "This setup link is not valid. It may have been used already, or it may have expired. \
         If no administrator exists yet, restart peel serve to get a new link, or create one with \
         peel user add --role administrator NAME."
            .to_owned(),
    )
}

fn valid_token(token: &str) -> Option<Secret> {
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| Secret::presented(token))
}

/// The setup form, if the link is still usable.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let secret = valid_token(&token).ok_or_else(invalid_link)?;
    if !state
        .store()
        .setup_token_is_usable(&secret.digest(), state.now())
        .await?
    {
        return Err(invalid_link());
    }
    render(
        &state,
        &headers,
        token,
        String::new(),
        FieldErrors::default(),
        StatusCode::OK,
    )
}

fn render(
    state: &AppState,
    headers: &HeaderMap,
    token: String,
    username: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let html = SetupPage {
        chrome: Chrome::default(),
        token,
        csrf,
        username,
        errors,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

#[derive(Debug, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// Creates the first administrator and uses up the link.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<SetupForm>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, &form.csrf_token)?;
    let secret = valid_token(&token).ok_or_else(invalid_link)?;
    if form.password != form.confirm {
        let errors = FieldErrors::one(FieldError::new("confirm", "The passwords do not match"));
        return render(
            &state,
            &headers,
            token,
            form.username,
            errors,
            StatusCode::BAD_REQUEST,
        );
    }
    let organisation = state.settings().organisation.clone();
    let outcome = accounts::complete_setup(
        state.store(),
        &secret,
        state.now(),
        &form.username,
        &form.password,
        &organisation,
    )
    .await;
    let error = match outcome {
        Ok(_) => return Ok(see_other("/login?notice=setup_done")),
        Err(error) => account_field_error(error).map_err(|other| match other {
            AccountError::SetupLinkInvalid => invalid_link(),
            other => PageError::internal(&other),
        })?,
    };
    render(
        &state,
        &headers,
        token,
        form.username,
        FieldErrors::one(error),
        StatusCode::BAD_REQUEST,
    )
}
