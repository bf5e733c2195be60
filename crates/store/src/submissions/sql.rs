//! Submissions' SQL, and how a submission is kept in its row: a location as a kind and its
//! columns, the safe-contact preferences and triage reasons as JSON. A row that does not read
//! back whole is corruption, never a default: an officer must never see a victim's record
//! without the instructions on how to contact them safely.
//!
//! Longer than most files (about 950 lines) because one table's row codec, its writes and its
//! queries belong together: the codec and every query that reads a whole row change as one.
//! DASH checklists and notes, which have tables of their own, would be the first to move out.

use peel_core::audit::AuditEvent;
use peel_core::dash::{Answer, Judgement, RiskLevel};
use peel_core::postcode::Postcode;
use peel_core::reference::Reference;
use peel_core::submission::{Contact, ContactChannel, Location, SafeContact};
use peel_core::triage::{Element, Grade, Reason};
use peel_core::{SubmissionId, TeamId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    CreateOutcome, DashRecord, FirstContact, GradeOverride, Idempotency, Note, OverrideCount,
    QueueFilter, ReadWithReason, Submission, SubmissionStore, Triage,
};
use crate::audit::commit_with;
use crate::bulk::params;
use crate::engine::Engine;
use crate::error::Conflict;
use crate::linking::{Correlated, Linking, alert_events, correlate_in, link_event};
use crate::sql::{Cols, Db, Row, Tx};
use crate::{StoreError, StoreResult};

const TABLE: &str = "submissions";

/// The columns read for a submission, in the order [`submission_of`] reads them.
const COLUMNS: &str = "s.id, s.reference, s.status_token_digest, s.channel, s.received_at_us, \
    s.category, s.description, s.occurred_at_us, s.location_kind, s.postcode, s.latitude, \
    s.longitude, s.address_line, s.reporter_role, s.anonymous, s.contact_name, s.contact_email, \
    s.contact_phone, s.safe_contact, s.language, s.ward_code, s.team_id, s.routing_reason, \
    s.stage, s.enhanced_rights, s.next_update_due_us, s.first_contact_at_us, \
    s.first_contact_channel, s.first_contact_by, s.updated_at_us, s.grade, \
    s.first_contact_due_us, s.harm_days, s.triage_reasons, s.grade_override, s.override_reason, \
    s.override_by, s.override_at_us, \
    EXISTS (SELECT 1 FROM dash_assessments d WHERE d.submission_id = s.id)";

/// The safe-contact preferences as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredSafeContact {
    channels: Vec<String>,
    safe_times: String,
    no_voicemail: bool,
    shared_device: bool,
}

fn safe_contact_json(safe: &SafeContact) -> String {
    let stored = StoredSafeContact {
        channels: safe.channels.iter().map(|c| c.slug().to_owned()).collect(),
        safe_times: safe.safe_times.clone(),
        no_voicemail: safe.no_voicemail,
        shared_device: safe.shared_device,
    };
    serde_json::to_string(&stored).unwrap_or_else(|_| "{}".to_owned())
}

fn safe_contact_of(json: &str) -> Result<SafeContact, String> {
    let stored: StoredSafeContact =
        serde_json::from_str(json).map_err(|e| format!("not the preferences' JSON: {e}"))?;
    Ok(SafeContact {
        channels: stored
            .channels
            .iter()
            .map(|c| ContactChannel::parse(c).ok_or_else(|| format!("{c:?} is not a channel")))
            .collect::<Result<_, _>>()?,
        safe_times: stored.safe_times,
        no_voicemail: stored.no_voicemail,
        shared_device: stored.shared_device,
    })
}

/// A triage reason as stored.
#[derive(Serialize, Deserialize)]
struct StoredReason {
    code: String,
    element: String,
    text: String,
}

fn reasons_json(reasons: &[Reason]) -> String {
    let stored: Vec<StoredReason> = reasons
        .iter()
        .map(|r| StoredReason {
            code: r.code.clone(),
            element: r.element.slug().to_owned(),
            text: r.text.clone(),
        })
        .collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".to_owned())
}

