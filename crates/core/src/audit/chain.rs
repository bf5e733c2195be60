//! The hash chain of the audit trail.
//!
//! **This is a security-sensitive module.** Entry `seq` carries `hash = HMAC-SHA256(key, "peel-
//! audit-v2" ‖ seq ‖ prev_hash ‖ at ‖ each field length-prefixed)`, where `prev_hash` is the
//! hash of entry `seq - 1`. The key ([`ChainKey`]) is made on first run in the data directory and
//! is never stored in the database, so a database administrator who drops the append-only
//! triggers and edits a row cannot re-hash the chain after it (finding H-4 of the security
//! review). Entries written before the key existed (stores made before issue 13) carry the
//! unkeyed SHA-256 of version 1 up to `keyed_from`, and the first signed checkpoint seals them.

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::{AuditEntry, AuditEvent};
use crate::clock::to_unix_micros;

/// The hash that precedes the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// The key of the audit chain's HMAC: 32 random bytes held outside the database.
#[derive(Clone, PartialEq, Eq)]
pub struct ChainKey([u8; 32]);

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(<redacted>)")
    }
}

impl ChainKey {
    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> ChainKey {
        ChainKey(bytes)
    }

    /// A key from a file's contents, which must be exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<ChainKey> {
        <[u8; 32]>::try_from(bytes).ok().map(ChainKey)
    }

    /// A short public name for the key (the first 8 bytes of its SHA-256, hex), so that an
    /// auditor can tell which key sealed a chain without learning the key.
    pub fn id(&self) -> String {
        let digest = Sha256::digest(self.0);
        hex::encode(digest.get(..8).unwrap_or_default())
    }
}

/// Seals an event as entry `seq` following `prev_hash`, keyed when `key` is given (every entry
/// Peel writes now); `None` only re-creates version 1 entries in tests.
pub fn seal(
    seq: i64,
    prev_hash: [u8; 32],
    event: AuditEvent,
    key: Option<&ChainKey>,
) -> AuditEntry {
    let hash = entry_hash(seq, &prev_hash, &event, key);
    AuditEntry {
        seq,
        event,
        prev_hash,
        hash,
    }
}

/// The hash of an entry over a fixed, length-prefixed encoding of every field, so that no two
/// different entries encode the same way: HMAC-SHA256 under `key` (version 2), or the plain
/// SHA-256 of version 1 when `key` is `None`.
pub fn entry_hash(
    seq: i64,
    prev_hash: &[u8; 32],
    event: &AuditEvent,
    key: Option<&ChainKey>,
) -> [u8; 32] {
    fn feed(update: &mut dyn FnMut(&[u8]), seq: i64, prev_hash: &[u8; 32], event: &AuditEvent) {
        update(&seq.to_be_bytes());
        update(prev_hash);
        update(&to_unix_micros(event.at).to_be_bytes());
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
            update(&(field.len() as u64).to_be_bytes());
            update(field.as_bytes());
        }
    }
    match key {
        Some(key) => {
            let mut mac = hmac::Hmac::<Sha256>::new_from_slice(&key.0)
                .unwrap_or_else(|_| hmac::Hmac::<Sha256>::new(&Default::default()));
            mac.update(b"peel-audit-v2");
            feed(&mut |bytes| mac.update(bytes), seq, prev_hash, event);
            mac.finalize().into_bytes().into()
        }
        None => {
            let mut hasher = Sha256::new();
            hasher.update(b"peel-audit-v1");
            feed(&mut |bytes| hasher.update(bytes), seq, prev_hash, event);
            hasher.finalize().into()
        }
    }
}

/// Where and why the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// An entry's stored hash does not match its contents under the key: it was altered, or
    /// re-hashed without the key, or the key was swapped.
    #[error("entry {seq} was altered: its contents no longer match its keyed hash")]
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
    /// A signed checkpoint records another hash for an entry: the chain was re-hashed (by
    /// someone holding the key) or rewritten.
    #[error("entry {seq} is not the entry the signed checkpoint of {at} sealed")]
    Unsealed {
        /// The entry.
        seq: i64,
        /// When the checkpoint was made (RFC 3339).
        at: String,
    },
    /// A signed checkpoint seals an entry the chain no longer has: entries were cut off the
    /// end and the head moved back.
    #[error("the chain ends at entry {last_seq} but a signed checkpoint sealed entry {sealed_seq}")]
    CutBelowCheckpoint {
        /// The last entry found.
        last_seq: i64,
        /// The entry the checkpoint sealed.
        sealed_seq: i64,
    },
    /// The store says its chain is keyed from another entry than its signed checkpoints say.
    #[error("the store says the chain is keyed from entry {stored}, its checkpoints say {sealed}")]
    KeyingMoved {
        /// What the store says.
        stored: i64,
        /// What the checkpoints say.
        sealed: i64,
    },
}

