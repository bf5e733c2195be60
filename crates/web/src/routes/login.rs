//! Signing in and out.
//!
//! **This is a security-sensitive module.** Failed attempts are throttled per account and per
//! network address; unknown usernames cost the same time as known ones and get the same answer.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::USER_AGENT;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::audit::AuditCode;
use peel_core::policy::Actor;
use peel_core::session::SessionStage;
use peel_core::throttle::{self, Locked, ThrottlePolicy};
use peel_core::{SessionId, UserId};
use peel_store::NewSession;
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::{Caller, cookies, csrf};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::{page, see_other};
use crate::state::AppState;
use peel_app::audit::event as audit_event_by;
use peel_app::password;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf: String,
    username: String,
    errors: FieldErrors,
    notice: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

/// The sign-in form.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    if caller.user.is_some() {
        return Ok(see_other("/"));
    }
    if let Some((_, session)) = &caller.pending {
        return Ok(see_other(next_page(session.stage)));
    }
    let notice = match query.notice.as_deref() {
        Some("setup_done") => Some("The administrator account has been created. Sign in with it."),
        Some("signed_out") => Some("You have signed out."),
        Some("signed_out_everywhere") => Some("You have been signed out everywhere."),
        _ => None,
    };
    render(
        &state,
        &headers,
        String::new(),
        FieldErrors::default(),
        notice,
        StatusCode::OK,
    )
}

fn render(
    state: &AppState,
    headers: &HeaderMap,
    username: String,
    errors: FieldErrors,
    notice: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let html = LoginPage {
        chrome: Chrome::default(),
        csrf,
        username,
        errors,
        notice,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// Checks the credentials and starts a session.
pub async fn submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, &form.csrf_token)?;
    let store = state.store();
    let now = state.now();
    let username = form.username.trim().to_lowercase();
    let ip = client.to_string();
    if username.is_empty() || username.chars().count() > 64 {
        let errors = FieldErrors::one(FieldError::new("username", "Enter your username"));
        return render(
            &state,
            &headers,
            username,
            errors,
            None,
            StatusCode::BAD_REQUEST,
        );
    }
    let account_key = format!("account:{username}");
    let ip_key = format!("ip:{ip}");
    let account_state = store.throttle(&account_key).await?;
    let ip_state = store.throttle(&ip_key).await?;
    let public = |event: AuditCode, detail: String| {
        audit_event_by(&Actor::public_as(&ip), now, event, &account_key, detail)
    };

    let locked = throttle::check(account_state.as_ref(), now)
        .and_then(|()| throttle::check(ip_state.as_ref(), now));
    if let Err(locked) = locked {
        store
            .append_audit(vec![public(
                AuditCode::LoginRefusedLocked,
                format!("attempt from {ip} while locked"),
            )])
            .await?;
        return locked_page(&state, &headers, username, locked);
    }

    // A name that cannot be a username has no account; it is checked against the dummy hash
    // all the same, so the time taken says nothing.
    let credentials = match peel_core::username::Username::parse(&username) {
        Ok(name) => store.credentials(&name).await?,
        Err(_) => None,
    };
    let stored_hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let password_ok = password::verify(&form.password, stored_hash).await;
    let Some(credentials) = credentials.filter(|_| password_ok) else {
        let (account_next, account_locked) =
            throttle::record_failure(account_state, now, ThrottlePolicy::ACCOUNT);
        let (ip_next, ip_locked) = throttle::record_failure(ip_state, now, ThrottlePolicy::ADDRESS);
        let mut events = vec![public(
            AuditCode::LoginFailed,
            format!(
                "wrong username or password from {ip} (failure {})",
                account_next.failures
            ),
        )];
        if account_locked {
            events.push(public(
                AuditCode::LoginLocked,
                "account locked after repeated failures".into(),
            ));
        }
        if ip_locked {
            events.push(public(
                AuditCode::LoginAddressLocked,
                format!("address {ip} locked"),
            ));
        }
        store
            .record_login_failure(&[(account_key, account_next), (ip_key, ip_next)], events)
            .await?;
        if let Some(until) = account_next.locked_until.or(ip_next.locked_until) {
            return locked_page(&state, &headers, username, Locked { until });
        }
        let errors = FieldErrors::one(FieldError::new(
            "username",
            "Enter a correct username and password",
        ));
        return render(
            &state,
            &headers,
            username,
            errors,
            None,
            StatusCode::UNAUTHORIZED,
        );
    };

    if credentials.user.disabled_at.is_some() {
        // Said only once the password was right, so it tells a guesser nothing.
        store
            .append_audit(vec![public(
                AuditCode::LoginRefusedLocked,
                format!("sign-in to a disabled account from {ip}"),
            )])
            .await?;
        let errors = FieldErrors::one(FieldError::new(
            "username",
            "This account has been disabled. If you need it, ask your administrator",
        ));
        return render(
            &state,
            &headers,
            username,
            errors,
            None,
            StatusCode::FORBIDDEN,
        );
    }
    let stage = peel_app::credentials::stage_after_password(state.ctx(), &credentials).await?;
    start_session(
        &state,
        &headers,
        credentials.user.id,
        credentials.user.username.as_ref(),
        &ip,
        account_key,
        stage,
    )
    .await
}

