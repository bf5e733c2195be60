//! An evidence item's chain of custody: every action on it (received with its hash, scanned,
//! downloaded, exported, read) is an entry in the audit chain under `evidence:<id>`, with who,
//! when and the hash; reading the chain is itself recorded.

use peel_core::audit::AuditCode;
use peel_core::policy::Actor;
use peel_store::{AuditQuery, EvidenceItem};
use time::OffsetDateTime;

use super::EvidenceError;
use crate::Context;

/// One entry of an item's custody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustodyEntry {
    /// Its place in the audit chain.
    pub seq: i64,
    /// When.
    pub at: OffsetDateTime,
    /// Who, as the trail names them (`user:<id>`, `public`, `operator`).
    pub actor: String,
    /// Who, in words.
    pub actor_label: String,
    /// What was done.
    pub event: AuditCode,
    /// What the entry says (the hash, the bundle, the reason).
    pub detail: String,
    /// The entry's own hash in the chain, hex.
    pub hash: String,
}

/// The most entries one item's custody is read with.
const MOST: u32 = 10_000;

/// An item's chain of custody as the trail holds it, oldest first, without recording the
/// reading: for an export, which records itself.
pub async fn chain(
    store: &dyn peel_store::Store,
    item: &EvidenceItem,
) -> Result<Vec<CustodyEntry>, EvidenceError> {
    let entries = store
        .audit_entries(&AuditQuery {
            subject: Some(format!("evidence:{}", item.id)),
            limit: MOST,
            ..Default::default()
        })
        .await?;
    Ok(entries
        .into_iter()
        .map(|entry| CustodyEntry {
            seq: entry.seq,
            at: entry.event.at,
            actor: entry.event.actor,
            actor_label: entry.event.actor_label,
            event: entry.event.event,
            detail: entry.event.detail,
            hash: hex::encode(entry.hash),
        })
        .collect())
}

/// The custody of an item whose report the caller has been authorised to see, oldest first;
/// the reading is recorded in it.
pub async fn custody(
    ctx: &Context,
    actor: &Actor,
    item: &EvidenceItem,
) -> Result<Vec<CustodyEntry>, EvidenceError> {
    let entries = chain(ctx.store(), item).await?;
    let event = ctx.event(
        actor,
        AuditCode::EvidenceCustodyViewed,
        format!("evidence:{}", item.id),
        format!(
            "chain of custody read: {} entries, sha256 {}",
            entries.len(),
            item.sha256
        ),
    );
    ctx.record(event).await?;
    Ok(entries)
}
