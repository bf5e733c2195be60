//! Administration: accounts and roles, sign-in lockouts, API keys.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Resource};
use peel_core::{ApiKeyId, OrganisationId, Role, RoleSet, TeamId, UserId};
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::{
    Chrome, FieldError, FieldErrors, RoleChoice, SessionView, account_field_error, role_choices,
    show_time,
};
use crate::routes::{field, page, raw_field, see_other};
use crate::state::AppState;
use peel_app::accounts::{self, AccountRequest};

#[derive(Debug, Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

fn notice_text(query: &Notice) -> Option<&'static str> {
    match query.notice.as_deref() {
        Some("created") => Some("The account has been created."),
        Some("roles_saved") => Some("The roles have been saved."),
        Some("team_saved") => Some("The team has been saved."),
        Some("sessions_revoked") => Some("The account has been signed out everywhere."),
        Some("lockout_cleared") => Some("The lockout has been cleared."),
        Some("key_revoked") => Some("The API key has been revoked. It no longer works."),
        Some("disabled") => {
            Some("The account is disabled: its sessions have ended and it cannot sign in.")
        }
        Some("enabled") => Some("The account is enabled again."),
        Some("totp_reset") => Some(
            "The one-time-password app has been removed. If the account needs one, it sets one up at its next sign-in.",
        ),
        _ => None,
    }
}

fn roles_from(pairs: &[(String, String)]) -> RoleSet {
    pairs
        .iter()
        .filter(|(key, _)| key == "role")
        .filter_map(|(_, value)| Role::parse(value))
        .collect()
}

struct UserRow {
    id: String,
    username: String,
    roles: String,
    organisation: String,
    created: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    users: Vec<UserRow>,
    errors: FieldErrors,
    username: String,
    role_choices: Vec<RoleChoice>,
}

