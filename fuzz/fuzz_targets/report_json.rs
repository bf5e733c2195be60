//! The report JSON parser takes the body of `POST /api/v1/reports` from anyone: it must never
//! panic, and it must refuse with a documented code or produce a report within the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_web::{ErrorCode, parse_report_body};

fuzz_target!(|data: &[u8]| {
    let now = time::macros::datetime!(2026-11-26 12:00 UTC);
    match parse_report_body("application/json", data, now) {
        Ok(report) => {
            assert!(!report.description.is_empty());
            assert!(report.description.chars().count() <= 4_000);
            assert!(report.occurred_at <= now + time::Duration::minutes(5));
        }
        Err(error) => assert!(matches!(error.code, ErrorCode::InvalidJson | ErrorCode::ValidationFailed)),
    }
});
