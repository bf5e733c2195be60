//! The public pages' language for a request: `?lang=` (kept for the browser session in a
//! cookie), then the browser's `Accept-Language`, then English. The messages themselves are
//! `peel-i18n`'s.

pub use peel_i18n::*;

/// The cookie that keeps a language chosen with `?lang=` for the browser session.
pub const COOKIE: &str = "peel_lang";

/// The language `?lang=` asks for, if it is one of ours.
fn asked(query: Option<&str>) -> Option<&'static Lang> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query?).ok()?;
    pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| by_code(v))
}

/// The language of a request: `?lang=`, then the cookie it set, then `Accept-Language`, then
/// English.
pub fn for_request(query: Option<&str>, headers: &axum::http::HeaderMap) -> &'static Lang {
    asked(query)
        .or_else(|| crate::auth::cookies::get(headers, COOKIE).and_then(|c| by_code(&c)))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(negotiate)
        })
        .unwrap_or_else(english)
}

/// Remembers a language chosen with `?lang=` for the rest of the browser session.
pub async fn remember(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let chosen = asked(request.uri().query());
    let mut response = next.run(request).await;
    if let Some(lang) = chosen
        && let Ok(value) =
            axum::http::HeaderValue::from_str(&crate::auth::cookies::set(&state, COOKIE, lang.code))
    {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests;
