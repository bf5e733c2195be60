//! A ward's dashboard's one read of its reports (issue 19): every measure it takes of Peel's
//! own reports (contact times, repeat victims, outcomes, places reported again, groups joining
//! online and physical harm) from one statement.

use peel_core::WardCode;

use super::WardReport;
use crate::StoreResult;
use crate::sql::Db;

/// The dashboard's read of `wards` wards' reports (from, to, then the wards, in that order in
/// the text too, as SQLite's placeholders are bound by their place), each report's columns in
/// [`Packed`]'s order. On SQLite every column of `submissions` it takes is in
/// `submissions_by_ward` (migration 0041), so the table itself is never visited; a test below
/// holds SQLite's plan to that (PostgreSQL keeps the narrower index: its 0041 says why). Only
/// placeholders go into the text.
///
/// On SQLite it is one row, a JSON array of one array per report, because SQLite's driver
/// hands each row across from its own thread, waking the reader for each: measured with two
/// million reports held, about ten microseconds a row, most of the dashboard's time, against
/// four for the JSON. PostgreSQL sends rows over its socket with no such hand-over, and
/// building the JSON there cost more than it saved (8.5 microseconds a report with ten million
/// held), so there it is a row a report.
fn ward_reports_sql(backend: crate::Backend, wards: usize) -> String {
    use crate::bulk::params;
    let (id, restricted, online, case_id) = match backend {
        crate::Backend::Sqlite => (
            "hex(s.id)",
            "CASE WHEN s.restricted IS NULL THEN 0 ELSE 1 END",
            "CASE WHEN s.location_kind = 'online' THEN 1 ELSE 0 END",
            "CASE WHEN c.id IS NULL THEN NULL ELSE hex(c.id) END",
        ),
        crate::Backend::Postgres => (
            "s.id::text",
            "s.restricted IS NOT NULL",
            "s.location_kind = 'online'",
            "c.id::text",
        ),
    };
    let columns = format!(
        "s.received_at_us, s.first_contact_at_us, COALESCE(s.grade_override, s.grade), \
         s.channel, COALESCE(m.outcome, c.outcome), {restricted}, {id}, s.ward_code, \
         s.category, {online}, s.postcode, s.address_line, s.reporter_role, s.contact_email, \
         s.contact_phone, {case_id}, c.stage"
    );
    let select = match backend {
        crate::Backend::Sqlite => format!("json_group_array(json_array({columns}))"),
        crate::Backend::Postgres => columns,
    };
    format!(
        "SELECT {select} \
         FROM submissions s \
         LEFT JOIN case_submissions cs ON cs.submission_id = s.id \
         LEFT JOIN cases c ON c.id = cs.case_id \
         LEFT JOIN cases m ON m.id = c.merged_into \
         WHERE s.received_at_us >= {} AND s.received_at_us < {} AND s.ward_code IN ({})",
        params(backend, 1, 1),
        params(backend, 1, 2),
        params(backend, wards, 3),
    )
}

