//! MISP events and STIX 2.1 bundles, read as their publishers write them and mapped onto the
//! Peel format: each event or bundle becomes one notification, checked by the same reader as a
//! Peel line (so every reason code is the same whatever the door), except that its values are
//! checked one by one: a bad value is refused with its reason and the good ones kept.
//!
//! [`misp`] and [`stix`] say what each maps; [`pattern`] reads STIX patterns.

pub mod misp;
pub mod pattern;
pub mod stix;

#[cfg(test)]
mod tests;

use peel_core::Marking;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::{Indicator, MAX_MAPPED_INDICATORS, MAX_TEXT_CHARS, Notification, Rejection};

pub use misp::from_misp;
pub use stix::{STIX_TLP, from_stix};

/// A notification read from an event or a bundle, with the values refused in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    /// The notification, with the values that passed.
    pub notification: Notification,
    /// The values refused one by one, each with its reason (the document's line).
    pub refused: Vec<Rejection>,
    /// The sender's version of it (MISP's `timestamp`, the newest STIX `modified`), in seconds
    /// since 1970: a copy sent again with a newer version updates the one held, and an older or
    /// the same is a duplicate.
    pub version: Option<i64>,
}

/// What one event or bundle gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// A notification.
    Notification(Box<Mapped>),
    /// Nothing to store, and why (a bundle of marking definitions only, say): counted, not
    /// stored, not an error.
    Nothing {
        /// A stable code, such as `stix.definitions_only`.
        code: &'static str,
        /// In words.
        message: String,
    },
}

/// What one document gave: an event or bundle each (a MISP response may hold many).
pub type Reads = Vec<Result<Read, Rejection>>;

pub(crate) fn reject(line: u64, code: &'static str, message: impl Into<String>) -> Rejection {
    Rejection {
        line,
        code,
        message: message.into(),
    }
}

pub(crate) fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

pub(crate) fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// At most `n` characters of what was sent, for a message.
pub(crate) fn quote(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return format!("{text:?}");
    }
    let cut: String = text.chars().take(n).collect();
    format!("{cut:?}…")
}

/// A notification being put together from a document.
pub(crate) struct Draft {
    pub line: u64,
    pub own_id: String,
    pub kind: String,
    pub occurred_at: String,
    pub text: String,
    pub markings: Vec<Marking>,
    pub references: Vec<String>,
    pub version: Option<i64>,
    indicators: Vec<Indicator>,
    refused: Vec<Rejection>,
}

impl Draft {
    pub fn new(line: u64, own_id: &str) -> Draft {
        Draft {
            line,
            own_id: own_id.to_owned(),
            kind: "other".into(),
            occurred_at: String::new(),
            text: String::new(),
            markings: Vec::new(),
            references: Vec::new(),
            version: None,
            indicators: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// Checks one value written as a Peel indicator; keeps it, or refuses it saying where it
    /// was (`attribute 3 (ip-dst)`) and what it held.
    pub fn value(&mut self, place: &str, sent: &str, indicator: Value) {
        match crate::indicator_of(self.line, &indicator) {
            Ok(found) if self.indicators.contains(&found) => {}
            Ok(_) if self.indicators.len() >= MAX_MAPPED_INDICATORS => self.refuse(
                "indicators.too_many",
                format!(
                    "{place}: {} is past the {MAX_MAPPED_INDICATORS} indicators kept from one \
                     document",
                    quote(sent, 80)
                ),
            ),
            Ok(found) => self.indicators.push(found),
            // A card number is never repeated back, even to its sender.
            Err(rejection) if indicator.get("type").and_then(Value::as_str) == Some("card") => {
                self.refuse(
                    rejection.code,
                    format!("{place}: refused: {}", rejection.message),
                );
            }
            Err(rejection) => self.refuse(
                rejection.code,
                format!(
                    "{place}: {} refused: {}",
                    quote(sent, 80),
                    rejection.message
                ),
            ),
        }
    }

    /// Refuses something in the document, keeping the rest.
    pub fn refuse(&mut self, code: &'static str, message: String) {
        self.refused.push(reject(self.line, code, message));
    }

    /// What was refused so far.
    pub fn refusals(&self) -> &[Rejection] {
        &self.refused
    }

    /// Checks the rest as a Peel line would be, with the values already checked.
    pub fn finish(self, now: OffsetDateTime) -> Result<Read, Rejection> {
        let mut text = self.text;
        if !self.references.is_empty() {
            text.push_str(if text.is_empty() { "" } else { "\n\n" });
            text.push_str("References: ");
            text.push_str(&self.references.join(", "));
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            text = text.chars().take(MAX_TEXT_CHARS - 1).collect();
            text.push('…');
        }
        let mut peel = json!({
            "version": crate::FORMAT_VERSION,
            "id": self.own_id,
            "type": self.kind,
            "occurred_at": self.occurred_at,
            "text": text,
        });
        if let (Some(object), Some(marking)) =
            (peel.as_object_mut(), self.markings.into_iter().max())
        {
            object.insert("marking".into(), marking.label().into());
        }
        let mut notification = crate::checked(&peel.to_string(), self.line, now, 0)?;
        notification.indicators = self.indicators;
        Ok(Read::Notification(Box::new(Mapped {
            notification,
            refused: self.refused,
            version: self.version,
        })))
    }
}

/// The one notification a document gave, for tests and fuzzing: the first read, or its refusal.
pub fn first(reads: Reads) -> Option<Result<Mapped, Rejection>> {
    reads.into_iter().find_map(|read| match read {
        Ok(Read::Notification(mapped)) => Some(Ok(*mapped)),
        Ok(Read::Nothing { .. }) => None,
        Err(rejection) => Some(Err(rejection)),
    })
}
