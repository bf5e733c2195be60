//! Submissions' SQL: the writes and queries of the submissions area, on both backends. How a
//! row is read and written is in [`super::row`].

use peel_core::audit::AuditEvent;
use peel_core::reference::Reference;
use peel_core::submission::{Channel, SafeContact};
use peel_core::{SubmissionId, TeamId};
use time::OffsetDateTime;

use super::row::{
    TABLE, count, dash_of, insert_note, insert_submission_row, reasons_json, safe_contact_json,
    submissions_where,
};
use super::{
    CreateOutcome, DashRecord, FirstContact, GradeOverride, Idempotency, Note, OverrideCount,
    QueueFilter, ReadWithReason, Submission, SubmissionStore, Triage,
};
use crate::audit::commit_with;
use crate::bulk::params;
use crate::cases::{CaseChange, open_case_in};
use crate::engine::Engine;
use crate::error::Conflict;
use crate::linking::{Correlated, Linking, commit_linked};
use crate::outbox::{OutboxMessage, insert_messages};
use crate::{StoreError, StoreResult};

/// Which submissions a queue holds: its parameters $1 to $4 (team, stage, category, received
/// after), shared by the page and its count so the two cannot disagree.
/// A queue holds its team's records, restricted ones aside (DPA 2018 s.47: shown to nobody
/// without a stated purpose, so not listed).
const QUEUE_FILTER: &str = "s.team_id = $1 AND ($2 IS NULL OR s.stage = $2) \
    AND ($3 IS NULL OR s.category = $3) AND ($4 IS NULL OR s.received_at_us >= $4) \
    AND s.restricted IS NULL";

fn bind_queue_filter(query: crate::sql::Query, filter: &QueueFilter) -> crate::sql::Query {
    query
        .bind(&filter.team)
        .bind(filter.stage)
        .bind(filter.category)
        .bind(filter.received_after)
}

