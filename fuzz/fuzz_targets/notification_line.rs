//! Organisations' notifications come from outside, as Peel lines, MISP events or STIX bundles:
//! no reader may panic, and what each accepts must be canonical (its indicators read back to
//! themselves).
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_link::Kind;
use time::macros::datetime;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = datetime!(2026-11-26 12:00 UTC);
    let read = [
        peel_notify::parse_line(text, 1, now),
        peel_notify::mappers::from_misp(text, 1, now),
        peel_notify::mappers::from_stix(text, 1, now),
    ];
    for n in read.into_iter().flatten() {
        check(&n);
    }
});

fn check(n: &peel_notify::Notification) {
    assert!(!n.own_id.is_empty() && n.own_id.len() <= 128);
    for indicator in &n.indicators {
        let again = match indicator.kind {
            Kind::Phone => peel_link::phone(&indicator.value),
            Kind::Email => peel_link::email(&indicator.value),
            Kind::Url => peel_link::url(&indicator.value),
            Kind::Iban => peel_link::iban(&indicator.value),
            _ => Some(indicator.value.clone()),
        };
        assert_eq!(again.as_deref(), Some(indicator.value.as_str()));
    }
}
