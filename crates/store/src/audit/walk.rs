//! Walking and exporting the audit trail.

use peel_core::audit::chain::Sealed;
use peel_core::audit::{AuditEntry, ChainBreak, ChainKey, ChainVerifier, GENESIS};
use time::OffsetDateTime;

use super::{AuditQuery, AuditStore};
use crate::StoreError;

const PAGE: u32 = 1_000;

/// Why verification failed.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The chain is broken at a named entry.
    #[error(transparent)]
    Broken(#[from] ChainBreak),
    /// The store failed, or an entry could not be read at all.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the chain must agree with beyond itself: the points signed checkpoints sealed, and
/// the entry from which they say the chain is keyed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Sealed points.
    pub sealed: Vec<Sealed>,
    /// The first keyed entry, as the checkpoints record it.
    pub keyed_from: Option<i64>,
}

/// Walks the whole chain in pages, in constant memory (beside the anchors), and returns the
/// number of entries when every entry is intact under `key` and in place, the chain reaches
/// every sealed point with the hash sealed, and it ends at the recorded head.
pub async fn verify_audit_chain(
    store: &dyn AuditStore,
    key: &ChainKey,
    anchors: &Anchors,
) -> Result<i64, VerifyError> {
    let keyed_from = store.audit_keyed_from().await?;
    if let Some(sealed) = anchors.keyed_from.filter(|k| *k != keyed_from) {
        return Err(ChainBreak::KeyingMoved {
            stored: keyed_from,
            sealed,
        }
        .into());
    }
    let head = store.audit_head().await?;
    let verifier = ChainVerifier::new(key, keyed_from).with_sealed(anchors.sealed.clone());
    walk(store, verifier, 0, head).await
}

/// Checks only what was written after entry `seq` with hash `hash` (a point a checkpoint
/// already sealed, which must still be there unchanged), up to the recorded head; returns the
/// head checked, for sealing next.
pub async fn verify_audit_since(
    store: &dyn AuditStore,
    key: &ChainKey,
    seq: i64,
    hash: [u8; 32],
) -> Result<(i64, [u8; 32]), VerifyError> {
    let keyed_from = store.audit_keyed_from().await?;
    let head = store.audit_head().await?;
    if seq > 0 {
        let query = AuditQuery {
            after_seq: Some(seq - 1),
            limit: 1,
            ..AuditQuery::default()
        };
        let at = store.audit_entries(&query).await?;
        match at.first() {
            Some(entry) if entry.seq == seq && entry.hash == hash => {}
            Some(entry) if entry.seq == seq => {
                return Err(ChainBreak::Unsealed {
                    seq,
                    at: "the last checkpoint".into(),
                }
                .into());
            }
            _ => {
                let last_seq = head.map_or(0, |(s, _)| s);
                return Err(ChainBreak::CutBelowCheckpoint {
                    last_seq,
                    sealed_seq: seq,
                }
                .into());
            }
        }
    }
    let verifier = ChainVerifier::resume(key, keyed_from, seq, hash);
    walk(store, verifier, seq, head).await?;
    Ok(head.unwrap_or((0, GENESIS)))
}

async fn walk(
    store: &dyn AuditStore,
    mut verifier: ChainVerifier<'_>,
    mut after_seq: i64,
    head: Option<(i64, [u8; 32])>,
) -> Result<i64, VerifyError> {
    loop {
        let query = AuditQuery {
            after_seq: Some(after_seq),
            limit: PAGE,
            ..AuditQuery::default()
        };
        let entries = store.audit_entries(&query).await?;
        for entry in &entries {
            verifier.check(entry)?;
        }
        match entries.last() {
            Some(last) if entries.len() == PAGE as usize => after_seq = last.seq,
            _ => break,
        }
    }
    Ok(verifier.finish(head)?)
}

/// Calls `write` for every entry with `from <= at < to`, oldest first, in pages.
pub async fn export_audit(
    store: &dyn AuditStore,
    from: Option<OffsetDateTime>,
    to: Option<OffsetDateTime>,
    mut write: impl FnMut(&AuditEntry) -> std::io::Result<()>,
) -> Result<u64, StoreError> {
    let mut after_seq = 0;
    let mut n_entries = 0;
    loop {
        let query = AuditQuery {
            from,
            to,
            after_seq: Some(after_seq),
            limit: PAGE,
            ..AuditQuery::default()
        };
        let entries = store.audit_entries(&query).await?;
        for entry in &entries {
            write(entry)
                .map_err(|error| StoreError::Config(format!("writing the export: {error}")))?;
            n_entries += 1;
        }
        match entries.last() {
            Some(last) if entries.len() == PAGE as usize => after_seq = last.seq,
            _ => return Ok(n_entries),
        }
    }
}

/// One entry as a JSON object, the export format for the data protection officer.
pub fn entry_to_json(entry: &AuditEntry) -> serde_json::Value {
    let at = entry
        .event
        .at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    serde_json::json!({
        "seq": entry.seq,
        "at": at,
        "actor": entry.event.actor,
        "actor_label": entry.event.actor_label,
        "operation": entry.event.operation.slug(),
        "event": entry.event.event.as_str(),
        "subject": entry.event.subject,
        "justification": entry.event.justification,
        "recipient": entry.event.recipient,
        "detail": entry.event.detail,
        "prev_hash": hex::encode(entry.prev_hash),
        "hash": hex::encode(entry.hash),
    })
}