#[async_trait::async_trait]
impl<E: Engine> SubmissionStore for E {
    async fn create_submission(
        &self,
        submission: &Submission,
        idempotency: Option<&Idempotency>,
        audit: AuditEvent,
        linking: Option<Linking>,
        messages: &[OutboxMessage],
    ) -> StoreResult<(CreateOutcome, Correlated)> {
        let mut tx = self.db().begin_write().await?;
        if let Some(idempotency) = idempotency
            && let Some(row) = tx
                .query(
                    "SELECT request_digest, response FROM idempotency_keys \
                     WHERE scope = $1 AND idempotency_key = $2",
                )
                .bind(&idempotency.scope)
                .bind(&idempotency.key)
                .optional(&mut tx)
                .await?
        {
            let mut cols = row.cols("idempotency_keys");
            let digest: String = cols.get()?;
            let response: String = cols.get()?;
            if digest != idempotency.request_digest {
                return Err(StoreError::Conflict(Conflict::IdempotencyKey));
            }
            return Ok((CreateOutcome::Replayed(response), Correlated::default()));
        }
        insert_submission_row(&mut tx, submission).await?;
        insert_messages(&mut tx, messages).await?;
        if let Some(idempotency) = idempotency {
            tx.query(
                "INSERT INTO idempotency_keys (scope, idempotency_key, request_digest, \
                 submission_id, response, created_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&idempotency.scope)
            .bind(&idempotency.key)
            .bind(&idempotency.request_digest)
            .bind(submission.id)
            .bind(&idempotency.response)
            .bind(submission.received_at)
            .execute(&mut tx)
            .await?;
        }
        let correlated = commit_linked(tx, self.mirror(), vec![audit], linking).await?;
        Ok((CreateOutcome::Created, correlated))
    }

    async fn idempotent_response(
        &self,
        scope: &str,
        key: &str,
    ) -> StoreResult<Option<(String, String)>> {
        let db = self.db();
        db.query(
            "SELECT request_digest, response FROM idempotency_keys \
             WHERE scope = $1 AND idempotency_key = $2",
        )
        .bind(scope)
        .bind(key)
        .optional(db)
        .await?
        .map(|row| {
            let mut cols = row.cols("idempotency_keys");
            Ok((cols.get()?, cols.get()?))
        })
        .transpose()
    }

    async fn override_grade(
        &self,
        id: SubmissionId,
        grade: &GradeOverride,
        first_contact_due: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query(
                "UPDATE submissions SET grade_override = $2, first_contact_due_us = $3, \
                 override_reason = $4, override_by = $5, override_at_us = $6, updated_at_us = $6 \
                 WHERE id = $1",
            )
            .bind(id)
            .bind(grade.grade)
            .bind(first_contact_due)
            .bind(&grade.reason)
            .bind(&grade.by)
            .bind(grade.at)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        commit_with(tx, vec![audit]).await
    }

    async fn overdue_first_contacts(
        &self,
        now: OffsetDateTime,
        teams: Option<&[TeamId]>,
    ) -> StoreResult<Vec<Submission>> {
        let db = self.db();
        let in_teams = match teams {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(teams) => format!(
                "AND s.team_id IN ({})",
                params(db.backend(), teams.len(), 2)
            ),
        };
        submissions_where(
            db,
            &format!(
                "WHERE s.first_contact_at_us IS NULL AND s.first_contact_due_us IS NOT NULL \
                 AND s.first_contact_due_us < {} AND s.stage <> 'closed' \
                 AND s.restricted IS NULL {in_teams} \
                 ORDER BY s.first_contact_due_us LIMIT 500",
                params(db.backend(), 1, 1)
            ),
            |mut query| {
                query = query.bind(now);
                for team in teams.unwrap_or_default() {
                    query = query.bind(team);
                }
                query
            },
        )
        .await
    }

    async fn override_counts(&self, since: OffsetDateTime) -> StoreResult<Vec<OverrideCount>> {
        let db = self.db();
        db.query(
            "SELECT grade, grade_override, category, COUNT(*) FROM submissions \
             WHERE grade_override IS NOT NULL AND override_at_us >= $1 \
             GROUP BY grade, grade_override, category ORDER BY COUNT(*) DESC, category",
        )
        .bind(since)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols(TABLE);
            Ok(OverrideCount {
                triage: cols.get()?,
                given: cols.get()?,
                category: cols.get()?,
                count: cols.get()?,
            })
        })
        .collect()
    }

    async fn retriage(
        &self,
        id: SubmissionId,
        triage: &Triage,
        first_contact_due: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query(
                "UPDATE submissions SET grade = $2, first_contact_due_us = \
                 CASE WHEN grade_override IS NULL THEN $3 ELSE first_contact_due_us END, \
                 harm_days = $4, triage_reasons = $5 WHERE id = $1",
            )
            .bind(id)
            .bind(triage.grade)
            .bind(first_contact_due)
            .bind(triage.harm_days)
            .bind(reasons_json(&triage.reasons))
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        commit_with(tx, vec![audit]).await
    }

    async fn save_dash(
        &self,
        record: &DashRecord,
        referral_task: Option<&Note>,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let answers: Vec<&str> = record.answers.iter().map(|a| a.slug()).collect();
        let reasons = serde_json::to_string(&record.reasons)
            .map_err(|e| StoreError::corrupt(format!("DASH reasons: {e}")))?;
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO dash_assessments (id, submission_id, checklist_version, answers, \
             judgement_level, judgement_reason, yes_count, level, marac_referral, reasons, \
             assessed_by, assessed_at_us) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(record.id)
        .bind(record.submission_id)
        .bind(&record.checklist_version)
        .bind(answers.join(","))
        .bind(record.judgement.as_ref().map(|j| j.level))
        .bind(record.judgement.as_ref().map(|j| j.reason.as_str()))
        .bind(i64::from(record.yes_count))
        .bind(record.level)
        .bind(record.marac_referral)
        .bind(reasons)
        .bind(&record.assessed_by)
        .bind(record.assessed_at)
        .execute(&mut tx)
        .await?;
        if let Some(note) = referral_task {
            insert_note(&mut tx, note).await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn dash_assessments(&self, id: SubmissionId) -> StoreResult<Vec<DashRecord>> {
        let db = self.db();
        db.query(
            "SELECT id, submission_id, checklist_version, answers, judgement_level, \
             judgement_reason, yes_count, level, marac_referral, reasons, assessed_by, \
             assessed_at_us FROM dash_assessments WHERE submission_id = $1 \
             ORDER BY assessed_at_us DESC",
        )
        .bind(id)
        .all(db)
        .await?
        .iter()
        .map(dash_of)
        .collect()
    }

    async fn dash_history(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        since: OffsetDateTime,
    ) -> StoreResult<(u32, bool)> {
        if email.is_none() && phone.is_none() {
            return Ok((0, false));
        }
        let db = self.db();
        let incidents = db
            .query(
                "SELECT COUNT(*) FROM ( \
                 SELECT id FROM submissions WHERE contact_email = $1 \
                 AND category = 'domestic-abuse' AND received_at_us >= $3 \
                 UNION SELECT id FROM submissions WHERE contact_phone = $2 \
                 AND category = 'domestic-abuse' AND received_at_us >= $3) AS matched",
            )
            .bind(email)
            .bind(phone)
            .bind(since)
            .one(db)
            .await?;
        let referrals = db
            .query(
                "SELECT COUNT(*) FROM dash_assessments d JOIN submissions s \
                 ON d.submission_id = s.id WHERE d.marac_referral = $4 \
                 AND d.assessed_at_us >= $3 AND (($1 IS NOT NULL AND s.contact_email = $1) \
                 OR ($2 IS NOT NULL AND s.contact_phone = $2))",
            )
            .bind(email)
            .bind(phone)
            .bind(since)
            .bind(true)
            .one(db)
            .await?;
        Ok((
            count(&incidents, TABLE)?,
            count(&referrals, "dash_assessments")? > 0,
        ))
    }

    async fn earlier_reports(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        address_line: Option<&str>,
        since: OffsetDateTime,
    ) -> StoreResult<u32> {
        if email.is_none() && phone.is_none() && address_line.is_none() {
            return Ok(0);
        }
        let db = self.db();
        // Three indexed lookups; UNION counts a report matching twice once.
        let row = db
            .query(
                "SELECT COUNT(*) FROM ( \
                 SELECT id FROM submissions WHERE contact_email = $1 AND received_at_us >= $4 \
                 UNION SELECT id FROM submissions WHERE contact_phone = $2 \
                 AND received_at_us >= $4 \
                 UNION SELECT id FROM submissions \
                 WHERE lower(address_line) = lower($3) AND received_at_us >= $4) AS matched",
            )
            .bind(email)
            .bind(phone)
            .bind(address_line)
            .bind(since)
            .one(db)
            .await?;
        count(&row, TABLE)
    }

    async fn submission_by_reference(
        &self,
        reference: &Reference,
    ) -> StoreResult<Option<Submission>> {
        Ok(
            submissions_where(self.db(), "WHERE s.reference = $1", |q| q.bind(reference))
                .await?
                .pop(),
        )
    }

    async fn taken_by(&self, username: &str, channel: Channel) -> StoreResult<Vec<Submission>> {
        submissions_where(
            self.db(),
            "WHERE s.taken_by = $1 AND s.channel = $2 ORDER BY s.received_at_us DESC",
            |q| q.bind(username).bind(channel),
        )
        .await
    }

    async fn received_through(
        &self,
        channel: Channel,
        from: OffsetDateTime,
        to: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<Submission>> {
        submissions_where(
            self.db(),
            "WHERE s.channel = $1 AND s.received_at_us >= $2 AND s.received_at_us < $3 \
             AND s.restricted IS NULL ORDER BY s.received_at_us DESC LIMIT $4",
            |q| q.bind(channel).bind(from).bind(to).bind(i64::from(limit)),
        )
        .await
    }

    async fn submission(&self, id: SubmissionId) -> StoreResult<Option<Submission>> {
        Ok(
            submissions_where(self.db(), "WHERE s.id = $1", |q| q.bind(id))
                .await?
                .pop(),
        )
    }

    async fn submissions(&self, ids: &[SubmissionId]) -> StoreResult<Vec<Submission>> {
        let db = self.db();
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(crate::bulk::rows_per_statement(1)) {
            let condition = format!("WHERE s.id IN ({})", params(db.backend(), chunk.len(), 1));
            out.extend(
                submissions_where(db, &condition, |mut query| {
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    query
                })
                .await?,
            );
        }
        Ok(out)
    }

    async fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<Submission>> {
        submissions_where(
            self.db(),
            &format!(
                "WHERE {QUEUE_FILTER} \
                 ORDER BY CASE WHEN s.stage = 'closed' THEN 5 \
                 WHEN s.first_contact_at_us IS NULL AND s.waiting_now THEN 0 \
                 WHEN s.first_contact_at_us IS NULL AND s.first_contact_due_us < $5 \
                 AND COALESCE(s.grade_override, s.grade) IN ('I', 'S') THEN 1 \
                 WHEN s.next_update_due_us IS NOT NULL AND s.next_update_due_us < $5 THEN 2 \
                 WHEN s.first_contact_at_us IS NULL THEN 3 ELSE 4 END, \
                 CASE WHEN s.first_contact_at_us IS NULL AND s.first_contact_due_us IS NOT NULL \
                 THEN s.first_contact_due_us ELSE 9223372036854775807 END, \
                 CASE COALESCE(s.grade_override, s.grade) WHEN 'I' THEN 0 WHEN 'S' THEN 1 \
                 WHEN 'E' THEN 2 WHEN 'R' THEN 3 ELSE 4 END, \
                 COALESCE(s.harm_days, 0) DESC, s.received_at_us DESC, \
                 s.id LIMIT $6 OFFSET $7"
            ),
            |q| {
                bind_queue_filter(q, filter)
                    .bind(filter.now)
                    .bind(i64::from(filter.limit))
                    .bind(i64::from(filter.offset))
            },
        )
        .await
    }

    async fn queue_count(&self, filter: &QueueFilter) -> StoreResult<i64> {
        let db = self.db();
        bind_queue_filter(
            db.query(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM submissions s WHERE {QUEUE_FILTER}"
            ))),
            filter,
        )
        .one(db)
        .await?
        .first("submissions")
    }

    async fn record_first_contact(
        &self,
        id: SubmissionId,
        contact: &FirstContact,
        wishes: Option<&SafeContact>,
        opening: Option<CaseChange<'_>>,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query(
                "UPDATE submissions SET first_contact_at_us = $2, first_contact_channel = $3, \
                 first_contact_by = $4, stage = CASE WHEN stage = 'new' THEN 'contacted' \
                 ELSE stage END, updated_at_us = $2 \
                 WHERE id = $1 AND first_contact_at_us IS NULL",
            )
            .bind(id)
            .bind(contact.at)
            .bind(contact.method)
            .bind(&contact.by)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Ok(false);
        }
        if let Some(wishes) = wishes {
            tx.query("UPDATE submissions SET safe_contact = $1 WHERE id = $2")
                .bind(safe_contact_json(wishes))
                .bind(id)
                .execute(&mut tx)
                .await?;
        }
        let mut events = vec![audit];
        if let Some(opening) = opening {
            open_case_in(&mut tx, &opening, &[id]).await?;
            events.push(opening.audit);
        }
        commit_with(tx, events).await?;
        Ok(true)
    }

    async fn add_note(
        &self,
        note: &Note,
        next_update_due: Option<OffsetDateTime>,
        messages: &[OutboxMessage],
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        insert_note(&mut tx, note).await?;
        insert_messages(&mut tx, messages).await?;
        if next_update_due.is_some() {
            tx.query(
                "UPDATE cases SET next_update_due_us = $1, reply_due_us = NULL, updated_at_us = $2 \
                 WHERE id = (SELECT case_id FROM case_submissions WHERE submission_id = $3)",
            )
            .bind(next_update_due)
            .bind(note.at)
            .bind(note.submission_id)
            .execute(&mut tx)
            .await?;
        }
        let moved = tx
            .query(
                "UPDATE submissions SET updated_at_us = $2, \
                 next_update_due_us = CASE WHEN $3 IS NULL THEN next_update_due_us ELSE $3 END \
                 WHERE id = $1",
            )
            .bind(note.submission_id)
            .bind(note.at)
            .bind(next_update_due)
            .execute(&mut tx)
            .await?;
        if moved == 0 {
            return Err(StoreError::NotFound);
        }
        commit_with(tx, vec![audit]).await
    }

    async fn reassign(&self, note: &Note, team: &TeamId, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let moved = tx
            .query("UPDATE submissions SET team_id = $2, updated_at_us = $3 WHERE id = $1")
            .bind(note.submission_id)
            .bind(team)
            .bind(note.at)
            .execute(&mut tx)
            .await?;
        if moved == 0 {
            return Err(StoreError::NotFound);
        }
        insert_note(&mut tx, note).await?;
        commit_with(tx, vec![audit]).await
    }

    async fn notes(&self, id: SubmissionId) -> StoreResult<Vec<Note>> {
        let db = self.db();
        db.query(
            "SELECT id, submission_id, at_us, author, kind, body FROM submission_notes \
             WHERE submission_id = $1 ORDER BY at_us, id",
        )
        .bind(id)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("submission_notes");
            Ok(Note {
                id: cols.id()?,
                submission_id: cols.get()?,
                at: cols.get()?,
                author: cols.get()?,
                kind: cols.get()?,
                body: cols.get()?,
            })
        })
        .collect()
    }

    async fn occurred_near(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
        south_west: (f64, f64),
        north_east: (f64, f64),
        limit: u32,
    ) -> StoreResult<Vec<Submission>> {
        submissions_where(
            self.db(),
            "LEFT JOIN geo_postcodes g ON g.postcode = s.postcode \
             WHERE s.occurred_at_us >= $1 AND s.occurred_at_us <= $2 \
             AND COALESCE(s.latitude, g.latitude) BETWEEN $3 AND $5 \
             AND COALESCE(s.longitude, g.longitude) BETWEEN $4 AND $6 \
             ORDER BY s.occurred_at_us DESC LIMIT $7",
            |q| {
                q.bind(from)
                    .bind(to)
                    .bind(south_west.0)
                    .bind(south_west.1)
                    .bind(north_east.0)
                    .bind(north_east.1)
                    .bind(i64::from(limit))
            },
        )
        .await
    }

    async fn record_read_with_reason(
        &self,
        read: &ReadWithReason,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO reads_with_reason (submission_id, team_id, user_id, username, reason, \
             read_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(read.submission_id)
        .bind(&read.team)
        .bind(read.user_id)
        .bind(&read.username)
        .bind(&read.reason)
        .bind(read.at)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn reads_with_reason(
        &self,
        teams: &[TeamId],
        since: OffsetDateTime,
    ) -> StoreResult<Vec<ReadWithReason>> {
        if teams.is_empty() {
            return Ok(Vec::new());
        }
        let db = self.db();
        let sql = format!(
            "SELECT r.submission_id, s.reference, r.team_id, r.user_id, r.username, r.reason, \
             r.read_at_us FROM reads_with_reason r JOIN submissions s ON s.id = r.submission_id \
             WHERE r.read_at_us >= {} AND r.team_id IN ({}) ORDER BY r.read_at_us DESC, r.id DESC \
             LIMIT 500",
            params(db.backend(), 1, 1),
            params(db.backend(), teams.len(), 2)
        );
        let mut query = db.query(sqlx::AssertSqlSafe(sql)).bind(since);
        for team in teams {
            query = query.bind(team);
        }
        query
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("reads_with_reason");
                Ok(ReadWithReason {
                    submission_id: cols.id()?,
                    reference: Some(cols.get()?),
                    team: cols.get()?,
                    user_id: cols.get()?,
                    username: cols.get()?,
                    reason: cols.get()?,
                    at: cols.get()?,
                })
            })
            .collect()
    }
}
