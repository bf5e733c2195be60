//! The audit trail's SQL.

use peel_core::audit::{AuditEntry, AuditEvent, GENESIS, seal};

use super::{AuditQuery, AuditStore};
use crate::StoreResult;
use crate::engine::Engine;
use crate::sql::{Row, Tx};

const TABLE: &str = "audit_log";

/// Appends audit events inside a transaction, continuing the hash chain from the head.
pub(crate) async fn append_in(tx: &mut Tx, events: Vec<AuditEvent>) -> StoreResult<()> {
    tx.lock_audit_chain().await?;
    let head = tx
        .query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .optional(&mut *tx)
        .await?
        .map(|row| head_of(&row))
        .transpose()?;
    let (mut seq, mut prev) = head.unwrap_or((0, GENESIS));
    let key = tx.chain_key().clone();
    for event in events {
        seq += 1;
        let entry = seal(seq, prev, event, Some(&key));
        tx.query(
            "INSERT INTO audit_log (seq, at_us, actor, actor_label, operation, event, subject, \
             justification, recipient, detail, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(entry.seq)
        .bind(entry.event.at)
        .bind(&entry.event.actor)
        .bind(&entry.event.actor_label)
        .bind(entry.event.operation)
        .bind(entry.event.event)
        .bind(&entry.event.subject)
        .bind(&entry.event.justification)
        .bind(&entry.event.recipient)
        .bind(&entry.event.detail)
        .bind(hex::encode(entry.prev_hash))
        .bind(hex::encode(entry.hash))
        .execute(&mut *tx)
        .await?;
        prev = entry.hash;
    }
    tx.query(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
    )
    .bind(seq)
    .bind(hex::encode(prev))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Appends the audit events and commits: the one way a write transaction ends, so no change is
/// committed without its audit entries.
pub(crate) async fn commit_with(mut tx: Tx, events: Vec<AuditEvent>) -> StoreResult<()> {
    append_in(&mut tx, events).await?;
    tx.commit().await
}

/// [`commit_with`] when the change touched a row (`changed`, as `execute` counts them);
/// otherwise the transaction is dropped, nothing is written and the answer is false.
pub(crate) async fn commit_if_changed(
    tx: Tx,
    changed: u64,
    events: Vec<AuditEvent>,
) -> StoreResult<bool> {
    if changed == 0 {
        return Ok(false);
    }
    commit_with(tx, events).await?;
    Ok(true)
}

fn head_of(row: &Row) -> StoreResult<(i64, [u8; 32])> {
    let mut cols = row.cols("audit_head");
    let seq: i64 = cols.id()?;
    let hash: String = cols.get()?;
    Ok((seq, parse_hash(&hash).map_err(|p| cols.corrupt(p))?))
}

fn parse_hash(text: &str) -> Result<[u8; 32], String> {
    let mut hash = [0u8; 32];
    hex::decode_to_slice(text, &mut hash).map_err(|_| "a malformed hash".to_owned())?;
    Ok(hash)
}

/// An entry as stored; an unknown operation or code is corruption, named by its position, so
/// that verification says which entry it is.
fn entry_of(row: &Row) -> StoreResult<AuditEntry> {
    let mut cols = row.cols(TABLE);
    let seq: i64 = cols.id()?;
    let event = AuditEvent {
        at: cols.get()?,
        actor: cols.get()?,
        actor_label: cols.get()?,
        operation: cols.get()?,
        event: cols.get()?,
        subject: cols.get()?,
        justification: cols.get()?,
        recipient: cols.get()?,
        detail: cols.get()?,
    };
    let prev_hash = cols.parse("prev_hash", |text: String| parse_hash(&text))?;
    let hash = cols.parse("hash", |text: String| parse_hash(&text))?;
    Ok(AuditEntry {
        seq,
        event,
        prev_hash,
        hash,
    })
}

#[async_trait::async_trait]
impl<E: Engine> AuditStore for E {
    async fn append_audit(&self, events: Vec<AuditEvent>) -> StoreResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        commit_with(self.db().begin_write().await?, events).await
    }

    async fn audit_entries(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
        let db = self.db();
        db.query(
            "SELECT seq, at_us, actor, actor_label, operation, event, subject, justification, \
             recipient, detail, prev_hash, hash FROM audit_log \
             WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR subject = $2) \
             AND ($3 IS NULL OR at_us >= $3) AND ($4 IS NULL OR at_us < $4) \
             AND ($5 IS NULL OR event = $5) AND seq > $6 ORDER BY seq LIMIT $7",
        )
        .bind(query.actor.as_deref())
        .bind(query.subject.as_deref())
        .bind(query.from)
        .bind(query.to)
        .bind(query.event)
        .bind(query.after_seq.unwrap_or(0))
        .bind(i64::from(query.limit))
        .all(db)
        .await?
        .iter()
        .map(entry_of)
        .collect()
    }

    async fn audit_keyed_from(&self) -> StoreResult<i64> {
        let db = self.db();
        Ok(db
            .query("SELECT keyed_from FROM audit_keying WHERE id = 1")
            .optional(db)
            .await?
            .map(|row| row.first::<i64>("audit_keying"))
            .transpose()?
            .unwrap_or(1))
    }

    async fn audit_head(&self) -> StoreResult<Option<(i64, [u8; 32])>> {
        let db = self.db();
        db.query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .optional(db)
            .await?
            .map(|row| head_of(&row))
            .transpose()
    }
}
