//! A MISP event, mapped onto a notification: the mapper may not panic, and what it accepts must
//! be canonical.
#![no_main]

use libfuzzer_sys::fuzz_target;
use time::macros::datetime;

#[path = "common/notification.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for read in peel_notify::mappers::from_misp(text, 1, datetime!(2026-11-26 12:00 UTC)) {
        if let Ok(peel_notify::mappers::Read::Notification(mapped)) = read {
            common::check(&mapped.notification);
        }
    }
});
