//! The SQL of joining and staying on the panels: applications to volunteer, the vetting unit's
//! review items (the watch), and training modules' revisions and completions. Split from
//! `sql.rs`, which keeps the people themselves.

use peel_core::PersonId;
use peel_core::audit::AuditEvent;
use peel_core::people::application::ApplicationStatus;
use peel_core::people::training::{Completion, Revision};
use peel_core::reference::Reference;

use super::sql::{insert_completion, insert_person};
use super::{ApplicationRecord, PersonRecord, VettingReview};
use crate::StoreError;
use crate::StoreResult;
use crate::audit::{commit_if_changed, commit_with};
use crate::error::Conflict;
use crate::sql::Db;

async fn applications_where(
    db: &Db,
    condition: &str,
    bind: impl FnOnce(crate::sql::Query) -> crate::sql::Query,
) -> StoreResult<Vec<ApplicationRecord>> {
    let query = db.query(sqlx::AssertSqlSafe(format!(
        "SELECT id, reference, status_token_digest, answers, status, received_at_us, decided_by, \
         decided_at_us, decision_note, person_id FROM volunteer_applications {condition} \
         ORDER BY CASE WHEN status = 'received' THEN 0 ELSE 1 END, received_at_us"
    )));
    bind(query)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("volunteer_applications");
            let id = cols.get()?;
            let reference = cols.parse("reference", |text: String| {
                Reference::parse(&text).ok_or_else(|| format!("{text:?} is not a reference"))
            })?;
            let status_token_digest = cols.get()?;
            let answers = cols.parse("answers", |json: String| {
                serde_json::from_str(&json)
                    .map_err(|e| format!("not an application's answers: {e}"))
            })?;
            let status = cols.parse("status", |text: String| {
                ApplicationStatus::parse(&text).ok_or_else(|| format!("{text:?} is not a status"))
            })?;
            let received_at = cols.get()?;
            let by: Option<String> = cols.get()?;
            let at: Option<time::OffsetDateTime> = cols.get()?;
            let note: Option<String> = cols.get()?;
            let person = cols.get()?;
            Ok(ApplicationRecord {
                id,
                reference,
                status_token_digest,
                answers,
                status,
                received_at,
                decided: match (by, at, note) {
                    (Some(by), Some(at), Some(note)) => Some((by, at, note)),
                    _ => None,
                },
                person,
            })
        })
        .collect()
}

