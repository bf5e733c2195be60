//! Reading and writing the two cookies Peel sets: the session, and the CSRF cookie for forms
//! used before signing in.
//!
//! Both are `HttpOnly; SameSite=Strict; Path=/`, and `Secure` with the `__Host-` prefix except on
//! plain-HTTP localhost, where browsers would drop a `Secure` cookie.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

use crate::state::AppState;

/// The session cookie's name.
pub fn session_name(state: &AppState) -> &'static str {
    if state.config().cookie_secure {
        "__Host-peel_session"
    } else {
        "peel_session"
    }
}

/// The pre-sign-in CSRF cookie's name.
pub fn csrf_name(state: &AppState) -> &'static str {
    if state.config().cookie_secure {
        "__Host-peel_csrf"
    } else {
        "peel_csrf"
    }
}

/// The value of a cookie sent by the browser.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A `Set-Cookie` value that sets a cookie for the browser session.
pub fn set(state: &AppState, name: &str, value: &str) -> String {
    let secure = if state.config().cookie_secure {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// A `Set-Cookie` value that removes a cookie.
pub fn clear(state: &AppState, name: &str) -> String {
    let secure = if state.config().cookie_secure {
        "; Secure"
    } else {
        ""
    };
    format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}
