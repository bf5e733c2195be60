//! The agreements register's SQL.

use peel_core::audit::AuditEvent;
use peel_core::sharing::Agreement;

use peel_core::sharing::{Field, Onward};
use peel_core::{CaseId, UserId};

use peel_core::case::CaseStage;
use peel_core::sharing::pack::measure::Fact;
use peel_core::submission::ReporterRole;
use peel_core::{ItemRef, SubmissionId, WardCode};

use peel_core::sharing::WriteBackKind;

use super::{AgreementRecord, DisclosureRecord, SharingStore, WriteBack};
use crate::audit::commit_with;
use crate::bulk::params;
use crate::cases::write_event;
use crate::engine::Engine;
use crate::sql::{Db, Param, Row};
use crate::{Conflict, StoreResult};
use time::OffsetDateTime;

const COLUMNS: &str = "id, version, source, registered_at_us, registered_by";

const WRITE_BACK_COLUMNS: &str =
    "id, disclosure_id, case_id, author_id, author_name, kind, body, at_us";

/// One report's facts for the pack: keys for the place and the victim, never their words.
fn fact_of(row: &Row) -> StoreResult<Fact> {
    let mut cols = row.cols("submissions");
    Ok(FactRow {
        id: cols.id()?,
        ward: cols.get()?,
        category: cols.get()?,
        online: cols.get::<String>()? == "online",
        postcode: cols.get()?,
        address: cols.get()?,
        role: cols.get()?,
        email: cols.get()?,
        phone: cols.get()?,
        case: cols.get()?,
        stage: cols.get()?,
    }
    .into_fact())
}

/// What a pack's fact is made of, as the store holds it: the report's own columns and its
/// case's.
pub(crate) struct FactRow {
    pub id: SubmissionId,
    pub ward: Option<WardCode>,
    pub category: peel_core::submission::Category,
    pub online: bool,
    pub postcode: Option<String>,
    pub address: Option<String>,
    pub role: ReporterRole,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub case: Option<CaseId>,
    pub stage: Option<CaseStage>,
}

impl FactRow {
    /// The fact: keys for the place and the victim (a victim's own report only), never their
    /// words, and the case only while it is open.
    pub(crate) fn into_fact(self) -> Fact {
        let place = self
            .postcode
            .or_else(|| self.address.map(|a| a.trim().to_lowercase()));
        let victim = (self.role == ReporterRole::Victim)
            .then(|| self.email.map(|e| e.trim().to_lowercase()).or(self.phone))
            .flatten();
        Fact {
            id: self.id,
            ward: self.ward,
            category: self.category,
            online: self.online,
            place,
            victim,
            open_case: self
                .case
                .filter(|_| self.stage.is_some_and(CaseStage::is_open)),
        }
    }
}

fn record_of(row: &Row) -> StoreResult<AgreementRecord> {
    let mut cols = row.cols("sharing_agreements");
    let _id: String = cols.id()?;
    let version = cols.parse("version", |n: i64| {
        u32::try_from(n).map_err(|_| format!("{n} is not a version"))
    })?;
    let source: String = cols.get()?;
    let agreement = Agreement::from_toml(&source, version)
        .map_err(|problems| cols.corrupt(format!("source: {}", problems.join("; "))))?;
    Ok(AgreementRecord {
        agreement,
        source,
        registered_at: cols.get()?,
        registered_by: cols.get()?,
    })
}

const DISCLOSURE_COLUMNS: &str = "id, case_id, agreement_id, agreement_version, recipient_id, \
    recipient_name, fields, pseudonymised, onward, marking, justification, content, \
    disclosed_at_us, disclosed_by, referral";

fn disclosure_of(row: &Row) -> StoreResult<DisclosureRecord> {
    let mut cols = row.cols("disclosures");
    Ok(DisclosureRecord {
        id: cols.id()?,
        case_id: cols.get()?,
        agreement: cols.get()?,
        agreement_version: cols.parse("agreement_version", |n: i64| {
            u32::try_from(n).map_err(|_| format!("{n} is not a version"))
        })?,
        recipient: cols.get()?,
        recipient_name: cols.get()?,
        fields: cols.parse("fields", |text: String| {
            text.split(',')
                .filter(|f| !f.is_empty())
                .map(|f| Field::parse(f).ok_or_else(|| format!("{f:?} is not a field")))
                .collect()
        })?,
        pseudonymised: cols.get()?,
        onward: cols.parse("onward", |text: String| {
            Onward::parse(&text).ok_or_else(|| format!("{text:?} is not an onward limit"))
        })?,
        marking: cols.get()?,
        justification: cols.get()?,
        content: cols.parse("content", |text: String| {
            serde_json::from_str(&text).map_err(|e| e.to_string())
        })?,
        disclosed_at: cols.get()?,
        disclosed_by: cols.get()?,
        referral: cols.get()?,
    })
}

