//! CSV notifications with a header mapping: the first line of the input is the mapping
//! (`Their=peel_field,...`), the rest the file, read as the importer reads it. Nothing may
//! panic, and every row that reads must be canonical.
#![no_main]

use libfuzzer_sys::fuzz_target;
use time::macros::datetime;

#[path = "common/notification.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (mapping, file) = text.split_once('\n').unwrap_or((text, ""));
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(file.as_bytes());
    let Ok(header) = csv.headers().cloned() else { return };
    let names: Vec<&str> = header.iter().collect();
    let Ok(columns) = peel_notify::csv::columns(&names, mapping) else { return };
    for record in csv.records().flatten().take(64) {
        let row: Vec<&str> = record.iter().collect();
        let line = peel_notify::csv::row_to_line(&columns, &row);
        if let Ok(n) = peel_notify::parse_line(&line, 2, datetime!(2026-11-26 12:00 UTC)) {
            common::check(&n);
        }
    }
});
