//! Where a submission stands once it is stored: its stage, how it came in, the notes on it and
//! how first contact was made.

use crate::slug::slug_enum;

slug_enum! {
    /// How far a submission has got, as officers see it.
    pub enum Stage {
        /// No one has made contact yet.
        New = ("new", "New: no contact yet"),
        /// A person has been in touch with the reporter.
        Contacted = ("contacted", "Contacted"),
        /// Being looked into.
        InProgress = ("in_progress", "In progress"),
        /// Closed.
        Closed = ("closed", "Closed"),
    }
}

impl Stage {
    /// The stage as the reporter sees it on their progress page.
    pub fn for_reporter(self) -> &'static str {
        match self {
            Stage::New => "Received: waiting for someone to contact you",
            Stage::Contacted => "We have been in touch",
            Stage::InProgress => "Being looked into",
            Stage::Closed => "Closed",
        }
    }
}

slug_enum! {
    /// The door a submission came in by.
    pub enum Channel {
        /// The public web form.
        Web = ("web", "Web form"),
        /// The JSON API.
        Api = ("api", "API"),
        /// Open311 GeoReport v2.
        Open311 = ("open311", "Open311"),
        /// Taken by a contact handler over the phone.
        Phone = ("phone", "Phone"),
        /// Taken face to face (a front counter, a street contact).
        InPerson = ("in_person", "In person"),
        /// A letter, typed in by a contact handler.
        Letter = ("letter", "Letter"),
        /// Taken through an interpreter.
        Interpreter = ("interpreter", "Through an interpreter"),
        /// A concern from a trusted intermediary.
        Intermediary = ("intermediary", "Trusted intermediary"),
    }
}

impl Channel {
    /// The channels a contact handler or officer takes a report through on someone's behalf.
    pub const ASSISTED: [Channel; 4] = [
        Channel::Phone,
        Channel::InPerson,
        Channel::Letter,
        Channel::Interpreter,
    ];
}

slug_enum! {
    /// What a note on a submission is.
    pub enum NoteKind {
        /// For staff only.
        Internal = ("internal", "Internal note"),
        /// Written for the reporter, who sees it on their progress page.
        Update = ("update", "Update for the reporter"),
        /// First contact was made.
        FirstContact = ("first_contact", "First contact"),
        /// Moved to another team, with the reason.
        Reassigned = ("reassigned", "Moved to another team"),
        /// A MARAC referral task from a high-risk DASH checklist.
        Marac = ("marac", "MARAC referral task"),
    }
}

slug_enum! {
    /// How a person made first contact with the reporter.
    pub enum ContactMethod {
        /// By phone.
        Phone = ("phone", "Phone"),
        /// By email.
        Email = ("email", "Email"),
        /// By text message.
        Text = ("text", "Text message"),
        /// In person.
        InPerson = ("in_person", "In person"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_reads_back() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.slug()), Some(*stage));
        }
        for kind in NoteKind::ALL {
            assert_eq!(NoteKind::parse(kind.slug()), Some(*kind));
        }
        assert_eq!(Channel::parse("open311"), Some(Channel::Open311));
        assert_eq!(
            ContactMethod::parse("in_person"),
            Some(ContactMethod::InPerson)
        );
        assert_eq!(Stage::parse("Closed"), None, "slugs are exact");
    }
}
