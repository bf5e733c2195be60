//! References to the items the linking engine joins, alerts name and tasks are about.

use crate::ids::{IdError, NotificationId, OrganisationId, SubmissionId};

/// An item: something received that can be linked to others. Written `submission:<uuid>` or
/// `notification:<uuid>` wherever it is stored or shown to an auditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    /// A report or concern from a person.
    Submission(SubmissionId),
    /// An organisation's notification.
    Notification(NotificationId),
}

impl ItemRef {
    /// The submission, when the item is one.
    pub fn submission(self) -> Option<SubmissionId> {
        match self {
            ItemRef::Submission(id) => Some(id),
            ItemRef::Notification(_) => None,
        }
    }

    /// The notification, when the item is one.
    pub fn notification(self) -> Option<NotificationId> {
        match self {
            ItemRef::Notification(id) => Some(id),
            ItemRef::Submission(_) => None,
        }
    }
}

impl From<SubmissionId> for ItemRef {
    fn from(id: SubmissionId) -> ItemRef {
        ItemRef::Submission(id)
    }
}

impl From<NotificationId> for ItemRef {
    fn from(id: NotificationId) -> ItemRef {
        ItemRef::Notification(id)
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemRef::Submission(id) => write!(f, "submission:{id}"),
            ItemRef::Notification(id) => write!(f, "notification:{id}"),
        }
    }
}

impl std::str::FromStr for ItemRef {
    type Err = IdError;

    fn from_str(text: &str) -> Result<ItemRef, IdError> {
        let refused = || IdError {
            what: "an item: submission:<id> or notification:<id>",
            given: text.chars().take(80).collect(),
        };
        match text.split_once(':') {
            Some(("submission", id)) => SubmissionId::parse(id)
                .map(ItemRef::Submission)
                .ok_or_else(refused),
            Some(("notification", id)) => NotificationId::parse(id)
                .map(ItemRef::Notification)
                .ok_or_else(refused),
            _ => Err(refused()),
        }
    }
}

/// Who an item came from, for the over-correlation cap: a value seen from more than the cap of
/// distinct sources is common. Written `reporter:<contact>`, `submission:<id>` (an anonymous
/// report is its own source) or `organisation:<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A person who reported, by their contact details in canonical form: the same person
    /// reporting twice is one source.
    Reporter(String),
    /// An anonymous report, which is a source of its own.
    Anonymous(SubmissionId),
    /// A notifying organisation.
    Organisation(OrganisationId),
}

impl Source {
    /// The organisation, when the source is one.
    pub fn organisation(&self) -> Option<&OrganisationId> {
        match self {
            Source::Organisation(id) => Some(id),
            Source::Reporter(_) | Source::Anonymous(_) => None,
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Reporter(contact) => write!(f, "reporter:{contact}"),
            Source::Anonymous(id) => write!(f, "submission:{id}"),
            Source::Organisation(id) => write!(f, "organisation:{id}"),
        }
    }
}

impl std::str::FromStr for Source {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Source, IdError> {
        let refused = || IdError {
            what: "a source: reporter:<contact>, submission:<id> or organisation:<id>",
            given: text.chars().take(80).collect(),
        };
        match text.split_once(':') {
            Some(("reporter", contact)) if !contact.is_empty() => {
                Ok(Source::Reporter(contact.to_owned()))
            }
            Some(("submission", id)) => SubmissionId::parse(id)
                .map(Source::Anonymous)
                .ok_or_else(refused),
            Some(("organisation", id)) => OrganisationId::parse(id)
                .map(Source::Organisation)
                .map_err(|_| refused()),
            _ => Err(refused()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_item_reads_back_as_it_was_written() {
        let id = SubmissionId(uuid::Uuid::from_u128(7));
        let item = ItemRef::from(id);
        assert_eq!(
            item.to_string(),
            "submission:00000000-0000-0000-0000-000000000007"
        );
        assert_eq!(item.to_string().parse::<ItemRef>(), Ok(item));
        assert_eq!(item.submission(), Some(id));
        assert!("case:1".parse::<ItemRef>().is_err());
        assert!("notification:nope".parse::<ItemRef>().is_err());
    }

    #[test]
    fn a_source_reads_back_as_it_was_written() {
        for text in [
            "reporter:+447700900123",
            "reporter:ann@example.org",
            "submission:00000000-0000-0000-0000-000000000007",
            "organisation:northbank",
        ] {
            let source: Source = text.parse().unwrap();
            assert_eq!(source.to_string(), text);
        }
        assert!("reporter:".parse::<Source>().is_err());
        assert!("organisation:North Bank".parse::<Source>().is_err());
        assert_eq!(
            "organisation:northbank"
                .parse::<Source>()
                .unwrap()
                .organisation()
                .map(OrganisationId::as_str),
            Some("northbank")
        );
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC{0,60}") {
            if let Ok(item) = text.parse::<ItemRef>() {
                prop_assert_eq!(item.to_string().parse::<ItemRef>(), Ok(item));
            }
            if let Ok(source) = text.parse::<Source>() {
                prop_assert_eq!(source.to_string().parse::<Source>(), Ok(source));
            }
        }
    }
}
