//! Signed checkpoints of the audit chain: the anchor outside the database.
//!
//! **This is a security-sensitive module.** Peel appends a checkpoint (the chain's position and
//! head hash, the time, and the entry from which the chain is keyed) to a file outside the
//! database, signed with Ed25519 under a key that is not in the database either. An operator
//! ships the file elsewhere (syslog, WORM storage). Re-hashing the chain, by someone who has
//! even the chain key, changes a sealed hash; cutting off the tail and moving the head back
//! loses a sealed entry; editing the file breaks a signature; swapping the signing key leaves
//! the old lines unverifiable. Each line is one JSON object:
//!
//! `{"v":1,"seq":N,"head":"<hex>","at":"<RFC 3339>","keyed_from":K,"key":"<hex public key>","sig":"<hex>"}`
//!
//! The signature covers `"peel-audit-checkpoint-v1"`, then `seq`, `at` in microseconds and
//! `keyed_from` as big-endian 64-bit integers around the 32 bytes of `head`, then the public key.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::chain::Sealed;
use crate::clock::to_unix_micros;

/// The key checkpoints are signed with: an Ed25519 seed of 32 random bytes held outside the
/// database.
#[derive(Clone)]
pub struct CheckpointKey(SigningKey);

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CheckpointKey(public {})", self.public_hex())
    }
}

impl CheckpointKey {
    /// A key from its 32-byte seed.
    pub fn from_seed(seed: [u8; 32]) -> CheckpointKey {
        CheckpointKey(SigningKey::from_bytes(&seed))
    }

    /// A key from a file's contents, which must be exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<CheckpointKey> {
        <[u8; 32]>::try_from(bytes)
            .ok()
            .map(CheckpointKey::from_seed)
    }

    /// The public key that verifies its signatures.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The public key in hex.
    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().as_bytes())
    }

    /// Signs a checkpoint.
    pub fn sign(&self, checkpoint: Checkpoint) -> SignedCheckpoint {
        let public = self.public();
        let signature = self.0.sign(&message(&checkpoint, &public));
        SignedCheckpoint {
            checkpoint,
            key: public,
            signature,
        }
    }
}

/// A public key that checkpoints are verified with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// Parses 64 hex digits.
    pub fn parse_hex(text: &str) -> Option<PublicKey> {
        let mut bytes = [0_u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes).ok()?;
        VerifyingKey::from_bytes(&bytes).ok().map(PublicKey)
    }

    /// In hex.
    pub fn to_hex(self) -> String {
        hex::encode(self.0.as_bytes())
    }
}

/// What a checkpoint vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The chain's newest entry when it was made (0 for an empty chain).
    pub seq: i64,
    /// That entry's hash.
    pub head: [u8; 32],
    /// When it was made (whole microseconds).
    pub at: OffsetDateTime,
    /// The first entry sealed with the chain key (entries before it are version 1).
    pub keyed_from: i64,
}

/// A checkpoint with its signature and the key that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    /// What it vouches for.
    pub checkpoint: Checkpoint,
    /// The public key that signed it.
    pub key: PublicKey,
    signature: Signature,
}

/// Why a checkpoint line is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// Not a checkpoint at all.
    #[error("line {line} of the checkpoint file is not a checkpoint: {problem}")]
    Malformed {
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// Its signature does not verify: the line was edited.
    #[error("line {line} of the checkpoint file was altered: its signature does not verify")]
    BadSignature {
        /// The line, from 1.
        line: usize,
    },
    /// Signed by another key than this Peel's: the signing key was swapped, or the line comes
    /// from elsewhere.
    #[error(
        "line {line} of the checkpoint file was signed by key {found}, not by this Peel's key {expected}"
    )]
    OtherKey {
        /// The line, from 1.
        line: usize,
        /// The key it names.
        found: String,
        /// The key expected.
        expected: String,
    },
    /// Two checkpoints disagree about one entry or about the keying.
    #[error("line {line} of the checkpoint file contradicts an earlier line about entry {seq}")]
    Contradicts {
        /// The line, from 1.
        line: usize,
        /// The entry.
        seq: i64,
    },
}

fn message(checkpoint: &Checkpoint, key: &PublicKey) -> Vec<u8> {
    let mut message = Vec::with_capacity(24 + 8 * 3 + 64);
    message.extend_from_slice(b"peel-audit-checkpoint-v1");
    message.extend_from_slice(&checkpoint.seq.to_be_bytes());
    message.extend_from_slice(&checkpoint.head);
    message.extend_from_slice(&to_unix_micros(checkpoint.at).to_be_bytes());
    message.extend_from_slice(&checkpoint.keyed_from.to_be_bytes());
    message.extend_from_slice(key.0.as_bytes());
    message
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    v: u32,
    seq: i64,
    head: String,
    at: String,
    keyed_from: i64,
    key: String,
    sig: String,
}

