//! A person's own account: their details and where they are signed in.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_core::SessionId;
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Resource};
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::{Chrome, SessionView};
use crate::routes::login::signed_out;
use crate::routes::{page, see_other};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    username: String,
    roles: Vec<&'static str>,
    organisation: String,
    sessions: Vec<SessionView>,
}

#[derive(Debug, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

/// The account page, with an optional notice.
async fn render(
    state: &AppState,
    caller: &Caller,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let user = caller.user.as_ref().ok_or(PageError::SignInRequired)?;
    state
        .authorize(caller, Action::ViewOwnAccount, &Resource::System)
        .await?;
    state
        .authorize(caller, Action::ListSessions, &Resource::Account(user.id))
        .await?;
    let current = caller.session.as_ref().map(|s| s.id);
    let sessions = state
        .store()
        .list_sessions(user.id)
        .await?
        .iter()
        .filter(|s| {
            state
                .config()
                .session
                .is_live(s.created_at, s.last_seen_at, state.now())
        })
        .map(|s| {
            let action = format!("/account/sessions/{}/revoke", s.id);
            SessionView::new(s, Some(s.id) == current, Some(action))
        })
        .collect();
    let html = AccountPage {
        chrome: Chrome::for_caller(caller),
        notice,
        username: user.username.to_string(),
        roles: user.roles.iter().map(|role| role.label()).collect(),
        organisation: user.organisation.to_string(),
        sessions,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// `GET /account`.
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    let notice = match query.notice.as_deref() {
        Some("revoked") => Some("That session has been signed out."),
        Some("password_changed") => {
            Some("Your password has been changed. Your other sessions have been signed out.")
        }
        _ => None,
    };
    render(&state, &caller, notice).await
}

/// Ends one of the caller's own sessions.
pub async fn revoke_one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = caller.user.as_ref().ok_or(PageError::SignInRequired)?;
    state
        .authorize(&caller, Action::RevokeSession, &Resource::Account(user.id))
        .await?;
    let id = SessionId::parse(&id).ok_or(PageError::NotFound)?;
    let event = state.audit_event(
        &caller,
        AuditCode::SessionRevoked,
        &format!("user:{}", user.id),
        &format!("session {id} signed out by its owner"),
    );
    if !state
        .store()
        .revoke_session(user.id, id, state.now(), event)
        .await?
    {
        return Err(PageError::NotFound);
    }
    if caller.session.as_ref().is_some_and(|s| s.id == id) {
        return Ok(signed_out(&state, "/login?notice=signed_out"));
    }
    Ok(see_other("/account?notice=revoked"))
}

/// Ends every session of the caller, including this one.
pub async fn revoke_all(
    State(state): State<AppState>,
    CsrfForm(caller, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = caller.user.as_ref().ok_or(PageError::SignInRequired)?;
    state
        .authorize(
            &caller,
            Action::RevokeAllSessions,
            &Resource::Account(user.id),
        )
        .await?;
    let event = state.audit_event(
        &caller,
        AuditCode::SessionRevokedAll,
        &format!("user:{}", user.id),
        "every session signed out by the account holder",
    );
    state
        .store()
        .revoke_user_sessions(user.id, state.now(), event)
        .await?;
    Ok(signed_out(&state, "/login?notice=signed_out_everywhere"))
}
