//! The checkpoint file is outside the database and may be tampered with: reading it must never
//! panic, and no line not signed by the expected key is ever accepted. One-time passwords and
//! recovery codes are typed by anyone at the sign-in page: checking them must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::audit::checkpoint::{CheckpointKey, read_all};
use peel_core::totp::{TotpSecret, fold_recovery_code};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let key = CheckpointKey::from_seed([7; 32]);
    if let Ok(lines) = read_all(text, &key.public()) {
        // Nothing but lines this key signed can be accepted, and random input signs nothing.
        assert!(lines.iter().all(|l| l.key == key.public()));
    }
    let secret = TotpSecret::from_bytes([3; 20]);
    let _ = secret.verify(text, 1_800_000_000, None);
    let _ = fold_recovery_code(text);
    let _ = TotpSecret::from_base32(text);
});