/// One report as [`ward_reports_sql`] packs it: received, first contact (microseconds), grade,
/// channel, outcome, restricted (1) or not (0), id, ward, category, online (1) or not (0),
/// postcode, address line, reporter's role, email, phone, case id and case stage.
#[derive(serde::Deserialize)]
struct Packed(
    i64,
    Option<i64>,
    Option<String>,
    String,
    Option<String>,
    u8,
    String,
    Option<String>,
    String,
    u8,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Packed {
    /// A report from a row of its own (PostgreSQL's), the flags read as booleans.
    fn of_row(row: &crate::sql::Row) -> StoreResult<Packed> {
        let mut cols = row.cols("submissions");
        Ok(Packed(
            cols.get()?,
            cols.get()?,
            cols.get()?,
            cols.get()?,
            cols.get()?,
            u8::from(cols.get::<bool>()?),
            cols.get()?,
            cols.get()?,
            cols.get()?,
            u8::from(cols.get::<bool>()?),
            cols.get()?,
            cols.get()?,
            cols.get()?,
            cols.get()?,
            cols.get()?,
            cols.get()?,
            cols.get()?,
        ))
    }

    fn report(self) -> Result<WardReport, String> {
        // Each text read as its own column would read it.
        use crate::codec::Readable;
        let time = peel_core::clock::from_unix_micros;
        let uuid = |text: &str| uuid::Uuid::parse_str(text).map_err(|e| e.to_string());
        let grade: Option<peel_core::triage::Grade> =
            self.2.map(Readable::from_read).transpose()?;
        // As `report_facts` keys a victim: the email lower-cased (here in full Unicode, where
        // SQLite's `lower` stops at ASCII; the measures canonicalise it again), else the phone.
        let victim = self
            .13
            .as_deref()
            .map(str::to_lowercase)
            .or_else(|| self.14.clone());
        let fact = crate::sharing::FactRow {
            id: peel_core::SubmissionId(uuid(&self.6)?),
            ward: self.7.map(Readable::from_read).transpose()?,
            category: Readable::from_read(self.8)?,
            online: self.9 == 1,
            postcode: self.10,
            address: self.11,
            role: Readable::from_read(self.12)?,
            email: self.13,
            phone: self.14,
            case: self
                .15
                .as_deref()
                .map(|id| uuid(id).map(peel_core::CaseId))
                .transpose()?,
            stage: self.16.map(Readable::from_read).transpose()?,
        }
        .into_fact();
        Ok(WardReport {
            facts: peel_core::stats::own::ReportFacts {
                received_at: time(self.0),
                first_contact_at: self.1.map(time),
                grade: grade.and_then(|g| g.letter().chars().next()),
                channel: self.3,
                victim,
                outcome: self.4.map(Readable::from_read).transpose()?,
            },
            pack: (self.5 == 0).then_some(fact),
        })
    }
}

/// The reports of `wards` received from `from` to `to`, in order of receipt.
pub(super) async fn read(
    db: &Db,
    wards: &[WardCode],
    from: time::OffsetDateTime,
    to: time::OffsetDateTime,
) -> StoreResult<Vec<WardReport>> {
    if wards.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.backend();
    let mut query = db
        .query(sqlx::AssertSqlSafe(ward_reports_sql(backend, wards.len())))
        .bind(from)
        .bind(to);
    for ward in wards {
        query = query.bind(ward.as_str());
    }
    let corrupt = |problem: String| crate::StoreError::Corrupt {
        table: "submissions",
        id: "?".to_owned(),
        problem,
    };
    let reports: Vec<Packed> = match backend {
        crate::Backend::Sqlite => {
            let packed: Option<String> = query.one(db).await?.first("submissions")?;
            serde_json::from_str(packed.as_deref().unwrap_or("[]"))
                .map_err(|e| corrupt(e.to_string()))?
        }
        crate::Backend::Postgres => query
            .all(db)
            .await?
            .iter()
            .map(Packed::of_row)
            .collect::<StoreResult<_>>()?,
    };
    let mut reports = reports
        .into_iter()
        .map(|report| report.report().map_err(corrupt))
        .collect::<StoreResult<Vec<_>>>()?;
    reports.sort_by_key(|report| report.facts.received_at);
    Ok(reports)
}

#[cfg(test)]
mod tests {
    /// SQLite answers the dashboard's read from `submissions_by_ward` alone, for one ward and
    /// for a borough's many, never visiting the table.
    #[tokio::test]
    async fn a_wards_reports_are_read_from_the_covering_index_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("peel.db");
        drop(crate::SqliteStore::open(&path).await.unwrap());
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
            .await
            .unwrap();
        for wards in [1, 17] {
            let sql = super::ward_reports_sql(crate::Backend::Sqlite, wards);
            let plan: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            let steps: Vec<&str> = plan.iter().map(|(_, _, _, step)| step.as_str()).collect();
            assert!(
                steps
                    .iter()
                    .any(|s| s.contains("USING COVERING INDEX submissions_by_ward")),
                "{steps:?}"
            );
            assert!(
                !steps
                    .iter()
                    .any(|s| s.starts_with("SCAN s") || s.contains("USING INDEX submissions_")),
                "{steps:?}"
            );
        }
    }
}