fn reasons_of(json: &str) -> Result<Vec<Reason>, String> {
    let stored: Vec<StoredReason> =
        serde_json::from_str(json).map_err(|e| format!("not the reasons' JSON: {e}"))?;
    stored
        .into_iter()
        .map(|r| {
            Ok(Reason {
                element: Element::parse(&r.element)
                    .ok_or_else(|| format!("{:?} is not a THRIVE element", r.element))?,
                code: r.code,
                text: r.text,
            })
        })
        .collect()
}

/// The location's columns: (kind, postcode, latitude, longitude, address).
type LocationColumns = (
    &'static str,
    Option<String>,
    Option<f64>,
    Option<f64>,
    Option<String>,
);

fn location_columns(location: &Location) -> LocationColumns {
    match location {
        Location::Postcode(postcode) => ("postcode", Some(postcode.to_string()), None, None, None),
        Location::Point {
            latitude,
            longitude,
        } => ("point", None, Some(*latitude), Some(*longitude), None),
        Location::Address(address) => ("address", None, None, None, Some(address.clone())),
        Location::Online => ("online", None, None, None, None),
    }
}

fn location_of(cols: &mut Cols<'_>) -> StoreResult<Location> {
    let kind: String = cols.get()?;
    let postcode: Option<String> = cols.get()?;
    let latitude: Option<f64> = cols.get()?;
    let longitude: Option<f64> = cols.get()?;
    let address: Option<String> = cols.get()?;
    let location = match (kind.as_str(), postcode, latitude.zip(longitude), address) {
        ("postcode", Some(postcode), _, _) => Postcode::parse(&postcode)
            .map(Location::Postcode)
            .map_err(|_| format!("{postcode:?} is not a postcode")),
        ("point", _, Some((latitude, longitude)), _) => Ok(Location::Point {
            latitude,
            longitude,
        }),
        ("address", _, _, Some(address)) => Ok(Location::Address(address)),
        ("online", ..) => Ok(Location::Online),
        (other, ..) => Err(format!("a {other:?} location without its details")),
    };
    location.map_err(|problem| cols.corrupt(problem))
}

fn submission_of(row: &Row) -> StoreResult<Submission> {
    let mut cols = row.cols(TABLE);
    let id: SubmissionId = cols.id()?;
    let reference = cols.parse("reference", |text: String| {
        Reference::parse(&text).ok_or_else(|| format!("{text:?} is not a reference"))
    })?;
    let status_token_digest = cols.get()?;
    let channel = cols.get()?;
    let received_at = cols.get()?;
    let category = cols.get()?;
    let description = cols.get()?;
    let occurred_at = cols.get()?;
    let location = location_of(&mut cols)?;
    let reporter_role = cols.get()?;
    let anonymous: bool = cols.get()?;
    let (name, email, phone): (Option<String>, Option<String>, Option<String>) =
        (cols.get()?, cols.get()?, cols.get()?);
    let contact = (!anonymous).then_some(Contact { name, email, phone });
    let safe_contact = cols.parse("safe_contact", |json: String| safe_contact_of(&json))?;
    let language = cols.get()?;
    let ward = cols.get()?;
    let team = cols.get()?;
    let routing_reason = cols.get()?;
    let stage = cols.get()?;
    let enhanced_rights = cols.get()?;
    let next_update_due = cols.get()?;
    let first_at: Option<OffsetDateTime> = cols.get()?;
    let first_method = cols.get()?;
    let first_by: Option<String> = cols.get()?;
    let first_contact = match (first_at, first_method, first_by) {
        (Some(at), Some(method), Some(by)) => Some(FirstContact { at, method, by }),
        (None, None, None) => None,
        _ => return Err(cols.corrupt("first contact without when, how or by whom".into())),
    };
    let updated_at = cols.get()?;
    let grade: Option<Grade> = cols.get()?;
    let first_contact_due = cols.get()?;
    let harm_days: Option<f64> = cols.get()?;
    let reasons: Option<String> = cols.get()?;
    let triage = match (grade, harm_days, reasons) {
        (Some(grade), Some(harm_days), Some(reasons)) => Some(Triage {
            grade,
            harm_days,
            reasons: reasons_of(&reasons)
                .map_err(|p| cols.corrupt(format!("triage_reasons: {p}")))?,
        }),
        (None, _, _) => None,
        _ => return Err(cols.corrupt("a grade without its harm or reasons".into())),
    };
    let given: Option<Grade> = cols.get()?;
    let (reason, by, at): (Option<String>, Option<String>, Option<OffsetDateTime>) =
        (cols.get()?, cols.get()?, cols.get()?);
    let grade_override = match (given, reason, by, at) {
        (Some(grade), Some(reason), Some(by), Some(at)) => Some(GradeOverride {
            grade,
            reason,
            by,
            at,
        }),
        (None, _, _, _) => None,
        _ => return Err(cols.corrupt("an override without its reason, author or time".into())),
    };
    let has_dash = cols.get()?;
    Ok(Submission {
        id,
        reference,
        status_token_digest,
        channel,
        received_at,
        category,
        description,
        occurred_at,
        location,
        reporter_role,
        contact,
        safe_contact,
        language,
        ward,
        team,
        routing_reason,
        stage,
        enhanced_rights,
        next_update_due,
        first_contact_due,
        first_contact,
        updated_at,
        triage,
        grade_override,
        has_dash,
    })
}