impl SignedCheckpoint {
    /// The checkpoint as one line of JSON (no newline).
    pub fn to_line(&self) -> String {
        let line = Line {
            v: 1,
            seq: self.checkpoint.seq,
            head: hex::encode(self.checkpoint.head),
            at: self.checkpoint.at.format(&Rfc3339).unwrap_or_default(),
            keyed_from: self.checkpoint.keyed_from,
            key: self.key.to_hex(),
            sig: hex::encode(self.signature.to_bytes()),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }

    /// Reads line `number` of a checkpoint file and checks its signature against `expected`.
    pub fn parse(
        text: &str,
        number: usize,
        expected: &PublicKey,
    ) -> Result<SignedCheckpoint, CheckpointError> {
        let malformed = |problem: &str| CheckpointError::Malformed {
            line: number,
            problem: problem.to_owned(),
        };
        let line: Line = serde_json::from_str(text).map_err(|e| malformed(&e.to_string()))?;
        if line.v != 1 {
            return Err(malformed("an unknown version"));
        }
        let mut head = [0_u8; 32];
        hex::decode_to_slice(&line.head, &mut head).map_err(|_| malformed("a malformed head"))?;
        let at = OffsetDateTime::parse(&line.at, &Rfc3339).map_err(|_| malformed("a bad time"))?;
        let key = PublicKey::parse_hex(&line.key).ok_or_else(|| malformed("a malformed key"))?;
        if key != *expected {
            return Err(CheckpointError::OtherKey {
                line: number,
                found: key.to_hex(),
                expected: expected.to_hex(),
            });
        }
        let mut sig = [0_u8; 64];
        hex::decode_to_slice(&line.sig, &mut sig)
            .map_err(|_| malformed("a malformed signature"))?;
        let signed = SignedCheckpoint {
            checkpoint: Checkpoint {
                seq: line.seq,
                head,
                at,
                keyed_from: line.keyed_from,
            },
            key,
            signature: Signature::from_bytes(&sig),
        };
        key.0
            .verify(&message(&signed.checkpoint, &key), &signed.signature)
            .map_err(|_| CheckpointError::BadSignature { line: number })?;
        Ok(signed)
    }

    /// The point of the chain it seals.
    pub fn sealed(&self) -> Sealed {
        Sealed {
            seq: self.checkpoint.seq,
            hash: self.checkpoint.head,
            at: self.checkpoint.at.format(&Rfc3339).unwrap_or_default(),
        }
    }
}

/// Every checkpoint of a file's text, each checked, and agreeing with each other: one hash per
/// entry and one `keyed_from`. Blank lines are passed over; a torn last line (a crash while
/// writing) is reported like any other malformed line.
pub fn read_all(
    text: &str,
    expected: &PublicKey,
) -> Result<Vec<SignedCheckpoint>, CheckpointError> {
    let mut out: Vec<SignedCheckpoint> = Vec::new();
    let mut hashes: std::collections::HashMap<i64, [u8; 32]> = std::collections::HashMap::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let signed = SignedCheckpoint::parse(line, number, expected)?;
        let cp = &signed.checkpoint;
        let contradicts = hashes.get(&cp.seq).is_some_and(|h| *h != cp.head)
            || out
                .first()
                .is_some_and(|first| first.checkpoint.keyed_from != cp.keyed_from);
        if contradicts {
            return Err(CheckpointError::Contradicts {
                line: number,
                seq: cp.seq,
            });
        }
        hashes.insert(cp.seq, cp.head);
        out.push(signed);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn key(n: u8) -> CheckpointKey {
        CheckpointKey::from_seed([n; 32])
    }

    fn checkpoint(seq: i64) -> Checkpoint {
        Checkpoint {
            seq,
            head: [seq as u8; 32],
            at: datetime!(2026-12-01 12:00 UTC),
            keyed_from: 1,
        }
    }

    #[test]
    fn a_signed_line_reads_back() {
        let signed = key(1).sign(checkpoint(5));
        let line = signed.to_line();
        assert_eq!(
            SignedCheckpoint::parse(&line, 1, &key(1).public()),
            Ok(signed)
        );
    }

    #[test]
    fn an_edited_line_is_refused() {
        let line = key(1).sign(checkpoint(5)).to_line();
        let edited = line.replace("\"seq\":5", "\"seq\":4");
        assert_eq!(
            SignedCheckpoint::parse(&edited, 3, &key(1).public()),
            Err(CheckpointError::BadSignature { line: 3 })
        );
    }

    #[test]
    fn a_line_signed_by_a_swapped_key_is_refused() {
        let line = key(2).sign(checkpoint(5)).to_line();
        assert!(matches!(
            SignedCheckpoint::parse(&line, 1, &key(1).public()),
            Err(CheckpointError::OtherKey { line: 1, .. })
        ));
    }

    #[test]
    fn contradicting_lines_are_refused() {
        let mut other = checkpoint(5);
        other.head = [9; 32];
        let text = format!(
            "{}\n\n{}\n",
            key(1).sign(checkpoint(5)).to_line(),
            key(1).sign(other).to_line()
        );
        assert_eq!(
            read_all(&text, &key(1).public()),
            Err(CheckpointError::Contradicts { line: 3, seq: 5 })
        );
    }

    proptest::proptest! {
        /// The file is outside the database: nothing in it makes reading panic, and nothing
        /// unsigned is accepted.
        #[test]
        fn reading_any_text_never_panics_and_accepts_nothing_unsigned(text in "\\PC{0,400}") {
            let accepted = read_all(&text, &key(1).public()).unwrap_or_default();
            proptest::prop_assert!(accepted.is_empty());
        }
    }

    #[test]
    fn a_torn_line_is_malformed() {
        let line = key(1).sign(checkpoint(5)).to_line();
        let torn = &line[..line.len() / 2];
        assert!(matches!(
            read_all(torn, &key(1).public()),
            Err(CheckpointError::Malformed { line: 1, .. })
        ));
    }
}
