//! Submission references that people can read aloud over the phone.
//!
//! Eight characters from an alphabet without look-alikes (no 0, O, 1, I or L), then a check
//! character, shown as `XXXX-XXXX-C`. The check is a position-weighted sum modulo 31, the size
//! of the alphabet and a prime, so every single mistyped character and every swap of two
//! neighbours fails it: a typo never finds someone else's report.

/// The 31 symbols used.
const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const DATA_LEN: usize = 8;

/// A valid reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(String);

impl Reference {
    /// Makes a reference from random bytes supplied by the caller.
    ///
    /// The 64 random bits are read as one number and written in base 31, so every symbol is
    /// equally likely (finding L-5: `byte % 31` favoured the first eight symbols by 1 in 8; here
    /// the bias is 31^8 / 2^64, about 1 in 20 million): 39.6 bits a reference.
    pub fn from_random(bytes: [u8; 8]) -> Reference {
        let base = ALPHABET.len() as u64;
        let mut n = u64::from_be_bytes(bytes) % base.pow(DATA_LEN as u32);
        let mut data = vec![b'2'; DATA_LEN];
        for slot in data.iter_mut().rev() {
            *slot = ALPHABET.get((n % base) as usize).copied().unwrap_or(b'2');
            n /= base;
        }
        let check = check_symbol(&data);
        Reference(format_reference(&data, check))
    }

    /// Parses a reference as typed: any case, spaces or hyphens, and the usual look-alikes
    /// (`O` for zero is not used, so `O` is refused rather than guessed). `None` if the
    /// check character does not match.
    pub fn parse(text: &str) -> Option<Reference> {
        let compact: Vec<u8> = text
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != b'-')
            .map(|b| b.to_ascii_uppercase())
            .collect();
        if compact.len() != DATA_LEN + 1 || !compact.iter().all(|b| ALPHABET.contains(b)) {
            return None;
        }
        let (data, check) = compact.split_at(DATA_LEN);
        if check.first() != Some(&check_symbol(data)) {
            return None;
        }
        Some(Reference(format_reference(data, check_symbol(data))))
    }
}

impl AsRef<str> for Reference {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn value(symbol: u8) -> usize {
    ALPHABET.iter().position(|b| *b == symbol).unwrap_or(0)
}

/// The check symbol c with sum(i * v_i for i = 1..=n) + (n + 1) * c = 0 (mod 31): every weight
/// is distinct and non-zero modulo 31 (n < 30), so one wrong symbol or two neighbours swapped
/// always fail.
fn check_symbol(data: &[u8]) -> u8 {
    const N: usize = 31;
    let weight = (data.len() + 1) % N;
    let inverse = (1..N).find(|i| i * weight % N == 1).unwrap_or(1);
    let sum: usize = data
        .iter()
        .enumerate()
        .map(|(i, symbol)| (i + 1) * value(*symbol))
        .sum();
    let check = (N - sum % N) % N * inverse % N;
    ALPHABET.get(check).copied().unwrap_or(b'2')
}

/// The number of symbols in a status code before its check symbol: 31^13 is above 2^64, so
/// 64 random bits fill it without bias.
const CODE_LEN: usize = 13;

/// A report's status code, the reporter's key to its progress page: 64 random bits as 13
/// symbols of the read-aloud alphabet and a check symbol, `XXXX-XXXX-XXXX-XC`, short enough to
/// write down or read over the phone. Stored only as a digest (as a [`crate::token::Secret`]).
#[derive(Clone, PartialEq, Eq)]
pub struct StatusCode(String);

impl std::fmt::Debug for StatusCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatusCode(<redacted>)")
    }
}

impl StatusCode {
    /// Makes a code from 64 random bits supplied by the caller.
    pub fn from_random(bytes: [u8; 8]) -> StatusCode {
        let base = ALPHABET.len() as u64;
        let mut n = u64::from_be_bytes(bytes);
        let mut data = vec![b'2'; CODE_LEN];
        for slot in data.iter_mut().rev() {
            *slot = ALPHABET.get((n % base) as usize).copied().unwrap_or(b'2');
            n /= base;
        }
        let check = check_symbol(&data);
        StatusCode(format_code(&data, check))
    }

    /// Reads a code as typed or heard: any case, spaces or hyphens. `None` unless it has the
    /// right length, alphabet and check symbol.
    pub fn parse(text: &str) -> Option<StatusCode> {
        let compact: Vec<u8> = text
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != b'-')
            .map(|b| b.to_ascii_uppercase())
            .collect();
        if compact.len() != CODE_LEN + 1 || !compact.iter().all(|b| ALPHABET.contains(b)) {
            return None;
        }
        let (data, check) = compact.split_at(CODE_LEN);
        let expected = check_symbol(data);
        (check.first() == Some(&expected)).then(|| StatusCode(format_code(data, expected)))
    }

    /// The code, to show its holder once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret whose digest is stored.
    pub fn secret(&self) -> crate::token::Secret {
        crate::token::Secret::presented(&self.0)
    }
}

/// The stored digest a presented status code or token is looked up by: a short code in its
/// canonical form, or an older 64-character token as it was given.
pub fn status_digest(presented: &str) -> String {
    match StatusCode::parse(presented) {
        Some(code) => code.secret().digest(),
        None => crate::token::Secret::presented(presented.trim()).digest(),
    }
}