pub(super) async fn create_application(
    db: &Db,
    application: &ApplicationRecord,
    audit: AuditEvent,
) -> StoreResult<()> {
    let answers = serde_json::to_string(&application.answers).map_err(|e| StoreError::Corrupt {
        table: "volunteer_applications",
        id: application.id.to_string(),
        problem: e.to_string(),
    })?;
    let mut tx = db.begin_write().await?;
    tx.query(
        "INSERT INTO volunteer_applications (id, reference, status_token_digest, answers, \
         status, received_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(application.id)
    .bind(&application.reference)
    .bind(&application.status_token_digest)
    .bind(answers)
    .bind(application.status.slug())
    .bind(application.received_at)
    .execute(&mut tx)
    .await
    .map_err(|error| error.or_conflict(Conflict::Reference))?;
    commit_with(tx, vec![audit]).await
}

pub(super) async fn applications(db: &Db) -> StoreResult<Vec<ApplicationRecord>> {
    applications_where(db, "", |q| q).await
}

pub(super) async fn application(
    db: &Db,
    id: Option<uuid::Uuid>,
    reference: Option<&Reference>,
) -> StoreResult<Option<ApplicationRecord>> {
    Ok(applications_where(
        db,
        "WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR reference = $2)",
        |q| q.bind(id).bind(reference),
    )
    .await?
    .pop())
}

pub(super) async fn decide_application(
    db: &Db,
    id: uuid::Uuid,
    decided: (&str, time::OffsetDateTime, &str),
    approved: Option<&PersonRecord>,
    audit: Vec<AuditEvent>,
) -> StoreResult<bool> {
    let mut tx = db.begin_write().await?;
    if let Some(record) = approved {
        insert_person(&mut tx, record, decided.1).await?;
    }
    let status = if approved.is_some() {
        "approved"
    } else {
        "declined"
    };
    let changed = tx
        .query(
            "UPDATE volunteer_applications SET status = $1, decided_by = $2, \
             decided_at_us = $3, decision_note = $4, person_id = $5 \
             WHERE id = $6 AND status = 'received'",
        )
        .bind(status)
        .bind(decided.0)
        .bind(decided.1)
        .bind(decided.2)
        .bind(approved.map(|r| &r.person.id))
        .bind(id)
        .execute(&mut tx)
        .await?;
    if changed == 0 {
        return Ok(false);
    }
    commit_with(tx, audit).await?;
    Ok(true)
}

pub(super) async fn people_holding(
    db: &Db,
    values: &[String],
) -> StoreResult<Vec<(PersonId, String)>> {
    let mut out = Vec::new();
    for chunk in values.chunks(crate::bulk::rows_per_statement(1)) {
        if chunk.is_empty() {
            continue;
        }
        let query = format!(
            "SELECT person_id, value FROM person_associations \
             WHERE kind IN ('linked', 'address') AND value IN ({}) ORDER BY person_id",
            crate::bulk::params(db.backend(), chunk.len(), 1)
        );
        let mut q = db.query(sqlx::AssertSqlSafe(query));
        for value in chunk {
            q = q.bind(value.as_str());
        }
        for row in q.all(db).await? {
            let mut cols = row.cols("person_associations");
            out.push((cols.get()?, cols.get()?));
        }
    }
    Ok(out)
}

pub(super) async fn raise_reviews(
    db: &Db,
    reviews: &[VettingReview],
    audit: Vec<AuditEvent>,
) -> StoreResult<()> {
    let mut tx = db.begin_write().await?;
    for review in reviews {
        tx.query(
            "INSERT INTO vetting_reviews (id, person_id, reason, source, raised_at_us) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(review.id)
        .bind(&review.person)
        .bind(&review.reason)
        .bind(&review.source)
        .bind(review.raised_at)
        .execute(&mut tx)
        .await?;
    }
    commit_with(tx, audit).await
}

pub(super) async fn vetting_reviews(db: &Db) -> StoreResult<Vec<VettingReview>> {
    let rows = db
        .query(
            "SELECT id, person_id, reason, source, raised_at_us, closed_by, closed_at_us, \
             outcome FROM vetting_reviews \
             ORDER BY CASE WHEN closed_at_us IS NULL THEN 0 ELSE 1 END, raised_at_us DESC \
             LIMIT 500",
        )
        .all(db)
        .await?;
    rows.iter()
        .map(|row| {
            let mut cols = row.cols("vetting_reviews");
            let id = cols.get()?;
            let person = cols.get()?;
            let reason = cols.get()?;
            let source = cols.get()?;
            let raised_at = cols.get()?;
            let by: Option<String> = cols.get()?;
            let at: Option<time::OffsetDateTime> = cols.get()?;
            let outcome: Option<String> = cols.get()?;
            Ok(VettingReview {
                id,
                person,
                reason,
                source,
                raised_at,
                closed: match (by, at, outcome) {
                    (Some(by), Some(at), Some(outcome)) => Some((by, at, outcome)),
                    _ => None,
                },
            })
        })
        .collect()
}

pub(super) async fn close_review(
    db: &Db,
    id: uuid::Uuid,
    by: &str,
    outcome: &str,
    at: time::OffsetDateTime,
    audit: AuditEvent,
) -> StoreResult<bool> {
    let mut tx = db.begin_write().await?;
    let changed = tx
        .query(
            "UPDATE vetting_reviews SET closed_by = $1, closed_at_us = $2, outcome = $3 \
             WHERE id = $4 AND closed_at_us IS NULL",
        )
        .bind(by)
        .bind(at)
        .bind(outcome)
        .bind(id)
        .execute(&mut tx)
        .await?;
    commit_if_changed(tx, changed, vec![audit]).await
}

pub(super) async fn record_completion(
    db: &Db,
    person: &PersonId,
    done: &Completion,
    audit: AuditEvent,
) -> StoreResult<bool> {
    let mut tx = db.begin_write().await?;
    if tx
        .query("SELECT id FROM people WHERE id = $1")
        .bind(person)
        .optional(&mut tx)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    insert_completion(&mut tx, person, done).await?;
    commit_with(tx, vec![audit]).await?;
    Ok(true)
}

pub(super) async fn revise_module(
    db: &Db,
    revision: &Revision,
    audit: AuditEvent,
) -> StoreResult<()> {
    let mut tx = db.begin_write().await?;
    tx.query(
        "INSERT INTO training_revisions (module, version, revised_on, what_changed) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(&revision.module)
    .bind(i64::from(revision.version))
    .bind(revision.on)
    .bind(&revision.what_changed)
    .execute(&mut tx)
    .await
    .map_err(|error| error.or_conflict(Conflict::Revision))?;
    commit_with(tx, vec![audit]).await
}

pub(super) async fn module_revisions(db: &Db) -> StoreResult<Vec<Revision>> {
    let rows = db
        .query(
            "SELECT module, version, revised_on, what_changed FROM training_revisions \
             ORDER BY module, version",
        )
        .all(db)
        .await?;
    rows.iter()
        .map(|row| {
            let mut cols = row.cols("training_revisions");
            Ok(Revision {
                module: cols.get()?,
                version: cols.parse("version", |v: i64| {
                    u32::try_from(v).map_err(|_| format!("{v} is not a version"))
                })?,
                on: cols.get()?,
                what_changed: cols.get()?,
            })
        })
        .collect()
}