/// Inserts the submission row alone (shared by the store and the benchmark's baseline).
pub(crate) async fn insert_submission_row(tx: &mut Tx, s: &Submission) -> StoreResult<()> {
    let (kind, postcode, latitude, longitude, address) = location_columns(&s.location);
    let contact = s.contact.as_ref();
    let first = s.first_contact.as_ref();
    let triage = s.triage.as_ref();
    let given = s.grade_override.as_ref();
    tx.query(
        "INSERT INTO submissions (id, reference, status_token_digest, channel, received_at_us, \
         category, description, occurred_at_us, location_kind, postcode, latitude, longitude, \
         address_line, reporter_role, anonymous, contact_name, contact_email, contact_phone, \
         safe_contact, language, ward_code, team_id, routing_reason, stage, enhanced_rights, \
         next_update_due_us, first_contact_at_us, first_contact_channel, first_contact_by, \
         updated_at_us, grade, first_contact_due_us, harm_days, triage_reasons, grade_override, \
         override_reason, override_by, override_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, \
         $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38)",
    )
    .bind(s.id)
    .bind(&s.reference)
    .bind(&s.status_token_digest)
    .bind(s.channel)
    .bind(s.received_at)
    .bind(s.category)
    .bind(&s.description)
    .bind(s.occurred_at)
    .bind(kind)
    .bind(postcode)
    .bind(latitude)
    .bind(longitude)
    .bind(address)
    .bind(s.reporter_role)
    .bind(contact.is_none())
    .bind(contact.and_then(|c| c.name.as_deref()))
    .bind(contact.and_then(|c| c.email.as_deref()))
    .bind(contact.and_then(|c| c.phone.as_deref()))
    .bind(safe_contact_json(&s.safe_contact))
    .bind(&s.language)
    .bind(s.ward.as_ref())
    .bind(&s.team)
    .bind(&s.routing_reason)
    .bind(s.stage)
    .bind(s.enhanced_rights)
    .bind(s.next_update_due)
    .bind(first.map(|f| f.at))
    .bind(first.map(|f| f.method))
    .bind(first.map(|f| f.by.as_str()))
    .bind(s.updated_at)
    .bind(triage.map(|t| t.grade))
    .bind(s.first_contact_due)
    .bind(triage.map(|t| t.harm_days))
    .bind(triage.map(|t| reasons_json(&t.reasons)))
    .bind(given.map(|g| g.grade))
    .bind(given.map(|g| g.reason.as_str()))
    .bind(given.map(|g| g.by.as_str()))
    .bind(given.map(|g| g.at))
    .execute(&mut *tx)
    .await
    .map_err(|error| match error {
        StoreError::Conflict(Conflict::Unique { constraint })
            if constraint.contains("reference") =>
        {
            StoreError::Conflict(Conflict::Reference)
        }
        other => other,
    })?;
    Ok(())
}

