//! Password rules for new passwords: at least 12 characters, and not a commonly used password.
//!
//! The check follows NIST SP 800-63B: a minimum length, a check against known common
//! passwords, and no composition rules. Passwords shorter than 12 characters are already
//! refused, so the lists only need what is left: common words padded with digits and symbols,
//! common phrases, and keyboard or counting runs.

/// The shortest password accepted.
pub const MIN_CHARS: usize = 12;
/// The longest password accepted (hashing has a cost; nobody needs more).
pub const MAX_CHARS: usize = 256;

/// Why a new password was refused, in words fit to show the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejected {
    /// Too short.
    #[error("Password must be at least 12 characters")]
    TooShort,
    /// Too long.
    #[error("Password must be 256 characters or fewer")]
    TooLong,
    /// Common, guessable or based on the username.
    #[error("Password is too easy to guess: {0}")]
    Guessable(&'static str),
}

/// A password that passed the rules. It can only be made by [`NewPassword::parse`].
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

impl NewPassword {
    /// Checks a password chosen by `username`.
    pub fn parse(password: &str, username: &str) -> Result<NewPassword, PasswordRejected> {
        let n_chars = password.chars().count();
        if n_chars < MIN_CHARS {
            return Err(PasswordRejected::TooShort);
        }
        if n_chars > MAX_CHARS {
            return Err(PasswordRejected::TooLong);
        }
        if let Some(reason) = guessable(password, username) {
            return Err(PasswordRejected::Guessable(reason));
        }
        Ok(NewPassword(password.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The 100,000 most common passwords from breach corpora, lower-case and sorted
/// (`data/README.md` says where they come from).
const BREACHED: &str = include_str!("../data/common-passwords.txt");

fn breached() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| BREACHED.lines().collect())
}

/// Whether a (lower-case) text is on the list of common and breached passwords.
pub fn is_breached(lower: &str) -> bool {
    breached().binary_search(&lower).is_ok()
}

/// How many passwords the built-in list holds.
pub fn breached_count() -> usize {
    breached().len()
}

/// A username's letters without the digits and symbols people add to it, so that
/// `pw.tester.12345` is seen to come from `pw.tester4` (finding I-5).
fn username_stem(username: &str) -> String {
    username
        .trim()
        .to_lowercase()
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .to_owned()
}

/// Letters and digits only, the usual swaps undone.
fn letters(text: &str) -> String {
    unleet(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn guessable(password: &str, username: &str) -> Option<&'static str> {
    let lower = password.to_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let username = username.trim().to_lowercase();
    if username.chars().count() >= 3 && unleet(&compact).contains(&unleet(&username)) {
        return Some("it contains your username");
    }
    let stem = letters(&username_stem(&username));
    if stem.chars().count() >= 4 && letters(&compact).contains(&stem) {
        return Some("it is made from your username");
    }
    if is_breached(&lower) || is_breached(&compact) {
        return Some("it is on a list of passwords known from data breaches");
    }
    let distinct: std::collections::BTreeSet<char> = compact.chars().collect();
    if distinct.len() < 4 {
        return Some("it uses too few different characters");
    }
    if is_repeated_unit(&compact) {
        return Some("it repeats the same few characters");
    }
    if is_run(&compact) {
        return Some("it is a run of keys, letters or numbers");
    }
    if COMMON_PHRASES.contains(&unleet(&compact).as_str()) {
        return Some("it is a commonly used password");
    }
    // A common word, or a breached password, with digits or symbols added before or after.
    let core = unleet(compact.trim_matches(|c: char| !c.is_alphabetic()));
    if COMMON_WORDS.contains(&core.as_str())
        || COMMON_PHRASES.contains(&core.as_str())
        || (core.chars().count() >= 5 && is_breached(&core))
    {
        return Some("it is a common word with numbers or symbols added");
    }
    None
}

/// Undoes the usual letter-for-symbol swaps, so `P@ssw0rd` is seen as `password`.
fn unleet(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            _ => c,
        })
        .collect()
}

fn is_repeated_unit(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len() / 3).any(|unit| {
        let first = chars.chunks(unit).next().unwrap_or_default();
        chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|chunk| chunk == first)
    })
}

const RUNS: [&str; 6] = [
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "01234567890123456789",
    "qwertyuiopasdfghjklzxcvbnmqwertyuiop",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "zaq1xsw2cde3vfr4bgt5nhy6mju7",
    "azertyuiopqsdfghjklmwxcvbn",
];

fn is_run(text: &str) -> bool {
    let reversed: String = text.chars().rev().collect();
    RUNS.iter()
        .any(|run| run.contains(text) || run.contains(reversed.as_str()))
}

