//! A line in the Peel notification format, from an organisation's system: the reader may not
//! panic, and what it accepts must be canonical.
#![no_main]

use libfuzzer_sys::fuzz_target;
use time::macros::datetime;

#[path = "common/notification.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(n) = peel_notify::parse_line(text, 1, datetime!(2026-11-26 12:00 UTC)) {
        common::check(&n);
    }
});
