//! Secret tokens (session cookies, setup links, API keys, CSRF tokens).
//!
//! **This is a security-sensitive module.** Secrets are made from 32 random bytes supplied by the
//! caller and are stored only as SHA-256 digests, so a copy of the store does not let anyone sign
//! in, finish setup or call the API.

use sha2::{Digest, Sha256};

/// A keyed hash (HMAC-SHA256) of `parts` under `key`, for one `purpose`: each part is
/// length-prefixed, so no two lists of parts hash alike, and the purpose keeps the uses of one
/// key apart (a status token derived from a request, a CSRF field bound to its cookie).
pub fn keyed_digest(key: &[u8], purpose: &str, parts: &[&[u8]]) -> [u8; 32] {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key)
        .unwrap_or_else(|_| hmac::Hmac::<Sha256>::new(&Default::default()));
    for part in std::iter::once(purpose.as_bytes()).chain(parts.iter().copied()) {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// A secret, shown once to its holder and never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Secret {
    /// Makes a secret from random bytes (hex-encoded, 64 characters for 32 bytes).
    pub fn from_random(bytes: [u8; 32]) -> Secret {
        Secret(hex::encode(bytes))
    }

    /// Wraps a secret presented by a client.
    pub fn presented(text: &str) -> Secret {
        Secret(text.to_owned())
    }

    /// The secret itself, to hand to its holder once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The digest that is stored and looked up.
    pub fn digest(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// The public prefix of API keys, so that they are recognisable in logs and secret scanners.
pub const API_KEY_PREFIX: &str = "peel_";

/// Splits a presented API key (`peel_<key id>_<secret>`) into its id part and the whole key.
pub fn split_api_key(presented: &str) -> Option<(&str, Secret)> {
    let rest = presented.strip_prefix(API_KEY_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    if id.len() != 32 || secret.len() != 64 {
        return None;
    }
    if !id
        .bytes()
        .chain(secret.bytes())
        .all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    Some((id, Secret::presented(presented)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_secret_is_64_hex_characters_and_its_digest_differs() {
        let secret = Secret::from_random([7; 32]);
        assert_eq!(secret.expose().len(), 64);
        assert_ne!(secret.digest(), secret.expose());
        assert_eq!(secret.digest(), Secret::presented(secret.expose()).digest());
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        assert!(!format!("{:?}", Secret::from_random([7; 32])).contains("0707"));
    }

    #[test]
    fn a_well_formed_api_key_splits() {
        let key = format!("peel_{}_{}", "a".repeat(32), "b".repeat(64));
        let (id, _) = split_api_key(&key).unwrap();
        assert_eq!(id, "a".repeat(32));
    }

    #[test]
    fn malformed_api_keys_are_refused() {
        assert!(split_api_key("peel_short_key").is_none());
        assert!(split_api_key(&format!("other_{}_{}", "a".repeat(32), "b".repeat(64))).is_none());
    }

    proptest! {
        #[test]
        fn split_api_key_never_panics(text in ".{0,200}") {
            let _ = split_api_key(&text);
        }
    }
}
