//! References to the items the linking engine joins, alerts name and tasks are about.

use crate::ids::{IdError, NotificationId, SubmissionId};

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

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC{0,60}") {
            if let Ok(item) = text.parse::<ItemRef>() {
                prop_assert_eq!(item.to_string().parse::<ItemRef>(), Ok(item));
            }
        }
    }
}
