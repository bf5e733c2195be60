//! How a submission is kept in its row: a location as a kind and its columns, the safe-contact
//! preferences and triage reasons as JSON; and the rows of its notes and DASH checklists. A row
//! that does not read back whole is corruption, never a default: an officer must never see a
//! victim's record without the instructions on how to contact them safely.

use peel_core::concern::{Codeword, ConcernFacts, Sector};
use peel_core::dash::{Answer, Judgement, RiskLevel};
use peel_core::postcode::Postcode;
use peel_core::reference::Reference;
use peel_core::retention::Group;
use peel_core::submission::Category;
use peel_core::submission::{Contact, ContactChannel, Location, SafeContact};
use peel_core::triage::{Element, Grade, Reason};
use peel_core::{OrganisationId, SubmissionId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{DashRecord, FirstContact, GradeOverride, Note, Submission, Triage};
use crate::error::Conflict;
use crate::sql::{Cols, Db, Row, Tx};
use crate::{StoreError, StoreResult};

pub(super) const TABLE: &str = "submissions";

/// The columns read for a submission, in the order [`submission_of`] reads them.
const COLUMNS: &str = "s.id, s.reference, s.status_token_digest, s.channel, s.received_at_us, \
    s.category, s.description, s.occurred_at_us, s.location_kind, s.postcode, s.latitude, \
    s.longitude, s.address_line, s.reporter_role, s.anonymous, s.contact_name, s.contact_email, \
    s.contact_phone, s.safe_contact, s.language, s.ward_code, s.team_id, s.routing_reason, \
    s.stage, s.enhanced_rights, s.next_update_due_us, s.first_contact_at_us, \
    s.first_contact_channel, s.first_contact_by, s.updated_at_us, s.grade, \
    s.first_contact_due_us, s.harm_days, s.triage_reasons, s.grade_override, s.override_reason, \
    s.override_by, s.override_at_us, s.community, s.taken_by, s.concern, s.review_due, \
    s.restricted, EXISTS (SELECT 1 FROM dash_assessments d WHERE d.submission_id = s.id)";

/// The safe-contact preferences as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredSafeContact {
    channels: Vec<String>,
    safe_times: String,
    no_voicemail: bool,
    shared_device: bool,
}

pub(super) fn safe_contact_json(safe: &SafeContact) -> String {
    let stored = StoredSafeContact {
        channels: safe.channels.iter().map(|c| c.slug().to_owned()).collect(),
        safe_times: safe.safe_times.clone(),
        no_voicemail: safe.no_voicemail,
        shared_device: safe.shared_device,
    };
    serde_json::to_string(&stored).unwrap_or_else(|_| "{}".to_owned())
}

/// A codeword as kept with the concern that used it: the scheme as it stood when it was sent.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCodeword {
    id: String,
    name: String,
    category: String,
    procedure: Vec<String>,
    call_back_minutes: i64,
    opens_dash: bool,
}

/// A concern's facts as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredConcern {
    organisation: String,
    organisation_name: String,
    sector: String,
    call_back: String,
    about: String,
    person_present: bool,
    codeword: Option<StoredCodeword>,
    called_999: bool,
    consent: bool,
}

pub(super) fn concern_json(concern: &ConcernFacts) -> String {
    let stored = StoredConcern {
        organisation: concern.organisation.to_string(),
        organisation_name: concern.organisation_name.clone(),
        sector: concern.sector.slug().to_owned(),
        call_back: concern.call_back.clone(),
        about: concern.about.clone(),
        person_present: concern.person_present,
        codeword: concern.codeword.as_ref().map(|c| StoredCodeword {
            id: c.id.clone(),
            name: c.name.clone(),
            category: c.category.slug().to_owned(),
            procedure: c.procedure.clone(),
            call_back_minutes: c.call_back.whole_minutes(),
            opens_dash: c.opens_dash,
        }),
        called_999: concern.called_999,
        consent: concern.consent,
    };
    serde_json::to_string(&stored).unwrap_or_else(|_| "{}".to_owned())
}

fn concern_of(json: &str) -> Result<ConcernFacts, String> {
    let stored: StoredConcern =
        serde_json::from_str(json).map_err(|e| format!("not a concern's JSON: {e}"))?;
    let codeword = match stored.codeword {
        None => None,
        Some(c) => Some(Codeword {
            category: Category::parse(&c.category)
                .ok_or_else(|| format!("{:?} is not a category", c.category))?,
            id: c.id,
            name: c.name,
            procedure: c.procedure,
            call_back: time::Duration::minutes(c.call_back_minutes),
            opens_dash: c.opens_dash,
        }),
    };
    Ok(ConcernFacts {
        organisation: OrganisationId::parse(&stored.organisation)
            .map_err(|e| format!("organisation: {e}"))?,
        organisation_name: stored.organisation_name,
        sector: Sector::parse(&stored.sector)
            .ok_or_else(|| format!("{:?} is not a kind of intermediary", stored.sector))?,
        call_back: stored.call_back,
        about: stored.about,
        person_present: stored.person_present,
        codeword,
        called_999: stored.called_999,
        consent: stored.consent,
    })
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

pub(super) fn reasons_json(reasons: &[Reason]) -> String {
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

pub(crate) fn location_of(cols: &mut Cols<'_>) -> StoreResult<Location> {
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
    let community = cols.get()?;
    let taken_by = cols.get()?;
    let concern: Option<String> = cols.get()?;
    let concern = concern
        .map(|json| concern_of(&json))
        .transpose()
        .map_err(|p| cols.corrupt(format!("concern: {p}")))?;
    let review_due = cols.get()?;
    let restricted = cols.get()?;
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
        community,
        taken_by,
        concern,
        review_due,
        restricted,
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
         override_reason, override_by, override_at_us, community, taken_by, concern, \
         waiting_now, review_due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
         $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, \
         $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43)",
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
    .bind(&s.community)
    .bind(s.taken_by.as_deref())
    .bind(s.concern.as_ref().map(concern_json))
    .bind(s.concern.as_ref().is_some_and(ConcernFacts::waiting_now))
    // The review date is the rule's, from the category, never the caller's.
    .bind(Group::of(s.category).review_after(peel_core::london::today(s.received_at)))
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

pub(super) async fn insert_note(tx: &mut Tx, note: &Note) -> StoreResult<()> {
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

pub(crate) async fn submissions_where(
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

pub(super) fn dash_of(row: &Row) -> StoreResult<DashRecord> {
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

pub(super) fn count(row: &Row, table: &'static str) -> StoreResult<u32> {
    let n: i64 = row.first(table)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
