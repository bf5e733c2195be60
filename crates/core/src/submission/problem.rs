//! A problem with one answer of a report: its field, its English words, and a stable code by
//! which pages word it in the reader's language.

/// One problem with one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field (form field id and API field name).
    pub field: &'static str,
    /// What is wrong and how to put it right, in English (the API's words).
    pub message: String,
    /// A stable code for the problem (`description-missing`): pages show the message in the
    /// reader's language by it (`problem-description-missing`).
    pub code: &'static str,
    /// The values the message names (`max`), for translations.
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    /// A problem with `field` and its English words.
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            field,
            message: message.into(),
            code,
            args: Vec::new(),
        }
    }

    /// The same, naming `value` as `name` for translations.
    pub fn with_arg(mut self, name: &'static str, value: impl Into<String>) -> Problem {
        self.args.push((name, value.into()));
        self
    }
}

/// Every problem code the report's checks can give, for the translations' completeness test.
pub const PROBLEM_CODES: &[&str] = &[
    "too-long",
    "bad-characters",
    "description-missing",
    "category-missing",
    "occurred-missing",
    "occurred-future",
    "occurred-too-old",
    "role-missing",
    "email-format",
    "phone-format",
    "anonymous-with-details",
    "contact-missing",
    "safe-channel-unknown",
    "safe-channel-needs-email",
    "safe-channel-needs-phone",
    "location-several",
    "location-point",
    "postcode-invalid",
    "location-missing",
];