/// The disclosures whose `column` (a fixed column name, never input) is `value`, newest first.
async fn disclosures_by(
    db: &Db,
    column: &'static str,
    value: impl Param,
) -> StoreResult<Vec<DisclosureRecord>> {
    let rows = db
        .query(sqlx::AssertSqlSafe(format!(
            "SELECT {DISCLOSURE_COLUMNS} FROM disclosures WHERE {column} = $1 \
             ORDER BY disclosed_at_us DESC, id DESC"
        )))
        .bind(value)
        .all(db)
        .await?;
    rows.iter().map(disclosure_of).collect()
}

#[async_trait::async_trait]
impl<E: Engine> SharingStore for E {
    async fn add_disclosure(
        &self,
        record: &DisclosureRecord,
        on_case: Option<&crate::CaseEvent>,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let fields: Vec<&str> = record.fields.iter().map(|f| f.slug()).collect();
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO disclosures ({DISCLOSURE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, \
             $8, $9, $10, $11, $12, $13, $14, $15)"
        )))
        .bind(record.id)
        .bind(record.case_id)
        .bind(&record.agreement)
        .bind(i64::from(record.agreement_version))
        .bind(record.recipient)
        .bind(&record.recipient_name)
        .bind(fields.join(","))
        .bind(record.pseudonymised)
        .bind(record.onward.slug())
        .bind(record.marking)
        .bind(&record.justification)
        .bind(record.content.to_string())
        .bind(record.disclosed_at)
        .bind(&record.disclosed_by)
        .bind(record.referral)
        .execute(&mut tx)
        .await?;
        if let Some(event) = on_case {
            write_event(&mut tx, event).await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn disclosures_to(&self, recipient: UserId) -> StoreResult<Vec<DisclosureRecord>> {
        disclosures_by(self.db(), "recipient_id", recipient).await
    }

    async fn disclosures_from(&self, case: CaseId) -> StoreResult<Vec<DisclosureRecord>> {
        disclosures_by(self.db(), "case_id", case).await
    }

    async fn disclosure(&self, id: uuid::Uuid) -> StoreResult<Option<DisclosureRecord>> {
        Ok(disclosures_by(self.db(), "id", id)
            .await?
            .into_iter()
            .next())
    }

    async fn add_write_back(
        &self,
        write_back: &WriteBack,
        event: &crate::CaseEvent,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO write_backs ({WRITE_BACK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )))
        .bind(write_back.id)
        .bind(write_back.disclosure)
        .bind(write_back.case_id)
        .bind(write_back.author)
        .bind(&write_back.author_name)
        .bind(write_back.kind.slug())
        .bind(&write_back.body)
        .bind(write_back.at)
        .execute(&mut tx)
        .await?;
        write_event(&mut tx, event).await?;
        commit_with(tx, vec![audit]).await
    }

    async fn write_backs_by(&self, author: UserId) -> StoreResult<Vec<WriteBack>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {WRITE_BACK_COLUMNS} FROM write_backs WHERE author_id = $1 ORDER BY at_us, id"
        )))
        .bind(author)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("write_backs");
            Ok(WriteBack {
                id: cols.id()?,
                disclosure: cols.get()?,
                case_id: cols.get()?,
                author: cols.get()?,
                author_name: cols.get()?,
                kind: cols.parse("kind", |text: String| {
                    WriteBackKind::parse(&text)
                        .ok_or_else(|| format!("{text:?} is not a write-back"))
                })?,
                body: cols.get()?,
                at: cols.get()?,
            })
        })
        .collect()
    }

    async fn set_job_role(
        &self,
        user: UserId,
        role: Option<&str>,
        set_by: &str,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query("DELETE FROM job_roles WHERE user_id = $1")
            .bind(user)
            .execute(&mut tx)
            .await?;
        if let Some(role) = role {
            tx.query(
                "INSERT INTO job_roles (user_id, job_role, set_by, set_at_us) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(user)
            .bind(role)
            .bind(set_by)
            .bind(at)
            .execute(&mut tx)
            .await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn job_role(&self, user: UserId) -> StoreResult<Option<String>> {
        let db = self.db();
        db.query("SELECT job_role FROM job_roles WHERE user_id = $1")
            .bind(user)
            .optional(db)
            .await?
            .map(|row| row.first("job_roles"))
            .transpose()
    }

    async fn pack_facts(
        &self,
        since: OffsetDateTime,
        wards: &[WardCode],
    ) -> StoreResult<Vec<Fact>> {
        let db = self.db();
        // Two halves, each through its own index (the ward's reports by ward and time, the
        // online ones by time), rather than one OR that scans every report; sorted here, as an
        // ORDER BY would have SQLite walk the whole table in id order instead.
        let backend = db.backend();
        let columns = "SELECT s.id, s.ward_code, s.category, s.location_kind, s.postcode, \
             s.address_line, s.reporter_role, s.contact_email, s.contact_phone, c.id, c.stage \
             FROM submissions s LEFT JOIN case_submissions cs ON cs.submission_id = s.id \
             LEFT JOIN cases c ON c.id = cs.case_id";
        let online = format!(
            "{columns} WHERE s.location_kind = 'online' AND s.received_at_us >= {} \
             AND s.restricted IS NULL",
            params(backend, 1, 1)
        );
        let sql = if wards.is_empty() {
            online
        } else {
            format!(
                "{online} UNION ALL {columns} WHERE s.received_at_us >= {} \
                 AND s.restricted IS NULL AND s.location_kind <> 'online' \
                 AND s.ward_code IN ({})",
                params(backend, 1, 2),
                params(backend, wards.len(), 3)
            )
        };
        let mut query = db.query(sqlx::AssertSqlSafe(sql)).bind(since);
        if !wards.is_empty() {
            query = query.bind(since);
        }
        for ward in wards {
            query = query.bind(ward);
        }
        let mut facts: Vec<Fact> = query
            .all(db)
            .await?
            .iter()
            .map(fact_of)
            .collect::<StoreResult<_>>()?;
        facts.sort_unstable_by_key(|fact| fact.id);
        Ok(facts)
    }

    async fn links_between_reports(
        &self,
        since: OffsetDateTime,
    ) -> StoreResult<Vec<(SubmissionId, SubmissionId)>> {
        let db = self.db();
        let rows = db
            .query("SELECT earlier_item, later_item FROM item_links WHERE created_at_us >= $1")
            .bind(since)
            .all(db)
            .await?;
        let mut links = Vec::new();
        for row in &rows {
            let mut cols = row.cols("item_links");
            let earlier: ItemRef = cols.get()?;
            let later: ItemRef = cols.get()?;
            if let (Some(a), Some(b)) = (earlier.submission(), later.submission()) {
                links.push((a, b));
            }
        }
        Ok(links)
    }

    async fn add_agreement(&self, record: &AgreementRecord, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO sharing_agreements ({COLUMNS}) VALUES ($1, $2, $3, $4, $5)"
        )))
        .bind(&record.agreement.id)
        .bind(i64::from(record.agreement.version))
        .bind(&record.source)
        .bind(record.registered_at)
        .bind(&record.registered_by)
        .execute(&mut tx)
        .await
        .map_err(|error| error.or_conflict(Conflict::AgreementVersion))?;
        commit_with(tx, vec![audit]).await
    }

    async fn agreement(&self, id: &str) -> StoreResult<Option<AgreementRecord>> {
        let db = self.db();
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM sharing_agreements WHERE id = $1 \
                 ORDER BY version DESC LIMIT 1"
            )))
            .bind(id)
            .optional(db)
            .await?;
        row.as_ref().map(record_of).transpose()
    }

    async fn agreement_versions(&self, id: &str) -> StoreResult<Vec<AgreementRecord>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM sharing_agreements WHERE id = $1 ORDER BY version"
            )))
            .bind(id)
            .all(db)
            .await?;
        rows.iter().map(record_of).collect()
    }

    async fn agreements(&self) -> StoreResult<Vec<AgreementRecord>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM sharing_agreements a WHERE version = \
                 (SELECT MAX(version) FROM sharing_agreements b WHERE b.id = a.id) ORDER BY id"
            )))
            .all(db)
            .await?;
        rows.iter().map(record_of).collect()
    }
}
