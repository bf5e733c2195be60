//! Identifier newtypes, so that a user id can never be passed where a session id is meant, nor
//! an organisation's id where a team's is.
//!
//! Every id that arrives from outside (a path, a form, a command line, a stored row) is parsed
//! here once; a value of one of these types is always well formed.

use uuid::Uuid;

/// Why text is not an id of the kind wanted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not {what}")]
pub struct IdError {
    /// What was wanted, in words ("an organisation id: 1 to 64 lower-case letters ...").
    pub what: &'static str,
    /// What was given (cut to 80 characters).
    pub given: String,
}

impl IdError {
    fn new(what: &'static str, given: &str) -> IdError {
        IdError {
            what,
            given: given.chars().take(80).collect(),
        }
    }
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Parses the canonical hyphenated form (or any form `uuid` reads).
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text.trim()).ok().map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<Self, IdError> {
                Self::parse(text).ok_or_else(|| IdError::new($what, text))
            }
        }
    };
}

uuid_id!(
    /// A staff, officer or volunteer account.
    UserId,
    "an account id"
);
uuid_id!(
    /// A signed-in session; not the secret cookie value, which is never stored.
    SessionId,
    "a session id"
);
uuid_id!(
    /// An API key; the secret part is shown once and stored only as a digest.
    ApiKeyId,
    "an API key id"
);
uuid_id!(
    /// Anything received from a person: a report, a concern.
    SubmissionId,
    "a submission id"
);
uuid_id!(
    /// An organisation's notification, as Peel numbers it (not the organisation's own id).
    NotificationId,
    "a notification id"
);
uuid_id!(
    /// A task for someone on the panels.
    TaskId,
    "a task id"
);

uuid_id!(
    /// A case: the submissions, alerts, tasks and contacts that belong together, worked to an
    /// outcome.
    CaseId,
    "a case id"
);
uuid_id!(
    /// A message in the outbox, to or from a reporter, victim or witness.
    MessageId,
    "a message id"
);

macro_rules! number_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl $name {
            /// Parses a positive decimal number.
            pub fn parse(text: &str) -> Option<Self> {
                text.trim().parse::<i64>().ok().filter(|n| *n > 0).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<Self, IdError> {
                Self::parse(text).ok_or_else(|| IdError::new($what, text))
            }
        }
    };
}

number_id!(
    /// An alert on the fraud team's queue.
    AlertId,
    "an alert number"
);
number_id!(
    /// One vetting clearance of one person.
    ClearanceId,
    "a clearance number"
);

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses an id, trimmed; refused with what it should look like.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                let text = text.trim();
                let check: fn(&str) -> bool = $check;
                if check(text) {
                    Ok(Self(text.to_owned()))
                } else {
                    Err(IdError::new($what, text))
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<Self, IdError> {
                Self::parse(text)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

/// Lower-case letters, digits and hyphens, 1 to `max` of them, starting with a letter or digit.
fn slug_like(text: &str, max: usize, also: &[u8]) -> bool {
    !text.is_empty()
        && text.len() <= max
        && text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || also.contains(&b))
}

/// A GSS code: one capital letter and eight digits (`E05013806`).
fn gss_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 9
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().skip(1).all(u8::is_ascii_digit)
}

text_id!(
    /// An organisation that sends notifications (`northbank`), or the force itself (`met`).
    OrganisationId,
    "an organisation id: 1 to 64 lower-case letters, digits and hyphens",
    |t| slug_like(t, 64, b"")
);
text_id!(
    /// A person on the panels, as the vetting unit numbers them (`vol-ann`).
    PersonId,
    "a person's id: 1 to 64 lower-case letters, digits, dots, underscores and hyphens",
    |t| slug_like(t, 64, b"._")
);
text_id!(
    /// A current ward's GSS code (`E05013806`).
    WardCode,
    "a ward code: a capital letter and eight digits, such as E05013806",
    gss_code
);
text_id!(
    /// A team: a ward's Safer Neighbourhood Team (`snt-E05013806`) or a central team
    /// (`central-intake`), each with a queue, or a panel of volunteers (`panel-hackney`).
    TeamId,
    "a team id: snt- and a ward code (snt-E05013806), central- and a name (central-intake), \
     or panel- and a name (panel-hackney)",
    |t| match t.split_once('-') {
        Some(("snt", ward)) => gss_code(ward),
        Some(("central" | "panel", name)) => slug_like(name, 40, b""),
        _ => false,
    }
);