async fn render_users(
    state: &AppState,
    caller: &Caller,
    notice: Option<&'static str>,
    errors: FieldErrors,
    username: String,
    roles: &RoleSet,
) -> Result<Response, PageError> {
    let users = state
        .store()
        .list_users()
        .await?
        .into_iter()
        .map(|user| UserRow {
            id: user.id.to_string(),
            roles: user
                .roles
                .iter()
                .map(Role::label)
                .collect::<Vec<_>>()
                .join(", "),
            created: show_time(&user.created_at),
            username: user.username.to_string(),
            organisation: user.organisation.to_string(),
        })
        .collect::<Vec<UserRow>>();
    record_view(
        state,
        caller,
        AuditCode::UsersViewed,
        "users",
        format!(
            "{} accounts shown: {}",
            users.len(),
            users
                .iter()
                .map(|u| u.username.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .await?;
    let status = errors.status();
    let html = UsersPage {
        chrome: Chrome::for_caller(caller),
        notice,
        users,
        errors,
        username,
        role_choices: role_choices(roles),
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /admin/users`.
pub async fn users(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ListUsers, &Resource::System)
        .await?;
    render_users(
        &state,
        &caller,
        notice_text(&query),
        FieldErrors::default(),
        String::new(),
        &RoleSet::empty(),
    )
    .await
}

/// `POST /admin/users`: creates an account.
pub async fn create_user(
    State(state): State<AppState>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::CreateUser, &Resource::System)
        .await?;
    let request = AccountRequest {
        username: field(&pairs, "username").to_owned(),
        password: raw_field(&pairs, "password").to_owned(),
        roles: roles_from(&pairs),
        organisation: state.settings().organisation.clone(),
        team: None,
    };
    let outcome =
        accounts::create_account(state.store(), &caller.actor, state.now(), &request).await;
    let error = match outcome {
        Ok(_) => return Ok(see_other("/admin/users?notice=created")),
        Err(error) => account_field_error(error).map_err(|other| PageError::internal(&other))?,
    };
    render_users(
        &state,
        &caller,
        None,
        FieldErrors::one(error),
        request.username,
        &request.roles,
    )
    .await
}

#[derive(Template)]
#[template(path = "user.html")]
struct UserPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    id: String,
    username: String,
    organisation: String,
    created: String,
    locked_until: Option<String>,
    throttle_key: String,
    role_choices: Vec<RoleChoice>,
    sessions: Vec<SessionView>,
    teams: Vec<(String, String, bool)>,
    disabled: bool,
    has_totp: bool,
    temporary_password: bool,
}

/// `GET /admin/users/{id}`.
pub async fn user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ListUsers, &Resource::System)
        .await?;
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    state
        .authorize(&caller, Action::ListSessions, &Resource::Account(id))
        .await?;
    let user = state.store().user(id).await?.ok_or(PageError::NotFound)?;
    let now = state.now();
    let throttle_key = format!("account:{}", user.username);
    let locked_until = state
        .store()
        .throttle(&throttle_key)
        .await?
        .and_then(|t| t.locked_until)
        .filter(|until| *until > now)
        .map(|until| show_time(&until));
    let policy = state.config().session;
    let sessions = state
        .store()
        .list_sessions(id)
        .await?
        .iter()
        .filter(|s| policy.is_live(s.created_at, s.last_seen_at, now))
        .map(|s| {
            SessionView::new(
                s,
                caller.session.as_ref().is_some_and(|c| c.id == s.id),
                None,
            )
        })
        .collect::<Vec<SessionView>>();
    record_view(
        &state,
        &caller,
        AuditCode::UserViewed,
        &format!("user:{id}"),
        format!(
            "account '{}' read with {} live sessions",
            user.username,
            sessions.len()
        ),
    )
    .await?;
    let teams = peel_app::intake::Teams::load(state.ctx())
        .await?
        .choices()
        .iter()
        .cloned()
        .map(|(id, name)| {
            let selected = user.team.as_ref() == Some(&id);
            (id.to_string(), name, selected)
        })
        .collect();
    let html = UserPage {
        chrome: Chrome::for_caller(&caller),
        notice: notice_text(&query),
        id: id.to_string(),
        organisation: user.organisation.to_string(),
        created: show_time(&user.created_at),
        locked_until,
        throttle_key,
        role_choices: role_choices(&user.roles),
        disabled: user.disabled_at.is_some(),
        has_totp: user.has_totp,
        temporary_password: user.temporary_password,
        sessions,
        teams,
        username: user.username.to_string(),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// `POST /admin/users/{id}/roles`: replaces an account's roles.
pub async fn change_roles(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    // Nobody changes their own roles: the policy refuses it on the account itself.
    state
        .authorize(&caller, Action::ChangeRoles, &Resource::Account(id))
        .await?;
    let user = state.store().user(id).await?.ok_or(PageError::NotFound)?;
    let roles = roles_from(&pairs);
    let event = state.audit_event(
        &caller,
        AuditCode::UserRolesChanged,
        &format!("user:{id}"),
        &format!(
            "roles of '{}' changed from [{}] to [{}]",
            user.username,
            user.roles.to_slugs(),
            roles.to_slugs()
        ),
    );
    let mut events = vec![event];
    if roles.has(Role::Auditor) && !user.roles.has(Role::Auditor) {
        events.push(state.audit_event(
            &caller,
            AuditCode::AuditorRoleGiven,
            &format!("user:{id}"),
            &format!("'{}' may now read the audit trail", user.username),
        ));
    }
    state.store().set_roles(id, &roles, events).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=roles_saved")))
}

/// `POST /admin/users/{id}/sessions/revoke-all`.
pub async fn revoke_user_sessions(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    state
        .authorize(&caller, Action::RevokeAllSessions, &Resource::Account(id))
        .await?;
    let user = state.store().user(id).await?.ok_or(PageError::NotFound)?;
    let event = state.audit_event(
        &caller,
        AuditCode::SessionRevokedAll,
        &format!("user:{id}"),
        &format!(
            "every session of '{}' signed out by an administrator",
            user.username
        ),
    );
    state
        .store()
        .revoke_user_sessions(id, state.now(), event)
        .await?;
    Ok(see_other(&format!(
        "/admin/users/{id}?notice=sessions_revoked"
    )))
}

struct LockView {
    key: String,
    failures: u32,
    until: String,
}

#[derive(Template)]
#[template(path = "lockouts.html")]
struct LockoutsPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    locks: Vec<LockView>,
}

/// `GET /admin/lockouts`.
pub async fn lockouts(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ClearLockout, &Resource::System)
        .await?;
    let locks = state
        .store()
        .locked_keys(state.now())
        .await?
        .into_iter()
        .map(|(key, throttle)| LockView {
            key,
            failures: throttle.failures,
            until: throttle
                .locked_until
                .as_ref()
                .map(show_time)
                .unwrap_or_default(),
        })
        .collect::<Vec<LockView>>();
    record_view(
        &state,
        &caller,
        AuditCode::LockoutsViewed,
        "lockouts",
        format!(
            "{} lockouts shown: {}",
            locks.len(),
            locks
                .iter()
                .map(|l| l.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .await?;
    let html = LockoutsPage {
        chrome: Chrome::for_caller(&caller),
        notice: notice_text(&query),
        locks,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// `POST /admin/lockouts/clear`.
pub async fn clear_lockout(
    State(state): State<AppState>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ClearLockout, &Resource::System)
        .await?;
    let key = field(&pairs, "key");
    if !(key.starts_with("account:") || key.starts_with("ip:")) {
        return Err(PageError::BadRequest(
            "That is not a lockout Peel knows about.".to_owned(),
        ));
    }
    let event = state.audit_event(
        &caller,
        AuditCode::LockoutCleared,
        key,
        "sign-in lockout cleared by an administrator",
    );
    state.store().clear_throttle(key, event).await?;
    Ok(see_other("/admin/lockouts?notice=lockout_cleared"))
}

struct KeyView {
    id: String,
    label: String,
    organisation: String,
    created: String,
    expires: String,
    status: &'static str,
    active: bool,
}

#[derive(Template)]
#[template(path = "api_keys.html")]
struct ApiKeysPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    errors: FieldErrors,
    created_key: Option<String>,
    keys: Vec<KeyView>,
    label: String,
    organisation: String,
    expires_days: String,
}

struct KeyForm {
    label: String,
    organisation: String,
    expires_days: String,
}

async fn render_keys(
    state: &AppState,
    caller: &Caller,
    notice: Option<&'static str>,
    errors: FieldErrors,
    created_key: Option<String>,
    form: KeyForm,
) -> Result<Response, PageError> {
    let now = state.now();
    let keys = state
        .store()
        .list_api_keys()
        .await?
        .into_iter()
        .map(|key| {
            let expired = key.expires_at.is_some_and(|at| at <= now);
            let (status, active) = match (key.revoked_at, expired) {
                (Some(_), _) => ("Revoked", false),
                (None, true) => ("Expired", false),
                (None, false) => ("Active", true),
            };
            KeyView {
                id: key.id.to_string(),
                label: key.label,
                organisation: key.organisation.to_string(),
                created: show_time(&key.created_at),
                expires: key
                    .expires_at
                    .as_ref()
                    .map(show_time)
                    .unwrap_or_else(|| "Never".into()),
                status,
                active,
            }
        })
        .collect::<Vec<KeyView>>();
    record_view(
        state,
        caller,
        AuditCode::ApiKeysViewed,
        "api_keys",
        format!("{} keys shown", keys.len()),
    )
    .await?;
    let status = errors.status();
    let html = ApiKeysPage {
        chrome: Chrome::for_caller(caller),
        notice,
        errors,
        created_key,
        keys,
        label: form.label,
        organisation: form.organisation,
        expires_days: form.expires_days,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /admin/api-keys`.
pub async fn api_keys(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::ListApiKeys, &Resource::System)
        .await?;
    let blank = KeyForm {
        label: String::new(),
        organisation: String::new(),
        expires_days: "365".into(),
    };
    render_keys(
        &state,
        &caller,
        notice_text(&query),
        FieldErrors::default(),
        None,
        blank,
    )
    .await
}

/// `POST /admin/api-keys`: creates a key and shows it once.
pub async fn create_api_key(
    State(state): State<AppState>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::CreateApiKey, &Resource::System)
        .await?;
    let form = KeyForm {
        label: field(&pairs, "label").to_owned(),
        organisation: field(&pairs, "organisation").to_lowercase(),
        expires_days: field(&pairs, "expires_days").to_owned(),
    };
    let mut errors = FieldErrors::default();
    if form.label.is_empty() || form.label.chars().count() > 100 {
        errors.0.push(FieldError::new(
            "label",
            "Enter what the key is for, in 100 characters or fewer",
        ));
    }
    let organisation = OrganisationId::parse(&form.organisation);
    if organisation.is_err() {
        errors.0.push(FieldError::new(
            "organisation",
            "Enter the organisation's short id: 1 to 64 lower-case letters, digits and hyphens",
        ));
    }
    let days = form
        .expires_days
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=730).contains(d));
    if days.is_none() {
        errors.0.push(FieldError::new(
            "expires_days",
            "Enter a number of days between 1 and 730",
        ));
    }
    let (Some(days), Ok(organisation)) = (days.filter(|_| errors.is_empty()), organisation) else {
        return render_keys(&state, &caller, None, errors, None, form).await;
    };

    let key = peel_app::accounts::issue_api_key(
        state.store(),
        &caller.actor,
        state.now(),
        &form.label,
        &organisation,
        days,
        AuditCode::ApiKeyCreated,
    )
    .await?;
    let blank = KeyForm {
        label: String::new(),
        organisation: String::new(),
        expires_days: "365".into(),
    };
    render_keys(
        &state,
        &caller,
        None,
        FieldErrors::default(),
        Some(key),
        blank,
    )
    .await
}

/// `POST /admin/api-keys/{id}/revoke`.
pub async fn revoke_api_key(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::RevokeApiKey, &Resource::System)
        .await?;
    let id = ApiKeyId::parse(&id).ok_or(PageError::NotFound)?;
    let event = state.audit_event(
        &caller,
        AuditCode::ApiKeyRevoked,
        &format!("api_key:{id}"),
        "API key revoked by an administrator",
    );
    if !state.store().revoke_api_key(id, state.now(), event).await? {
        return Err(PageError::NotFound);
    }
    Ok(see_other("/admin/api-keys?notice=key_revoked"))
}

