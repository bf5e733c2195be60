//! The audit trail of DPA 2018 Part 3 s.62: what was done to personal data, by whom, when and why.
//!
//! **This is a security-sensitive module.** Each entry carries a keyed hash (HMAC-SHA256) of
//! itself and the one before it ([`chain`]), under a key held outside the database, so altering,
//! removing or reordering an entry breaks the chain at that entry and nobody without the key can
//! re-hash it; the store keeps the newest entry's position and hash beside the chain, and signed
//! checkpoints written outside the database ([`checkpoint`]) anchor it, so that cutting entries
//! off the end, or re-hashing by someone who has the key, is caught too.

use time::OffsetDateTime;

pub mod chain;
pub mod checkpoint;
mod code;

pub use chain::{ChainBreak, ChainKey, ChainVerifier, GENESIS, entry_hash, seal};
pub use code::AuditCode;

/// The s.62(1) operations, plus security events (sign-in, lockout, role change) that the same
/// trail records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Personal data collected.
    Collection,
    /// Personal data altered.
    Alteration,
    /// Personal data consulted (read).
    Consultation,
    /// Personal data disclosed or transferred; names the recipient.
    Disclosure,
    /// Personal data combined with other data.
    Combination,
    /// Personal data erased.
    Erasure,
    /// A security event: sign-in, failed sign-in, lockout, role change, session revoked.
    Security,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 7] = [
        Operation::Collection,
        Operation::Alteration,
        Operation::Consultation,
        Operation::Disclosure,
        Operation::Combination,
        Operation::Erasure,
        Operation::Security,
    ];

    /// The stable name stored and exported.
    pub fn slug(self) -> &'static str {
        match self {
            Operation::Collection => "collection",
            Operation::Alteration => "alteration",
            Operation::Consultation => "consultation",
            Operation::Disclosure => "disclosure",
            Operation::Combination => "combination",
            Operation::Erasure => "erasure",
            Operation::Security => "security",
        }
    }

    /// Parses a stable name.
    pub fn parse(text: &str) -> Option<Operation> {
        Operation::ALL
            .into_iter()
            .find(|operation| operation.slug() == text)
    }
}

/// An event about to be appended: everything but its position and hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// When it happened (UTC, whole microseconds).
    pub at: OffsetDateTime,
    /// Who did it, as a stable reference: `user:<id>`, `api_key:<id>`, `operator` or `public`.
    pub actor: String,
    /// A readable name for the actor at the time (a username), for the auditor's pages.
    pub actor_label: String,
    /// The s.62 operation.
    pub operation: Operation,
    /// What happened, from the catalogue of codes (`user.created`, `login.failed`).
    pub event: AuditCode,
    /// The record it concerns, as `kind:<id>`; empty when none.
    pub subject: String,
    /// The justification or reason code.
    pub justification: String,
    /// For disclosures, who received the data; empty otherwise.
    pub recipient: String,
    /// A short description without secrets.
    pub detail: String,
}

/// An entry as stored: the event, its place in the chain and the two hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the chain, starting at 1 with no gaps.
    pub seq: i64,
    /// The event recorded.
    pub event: AuditEvent,
    /// The hash of the entry before (all zeros for the first).
    pub prev_hash: [u8; 32],
    /// The hash of this entry.
    pub hash: [u8; 32],
}
