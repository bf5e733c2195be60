//! The Met's recorded crime by ward or borough comes from outside and may be anything: reading
//! it must never panic, and every row it gives has one count for every month column.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::stats::met_wide;

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = met_wide::rows(data) else { return };
    let mut width = None;
    for row in rows.flatten() {
        let n = row.counts.len();
        assert!(n > 0);
        assert_eq!(*width.get_or_insert(n), n);
    }
});