impl ChainBreak {
    /// The sequence number of the first bad entry.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Altered { seq }
            | ChainBreak::Broken { seq, .. }
            | ChainBreak::UnknownOperation { seq, .. }
            | ChainBreak::Unsealed { seq, .. } => *seq,
            ChainBreak::Truncated { last_seq, .. }
            | ChainBreak::CutBelowCheckpoint { last_seq, .. } => last_seq + 1,
            ChainBreak::KeyingMoved { stored, sealed } => *stored.min(sealed),
        }
    }
}

/// A point of the chain that a signed checkpoint vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The entry.
    pub seq: i64,
    /// Its hash.
    pub hash: [u8; 32],
    /// When it was sealed (RFC 3339), for messages.
    pub at: String,
}

/// Walks a chain entry by entry in order, in constant memory (beside the checkpoints).
#[derive(Debug, Clone)]
pub struct ChainVerifier<'k> {
    key: &'k ChainKey,
    keyed_from: i64,
    last_seq: i64,
    last_hash: [u8; 32],
    sealed: std::collections::VecDeque<Sealed>,
}

impl<'k> ChainVerifier<'k> {
    /// A verifier of a chain keyed with `key` from entry `keyed_from` on (entries before it
    /// are version 1), starting from the first entry.
    pub fn new(key: &'k ChainKey, keyed_from: i64) -> ChainVerifier<'k> {
        ChainVerifier::resume(key, keyed_from, 0, GENESIS)
    }

    /// A verifier that takes the chain up after entry `seq` with hash `hash` (already sealed
    /// by a checkpoint), for checking only what was written since.
    pub fn resume(
        key: &'k ChainKey,
        keyed_from: i64,
        seq: i64,
        hash: [u8; 32],
    ) -> ChainVerifier<'k> {
        ChainVerifier {
            key,
            keyed_from,
            last_seq: seq,
            last_hash: hash,
            sealed: std::collections::VecDeque::new(),
        }
    }

