//! The language of a request comes from anyone's `Accept-Language` header and `?lang=` query:
//! reading them must never panic, and always gives one of the public pages' languages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_web::i18n;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(lang) = i18n::negotiate(&text) {
        assert!(i18n::LANGUAGES.iter().any(|l| std::ptr::eq(l, lang)));
    }
    let mut headers = axum::http::HeaderMap::new();
    if let Ok(value) = axum::http::HeaderValue::from_str(&text) {
        headers.insert(axum::http::header::ACCEPT_LANGUAGE, value.clone());
        headers.insert(axum::http::header::COOKIE, value);
    }
    let lang = i18n::for_request(Some(&text), &headers);
    assert!(i18n::LANGUAGES.iter().any(|l| std::ptr::eq(l, lang)));
});