/// `POST /admin/users/{id}/team`: the team whose queue the account sees first.
pub async fn change_team(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).ok_or(PageError::NotFound)?;
    // An account's team decides which reports it reads: nobody changes their own.
    state
        .authorize(&caller, Action::ChangeRoles, &Resource::Account(id))
        .await?;
    let user = state.store().user(id).await?.ok_or(PageError::NotFound)?;
    let team = match Some(field(&pairs, "team")).filter(|t| !t.is_empty()) {
        None => None,
        Some(team) => match TeamId::parse(team) {
            Ok(team)
                if peel_app::intake::Teams::load(state.ctx())
                    .await?
                    .contains(&team) =>
            {
                Some(team)
            }
            _ => {
                return Err(PageError::BadRequest(
                    "Choose a team from the list.".to_owned(),
                ));
            }
        },
    };
    let event = state.audit_event(
        &caller,
        AuditCode::UserTeamChanged,
        &format!("user:{id}"),
        &format!(
            "team of '{}' set to {}",
            user.username,
            team.as_ref().map_or("none", TeamId::as_str)
        ),
    );
    state.store().set_team(id, team.as_ref(), event).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=team_saved")))
}

/// Records an administration page's reading of personal data (accounts, their sessions'
/// addresses and browsers, lockouts naming accounts and addresses, keys and who made them).
async fn record_view(
    state: &AppState,
    caller: &Caller,
    code: AuditCode,
    subject: &str,
    detail: String,
) -> Result<(), PageError> {
    let event = state.audit_event(caller, code, subject, &detail);
    state.store().append_audit(vec![event]).await?;
    Ok(())
}
