//! Identifier newtypes, so that a user id can never be passed where a session id is meant.

use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Parses the canonical hyphenated form.
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text).ok().map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(
    /// A staff, officer or volunteer account.
    UserId
);
uuid_id!(
    /// A signed-in session; not the secret cookie value, which is never stored.
    SessionId
);
uuid_id!(
    /// An API key; the secret part is shown once and stored only as a digest.
    ApiKeyId
);
uuid_id!(
    /// Anything received: a report, a concern, a notification.
    SubmissionId
);
