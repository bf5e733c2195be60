//! Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, six digits, a
//! 30-second step, what every authenticator app reads from an `otpauth://` link; and recovery
//! codes for when the phone is lost.
//!
//! Written here rather than taken from a crate: the algorithm is twenty lines fixed by the
//! RFCs (whose test vectors are below), and the crates that carry it bring QR rendering, URL
//! parsing and clocks of their own that Peel does not want.

use hmac::{KeyInit, Mac};

/// Seconds in one step.
pub const STEP: i64 = 30;
/// Steps either side of now that are still accepted (a phone's clock drifts).
pub const WINDOW: i64 = 1;

/// A shared secret of 20 random bytes, as RFC 4226 recommends.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

impl TotpSecret {
    /// A secret from its bytes.
    pub fn from_bytes(bytes: [u8; 20]) -> TotpSecret {
        TotpSecret(bytes)
    }

    /// The secret as an authenticator app takes it: RFC 4648 base32 without padding.
    pub fn to_base32(&self) -> String {
        base32(&self.0)
    }

    /// Reads base32 (any case, spaces and padding ignored).
    pub fn from_base32(text: &str) -> Option<TotpSecret> {
        let bytes = from_base32(text)?;
        <[u8; 20]>::try_from(bytes.as_slice()).ok().map(TotpSecret)
    }

    /// The `otpauth://` link an app reads, naming the issuer and the account.
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        let enc = |s: &str| -> String {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect()
        };
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
            enc(issuer),
            enc(account),
            self.to_base32(),
            enc(issuer)
        )
    }

    /// The code an app shows at `unix_seconds`.
    pub fn code_at(&self, unix_seconds: i64) -> String {
        format!(
            "{:06}",
            hotp(&self.0, unix_seconds.div_euclid(STEP) as u64, 6)
        )
    }

    /// The step of a code the person typed at `unix_seconds`, if it is right within the
    /// window; a step at or before `last_used` is refused, so a code works once.
    pub fn verify(&self, code: &str, unix_seconds: i64, last_used: Option<i64>) -> Option<i64> {
        let code = code.trim().replace(' ', "");
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let now = unix_seconds.div_euclid(STEP);
        (now - WINDOW..=now + WINDOW)
            .filter(|step| last_used.is_none_or(|used| *step > used))
            .find(|step| {
                let expected = format!("{:06}", hotp(&self.0, *step as u64, 6));
                bool::from(subtle_eq(expected.as_bytes(), code.as_bytes()))
            })
    }
}

fn subtle_eq(a: &[u8], b: &[u8]) -> subtle::Choice {
    use subtle::ConstantTimeEq;
    a.ct_eq(b)
}

/// RFC 4226 HOTP: the `digits`-digit code for `counter`.
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let Ok(mut mac) = hmac::Hmac::<sha1::Sha1>::new_from_slice(key) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last().copied().unwrap_or(0) & 0x0f);
    let word = digest
        .get(offset..offset + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, |b| u32::from_be_bytes(b) & 0x7fff_ffff);
    word % 10_u32.pow(digits)
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn symbol(value: u32) -> char {
    char::from(ALPHABET.get(value as usize).copied().unwrap_or(b'A'))
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0_u32, 0_u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(symbol((buffer >> bits) & 31));
        }
    }
    if bits > 0 {
        out.push(symbol((buffer << (5 - bits)) & 31));
    }
    out
}

fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0_u32, 0_u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let value = ALPHABET
            .iter()
            .position(|a| char::from(*a) == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Recovery codes given: each works once, instead of a one-time password.
pub const RECOVERY_CODES: usize = 10;

/// A recovery code as shown (`abcde-fghjk`) from 10 random bytes, in an alphabet of 32
/// characters with no look-alikes (no i, l, o or 1; an `o` typed is read as `0`), so each
/// byte gives 5 bits without bias: 50 bits a code.
pub fn recovery_code(random: &[u8; 10]) -> String {
    const LETTERS: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
    let text: String = random
        .iter()
        .map(|b| char::from(LETTERS.get(usize::from(*b & 31)).copied().unwrap_or(b'a')))
        .collect();
    format!(
        "{}-{}",
        text.get(0..5).unwrap_or_default(),
        text.get(5..10).unwrap_or_default()
    )
}

/// A recovery code as typed, folded for comparing (case, spaces and hyphens ignored).
pub fn fold_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4226 appendix D: the ASCII secret "12345678901234567890".
    #[test]
    fn hotp_matches_rfc_4226() {
        let key = b"12345678901234567890";
        let expected = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(key, counter as u64, 6), *code);
        }
    }

    /// RFC 6238 appendix B, SHA-1 rows (eight digits there; the low six here).
    #[test]
    fn totp_matches_rfc_6238() {
        let key = b"12345678901234567890";
        for (time, code) in [
            (59_i64, 94287082_u32),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
        ] {
            assert_eq!(hotp(key, (time / STEP) as u64, 8), code);
        }
        let secret = TotpSecret::from_bytes(*key);
        assert_eq!(secret.verify("287082", 59, None), Some(1));
        assert_eq!(
            secret.verify("287082", 59 + 30, None),
            Some(1),
            "one step late"
        );
        assert_eq!(secret.verify("287082", 59 + 90, None), None, "too late");
        assert_eq!(
            secret.verify("287082", 59, Some(1)),
            None,
            "used once already"
        );
        assert_eq!(secret.verify("28708", 59, None), None);
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(from_base32("mzxw 6ytb oi=="), Some(b"foobar".to_vec()));
        let secret = TotpSecret::from_bytes([7; 20]);
        assert_eq!(
            TotpSecret::from_base32(&secret.to_base32()),
            Some(secret.clone())
        );
        assert!(
            secret
                .uri("Peel", "pc.smith")
                .starts_with("otpauth://totp/Peel:pc.smith?secret=")
        );
        assert_eq!(from_base32("not base32!"), None);
    }

    #[test]
    fn recovery_codes_are_readable_and_fold_as_typed() {
        let code = recovery_code(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(code.len(), 11);
        assert_eq!(
            fold_recovery_code(&code.to_uppercase().replace('-', " ")),
            fold_recovery_code(&code)
        );
    }
}
