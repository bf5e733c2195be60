//! The audit trail: appending entries to the hash chain in the transaction of the change they
//! record, searching them, and walking the chain to verify or export it.
//!
//! **Architecture Invariant:** the audit log is append-only: database triggers refuse `UPDATE`
//! and `DELETE`; every entry is sealed with the chain key, which the store is given and never
//! stores; `audit_head` records the newest entry's position and hash in the same transaction as
//! the entry; and `audit_keying` records (once, in the migration that brought the key) the
//! first entry sealed with it. Signed checkpoints outside the database (written by the
//! application, `peel_app::audit::checkpoints`) anchor the head.

mod sql;
mod walk;

use peel_core::audit::{AuditCode, AuditEntry, AuditEvent};
use time::OffsetDateTime;

use crate::StoreResult;

pub(crate) use sql::{commit_if_changed, commit_with};
pub use walk::{
    Anchors, VerifyError, entry_to_json, export_audit, verify_audit_chain, verify_audit_since,
};

/// A chain key made at random, for a store opened without the data directory's key.
pub(crate) fn ephemeral_chain_key() -> StoreResult<peel_core::audit::ChainKey> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::StoreError::Config(format!("no randomness for a chain key: {e}")))?;
    Ok(peel_core::audit::ChainKey::from_bytes(bytes))
}

/// A search of the audit trail; every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Exact actor reference, such as `user:<id>`.
    pub actor: Option<String>,
    /// Exact subject reference, such as `submission:<id>`.
    pub subject: Option<String>,
    /// Only entries with this code.
    pub event: Option<AuditCode>,
    /// Entries at or after this time.
    pub from: Option<OffsetDateTime>,
    /// Entries before this time.
    pub to: Option<OffsetDateTime>,
    /// Only entries after this position (for paging and streaming).
    pub after_seq: Option<i64>,
    /// At most this many entries, oldest first.
    pub limit: u32,
}

/// The audit trail.
#[async_trait::async_trait]
pub trait AuditStore: Send + Sync {
    /// Appends entries on their own (a consultation, a refusal), in one transaction.
    async fn append_audit(&self, events: Vec<AuditEvent>) -> StoreResult<()>;

    /// Entries matching the query, oldest first.
    async fn audit_entries(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;

    /// The newest entry's position and hash, as recorded beside the chain; `None` when empty.
    async fn audit_head(&self) -> StoreResult<Option<(i64, [u8; 32])>>;

    /// The first entry sealed with the chain key (entries before it were written before the
    /// store had one, with the unkeyed hash of version 1).
    async fn audit_keyed_from(&self) -> StoreResult<i64>;
}
