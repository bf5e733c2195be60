//! A data.police.uk street-level file comes from outside and may be anything: reading it must
//! never panic, and every row it gives is a month of the year with a point on the globe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::stats::police_uk;

fuzz_target!(|data: &[u8]| {
    for year in [None, Some(2022)] {
        let Ok(rows) = police_uk::rows(data, year) else { continue };
        for row in rows.flatten() {
            assert!((1..=12).contains(&row.month.month));
            if let Some((lat, lon)) = row.point {
                assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0);
            }
        }
    }
});
