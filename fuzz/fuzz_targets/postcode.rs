//! The postcode parser takes anything typed into the report form or sent to the API: it must
//! never panic, and what it accepts must be canonical and parse to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::postcode::Postcode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(postcode) = Postcode::parse(text) {
        let canonical = postcode.as_ref();
        assert!(canonical.len() <= 8);
        assert_eq!(canonical.matches(' ').count(), 1);
        assert_eq!(Postcode::parse(canonical).ok(), Some(postcode.clone()));
    }
});
