//! Evidence items' SQL.

use peel_core::SubmissionId;
use peel_core::audit::AuditEvent;
use peel_core::evidence::MediaKind;

use super::{EvidenceItem, EvidenceRequest, EvidenceReview, EvidenceStore, EvidenceUpload};
use crate::StoreResult;
use crate::audit::{commit_if_changed, commit_with};
use crate::engine::Engine;
use crate::linking::{Correlated, Linking, commit_linked};
use crate::sql::{Db, Row};

const COLUMNS: &str = "id, submission_id, sha256, size, mime, kind, original_name, \
    received_at_us, submitted_by, taken_at, latitude, longitude, ward_code, camera, duration_ms, dhash, derived_from";

fn item_of(row: &Row) -> StoreResult<EvidenceItem> {
    let mut cols = row.cols("evidence_items");
    let id = cols.get()?;
    let submission_id = cols.get()?;
    let sha256 = cols.get()?;
    let size = cols.parse("size", |n: i64| {
        u64::try_from(n).map_err(|_| format!("{n} is not a size"))
    })?;
    let mime = cols.get()?;
    let kind = cols.parse("kind", |text: String| {
        MediaKind::parse(&text).ok_or_else(|| format!("{text:?} is not a kind of file"))
    })?;
    let original_name = cols.get()?;
    let received_at = cols.get()?;
    let submitted_by = cols.get()?;
    let taken_at: Option<String> = cols.get()?;
    let taken_at = taken_at
        .map(|text| {
            time::PrimitiveDateTime::parse(
                &text,
                time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
            )
            .map_err(|e| e.to_string())
        })
        .transpose()
        .map_err(|p| cols.corrupt(format!("taken_at: {p}")))?;
    let latitude: Option<f64> = cols.get()?;
    let longitude: Option<f64> = cols.get()?;
    let ward = cols.get()?;
    let camera = cols.get()?;
    let duration: Option<i64> = cols.get()?;
    let dhash: Option<i64> = cols.get()?;
    let derived_from = cols.get()?;
    Ok(EvidenceItem {
        id,
        submission_id,
        sha256,
        size,
        mime,
        kind,
        original_name,
        received_at,
        submitted_by,
        taken_at,
        position: latitude.zip(longitude),
        ward,
        camera,
        duration_ms: duration.and_then(|d| u64::try_from(d).ok()),
        // Kept as the same 64 bits in a signed column.
        dhash: dhash.map(|h| u64::from_ne_bytes(h.to_ne_bytes())),
        derived_from,
    })
}

async fn items_where(
    db: &Db,
    condition: &str,
    bind: impl FnOnce(crate::sql::Query) -> crate::sql::Query,
) -> StoreResult<Vec<EvidenceItem>> {
    let query = db.query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM evidence_items {condition} ORDER BY received_at_us, id"
    )));
    bind(query).all(db).await?.iter().map(item_of).collect()
}

const UPLOAD_COLUMNS: &str =
    "id, submission_id, length, filename, uploader, created_at_us, expires_at_us";

const REQUEST_COLUMNS: &str = "id, submission_id, token_digest, note, requested_by, \
    created_at_us, expires_at_us, answered_at_us, addressee";

fn request_of(row: &Row) -> StoreResult<EvidenceRequest> {
    let mut cols = row.cols("evidence_requests");
    Ok(EvidenceRequest {
        id: cols.get()?,
        submission_id: cols.get()?,
        token_digest: cols.get()?,
        note: cols.get()?,
        requested_by: cols.get()?,
        created_at: cols.get()?,
        expires_at: cols.get()?,
        answered_at: cols.get()?,
        addressee: cols.parse("addressee", crate::outbox::read_addressee)?,
    })
}

const REVIEW_COLUMNS: &str = "r.id, r.item_id, r.task_id, r.reviewer, r.reviewer_label, \
    r.at_us, r.seen_at, r.people, r.vehicles, r.registrations, r.faces_visible, r.offence, r.notes";

fn review_of(row: &Row) -> StoreResult<EvidenceReview> {
    let mut cols = row.cols("evidence_reviews");
    let id = cols.get()?;
    let item_id = cols.get()?;
    let task: Option<uuid::Uuid> = cols.get()?;
    let reviewer = cols.get()?;
    let reviewer_label = cols.get()?;
    let at = cols.get()?;
    let seen_at = cols.get()?;
    let people = cols.get()?;
    let vehicles = cols.get()?;
    let registrations: String = cols.get()?;
    let faces_visible = cols.get()?;
    let offence = cols.get()?;
    let notes = cols.get()?;
    Ok(EvidenceReview {
        id,
        item_id,
        task_id: task.map(peel_core::TaskId),
        reviewer,
        reviewer_label,
        at,
        seen_at,
        people,
        vehicles,
        registrations: registrations
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
        faces_visible,
        offence,
        notes,
    })
}

