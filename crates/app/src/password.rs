//! Argon2id password hashing, run off the async threads.
//!
//! **This is a security-sensitive module.** Verifying an unknown username still runs a full
//! verification against a fixed dummy hash, so the time taken does not reveal which usernames
//! exist.

use std::sync::OnceLock;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use peel_core::password::NewPassword;

/// Hashing failed (the system's random source failed, or the worker thread died).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a new password as a PHC string (Argon2id, default parameters, random salt).
pub async fn hash(password: &NewPassword) -> Result<String, HashError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|error| HashError(error.to_string()))?
}

fn hash_now(password: &str) -> Result<String, HashError> {
    let hash: Result<PasswordHash, _> = Argon2::default().hash_password(password.as_bytes());
    hash.map(|hash| hash.to_string())
        .map_err(|error| HashError(error.to_string()))
}

/// Whether `password` matches `stored`; with `None` (unknown user) it verifies against a dummy
/// hash and returns false, taking the same time.
pub async fn verify(password: &str, stored: Option<String>) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), stored.as_str())
            .is_ok();
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, made once per process with the same parameters as real ones.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut bytes = [0u8; 32];
        let _ = getrandom::fill(&mut bytes);
        hash_now(&hex::encode(bytes)).unwrap_or_default()
    })
}
