//! Walking and exporting the audit trail.

use peel_core::audit::{AuditEntry, ChainBreak, ChainVerifier};
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

/// Walks the whole chain in pages, in constant memory, and returns the number of entries when
/// every entry is intact and in place and the chain ends at the recorded head.
pub async fn verify_audit_chain(store: &dyn AuditStore) -> Result<i64, VerifyError> {
    let head = store.audit_head().await?;
    let mut verifier = ChainVerifier::default();
    let mut after_seq = 0;
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
