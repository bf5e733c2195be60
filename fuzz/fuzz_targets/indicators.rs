//! The indicator extractor reads every report, concern and notification: it must never panic,
//! every range it reports must lie inside the text on character boundaries, and every
//! normaliser must give back its own output unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_link::{Kind, email, extract, iban, phone, url, vehicle, venue};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for found in extract(text, b"fuzz key") {
        assert!(found.start < found.end && found.end <= text.len());
        assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
        let again = match found.kind {
            Kind::Phone => phone(&found.value),
            Kind::Email => email(&found.value),
            Kind::Url => url(&found.value),
            Kind::Iban => iban(&found.value),
            Kind::Vehicle => vehicle(&found.value),
            Kind::Venue => venue(&found.value),
            _ => Some(found.value.clone()),
        };
        assert_eq!(again.as_deref(), Some(found.value.as_str()), "{:?} is not idempotent", found.kind);
    }
});