async fn insert_note(tx: &mut Tx, note: &Note) -> StoreResult<()> {
    tx.query(
        "INSERT INTO submission_notes (id, submission_id, at_us, author, kind, body) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(note.id)
    .bind(note.submission_id)
    .bind(note.at)
    .bind(&note.author)
    .bind(note.kind)
    .bind(&note.body)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn submissions_where(
    db: &Db,
    condition: &str,
    bind: impl FnOnce(crate::sql::Query) -> crate::sql::Query,
) -> StoreResult<Vec<Submission>> {
    let query = db.query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions s {condition}"
    )));
    bind(query)
        .all(db)
        .await?
        .iter()
        .map(submission_of)
        .collect()
}

fn dash_of(row: &Row) -> StoreResult<DashRecord> {
    let mut cols = row.cols("dash_assessments");
    let id = cols.id()?;
    let submission_id = cols.get()?;
    let checklist_version = cols.get()?;
    let answers = cols.parse("answers", |text: String| {
        text.split(',')
            .map(|a| {
                [Answer::Yes, Answer::No, Answer::NotKnown, Answer::NotAsked]
                    .into_iter()
                    .find(|answer| answer.slug() == a)
                    .ok_or_else(|| format!("{a:?} is not an answer"))
            })
            .collect::<Result<Vec<Answer>, String>>()
    })?;
    let level: Option<RiskLevel> = cols.get()?;
    let reason: Option<String> = cols.get()?;
    let judgement = match (level, reason) {
        (Some(level), Some(reason)) => Some(Judgement { level, reason }),
        (None, None) => None,
        _ => return Err(cols.corrupt("a judgement without its level or reason".into())),
    };
    let yes_count = cols.parse("yes_count", |n: i64| {
        u32::try_from(n).map_err(|_| format!("{n} yes answers"))
    })?;
    Ok(DashRecord {
        id,
        submission_id,
        checklist_version,
        answers,
        judgement,
        yes_count,
        level: cols.get()?,
        marac_referral: cols.get()?,
        reasons: cols.parse("reasons", |json: String| {
            serde_json::from_str(&json).map_err(|e| e.to_string())
        })?,
        assessed_by: cols.get()?,
        assessed_at: cols.get()?,
    })
}

fn count(row: &Row, table: &'static str) -> StoreResult<u32> {
    let n: i64 = row.first(table)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

#[async_trait::async_trait]
impl<E: Engine> SubmissionStore for E {
    async fn create_submission(
        &self,
        submission: &Submission,
        idempotency: Option<&Idempotency>,
        audit: AuditEvent,
        linking: Option<Linking>,
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
        let mut events = vec![audit];
        let Some(linking) = linking else {
            commit_with(tx, events).await?;
            return Ok((CreateOutcome::Created, Correlated::default()));
        };
        let (correlated, alerts, held) =
            correlate_in(&mut tx, self.mirror(), &linking.indicators, linking.cap).await?;
        events.extend(alert_events(&alerts, &linking.audit));
        events.extend(link_event(&linking.indicators, &correlated, linking.audit));
        commit_with(tx, events).await?;
        held.restore();
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
                 AND s.first_contact_due_us < {} AND s.stage <> 'closed' {in_teams} \
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
            "WHERE s.team_id = $1 AND ($2 IS NULL OR s.stage = $2) \
             AND ($3 IS NULL OR s.category = $3) AND ($4 IS NULL OR s.received_at_us >= $4) \
             ORDER BY CASE WHEN s.next_update_due_us IS NOT NULL AND s.next_update_due_us < $5 \
             AND s.stage <> 'closed' THEN 0 ELSE 1 END, \
             CASE COALESCE(s.grade_override, s.grade) WHEN 'I' THEN 0 WHEN 'S' THEN 1 \
             WHEN 'E' THEN 2 WHEN 'R' THEN 3 ELSE 4 END, s.first_contact_due_us IS NULL, \
             s.first_contact_due_us, COALESCE(s.harm_days, 0) DESC, s.received_at_us DESC \
             LIMIT $6",
            |q| {
                q.bind(&filter.team)
                    .bind(filter.stage)
                    .bind(filter.category)
                    .bind(filter.received_after)
                    .bind(filter.now)
                    .bind(i64::from(filter.limit))
            },
        )
        .await
    }

    async fn record_first_contact(
        &self,
        id: SubmissionId,
        contact: &FirstContact,
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
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }

    async fn add_note(
        &self,
        note: &Note,
        next_update_due: Option<OffsetDateTime>,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        insert_note(&mut tx, note).await?;
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
