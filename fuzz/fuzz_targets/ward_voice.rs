//! A resident's voice on their ward's priorities comes from a public form and may be anything:
//! its theme, words and address are read without panicking, what is kept is within bounds,
//! and one mailbox written twice the same way is one voter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::stats::priority::{self, MAX_NOTE, Theme};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, '\u{0}');
    let (theme, words, email) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let _ = Theme::parse(theme);
    if let Ok(kept) = priority::text(words, MAX_NOTE) {
        assert!(!kept.is_empty());
        assert!(kept.chars().count() <= MAX_NOTE);
        assert!(!kept.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')));
    }
    if let Some(canonical) = peel_link::email(email) {
        let voter = priority::voter_address(&canonical);
        assert_eq!(priority::voter_address(&voter), voter);
    }
});
