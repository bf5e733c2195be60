//! Cross-site request forgery protection for every state-changing form.
//!
//! Signed in, each form carries the session's own token. Before signing in (the sign-in and
//! setup forms, the public report and status forms) a random nonce sits in a
//! `SameSite=Strict` cookie and the form carries its keyed hash under the server's key, so an
//! attacker who plants a cookie cannot make a matching field. Comparisons take constant time.

use axum::http::HeaderMap;
use peel_core::token::Secret;
use subtle::ConstantTimeEq;

use crate::auth::{Caller, cookies};
use crate::error::PageError;
use crate::state::AppState;

/// The hidden field's name in every form.
pub const FIELD: &str = "csrf_token";

/// Checks a signed-in form's token against the session's (for [`CsrfForm`]).
pub(crate) fn check_session_form(caller: &Caller, presented: &str) -> Result<(), PageError> {
    // A session still signing in has a token too (it may sign out); it acts as the public.
    let pending = caller.pending.as_ref().map(|(_, session)| session);
    let Some(session) = caller.session.as_ref().or(pending) else {
        return Err(PageError::SignInRequired);
    };
    if same(&session.csrf_token, presented) {
        Ok(())
    } else {
        Err(rejected())
    }
}

/// The form token for a pre-sign-in cookie's nonce: a keyed hash of it under the server's
/// key, so that a cookie and field pair chosen by an attacker (who can set a cookie on plain
/// HTTP, where it has no `__Host-` prefix) never matches (finding L-3).
fn bound_token(state: &AppState, nonce: &str) -> String {
    hex::encode(peel_core::token::keyed_digest(
        &state.settings().card_key,
        "peel-csrf-v1",
        &[nonce.as_bytes()],
    ))
}

/// Checks a pre-sign-in form's token against its cookie's nonce.
pub fn check_cookie_form(
    state: &AppState,
    headers: &HeaderMap,
    presented: &str,
) -> Result<(), PageError> {
    // A browser says when a form comes from another site: refused outright (a pair fetched
    // from Peel and planted in a cookie on plain HTTP would otherwise pass).
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"));
    if cross_site {
        return Err(rejected());
    }
    match cookies::get(headers, cookies::csrf_name(state)) {
        Some(nonce) if same(&bound_token(state, &nonce), presented) => Ok(()),
        _ => Err(rejected()),
    }
}

/// The pre-sign-in token to use: the browser's existing cookie, or a new one to set.
pub fn cookie_token(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(String, Option<String>), PageError> {
    if let Some(existing) = cookies::get(headers, cookies::csrf_name(state))
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Ok((bound_token(state, &existing), None));
    }
    let nonce = new_secret()?.expose().to_owned();
    let set_cookie = cookies::set(state, cookies::csrf_name(state), &nonce);
    Ok((bound_token(state, &nonce), Some(set_cookie)))
}

/// A fresh random secret.
pub fn new_secret() -> Result<Secret, PageError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| PageError::Internal)?;
    Ok(Secret::from_random(bytes))
}

/// Whether a presented token is the expected one, in constant time.
pub fn same_token(expected: &str, presented: &str) -> bool {
    same(expected, presented)
}

fn same(expected: &str, presented: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(presented.as_bytes()))
}

fn rejected() -> PageError {
    PageError::BadRequest(
        "The form had expired or did not come from this site. Go back, reload the page and try again."
            .to_owned(),
    )
}

/// A signed-in form, read into `T` once its CSRF token has been checked against the session's:
/// `CsrfForm(caller, form)`. `T` may be `Vec<(String, String)>` where a field repeats (a list
/// of checkboxes).
#[derive(Debug)]
pub struct CsrfForm<T>(pub Caller, pub T);

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(
        request: axum::extract::Request,
        state: &AppState,
    ) -> Result<CsrfForm<T>, PageError> {
        let (mut parts, body) = request.into_parts();
        let caller = <Caller as axum::extract::FromRequestParts<AppState>>::from_request_parts(
            &mut parts, state,
        )
        .await
        .map_err(|_| PageError::SignInRequired)?;
        let bytes = axum::body::to_bytes(body, FORM_LIMIT)
            .await
            .map_err(|_| PageError::BadRequest("The form is too large.".to_owned()))?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| unreadable())?;
        let presented = pairs
            .iter()
            .find(|(name, _)| name == FIELD)
            .map_or("", |(_, value)| value.as_str());
        check_session_form(&caller, presented)?;
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| unreadable())?;
        Ok(CsrfForm(caller, form))
    }
}

/// The largest form body read.
const FORM_LIMIT: usize = 256 * 1024;

fn unreadable() -> PageError {
    PageError::BadRequest("The form could not be read. Go back and try again.".to_owned())
}
