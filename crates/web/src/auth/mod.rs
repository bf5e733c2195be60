//! Who is calling: a signed-in session (cookie), an API client (bearer key), or the public.
//!
//! **This is a security-sensitive module.** It turns credentials into an [`Actor`]; what the
//! actor may then do is decided only by the access policy.

pub mod cookies;
pub mod csrf;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use peel_core::policy::{Actor, Principal};
use peel_core::token::{Secret, split_api_key};
use peel_store::{SessionRecord, User};
use subtle::ConstantTimeEq;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// The caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Who is acting, with roles and organisation.
    pub actor: Actor,
    /// The signed-in account, if any.
    pub user: Option<User>,
    /// The session, if signed in with a cookie.
    pub session: Option<SessionRecord>,
    /// A session still signing in (a one-time password owed, an app to set up, a temporary
    /// password to replace), with its account: it acts as the public everywhere else.
    pub pending: Option<(User, SessionRecord)>,
    /// The language of the request (`?lang=`, its cookie, `Accept-Language`, English).
    pub tr: crate::i18n::Tr,
    /// The path asked for, for the language switcher's links.
    pub path: String,
}

impl Caller {
    /// A member of the public.
    pub fn public() -> Caller {
        Caller {
            actor: Actor::public(),
            user: None,
            session: None,
            pending: None,
            tr: crate::i18n::Tr::default(),
            path: String::new(),
        }
    }

    /// The stable reference written to the audit trail.
    pub fn actor_ref(&self) -> String {
        self.actor.reference()
    }

    /// The CSRF token of the session, or empty when not signed in.
    pub fn csrf_token(&self) -> &str {
        self.session
            .as_ref()
            .map(|s| s.csrf_token.as_str())
            .unwrap_or_default()
    }
}

impl Caller {
    /// The caller named by a request's headers: an API key, a session cookie, or the public;
    /// with the reason stated in `X-Peel-Reason` for reading another team's work, if any.
    pub async fn from_headers(headers: &HeaderMap, state: &AppState) -> Result<Caller, ApiError> {
        let caller = if let Some(value) = headers.get(AUTHORIZATION) {
            api_client(value.to_str().unwrap_or_default(), state).await?
        } else if let Some(secret) = cookies::get(headers, cookies::session_name(state)) {
            session_caller(&Secret::presented(&secret), state).await?
        } else {
            return Ok(Caller::public());
        };
        let reason = headers
            .get(REASON_HEADER)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        Ok(caller.with_reason(reason.as_deref()))
    }

    /// The same caller, stating `reason` for reading another team's work (from the header, or
    /// a page's reason form).
    pub fn with_reason(self, reason: Option<&str>) -> Caller {
        Caller {
            actor: self.actor.with_reason(reason),
            ..self
        }
    }
}

/// The header that states the reason for reading another team's work (break glass).
pub const REASON_HEADER: &str = "x-peel-reason";

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let caller = Caller::from_headers(&parts.headers, state).await?;
        Ok(Caller {
            tr: crate::i18n::Tr(crate::i18n::for_request(parts.uri.query(), &parts.headers)),
            path: parts.uri.path().to_owned(),
            ..caller
        })
    }
}

async fn session_caller(secret: &Secret, state: &AppState) -> Result<Caller, ApiError> {
    let store = state.store();
    let Some(session) = store.session_by_token(&secret.digest()).await? else {
        return Ok(Caller::public());
    };
    let now = state.now();
    let policy = state.config().session;
    if !policy.is_live(session.created_at, session.last_seen_at, now) {
        return Ok(Caller::public());
    }
    let Some(user) = store.user(session.user_id).await? else {
        return Ok(Caller::public());
    };
    if policy.needs_touch(session.last_seen_at, now) {
        store.touch_session(session.id, now).await?;
    }
    if session.stage != peel_core::session::SessionStage::Full {
        return Ok(Caller {
            pending: Some((user, session)),
            ..Caller::public()
        });
    }
    Ok(Caller {
        actor: Actor {
            principal: Principal::User(user.id),
            roles: user.roles.clone(),
            organisation: Some(user.organisation.clone()),
            team: user.team.clone(),
            supervises: user.supervises.clone(),
            label: user.username.to_string(),
            reason: None,
        },
        user: Some(user),
        session: Some(session),
        pending: None,
        ..Caller::public()
    })
}

async fn api_client(header: &str, state: &AppState) -> Result<Caller, ApiError> {
    let invalid = || ApiError::new(ErrorCode::InvalidApiKey);
    let presented = header.strip_prefix("Bearer ").ok_or_else(invalid)?.trim();
    let (key_ref, secret) = split_api_key(presented).ok_or_else(invalid)?;
    let record = state
        .store()
        .api_key_by_ref(key_ref)
        .await?
        .ok_or_else(invalid)?;
    let matches: bool = record
        .digest
        .as_bytes()
        .ct_eq(secret.digest().as_bytes())
        .into();
    let expired = record.expires_at.is_some_and(|at| at <= state.now());
    if !matches || record.revoked_at.is_some() || expired {
        return Err(invalid());
    }
    Ok(Caller {
        actor: Actor {
            principal: Principal::ApiClient(record.id),
            roles: peel_core::RoleSet::empty(),
            organisation: Some(record.organisation.clone()),
            team: None,
            supervises: Vec::new(),
            label: format!("{} ({})", record.label, record.organisation),
            reason: None,
        },
        user: None,
        session: None,
        pending: None,
        ..Caller::public()
    })
}
