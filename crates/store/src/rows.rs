//! Rows as the database returns them, and their conversion to domain types.

use peel_core::clock::from_unix_micros;
use uuid::Uuid;

use crate::{StoreError, StoreResult};

pub(crate) fn parse_hash(text: &str, seq: i64) -> StoreResult<[u8; 32]> {
    let mut hash = [0u8; 32];
    hex::decode_to_slice(text, &mut hash)
        .map_err(|_| StoreError::corrupt(format!("audit entry {seq} has a malformed hash")))?;
    Ok(hash)
}

#[derive(sqlx::FromRow)]
pub(crate) struct SubmissionRow {
    pub id: Uuid,
    pub reference: String,
    pub status_token_digest: String,
    pub channel: String,
    pub received_at_us: i64,
    pub category: String,
    pub description: String,
    pub occurred_at_us: i64,
    pub location_kind: String,
    pub postcode: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub address_line: Option<String>,
    pub reporter_role: String,
    pub anonymous: bool,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub safe_contact: String,
    pub language: String,
    pub ward_code: Option<String>,
    pub team_id: String,
    pub routing_reason: String,
    pub stage: String,
    pub enhanced_rights: bool,
    pub next_update_due_us: Option<i64>,
    pub first_contact_at_us: Option<i64>,
    pub first_contact_channel: Option<String>,
    pub first_contact_by: Option<String>,
    pub updated_at_us: i64,
    pub grade: Option<String>,
    pub first_contact_due_us: Option<i64>,
    pub harm_days: Option<f64>,
    pub triage_reasons: Option<String>,
    pub grade_override: Option<String>,
    pub override_reason: Option<String>,
    pub override_by: Option<String>,
    pub override_at_us: Option<i64>,
}

pub(crate) const SUBMISSION_COLUMNS: &str = "id, reference, status_token_digest, channel, \
    received_at_us, category, description, occurred_at_us, location_kind, postcode, latitude, \
    longitude, address_line, reporter_role, anonymous, contact_name, contact_email, contact_phone, \
    safe_contact, language, ward_code, team_id, routing_reason, stage, enhanced_rights, \
    next_update_due_us, first_contact_at_us, first_contact_channel, first_contact_by, updated_at_us, \
    grade, first_contact_due_us, harm_days, triage_reasons, grade_override, override_reason, \
    override_by, override_at_us";

impl From<SubmissionRow> for crate::SubmissionRecord {
    fn from(row: SubmissionRow) -> Self {
        crate::SubmissionRecord {
            id: peel_core::SubmissionId(row.id),
            reference: row.reference,
            status_token_digest: row.status_token_digest,
            channel: row.channel,
            received_at: from_unix_micros(row.received_at_us),
            category: row.category,
            description: row.description,
            occurred_at: from_unix_micros(row.occurred_at_us),
            location_kind: row.location_kind,
            postcode: row.postcode,
            latitude: row.latitude,
            longitude: row.longitude,
            address_line: row.address_line,
            reporter_role: row.reporter_role,
            anonymous: row.anonymous,
            contact_name: row.contact_name,
            contact_email: row.contact_email,
            contact_phone: row.contact_phone,
            safe_contact: row.safe_contact,
            language: row.language,
            ward_code: row.ward_code,
            team_id: row.team_id,
            routing_reason: row.routing_reason,
            stage: row.stage,
            enhanced_rights: row.enhanced_rights,
            next_update_due: row.next_update_due_us.map(from_unix_micros),
            first_contact_at: row.first_contact_at_us.map(from_unix_micros),
            first_contact_channel: row.first_contact_channel,
            first_contact_by: row.first_contact_by,
            updated_at: from_unix_micros(row.updated_at_us),
            grade: row.grade,
            first_contact_due: row.first_contact_due_us.map(from_unix_micros),
            harm_days: row.harm_days,
            triage_reasons: row.triage_reasons,
            grade_override: row.grade_override,
            override_reason: row.override_reason,
            override_by: row.override_by,
            override_at: row.override_at_us.map(from_unix_micros),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct NoteRow {
    pub id: Uuid,
    pub submission_id: Uuid,
    pub at_us: i64,
    pub author: String,
    pub kind: String,
    pub body: String,
}

impl From<NoteRow> for crate::Note {
    fn from(row: NoteRow) -> Self {
        crate::Note {
            id: row.id,
            submission_id: peel_core::SubmissionId(row.submission_id),
            at: from_unix_micros(row.at_us),
            author: row.author,
            kind: row.kind,
            body: row.body,
        }
    }
}

/// A stored DASH checklist row.
#[derive(sqlx::FromRow)]
pub struct DashRow {
    id: Uuid,
    submission_id: Uuid,
    checklist_version: String,
    answers: String,
    judgement_level: Option<String>,
    judgement_reason: Option<String>,
    yes_count: i64,
    level: String,
    marac_referral: bool,
    reasons: String,
    assessed_by: String,
    assessed_at_us: i64,
}

impl From<DashRow> for crate::DashRecord {
    fn from(row: DashRow) -> Self {
        crate::DashRecord {
            id: row.id,
            submission_id: peel_core::SubmissionId(row.submission_id),
            checklist_version: row.checklist_version,
            answers: row.answers,
            judgement_level: row.judgement_level,
            judgement_reason: row.judgement_reason,
            yes_count: row.yes_count,
            level: row.level,
            marac_referral: row.marac_referral,
            reasons: row.reasons,
            assessed_by: row.assessed_by,
            assessed_at: from_unix_micros(row.assessed_at_us),
        }
    }
}
