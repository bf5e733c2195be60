//! A Public Attitude Survey extract comes from outside and may be anything: reading it must
//! never panic, and every row it gives is a share of at least one respondent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::stats::pas;

fuzz_target!(|data: &[u8]| {
    let Ok((rows, _)) = pas::read(data) else { return };
    for (_, row) in rows {
        assert!((0.0..=1.0).contains(&row.share));
        assert!(row.respondents > 0);
        assert!(row.agreeing() <= row.respondents);
    }
});
