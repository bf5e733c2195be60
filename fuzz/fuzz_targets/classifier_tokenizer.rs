//! The scam classifier's tokenizer takes any text a reporter pastes: it must never panic, and
//! its fast hashing must give exactly the buckets of the named features.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::classifier::{feature_buckets, features};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut named: Vec<usize> = features(text).into_iter().map(|(_, bucket)| bucket).collect();
    named.sort_unstable();
    named.dedup();
    assert_eq!(feature_buckets(text), named);
});
