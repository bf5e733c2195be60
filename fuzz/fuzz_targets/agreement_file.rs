//! A sharing agreement file comes from its owner, and may be anything: reading it must never
//! panic, and what it accepts is an agreement whose dates run in order, with at least one
//! party, category and recipient.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::sharing::Agreement;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(agreement) = Agreement::from_toml(text, 1) {
        assert!(agreement.start <= agreement.review && agreement.review <= agreement.expires);
        assert!(!agreement.parties.is_empty());
        assert!(!agreement.categories.is_empty());
        assert!(!agreement.recipients.is_empty());
    }
});
