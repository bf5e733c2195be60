//! An administrator manages another's account: a temporary password, disabling and enabling,
//! removing a lost one-time-password app. The rules are `peel_app::credentials`'; these are the
//! adapters.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_core::UserId;

use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::Chrome;
use crate::routes::{page, see_other};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "temporary_password.html")]
struct TemporaryPage {
    chrome: Chrome,
    id: String,
    username: String,
    password: String,
}

/// `POST /admin/users/{id}/password`: shows the temporary password once.
pub async fn reset_password(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    let password = peel_app::credentials::reset_password(state.ctx(), &caller.actor, id).await?;
    let user = state.store().user(id).await?.ok_or(PageError::NotFound)?;
    let html = TemporaryPage {
        chrome: Chrome::for_caller(&caller),
        id: id.to_string(),
        username: user.username.to_string(),
        password,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// `POST /admin/users/{id}/disable`.
pub async fn disable(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    peel_app::credentials::set_disabled(state.ctx(), &caller.actor, id, true).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=disabled")))
}

/// `POST /admin/users/{id}/enable`.
pub async fn enable(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    peel_app::credentials::set_disabled(state.ctx(), &caller.actor, id, false).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=enabled")))
}

/// `POST /admin/users/{id}/totp-reset`.
pub async fn reset_totp(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    peel_app::credentials::reset_totp(state.ctx(), &caller.actor, id).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=totp_reset")))
}
