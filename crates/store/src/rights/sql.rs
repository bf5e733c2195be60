//! Subject access, restriction, review and erasure in SQL.

use peel_core::audit::AuditEvent;
use peel_core::reference::Reference;
use peel_core::retention::Right;
use peel_core::{ItemRef, SubmissionId};
use peel_link::Kind;
use time::{Date, OffsetDateTime};

use super::{ContactCorrection, Erased, RightsStore, SubjectRequest};
use crate::StoreResult;
use crate::audit::{commit_if_changed, commit_with};
use crate::engine::Engine;
use crate::sql::{Db, Param, Row, Tx};
use crate::submissions::{Submission, submissions_where};

const REQUEST_COLUMNS: &str = "id, subject_right, subject, received, due, recorded_by, \
    recorded_at_us, answered_at_us, outcome";

fn request_of(row: &Row) -> StoreResult<SubjectRequest> {
    let mut cols = row.cols("subject_requests");
    Ok(SubjectRequest {
        id: cols.id()?,
        right: cols.parse("subject_right", |text: String| {
            Right::parse(&text).ok_or_else(|| format!("{text:?} is not a right"))
        })?,
        subject: cols.get()?,
        received: cols.get()?,
        due: cols.get()?,
        recorded_by: cols.get()?,
        recorded_at: cols.get()?,
        answered_at: cols.get()?,
        outcome: cols.get()?,
    })
}

/// The tables holding a row per submission, removed when it is erased (children first).
const BY_SUBMISSION: &[&str] = &[
    "submission_notes",
    "dash_assessments",
    "reads_with_reason",
    "case_submissions",
    "outbox",
    "reporter_messages",
    "evidence_uploads",
    "evidence_requests",
    "idempotency_keys",
];

/// Sets one column (a fixed name, never input) of one submission, with its audit entry; false
/// when there is no such submission.
async fn set_column(
    db: &Db,
    column: &'static str,
    value: impl Param,
    id: SubmissionId,
    audit: AuditEvent,
) -> StoreResult<bool> {
    let mut tx = db.begin_write().await?;
    let changed = tx
        .query(sqlx::AssertSqlSafe(format!(
            "UPDATE submissions SET {column} = $1 WHERE id = $2"
        )))
        .bind(value)
        .bind(id)
        .execute(&mut tx)
        .await?;
    commit_if_changed(tx, changed, vec![audit]).await
}

/// Removes an item's indicators, links and alerts; returns how many links went.
async fn unlink(tx: &mut Tx, item: ItemRef) -> StoreResult<u64> {
    tx.query("DELETE FROM indicator_postings WHERE item = $1")
        .bind(item)
        .execute(&mut *tx)
        .await?;
    tx.query("DELETE FROM alerts WHERE item = $1")
        .bind(item)
        .execute(&mut *tx)
        .await?;
    let links = tx
        .query("DELETE FROM item_links WHERE earlier_item = $1 OR later_item = $2")
        .bind(item)
        .bind(item)
        .execute(&mut *tx)
        .await?;
    // Tasks about it not yet done go; done ones keep only their kind, day and hours (a
    // volunteer's record of time given), losing the item and everything that described it.
    tx.query("DELETE FROM tasks WHERE item = $1 AND status <> 'done'")
        .bind(item)
        .execute(&mut *tx)
        .await?;
    tx.query(
        "UPDATE tasks SET item = NULL, briefing = NULL, duty_phone = NULL, visit_note = NULL, \
         return_reason = NULL, place_lat = NULL, place_lon = NULL, touches = '' WHERE item = $1",
    )
    .bind(item)
    .execute(&mut *tx)
    .await?;
    Ok(links)
}

/// What was disclosed to partners from the report's case keeps its s.62 record (who, when,
/// which fields) but no longer what the report said: its entry becomes its reference and the
/// word that it was erased, which the practitioner's portal shows.
async fn redact_disclosures(
    tx: &mut Tx,
    id: SubmissionId,
    reference: &Reference,
) -> StoreResult<()> {
    let rows = tx
        .query(
            "SELECT d.id, d.content FROM disclosures d JOIN case_submissions cs \
             ON cs.case_id = d.case_id WHERE cs.submission_id = $1",
        )
        .bind(id)
        .all(&mut *tx)
        .await?;
    let wanted = reference.to_string();
    for row in &rows {
        let mut cols = row.cols("disclosures");
        let disclosure: uuid::Uuid = cols.id()?;
        let content: String = cols.get()?;
        let mut value: serde_json::Value =
            serde_json::from_str(&content).map_err(|e| cols.corrupt(format!("content: {e}")))?;
        let Some(reports) = value.as_array_mut() else {
            continue;
        };
        let mut changed = false;
        for report in reports.iter_mut() {
            if report.get("reference").and_then(serde_json::Value::as_str) == Some(wanted.as_str())
            {
                *report = serde_json::json!({
                    "reference": wanted,
                    "erased": "Erased from police records: delete your copy too",
                });
                changed = true;
            }
        }
        if changed {
            tx.query("UPDATE disclosures SET content = $1 WHERE id = $2")
                .bind(value.to_string())
                .bind(disclosure)
                .execute(&mut *tx)
                .await?;
        }
    }
    Ok(())
}

