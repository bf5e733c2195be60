//! Messages to and from reporters, victims and witnesses: what each is for, where it stands in
//! the outbox, and how long a failed send waits before it is tried again.

use time::Duration;

use crate::slug::slug_enum;

slug_enum! {
    /// What a message to the reporter is for.
    pub enum Purpose {
        /// Their report arrived.
        Acknowledgement = ("acknowledgement", "Acknowledgement"),
        /// An update on their case.
        Update = ("update", "Update"),
        /// An answer to their request for a call back.
        CallBack = ("call_back", "Call back"),
        /// The satisfaction survey.
        Survey = ("survey", "Satisfaction survey"),
        /// A request for information.
        RequestForInformation = ("request_for_information", "Request for information"),
        /// A request for their photos or video, with a one-time upload link.
        EvidenceRequest = ("evidence_request", "Request for evidence"),
    }
}

slug_enum! {
    /// Where a message stands.
    pub enum Status {
        /// Waiting to be sent.
        Queued = ("queued", "Queued"),
        /// Being handed to the provider (claimed by a worker until its lease ends).
        Sending = ("sending", "Sending"),
        /// Handed to the provider, which accepted it.
        Sent = ("sent", "Sent"),
        /// Not safe to send now; waiting with the reason.
        Waiting = ("waiting", "Waiting"),
        /// A person must make contact instead; on the officer's list.
        CallTask = ("call_task", "Call task"),
        /// Never to be sent (anonymous, no details).
        Never = ("never", "Not sent"),
    }
}

impl Status {
    /// Whether the worker still has something to do with it.
    pub fn pending(self) -> bool {
        matches!(self, Status::Queued | Status::Sending | Status::Waiting)
    }
}

slug_enum! {
    /// What the reporter sent from their status page.
    pub enum FromReporter {
        /// More information.
        Information = ("information", "More information"),
        /// A reply to an update.
        Reply = ("reply", "Reply to an update"),
        /// A request to be called back at a safe time.
        CallBack = ("call_back", "Please call me back"),
    }
}

/// How long after `attempts` failed sends the next is tried: 30 seconds doubling, at most an
/// hour.
pub fn backoff(attempts: u32) -> Duration {
    let seconds = 30_i64.saturating_mul(1_i64 << attempts.min(7));
    Duration::seconds(seconds.min(3600))
}

/// Who is told, in the neutral prompt sent when someone else may see the reporter's phone or
/// messages: nothing about the police, a crime or a case.
pub const NEUTRAL_SUBJECT: &str = "A message for you";

/// The neutral prompt itself.
pub const NEUTRAL_BODY: &str =
    "Hello. There is a new message for you. Look it up in the usual way when it is safe to.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_sends_back_off_to_an_hour() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(6), Duration::seconds(1920));
        assert_eq!(backoff(7), Duration::seconds(3600));
        assert_eq!(backoff(40), Duration::seconds(3600));
    }

    #[test]
    fn the_neutral_prompt_names_no_force_crime_or_case() {
        let text = format!("{NEUTRAL_SUBJECT} {NEUTRAL_BODY}").to_lowercase();
        for word in ["police", "crime", "case", "report", "officer", "met"] {
            assert!(
                !text.split(|c: char| !c.is_alphabetic()).any(|w| w == word),
                "{word}"
            );
        }
    }

    #[test]
    fn slugs_read_back() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.slug()), Some(*p));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.slug()), Some(*s));
        }
        assert!(Status::Waiting.pending() && !Status::Sent.pending());
    }
}