/// Common words that people pad with digits and symbols to reach a length rule, already in the
/// folded form that [`unleet`] produces.
const COMMON_WORDS: &[&str] = &[
    "password",
    "passwords",
    "passw",
    "pass",
    "qwerty",
    "letmein",
    "welcome",
    "admin",
    "administrator",
    "iloveyou",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "master",
    "shadow",
    "superman",
    "batman",
    "trustno",
    "starwars",
    "whatever",
    "freedom",
    "michael",
    "charlie",
    "jennifer",
    "jordan",
    "liverpool",
    "arsenal",
    "chelsea",
    "tottenham",
    "manchester",
    "london",
    "england",
    "britain",
    "police",
    "metpolice",
    "peel",
    "summer",
    "winter",
    "autumn",
    "spring",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "friday",
    "changeme",
    "default",
    "secret",
    "login",
    "hello",
    "computer",
    "internet",
    "samsung",
    "google",
    "microsoft",
    "apple",
    "access",
    "flower",
    "cookie",
    "cheese",
    "chocolate",
    "thomas",
    "daniel",
    "jessica",
    "ashley",
    "hunter",
    "killer",
    "soccer",
    "hockey",
    "tigger",
    "pepper",
    "ginger",
    "buster",
    "matrix",
    "mustang",
    "maggie",
    "daisy",
    "purple",
    "orange",
    "banana",
    "family",
    "friends",
    "loveyou",
    "lovely",
    "angel",
    "qwertyuiop",
    "asdfgh",
    "zxcvbn",
    "abcdef",
    "abc",
    "test",
    "testing",
    "guest",
    "user",
    "root",
    "system",
];

/// Whole common passwords of 12 or more characters, folded by [`unleet`] and with spaces
/// removed.
const COMMON_PHRASES: &[&str] = &[
    "iloveyouforever",
    "letmeinplease",
    "correcthorsebatterystaple",
    "thisismypassword",
    "mypasswordis",
    "passwordpassword",
    "welcometothejungle",
    "ihateyouforever",
    "qwertyuiopasdfghjkl",
    "iamthebestever",
    "happybirthday",
    "changemeplease",
    "administrator",
    "trustnoone",
    "lovemeforever",
    "blessedbegod",
    "jesuschrist",
    "jesusislord",
    "godisgoodallthetime",
    "manchesterunited",
    "liverpoolfc",
    "chelseafc",
    "arsenalfc",
    "tottenhamhotspur",
    "westhamunited",
    "thequickbrownfox",
    "myspacepassword",
    "facebookpassword",
    "passwordisstrong",
    "strongpassword",
    "securepassword",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reason(password: &str) -> Result<NewPassword, PasswordRejected> {
        NewPassword::parse(password, "pc.smith")
    }

    #[test]
    fn eleven_characters_are_too_short() {
        assert_eq!(reason("kettle-drum"), Err(PasswordRejected::TooShort));
    }

    #[test]
    fn a_long_unusual_password_is_accepted() {
        assert!(reason("heron kettle gravel 47").is_ok());
    }

    #[test]
    fn common_words_padded_to_length_are_refused() {
        for password in [
            "password1234",
            "P@ssw0rd2026!",
            "London123456",
            "Welcome12345!",
        ] {
            assert!(
                matches!(reason(password), Err(PasswordRejected::Guessable(_))),
                "{password} should be refused"
            );
        }
    }

    #[test]
    fn runs_and_repeats_are_refused() {
        for password in [
            "123456789012",
            "abcdefghijkl",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
        ] {
            assert!(
                matches!(reason(password), Err(PasswordRejected::Guessable(_))),
                "{password} should be refused"
            );
        }
    }

    #[test]
    fn a_password_containing_the_username_is_refused() {
        assert!(matches!(
            reason("pc.smith-is-great"),
            Err(PasswordRejected::Guessable(_))
        ));
    }

    #[test]
    fn known_phrases_are_refused() {
        assert!(matches!(
            reason("correct horse battery staple"),
            Err(PasswordRejected::Guessable(_))
        ));
    }

    /// Finding I-5: a password made from the username with digits and symbols around it.
    #[test]
    fn a_password_made_from_the_username_is_refused() {
        assert_eq!(
            NewPassword::parse("pw.tester.12345", "pw.tester4"),
            Err(PasswordRejected::Guessable("it is made from your username"))
        );
        assert!(NewPassword::parse("heron kettle gravel 47", "pw.tester4").is_ok());
    }

    /// The shipped list holds 100,000 breached passwords, sorted for searching, and catches
    /// long ones no rule of ours would.
    #[test]
    fn breached_passwords_from_the_shipped_list_are_refused() {
        assert_eq!(breached_count(), 100_000);
        assert!(
            breached().windows(2).all(|w| w[0] < w[1]),
            "sorted and distinct"
        );
        let long: Vec<&str> = breached()
            .iter()
            .copied()
            .filter(|p| p.chars().count() >= 12 && NewPassword::parse(p, "x.y").is_ok())
            .collect();
        assert!(
            long.is_empty(),
            "{} long breached passwords accepted",
            long.len()
        );
        assert!(is_breached("password"));
        assert!(matches!(
            reason("Iloveyou123456"),
            Err(PasswordRejected::Guessable(_))
        ));
    }

    #[test]
    fn the_password_is_redacted_in_debug_output() {
        let password = reason("heron kettle gravel 47").unwrap();
        assert!(!format!("{password:?}").contains("heron"));
    }

    proptest! {
        #[test]
        fn anything_shorter_than_twelve_characters_is_refused(text in ".{0,11}") {
            prop_assert!(NewPassword::parse(&text, "someone").is_err());
        }

        #[test]
        fn parse_never_panics(text in ".{0,300}", user in ".{0,20}") {
            let _ = NewPassword::parse(&text, &user);
        }
    }
}