/// Removes a submission's evidence items and their reviews; returns (items removed, their files).
async fn remove_evidence(tx: &mut Tx, id: SubmissionId) -> StoreResult<(u64, Vec<String>)> {
    let files: Vec<String> = tx
        .query("SELECT DISTINCT sha256 FROM evidence_items WHERE submission_id = $1")
        .bind(id)
        .all(&mut *tx)
        .await?
        .iter()
        .map(|row| row.first("evidence_items"))
        .collect::<StoreResult<_>>()?;
    tx.query(
        "DELETE FROM evidence_reviews WHERE item_id IN \
         (SELECT id FROM evidence_items WHERE submission_id = $1)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let items = tx
        .query("DELETE FROM evidence_items WHERE submission_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let mut unheld = Vec::new();
    for file in files {
        let still = tx
            .query("SELECT COUNT(*) FROM evidence_items WHERE sha256 = $1")
            .bind(&file)
            .one(&mut *tx)
            .await?
            .first::<i64>("evidence_items")?;
        if still == 0 {
            unheld.push(file);
        }
    }
    Ok((items, unheld))
}

#[async_trait::async_trait]
impl<E: Engine> RightsStore for E {
    async fn held_about(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        name: Option<&str>,
    ) -> StoreResult<Vec<Submission>> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if email.is_none() && phone.is_none() && name.is_none() {
            return Ok(Vec::new());
        }
        submissions_where(
            self.db(),
            "WHERE ($1 IS NOT NULL AND lower(s.contact_email) = lower($1)) \
             OR ($2 IS NOT NULL AND s.contact_phone = $2) \
             OR ($3 IS NOT NULL AND lower(trim(s.contact_name)) = lower($3)) \
             ORDER BY s.received_at_us, s.id",
            |query| query.bind(email).bind(phone).bind(name),
        )
        .await
    }

    async fn items_holding(&self, values: &[(Kind, String)]) -> StoreResult<Vec<ItemRef>> {
        let db = self.db();
        let mut items = Vec::new();
        for (kind, value) in values {
            let rows = db
                .query(
                    "SELECT DISTINCT item FROM indicator_postings WHERE kind = $1 AND value = $2",
                )
                .bind(*kind)
                .bind(value)
                .all(db)
                .await?;
            for row in &rows {
                let item: ItemRef = row.first("indicator_postings")?;
                if !items.contains(&item) {
                    items.push(item);
                }
            }
        }
        Ok(items)
    }

    async fn add_subject_request(
        &self,
        request: &SubjectRequest,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO subject_requests ({REQUEST_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )))
        .bind(request.id)
        .bind(request.right.slug())
        .bind(&request.subject)
        .bind(request.received)
        .bind(request.due)
        .bind(&request.recorded_by)
        .bind(request.recorded_at)
        .bind(request.answered_at)
        .bind(request.outcome.as_deref())
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn answer_subject_request(
        &self,
        id: uuid::Uuid,
        at: OffsetDateTime,
        outcome: &str,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "UPDATE subject_requests SET answered_at_us = $1, outcome = $2 \
                 WHERE id = $3 AND answered_at_us IS NULL",
            )
            .bind(at)
            .bind(outcome)
            .bind(id)
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }

    async fn subject_requests(&self) -> StoreResult<Vec<SubjectRequest>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {REQUEST_COLUMNS} FROM subject_requests \
             ORDER BY CASE WHEN answered_at_us IS NULL THEN 0 ELSE 1 END, \
             CASE WHEN answered_at_us IS NULL THEN due END, answered_at_us DESC, id"
        )))
        .all(db)
        .await?
        .iter()
        .map(request_of)
        .collect()
    }

    async fn review_queue(&self, today: Date, limit: u32) -> StoreResult<Vec<Submission>> {
        submissions_where(
            self.db(),
            "WHERE s.review_due IS NOT NULL AND s.review_due <= $1 \
             ORDER BY s.review_due, s.received_at_us, s.id LIMIT $2",
            |query| query.bind(today).bind(i64::from(limit)),
        )
        .await
    }

    async fn retain(
        &self,
        id: SubmissionId,
        next_review: Date,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        set_column(self.db(), "review_due", next_review, id, audit).await
    }

    async fn restrict(
        &self,
        id: SubmissionId,
        reason: Option<&str>,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        set_column(self.db(), "restricted", reason, id, audit).await
    }

    async fn rectify_contact(
        &self,
        id: SubmissionId,
        change: &ContactCorrection,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        tx.lock_audit_chain().await?;
        let exists = tx
            .query("SELECT COUNT(*) FROM submissions WHERE id = $1")
            .bind(id)
            .one(&mut tx)
            .await?
            .first::<i64>("submissions")?;
        if exists == 0 {
            return Ok(false);
        }
        fn cleared(value: &Option<String>) -> Option<Option<&str>> {
            value
                .as_deref()
                .map(|v| Some(v.trim()).filter(|v| !v.is_empty()))
        }
        for (column, value) in [
            ("contact_name", cleared(&change.name)),
            ("contact_email", cleared(&change.email)),
            ("contact_phone", cleared(&change.phone)),
        ] {
            let Some(value) = value else { continue };
            // `column` is one of three fixed names above, never input.
            tx.query(sqlx::AssertSqlSafe(format!(
                "UPDATE submissions SET {column} = $1 WHERE id = $2"
            )))
            .bind(value)
            .bind(id)
            .execute(&mut tx)
            .await?;
        }
        // The old values no longer describe this report: they link nothing more from it.
        let item = ItemRef::Submission(id);
        for (kind, value) in &change.forget {
            tx.query("DELETE FROM indicator_postings WHERE item = $1 AND kind = $2 AND value = $3")
                .bind(item)
                .bind(*kind)
                .bind(value)
                .execute(&mut tx)
                .await?;
            tx.query(
                "DELETE FROM item_links WHERE (earlier_item = $1 OR later_item = $2) \
                 AND kind = $3 AND value = $4",
            )
            .bind(item)
            .bind(item)
            .bind(*kind)
            .bind(value)
            .execute(&mut tx)
            .await?;
        }
        if !change.forget.is_empty() {
            tx.query("UPDATE correlation_epoch SET epoch = epoch + 1 WHERE id = 1")
                .execute(&mut tx)
                .await?;
        }
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }

    async fn erase_submission(
        &self,
        id: SubmissionId,
        audit: AuditEvent,
    ) -> StoreResult<Option<Erased>> {
        let mut tx = self.db().begin_write().await?;
        tx.lock_audit_chain().await?;
        let Some(row) = tx
            .query("SELECT reference FROM submissions WHERE id = $1")
            .bind(id)
            .optional(&mut tx)
            .await?
        else {
            return Ok(None);
        };
        let reference: Reference = row.first("submissions")?;
        redact_disclosures(&mut tx, id, &reference).await?;
        let uploads: Vec<uuid::Uuid> = tx
            .query("SELECT id FROM evidence_uploads WHERE submission_id = $1")
            .bind(id)
            .all(&mut tx)
            .await?
            .iter()
            .map(|row| row.first("evidence_uploads"))
            .collect::<StoreResult<_>>()?;
        let links = unlink(&mut tx, ItemRef::Submission(id)).await?;
        let (evidence_items, unheld_files) = remove_evidence(&mut tx, id).await?;
        for table in BY_SUBMISSION {
            // `table` is one of the fixed names above, never input.
            tx.query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE submission_id = $1"
            )))
            .bind(id)
            .execute(&mut tx)
            .await?;
        }
        tx.query("DELETE FROM submissions WHERE id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        // Every store's mirror of the value index forgets what was removed.
        tx.query("UPDATE correlation_epoch SET epoch = epoch + 1 WHERE id = 1")
            .execute(&mut tx)
            .await?;
        commit_with(tx, vec![audit]).await?;
        Ok(Some(Erased {
            reference,
            links,
            evidence_items,
            unheld_files,
            uploads,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::BY_SUBMISSION;

    /// Every table holding a submission's id (by column) is one erasure clears, or the
    /// submissions table itself; evidence items are removed through `remove_evidence`. A table
    /// added later fails this until erasure knows it.
    #[tokio::test]
    async fn erasure_knows_every_table_that_holds_a_submission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("peel.db");
        drop(crate::SqliteStore::open(&path).await.unwrap());
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
            .await
            .unwrap();
        let holding: Vec<(String,)> = sqlx::query_as(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND p.name = 'submission_id' ORDER BY m.name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert!(!holding.is_empty());
        for (table,) in holding {
            assert!(
                BY_SUBMISSION.contains(&table.as_str()) || table == "evidence_items",
                "erase_submission does not clear {table}"
            );
        }
        // Tables naming items by reference are cleared by `unlink`.
        let by_item: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT m.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND p.name IN ('item', 'earlier_item', 'later_item') \
             ORDER BY m.name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let names: Vec<&str> = by_item.iter().map(|(n,)| n.as_str()).collect();
        assert_eq!(
            names,
            ["alerts", "indicator_postings", "item_links", "tasks"]
        );
    }
}