impl TeamId {
    /// The central queue for crime that happened online.
    pub fn online() -> TeamId {
        TeamId(crate::routing::ONLINE_TEAM.to_owned())
    }

    /// The central queue for submissions a person must place first.
    pub fn intake() -> TeamId {
        TeamId(crate::routing::INTAKE_TEAM.to_owned())
    }

    /// The central fraud team.
    pub fn fraud() -> TeamId {
        TeamId(crate::routing::FRAUD_TEAM.to_owned())
    }

    /// The central safeguarding team (domestic abuse, sexual and violent offences, hate).
    pub fn safeguarding() -> TeamId {
        TeamId(crate::routing::SAFEGUARDING_TEAM.to_owned())
    }

    /// A ward's Safer Neighbourhood Team.
    pub fn of_ward(ward: &WardCode) -> TeamId {
        TeamId(format!("snt-{ward}"))
    }

    /// The ward, for a ward's team.
    pub fn ward(&self) -> Option<WardCode> {
        self.0
            .strip_prefix("snt-")
            .map(|code| WardCode(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn team_ids_are_a_ward_team_or_a_central_team() {
        assert!(TeamId::parse("snt-E05013806").is_ok());
        assert!(TeamId::parse(" central-intake ").is_ok());
        assert!(TeamId::parse("snt-e05013806").is_err());
        assert!(TeamId::parse("snt-E0501380").is_err());
        assert!(TeamId::parse("central-").is_err());
        assert!(TeamId::parse("team-1").is_err());
        assert!(TeamId::parse("panel-hackney").is_ok());
        let ward = WardCode::parse("E05013806").unwrap();
        assert_eq!(TeamId::of_ward(&ward).to_string(), "snt-E05013806");
        assert_eq!(TeamId::of_ward(&ward).ward(), Some(ward));
        assert_eq!(TeamId::intake().ward(), None);
    }

    #[test]
    fn organisation_and_person_ids_are_lower_case_slugs() {
        assert!(OrganisationId::parse("north-bank-2").is_ok());
        assert!(OrganisationId::parse("North").is_err());
        assert!(OrganisationId::parse("-x").is_err());
        assert!(OrganisationId::parse(&"a".repeat(65)).is_err());
        assert!(PersonId::parse("vol.ann_2").is_ok());
        assert!(PersonId::parse("vol ann").is_err());
        let error = OrganisationId::parse("Bad Name").unwrap_err();
        assert!(error.to_string().contains("lower-case"), "{error}");
    }

    #[test]
    fn numbers_and_uuids_round_trip_through_text() {
        assert_eq!(AlertId::parse("12"), Some(AlertId(12)));
        assert_eq!(AlertId::parse("0"), None);
        assert_eq!(AlertId::parse("-3"), None);
        let task = TaskId(Uuid::nil());
        assert_eq!(task.to_string().parse::<TaskId>(), Ok(task));
        assert!("nope".parse::<NotificationId>().is_err());
    }

    proptest! {
        #[test]
        fn a_parsed_text_id_shows_as_it_was_given(text in "\\PC{0,70}") {
            if let Ok(id) = OrganisationId::parse(&text) {
                prop_assert_eq!(id.to_string(), text.trim());
            }
            if let Ok(id) = TeamId::parse(&text) {
                prop_assert_eq!(TeamId::parse(id.as_str()), Ok(id.clone()));
            }
        }
    }
}