fn upload_of(row: &Row) -> StoreResult<EvidenceUpload> {
    let mut cols = row.cols("evidence_uploads");
    Ok(EvidenceUpload {
        id: cols.get()?,
        submission_id: cols.get()?,
        length: cols.parse("length", |n: i64| {
            u64::try_from(n).map_err(|_| format!("{n} is not a length"))
        })?,
        filename: cols.get()?,
        uploader: cols.get()?,
        created_at: cols.get()?,
        expires_at: cols.get()?,
    })
}

#[async_trait::async_trait]
impl<E: Engine> EvidenceStore for E {
    async fn add_evidence(
        &self,
        item: &EvidenceItem,
        thumbnail: Option<&[u8]>,
        audit: AuditEvent,
        linking: Option<Linking>,
    ) -> StoreResult<Correlated> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO evidence_items (id, submission_id, sha256, size, mime, kind, \
             original_name, received_at_us, submitted_by, taken_at, latitude, longitude, \
             ward_code, camera, duration_ms, dhash, thumbnail, derived_from) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18)",
        )
        .bind(item.id)
        .bind(item.submission_id)
        .bind(&item.sha256)
        .bind(i64::try_from(item.size).unwrap_or(i64::MAX))
        .bind(&item.mime)
        .bind(item.kind.slug())
        .bind(&item.original_name)
        .bind(item.received_at)
        .bind(&item.submitted_by)
        .bind(item.taken_at.map(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]"
            ))
            .unwrap_or_default()
        }))
        .bind(item.position.map(|p| p.0))
        .bind(item.position.map(|p| p.1))
        .bind(item.ward.as_ref())
        .bind(item.camera.as_deref())
        .bind(item.duration_ms.and_then(|d| i64::try_from(d).ok()))
        .bind(item.dhash.map(|h| i64::from_ne_bytes(h.to_ne_bytes())))
        .bind(thumbnail.map(<[u8]>::to_vec))
        .bind(item.derived_from)
        .execute(&mut tx)
        .await?;
        commit_linked(tx, self.mirror(), vec![audit], linking).await
    }

    async fn evidence_of(&self, submission: SubmissionId) -> StoreResult<Vec<EvidenceItem>> {
        items_where(self.db(), "WHERE submission_id = $1", |q| {
            q.bind(submission)
        })
        .await
    }

    async fn evidence_item(&self, id: uuid::Uuid) -> StoreResult<Option<EvidenceItem>> {
        Ok(items_where(self.db(), "WHERE id = $1", |q| q.bind(id))
            .await?
            .pop())
    }

    async fn evidence_with_hash(&self, sha256: &str) -> StoreResult<Vec<EvidenceItem>> {
        items_where(self.db(), "WHERE sha256 = $1", |q| q.bind(sha256)).await
    }

    async fn evidence_thumbnail(&self, id: uuid::Uuid) -> StoreResult<Option<Vec<u8>>> {
        let db = self.db();
        let row = db
            .query("SELECT thumbnail FROM evidence_items WHERE id = $1")
            .bind(id)
            .optional(db)
            .await?;
        match row {
            Some(row) => Ok(row.cols("evidence_items").get()?),
            None => Ok(None),
        }
    }

    async fn evidence_pictures_since(
        &self,
        since: time::OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<EvidenceItem>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM evidence_items WHERE dhash IS NOT NULL \
                 AND received_at_us >= $1 ORDER BY received_at_us DESC, id DESC LIMIT $2"
            )))
            .bind(since)
            .bind(i64::from(limit))
            .all(db)
            .await?;
        rows.iter().map(item_of).collect()
    }

    async fn add_evidence_upload(&self, upload: &EvidenceUpload) -> StoreResult<()> {
        let db = self.db();
        db.query(
            "INSERT INTO evidence_uploads (id, submission_id, length, filename, uploader, \
             created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(upload.id)
        .bind(upload.submission_id)
        .bind(i64::try_from(upload.length).unwrap_or(i64::MAX))
        .bind(&upload.filename)
        .bind(&upload.uploader)
        .bind(upload.created_at)
        .bind(upload.expires_at)
        .execute(db)
        .await?;
        Ok(())
    }

    async fn evidence_upload(
        &self,
        id: uuid::Uuid,
        now: time::OffsetDateTime,
    ) -> StoreResult<Option<EvidenceUpload>> {
        let db = self.db();
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {UPLOAD_COLUMNS} FROM evidence_uploads WHERE id = $1 AND expires_at_us > $2"
            )))
            .bind(id)
            .bind(now)
            .optional(db)
            .await?;
        row.as_ref().map(upload_of).transpose()
    }

    async fn remove_evidence_upload(&self, id: uuid::Uuid) -> StoreResult<()> {
        let db = self.db();
        db.query("DELETE FROM evidence_uploads WHERE id = $1")
            .bind(id)
            .execute(db)
            .await?;
        Ok(())
    }

    async fn take_expired_evidence_uploads(
        &self,
        now: time::OffsetDateTime,
    ) -> StoreResult<Vec<EvidenceUpload>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM evidence_uploads WHERE expires_at_us <= $1 RETURNING {UPLOAD_COLUMNS}"
            )))
            .bind(now)
            .all(db)
            .await?;
        rows.iter().map(upload_of).collect()
    }

    async fn add_evidence_request(
        &self,
        request: &EvidenceRequest,
        messages: &[crate::OutboxMessage],
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO evidence_requests ({REQUEST_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )))
        .bind(request.id)
        .bind(request.submission_id)
        .bind(&request.token_digest)
        .bind(&request.note)
        .bind(&request.requested_by)
        .bind(request.created_at)
        .bind(request.expires_at)
        .bind(request.answered_at)
        .bind(request.addressee.as_ref().map(peel_core::contact::Addressee::stored))
        .execute(&mut tx)
        .await?;
        crate::outbox::insert_messages(&mut tx, messages).await?;
        commit_with(tx, vec![audit]).await
    }

    async fn evidence_request(&self, token_digest: &str) -> StoreResult<Option<EvidenceRequest>> {
        let db = self.db();
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {REQUEST_COLUMNS} FROM evidence_requests WHERE token_digest = $1"
            )))
            .bind(token_digest)
            .optional(db)
            .await?;
        row.as_ref().map(request_of).transpose()
    }

    async fn evidence_requests_of(
        &self,
        submission: SubmissionId,
    ) -> StoreResult<Vec<EvidenceRequest>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {REQUEST_COLUMNS} FROM evidence_requests WHERE submission_id = $1 \
                 ORDER BY created_at_us DESC, id DESC"
            )))
            .bind(submission)
            .all(db)
            .await?;
        rows.iter().map(request_of).collect()
    }

    async fn answer_evidence_request(
        &self,
        id: uuid::Uuid,
        at: time::OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "UPDATE evidence_requests SET answered_at_us = $2 \
                 WHERE id = $1 AND answered_at_us IS NULL",
            )
            .bind(id)
            .bind(at)
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }

    async fn add_evidence_review(
        &self,
        review: &EvidenceReview,
        audit: AuditEvent,
        linking: Option<Linking>,
    ) -> StoreResult<Correlated> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO evidence_reviews (id, item_id, task_id, reviewer, reviewer_label, at_us, \
             seen_at, people, vehicles, registrations, faces_visible, offence, notes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(review.id)
        .bind(review.item_id)
        .bind(review.task_id.map(|t| t.0))
        .bind(&review.reviewer)
        .bind(&review.reviewer_label)
        .bind(review.at)
        .bind(&review.seen_at)
        .bind(&review.people)
        .bind(&review.vehicles)
        .bind(review.registrations.join(","))
        .bind(review.faces_visible)
        .bind(&review.offence)
        .bind(&review.notes)
        .execute(&mut tx)
        .await?;
        commit_linked(tx, self.mirror(), vec![audit], linking).await
    }

    async fn evidence_reviews_of(
        &self,
        submission: SubmissionId,
    ) -> StoreResult<Vec<EvidenceReview>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {REVIEW_COLUMNS} FROM evidence_reviews r \
                 JOIN evidence_items i ON i.id = r.item_id \
                 WHERE i.submission_id = $1 ORDER BY r.at_us, r.id"
            )))
            .bind(submission)
            .all(db)
            .await?;
        rows.iter().map(review_of).collect()
    }

    async fn evidence_awaiting_review(
        &self,
        team: &peel_core::TeamId,
        limit: u32,
    ) -> StoreResult<Vec<(EvidenceItem, peel_core::reference::Reference)>> {
        let db = self.db();
        let names: Vec<String> = COLUMNS.split(", ").map(|c| format!("e.{c}")).collect();
        let columns = names.join(", ");
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {columns}, s.reference FROM evidence_items e \
                 JOIN submissions s ON s.id = e.submission_id \
                 WHERE s.team_id = $1 \
                 AND NOT EXISTS (SELECT 1 FROM evidence_reviews r WHERE r.item_id = e.id) \
                 ORDER BY e.received_at_us DESC, e.id DESC LIMIT $2"
            )))
            .bind(team.as_str())
            .bind(i64::from(limit))
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let item = item_of(row)?;
                // The report's reference follows the item's own columns.
                let reference = <String as crate::sql::Column>::read(row, names.len())
                    .ok()
                    .and_then(|text| peel_core::reference::Reference::parse(&text))
                    .ok_or_else(|| row.cols("submissions").corrupt("reference".into()))?;
                Ok((item, reference))
            })
            .collect()
    }
}