fn format_code(data: &[u8], check: u8) -> String {
    let mut text = String::with_capacity(CODE_LEN + 4);
    for (i, symbol) in data.iter().chain(std::iter::once(&check)).enumerate() {
        if i > 0 && i % 4 == 0 {
            text.push('-');
        }
        text.push(char::from(*symbol));
    }
    text
}

fn format_reference(data: &[u8], check: u8) -> String {
    let text = |range: std::ops::Range<usize>| {
        String::from_utf8_lossy(data.get(range).unwrap_or_default()).into_owned()
    };
    format!("{}-{}-{}", text(0..4), text(4..8), char::from(check))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_reference_reads_as_three_groups() {
        let reference = Reference::from_random([0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(reference.as_ref().len(), 11);
        assert_eq!(reference.as_ref().matches('-').count(), 2);
    }

    /// Finding L-5: every symbol equally likely in every place.
    #[test]
    fn symbols_are_drawn_without_modulo_bias() {
        let mut counts = [0_u32; 31];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..310_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let reference = Reference::from_random(state.to_be_bytes());
            let first = reference.as_ref().as_bytes()[0];
            counts[ALPHABET.iter().position(|a| *a == first).unwrap()] += 1;
        }
        // 10,000 expected each; `byte % 31` gave the first eight symbols about 10,900.
        assert!(
            counts.iter().all(|c| (9_600..=10_400).contains(c)),
            "{counts:?}"
        );
    }

    #[test]
    fn lower_case_and_spaces_are_accepted() {
        let reference = Reference::from_random([9; 8]);
        let typed = reference.as_ref().to_lowercase().replace('-', " ");
        assert_eq!(Reference::parse(&typed), Some(reference));
    }

    #[test]
    fn a_status_code_is_four_groups_with_64_bits() {
        let code = StatusCode::from_random([0xff; 8]);
        assert_eq!(code.expose().len(), 17);
        assert_eq!(code.expose().matches('-').count(), 3);
        assert_ne!(
            StatusCode::from_random([0; 8]),
            StatusCode::from_random([0, 0, 0, 0, 0, 0, 0, 1])
        );
        let said = code.expose().to_lowercase().replace('-', " ");
        assert_eq!(StatusCode::parse(&said), Some(code.clone()));
        assert_eq!(status_digest(&said), code.secret().digest());
        let old = "4b74012d66ac0e43d5ab638a5bdb633a3b594f6699254c24ac7f38f70e2bd7b9";
        assert_eq!(
            status_digest(old),
            crate::token::Secret::presented(old).digest()
        );
    }

    /// The generalised check keeps the references already issued valid.
    #[test]
    fn references_issued_before_still_check() {
        // The old rule, written out: sum(i * v_i) + 9c = 0 (mod 31), with 7 the inverse of 9.
        for data in [b"7KQM3X9P", b"22222222", b"ZZZZZZZZ", b"A2B3C4D5"] {
            let sum: usize = data
                .iter()
                .enumerate()
                .map(|(i, s)| (i + 1) * value(*s))
                .sum();
            let old = ALPHABET[(31 - sum % 31) % 31 * 7 % 31];
            assert_eq!(check_symbol(data), old);
        }
    }

    proptest! {
        #[test]
        fn every_status_code_parses_and_one_slip_is_caught(bytes in any::<[u8; 8]>(), position in 0usize..14, shift in 1usize..31) {
            let code = StatusCode::from_random(bytes);
            prop_assert_eq!(StatusCode::parse(code.expose()), Some(code.clone()));
            let mut compact: Vec<u8> = code.expose().bytes().filter(|b| *b != b'-').collect();
            compact[position] = ALPHABET[(value(compact[position]) + shift) % ALPHABET.len()];
            prop_assert_eq!(StatusCode::parse(&String::from_utf8(compact).unwrap()), None);
        }

        #[test]
        fn every_generated_reference_parses(bytes in any::<[u8; 8]>()) {
            let reference = Reference::from_random(bytes);
            prop_assert_eq!(Reference::parse(reference.as_ref()), Some(reference));
        }

        #[test]
        fn one_wrong_character_is_caught(bytes in any::<[u8; 8]>(), position in 0usize..9, shift in 1usize..31) {
            let reference = Reference::from_random(bytes);
            let mut compact: Vec<u8> = reference.as_ref().bytes().filter(|b| *b != b'-').collect();
            let wrong = ALPHABET[(value(compact[position]) + shift) % ALPHABET.len()];
            compact[position] = wrong;
            prop_assert_eq!(Reference::parse(&String::from_utf8(compact).unwrap()), None);
        }

        #[test]
        fn swapped_neighbours_are_caught(bytes in any::<[u8; 8]>(), position in 0usize..8) {
            let reference = Reference::from_random(bytes);
            let mut compact: Vec<u8> = reference.as_ref().bytes().filter(|b| *b != b'-').collect();
            prop_assume!(compact[position] != compact[position + 1]);
            compact.swap(position, position + 1);
            prop_assert_eq!(Reference::parse(&String::from_utf8(compact).unwrap()), None);
        }

        #[test]
        fn parse_never_panics(text in ".{0,20}") {
            let _ = Reference::parse(&text);
        }
    }
}