/// Where a session at `stage` goes next.
pub(crate) fn next_page(stage: SessionStage) -> &'static str {
    match stage {
        SessionStage::Full => "/",
        SessionStage::SecondFactor => "/login/code",
        SessionStage::Enrol => "/login/setup-code",
        SessionStage::ChangePassword => "/login/new-password",
    }
}

async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user_id: UserId,
    username: &str,
    ip: &str,
    account_key: String,
    stage: SessionStage,
) -> Result<Response, PageError> {
    let now = state.now();
    let token = csrf::new_secret()?;
    let session = NewSession {
        id: SessionId(uuid::Uuid::now_v7()),
        token_digest: token.digest(),
        user_id,
        csrf_token: csrf::new_secret()?.expose().to_owned(),
        created_at: now,
        ip: ip.to_owned(),
        user_agent: headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect(),
        stage,
    };
    let actor = Actor {
        principal: peel_core::policy::Principal::User(user_id),
        roles: peel_core::RoleSet::empty(),
        organisation: None,
        team: None,
        supervises: Vec::new(),
        label: username.to_owned(),
        reason: None,
    };
    let event = audit_event_by(
        &actor,
        now,
        AuditCode::LoginSucceeded,
        format!("user:{user_id}"),
        if stage == SessionStage::Full {
            format!("signed in from {ip}, session {}", session.id)
        } else {
            format!(
                "password right from {ip}, session {}: {}",
                session.id,
                stage.label().to_lowercase()
            )
        },
    );
    state
        .store()
        .create_session(&session, &[account_key], event)
        .await?;
    let mut response = see_other(next_page(stage));
    let cookie = cookies::set(state, cookies::session_name(state), token.expose());
    if let Ok(value) = cookie.parse() {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    Ok(response)
}

fn locked_page(
    state: &AppState,
    headers: &HeaderMap,
    username: String,
    locked: Locked,
) -> Result<Response, PageError> {
    let message = format!(
        "There have been too many wrong attempts. Try again after {}, or ask an administrator to clear the lockout",
        show_time(&locked.until)
    );
    let errors = FieldErrors::one(FieldError::new("username", message));
    render(
        state,
        headers,
        username,
        errors,
        None,
        StatusCode::TOO_MANY_REQUESTS,
    )
}

/// Ends the current session.
pub async fn logout(
    State(state): State<AppState>,
    CsrfForm(caller, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (user, session) = match (&caller.user, &caller.session, &caller.pending) {
        (Some(user), Some(session), _) => (user, session),
        // A session still signing in may be given up too.
        (_, _, Some((user, session))) => (user, session),
        _ => return Ok(see_other("/login")),
    };
    let event = state.audit_event(
        &caller,
        AuditCode::SessionEnded,
        &format!("user:{}", user.id),
        &format!("signed out of session {}", session.id),
    );
    state
        .store()
        .revoke_session(user.id, session.id, state.now(), event)
        .await?;
    Ok(signed_out(&state, "/login?notice=signed_out"))
}

/// A redirect that also removes the session cookie.
pub(crate) fn signed_out(state: &AppState, location: &str) -> Response {
    let mut response = see_other(location);
    if let Ok(value) = cookies::clear(state, cookies::session_name(state)).parse() {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    response
}
