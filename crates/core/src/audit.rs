//! The audit trail of DPA 2018 Part 3 s.62: what was done to personal data, by whom, when and why.
//!
//! **This is a security-sensitive module.** Each entry carries the hash of the one before it, so
//! altering, removing or reordering an entry breaks the chain at that entry, and the store keeps
//! the hash of the newest entry separately so that cutting entries off the end is caught too.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::clock::to_unix_micros;

mod code;

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

/// The hash that precedes the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// Seals an event as entry `seq` following `prev_hash`.
pub fn seal(seq: i64, prev_hash: [u8; 32], event: AuditEvent) -> AuditEntry {
    let hash = entry_hash(seq, &prev_hash, &event);
    AuditEntry {
        seq,
        event,
        prev_hash,
        hash,
    }
}

/// The hash of an entry over a fixed, length-prefixed encoding of every field, so that no two
/// different entries encode the same way.
pub fn entry_hash(seq: i64, prev_hash: &[u8; 32], event: &AuditEvent) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"peel-audit-v1");
    hasher.update(seq.to_be_bytes());
    hasher.update(prev_hash);
    hasher.update(to_unix_micros(event.at).to_be_bytes());
    for field in [
        event.actor.as_str(),
        event.actor_label.as_str(),
        event.operation.slug(),
        event.event.as_str(),
        event.subject.as_str(),
        event.justification.as_str(),
        event.recipient.as_str(),
        event.detail.as_str(),
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hasher.finalize().into()
}

/// Where and why the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// An entry's stored hash does not match its contents: it was altered.
    #[error("entry {seq} was altered: its contents no longer match its hash")]
    Altered {
        /// The entry.
        seq: i64,
    },
    /// An entry does not point at the entry before it: entries were removed or reordered.
    #[error("entry {seq} does not follow entry {expected_prev}: entries were removed or reordered")]
    Broken {
        /// The entry.
        seq: i64,
        /// The entry it should follow.
        expected_prev: i64,
    },
    /// A stored operation name is not one Peel writes.
    #[error("entry {seq} has an unknown operation '{operation}'")]
    UnknownOperation {
        /// The entry.
        seq: i64,
        /// What was stored.
        operation: String,
    },
    /// The newest entry is not the one the chain head records: entries were cut off the end.
    #[error("the chain ends at entry {last_seq} but the recorded head is entry {head_seq}")]
    Truncated {
        /// The last entry found.
        last_seq: i64,
        /// The head recorded when the last entry was written.
        head_seq: i64,
    },
}

impl ChainBreak {
    /// The sequence number of the first bad entry.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Altered { seq }
            | ChainBreak::Broken { seq, .. }
            | ChainBreak::UnknownOperation { seq, .. } => *seq,
            ChainBreak::Truncated { last_seq, .. } => last_seq + 1,
        }
    }
}

/// Walks a chain entry by entry in order, in constant memory.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: [u8; 32],
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            last_seq: 0,
            last_hash: GENESIS,
        }
    }
}

impl ChainVerifier {
    /// Checks the next entry; entries must be given in ascending `seq` order.
    pub fn check(&mut self, entry: &AuditEntry) -> Result<(), ChainBreak> {
        if entry.seq != self.last_seq + 1 || entry.prev_hash != self.last_hash {
            return Err(ChainBreak::Broken {
                seq: entry.seq,
                expected_prev: self.last_seq,
            });
        }
        if entry_hash(entry.seq, &entry.prev_hash, &entry.event) != entry.hash {
            return Err(ChainBreak::Altered { seq: entry.seq });
        }
        self.last_seq = entry.seq;
        self.last_hash = entry.hash;
        Ok(())
    }

    /// Checks that the chain ends where the recorded head says it does.
    pub fn finish(&self, head: Option<(i64, [u8; 32])>) -> Result<i64, ChainBreak> {
        let (head_seq, head_hash) = head.unwrap_or((0, GENESIS));
        if head_seq != self.last_seq {
            return Err(ChainBreak::Truncated {
                last_seq: self.last_seq,
                head_seq,
            });
        }
        if head_hash != self.last_hash {
            return Err(ChainBreak::Altered { seq: self.last_seq });
        }
        Ok(self.last_seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn event(n: u32) -> AuditEvent {
        AuditEvent {
            at: datetime!(2026-11-26 12:00 UTC) + time::Duration::seconds(n.into()),
            actor: "operator".into(),
            actor_label: "console".into(),
            operation: Operation::Security,
            event: AuditCode::UserCreated,
            subject: format!("user:{n}"),
            justification: String::new(),
            recipient: String::new(),
            detail: format!("event {n}"),
        }
    }

    fn chain(n: u32) -> Vec<AuditEntry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|i| {
                let entry = seal(i64::from(i), prev, event(i));
                prev = entry.hash;
                entry
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry], head: Option<(i64, [u8; 32])>) -> Result<i64, ChainBreak> {
        let mut verifier = ChainVerifier::default();
        for entry in entries {
            verifier.check(entry)?;
        }
        verifier.finish(head)
    }

    fn head(entries: &[AuditEntry]) -> Option<(i64, [u8; 32])> {
        entries.last().map(|e| (e.seq, e.hash))
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let entries = chain(5);
        assert_eq!(verify(&entries, head(&entries)), Ok(5));
    }

    #[test]
    fn an_empty_chain_verifies() {
        assert_eq!(verify(&[], None), Ok(0));
    }

    #[test]
    fn an_altered_entry_is_named() {
        let mut entries = chain(5);
        entries[2].event.detail = "something else".into();
        let head = head(&entries);
        assert_eq!(verify(&entries, head), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn a_removed_entry_is_caught_at_the_next() {
        let mut entries = chain(5);
        let head = head(&entries);
        entries.remove(1);
        assert_eq!(verify(&entries, head).unwrap_err().seq(), 3);
    }

    #[test]
    fn reordered_entries_are_caught() {
        let mut entries = chain(5);
        let head = head(&entries);
        entries.swap(1, 2);
        assert_eq!(verify(&entries, head).unwrap_err().seq(), 3);
    }

    #[test]
    fn cutting_entries_off_the_end_is_caught_by_the_head() {
        let mut entries = chain(5);
        let head = head(&entries);
        entries.truncate(3);
        assert_eq!(
            verify(&entries, head),
            Err(ChainBreak::Truncated {
                last_seq: 3,
                head_seq: 5
            })
        );
    }

    #[test]
    fn moving_a_field_boundary_changes_the_hash() {
        let mut a = event(1);
        let mut b = event(1);
        a.actor = "ab".into();
        a.actor_label = "c".into();
        b.actor = "a".into();
        b.actor_label = "bc".into();
        assert_ne!(entry_hash(1, &GENESIS, &a), entry_hash(1, &GENESIS, &b));
    }
}