    /// Also checks the chain against these sealed points (any order; those at or before the
    /// starting point are ignored).
    pub fn with_sealed(mut self, mut sealed: Vec<Sealed>) -> ChainVerifier<'k> {
        sealed.retain(|s| s.seq > self.last_seq);
        sealed.sort_by_key(|s| s.seq);
        self.sealed = sealed.into();
        self
    }

    /// Checks the next entry; entries must be given in ascending `seq` order.
    pub fn check(&mut self, entry: &AuditEntry) -> Result<(), ChainBreak> {
        if entry.seq != self.last_seq + 1 || entry.prev_hash != self.last_hash {
            return Err(ChainBreak::Broken {
                seq: entry.seq,
                expected_prev: self.last_seq,
            });
        }
        let key = (entry.seq >= self.keyed_from).then_some(self.key);
        if entry_hash(entry.seq, &entry.prev_hash, &entry.event, key) != entry.hash {
            return Err(ChainBreak::Altered { seq: entry.seq });
        }
        while let Some(sealed) = self.sealed.front().filter(|s| s.seq == entry.seq) {
            if sealed.hash != entry.hash {
                return Err(ChainBreak::Unsealed {
                    seq: entry.seq,
                    at: sealed.at.clone(),
                });
            }
            self.sealed.pop_front();
        }
        self.last_seq = entry.seq;
        self.last_hash = entry.hash;
        Ok(())
    }

    /// Checks that the chain ends where the recorded head says it does, and reaches every
    /// sealed point.
    pub fn finish(&self, head: Option<(i64, [u8; 32])>) -> Result<i64, ChainBreak> {
        if let Some(sealed) = self.sealed.back() {
            return Err(ChainBreak::CutBelowCheckpoint {
                last_seq: self.last_seq,
                sealed_seq: sealed.seq,
            });
        }
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
    use crate::audit::{AuditCode, Operation};
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

    const KEY: ChainKey = ChainKey([7; 32]);

    /// A chain of `n` entries keyed from entry `keyed_from` on.
    fn chain_keyed_from(n: u32, keyed_from: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|i| {
                let seq = i64::from(i);
                let entry = seal(seq, prev, event(i), (seq >= keyed_from).then_some(&KEY));
                prev = entry.hash;
                entry
            })
            .collect()
    }

    fn chain(n: u32) -> Vec<AuditEntry> {
        chain_keyed_from(n, 1)
    }

    fn verify(entries: &[AuditEntry], head: Option<(i64, [u8; 32])>) -> Result<i64, ChainBreak> {
        verify_sealed(entries, head, Vec::new())
    }

    fn verify_sealed(
        entries: &[AuditEntry],
        head: Option<(i64, [u8; 32])>,
        sealed: Vec<Sealed>,
    ) -> Result<i64, ChainBreak> {
        let mut verifier = ChainVerifier::new(&KEY, 1).with_sealed(sealed);
        for entry in entries {
            verifier.check(entry)?;
        }
        verifier.finish(head)
    }

    fn seal_at(entries: &[AuditEntry], seq: usize) -> Sealed {
        Sealed {
            seq: entries[seq - 1].seq,
            hash: entries[seq - 1].hash,
            at: "2026-12-01T12:00:00Z".into(),
        }
    }

    /// Finding H-4: with the triggers dropped, an edited entry re-hashed onwards (and the head
    /// moved) is caught, because re-hashing needs the key.
    #[test]
    fn re_hashing_without_the_key_is_caught() {
        let mut entries = chain(5);
        entries[2].event.detail = "something else".into();
        let mut prev = entries[1].hash;
        for entry in &mut entries[2..] {
            // What an attacker without the key can do: the unkeyed hash of version 1.
            *entry = seal(entry.seq, prev, entry.event.clone(), None);
            prev = entry.hash;
        }
        let head = head(&entries);
        assert_eq!(verify(&entries, head), Err(ChainBreak::Altered { seq: 3 }));
        let other = ChainKey([8; 32]);
        let mut verifier = ChainVerifier::new(&other, 1);
        assert_eq!(
            verifier.check(&chain(1)[0]),
            Err(ChainBreak::Altered { seq: 1 }),
            "a swapped key is caught at the first keyed entry"
        );
    }

    /// Someone holding the key can re-hash, but a signed checkpoint recorded the true hash.
    #[test]
    fn re_hashing_with_the_key_is_caught_by_a_checkpoint() {
        let entries = chain(5);
        let sealed = vec![seal_at(&entries, 4)];
        let mut forged = entries.clone();
        forged[2].event.detail = "something else".into();
        let mut prev = forged[1].hash;
        for entry in &mut forged[2..] {
            *entry = seal(entry.seq, prev, entry.event.clone(), Some(&KEY));
            prev = entry.hash;
        }
        let head = head(&forged);
        assert!(matches!(
            verify_sealed(&forged, head, sealed.clone()),
            Err(ChainBreak::Unsealed { seq: 4, .. })
        ));
        assert_eq!(verify_sealed(&entries, self::head(&entries), sealed), Ok(5));
    }

    /// Finding H-4: cutting off the tail and moving the head back is caught by a checkpoint
    /// beyond the cut.
    #[test]
    fn a_tail_cut_below_a_checkpoint_is_caught() {
        let mut entries = chain(5);
        let sealed = vec![seal_at(&entries, 2), seal_at(&entries, 4)];
        entries.truncate(3);
        let moved_back = head(&entries);
        assert_eq!(
            verify_sealed(&entries, moved_back, sealed),
            Err(ChainBreak::CutBelowCheckpoint {
                last_seq: 3,
                sealed_seq: 4
            })
        );
    }

    /// A store made before the key existed: its version 1 entries verify up to `keyed_from`,
    /// and keyed entries follow.
    #[test]
    fn a_chain_migrated_to_keying_verifies_across_the_change() {
        let entries = chain_keyed_from(6, 4);
        let mut verifier = ChainVerifier::new(&KEY, 4);
        for entry in &entries {
            verifier.check(entry).unwrap();
        }
        assert_eq!(verifier.finish(head(&entries)), Ok(6));
        // Claiming the keying starts later lets unkeyed entries through only where no keyed
        // hash was ever written: entry 4 is keyed, so it fails.
        let mut verifier = ChainVerifier::new(&KEY, 7);
        let failed = entries.iter().try_for_each(|e| verifier.check(e));
        assert_eq!(failed, Err(ChainBreak::Altered { seq: 4 }));
    }

    #[test]
    fn resuming_after_a_sealed_point_checks_only_what_follows() {
        let entries = chain(5);
        let mut verifier = ChainVerifier::resume(&KEY, 1, 3, entries[2].hash);
        for entry in &entries[3..] {
            verifier.check(entry).unwrap();
        }
        assert_eq!(verifier.finish(head(&entries)), Ok(5));
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
        assert_ne!(
            entry_hash(1, &GENESIS, &a, Some(&KEY)),
            entry_hash(1, &GENESIS, &b, Some(&KEY))
        );
    }
}
