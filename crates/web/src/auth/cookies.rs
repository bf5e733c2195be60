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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use proptest::prelude::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).unwrap());
        headers
    }

    #[test]
    fn the_named_cookie_is_found_among_others() {
        let headers = headers("theme=dark; peel_session=abc123; other=x=y");
        assert_eq!(get(&headers, "peel_session").as_deref(), Some("abc123"));
        assert_eq!(get(&headers, "other").as_deref(), Some("x=y"));
        assert_eq!(get(&headers, "missing"), None);
    }

    #[test]
    fn a_cookie_whose_name_only_ends_with_ours_is_not_ours() {
        assert_eq!(get(&headers("evil_peel_session=abc"), "peel_session"), None);
    }

    proptest! {
        #[test]
        fn any_cookie_header_is_read_without_panicking(text in "[ -~]{0,200}") {
            if let Ok(value) = HeaderValue::from_str(&text) {
                let mut headers = HeaderMap::new();
                headers.insert(COOKIE, value);
                let _ = get(&headers, "peel_session");
            }
        }

        #[test]
        fn a_value_we_set_is_read_back(value in "[0-9a-f]{1,64}", before in "[a-z]{1,8}=[a-z]{0,8}") {
            let headers = headers(&format!("{before}; peel_session={value}"));
            prop_assert_eq!(get(&headers, "peel_session"), Some(value));
        }
    }
}
