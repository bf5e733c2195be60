//! Migrations, embedded in the binary, one list per backend.
//!
//! A migration that has shipped is never edited; a change is a new numbered file in both
//! folders. The list is written out here because sqlx's `migrate!` macro needs its `macros`
//! feature, which doubles the build time of the database drivers.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};

/// (version, description, SQL) for SQLite.
pub(crate) const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        2,
        "geography and submissions",
        include_str!("../migrations/sqlite/0002_geography_and_submissions.sql"),
    ),
    (
        3,
        "triage",
        include_str!("../migrations/sqlite/0003_triage.sql"),
    ),
    (
        4,
        "grade override",
        include_str!("../migrations/sqlite/0004_grade_override.sql"),
    ),
    (
        5,
        "dash",
        include_str!("../migrations/sqlite/0005_dash.sql"),
    ),
    (
        6,
        "links",
        include_str!("../migrations/sqlite/0006_links.sql"),
    ),
    (
        7,
        "notifications",
        include_str!("../migrations/sqlite/0007_notifications.sql"),
    ),
    (
        8,
        "alerts",
        include_str!("../migrations/sqlite/0008_alerts.sql"),
    ),
    (
        9,
        "people",
        include_str!("../migrations/sqlite/0009_people.sql"),
    ),
    (
        10,
        "access",
        include_str!("../migrations/sqlite/0010_access.sql"),
    ),
    (
        11,
        "feedback",
        include_str!("../migrations/sqlite/0011_feedback.sql"),
    ),
    (
        12,
        "audit keying",
        include_str!("../migrations/sqlite/0012_audit_keying.sql"),
    ),
    (
        13,
        "account management",
        include_str!("../migrations/sqlite/0013_account_management.sql"),
    ),
    (
        14,
        "health probe",
        include_str!("../migrations/sqlite/0014_health_probe.sql"),
    ),
    (
        15,
        "cases and outbox",
        include_str!("../migrations/sqlite/0015_cases_and_outbox.sql"),
    ),
    (
        16,
        "intermediaries and assisted reports",
        include_str!("../migrations/sqlite/0016_intermediaries.sql"),
    ),
    (
        17,
        "vetting reviews",
        include_str!("../migrations/sqlite/0017_vetting_reviews.sql"),
    ),
    (
        18,
        "evidence",
        include_str!("../migrations/sqlite/0018_evidence.sql"),
    ),
    (
        19,
        "evidence uploads",
        include_str!("../migrations/sqlite/0019_evidence_uploads.sql"),
    ),
    (
        20,
        "evidence duration",
        include_str!("../migrations/sqlite/0020_evidence_duration.sql"),
    ),
    (
        21,
        "evidence requests",
        include_str!("../migrations/sqlite/0021_evidence_requests.sql"),
    ),
    (
        22,
        "evidence pictures",
        include_str!("../migrations/sqlite/0022_evidence_pictures.sql"),
    ),
    (
        23,
        "evidence reviews",
        include_str!("../migrations/sqlite/0023_evidence_reviews.sql"),
    ),
    (
        24,
        "evidence redactions",
        include_str!("../migrations/sqlite/0024_evidence_redactions.sql"),
    ),
    (
        25,
        "witness requests",
        include_str!("../migrations/sqlite/0025_witness_requests.sql"),
    ),
    (
        26,
        "sharing agreements",
        include_str!("../migrations/sqlite/0026_sharing_agreements.sql"),
    ),
    (
        27,
        "disclosures",
        include_str!("../migrations/sqlite/0027_disclosures.sql"),
    ),
    (
        28,
        "retention and data subjects' rights",
        include_str!("../migrations/sqlite/0028_retention_and_rights.sql"),
    ),
    (
        29,
        "write-backs",
        include_str!("../migrations/sqlite/0029_write_backs.sql"),
    ),
    (
        30,
        "job roles",
        include_str!("../migrations/sqlite/0030_job_roles.sql"),
    ),
    (
        31,
        "referrals",
        include_str!("../migrations/sqlite/0031_referrals.sql"),
    ),
    (
        32,
        "crime counts",
        include_str!("../migrations/sqlite/0032_crime_counts.sql"),
    ),
    (
        33,
        "stats reference",
        include_str!("../migrations/sqlite/0033_stats_reference.sql"),
    ),
    (
        34,
        "crime counts by month",
        include_str!("../migrations/sqlite/0034_crime_counts_by_month.sql"),
    ),
    (
        35,
        "pas measures",
        include_str!("../migrations/sqlite/0035_pas_measures.sql"),
    ),
    (
        36,
        "ward priorities",
        include_str!("../migrations/sqlite/0036_ward_priorities.sql"),
    ),
    (
        37,
        "crime month wards",
        include_str!("../migrations/sqlite/0037_crime_month_wards.sql"),
    ),
    (
        38,
        "dashboard reads",
        include_str!("../migrations/sqlite/0038_dashboard_reads.sql"),
    ),
    (
        39,
        "notification versions",
        include_str!("../migrations/sqlite/0039_notification_versions.sql"),
    ),
    (
        40,
        "submissions by channel",
        include_str!("../migrations/sqlite/0040_submissions_by_channel.sql"),
    ),
    (
        41,
        "ward reports covered",
        include_str!("../migrations/sqlite/0041_ward_reports_covered.sql"),
    ),
];

/// (version, description, SQL) for PostgreSQL.
pub(crate) const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "geography and submissions",
        include_str!("../migrations/postgres/0002_geography_and_submissions.sql"),
    ),
    (
        3,
        "triage",
        include_str!("../migrations/postgres/0003_triage.sql"),
    ),
    (
        4,
        "grade override",
        include_str!("../migrations/postgres/0004_grade_override.sql"),
    ),
    (
        5,
        "dash",
        include_str!("../migrations/postgres/0005_dash.sql"),
    ),
    (
        6,
        "links",
        include_str!("../migrations/postgres/0006_links.sql"),
    ),
    (
        7,
        "notifications",
        include_str!("../migrations/postgres/0007_notifications.sql"),
    ),
    (
        8,
        "alerts",
        include_str!("../migrations/postgres/0008_alerts.sql"),
    ),
    (
        9,
        "people",
        include_str!("../migrations/postgres/0009_people.sql"),
    ),
    (
        10,
        "access",
        include_str!("../migrations/postgres/0010_access.sql"),
    ),
    (
        11,
        "feedback",
        include_str!("../migrations/postgres/0011_feedback.sql"),
    ),
    (
        12,
        "audit keying",
        include_str!("../migrations/postgres/0012_audit_keying.sql"),
    ),
    (
        13,
        "account management",
        include_str!("../migrations/postgres/0013_account_management.sql"),
    ),
    (
        14,
        "health probe",
        include_str!("../migrations/postgres/0014_health_probe.sql"),
    ),
    (
        15,
        "cases and outbox",
        include_str!("../migrations/postgres/0015_cases_and_outbox.sql"),
    ),
    (
        16,
        "intermediaries and assisted reports",
        include_str!("../migrations/postgres/0016_intermediaries.sql"),
    ),
    (
        17,
        "vetting reviews",
        include_str!("../migrations/postgres/0017_vetting_reviews.sql"),
    ),
    (
        18,
        "evidence",
        include_str!("../migrations/postgres/0018_evidence.sql"),
    ),
    (
        19,
        "evidence uploads",
        include_str!("../migrations/postgres/0019_evidence_uploads.sql"),
    ),
    (
        20,
        "evidence duration",
        include_str!("../migrations/postgres/0020_evidence_duration.sql"),
    ),
    (
        21,
        "evidence requests",
        include_str!("../migrations/postgres/0021_evidence_requests.sql"),
    ),
    (
        22,
        "evidence pictures",
        include_str!("../migrations/postgres/0022_evidence_pictures.sql"),
    ),
    (
        23,
        "evidence reviews",
        include_str!("../migrations/postgres/0023_evidence_reviews.sql"),
    ),
    (
        24,
        "evidence redactions",
        include_str!("../migrations/postgres/0024_evidence_redactions.sql"),
    ),
    (
        25,
        "witness requests",
        include_str!("../migrations/postgres/0025_witness_requests.sql"),
    ),
    (
        26,
        "sharing agreements",
        include_str!("../migrations/postgres/0026_sharing_agreements.sql"),
    ),
    (
        27,
        "disclosures",
        include_str!("../migrations/postgres/0027_disclosures.sql"),
    ),
    (
        28,
        "retention and data subjects' rights",
        include_str!("../migrations/postgres/0028_retention_and_rights.sql"),
    ),
    (
        29,
        "write-backs",
        include_str!("../migrations/postgres/0029_write_backs.sql"),
    ),
    (
        30,
        "job roles",
        include_str!("../migrations/postgres/0030_job_roles.sql"),
    ),
    (
        31,
        "referrals",
        include_str!("../migrations/postgres/0031_referrals.sql"),
    ),
    (
        32,
        "crime counts",
        include_str!("../migrations/postgres/0032_crime_counts.sql"),
    ),
    (
        33,
        "stats reference",
        include_str!("../migrations/postgres/0033_stats_reference.sql"),
    ),
    (
        34,
        "crime counts by month",
        include_str!("../migrations/postgres/0034_crime_counts_by_month.sql"),
    ),
    (
        35,
        "pas measures",
        include_str!("../migrations/postgres/0035_pas_measures.sql"),
    ),
    (
        36,
        "ward priorities",
        include_str!("../migrations/postgres/0036_ward_priorities.sql"),
    ),
    (
        37,
        "crime month wards",
        include_str!("../migrations/postgres/0037_crime_month_wards.sql"),
    ),
    (
        38,
        "dashboard reads",
        include_str!("../migrations/postgres/0038_dashboard_reads.sql"),
    ),
    (
        39,
        "notification versions",
        include_str!("../migrations/postgres/0039_notification_versions.sql"),
    ),
    (
        40,
        "submissions by channel",
        include_str!("../migrations/postgres/0040_submissions_by_channel.sql"),
    ),
    (
        41,
        "ward reports covered",
        include_str!("../migrations/postgres/0041_ward_reports_covered.sql"),
    ),
];

/// The newest schema version this build knows.
pub const LATEST: i64 = 41;

pub(crate) fn migrator(list: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        list.iter()
            .map(|(version, description, sql)| {
                Migration::new(
                    *version,
                    Cow::Borrowed(*description),
                    MigrationType::Simple,
                    sqlx::SqlStr::from_static(sql),
                    false,
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_migration_versions_up_to_the_latest() {
        let versions = |list: &[(i64, &str, &str)]| list.iter().map(|m| m.0).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
        assert_eq!(versions(SQLITE).last(), Some(&LATEST));
    }

    /// Rows written under migration 7 (postings and links of reports and notifications, a
    /// common value) survive migration 8 in its new tables, and the store links on from them.
    const AT_SEVEN: &str = r#"
        INSERT INTO organisations (id, name, sector, contact, agreement, allowed_types,
            default_marking, rate_per_minute, red_recipients, created_at_us)
            VALUES ('nb', 'North Bank', 'bank', '', '', 'money-mule', 'TLP:AMBER', 60, '', 1);
        INSERT INTO notifications (id, organisation_id, own_id, kind, occurred_at_us,
            received_at_us, postcode, online, amount_minor, currency, victim_age_band, body,
            marking, indicators)
            VALUES (X'0193aaaaaaaa7aaa8aaaaaaaaaaaaaaa', 'nb', 'NB-1', 'money-mule', 1, 3, NULL, 1,
            NULL, NULL, NULL, 'mule', 'TLP:AMBER', '[["bank_account","123456-12345678"]]');
        INSERT INTO indicator_postings VALUES ('bank_account', '123456-12345678', 'submission:00000000-0000-0000-0000-000000000001',
            'reporter:ann', 'TLP:AMBER', 'what happened', 2);
        INSERT INTO indicator_postings VALUES ('bank_account', '123456-12345678',
            'notification:0193aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa', 'organisation:nb', 'TLP:AMBER',
            'the notification', 3);
        INSERT INTO item_links VALUES ('submission:00000000-0000-0000-0000-000000000001',
            'notification:0193aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa', 'bank_account', '123456-12345678',
            'TLP:AMBER', 'what happened', 'the notification', 3);
        INSERT INTO common_values VALUES ('phone', '+443001232040', 51, 2);
    "#;

    #[tokio::test]
    async fn sqlite_rows_written_before_migration_eight_are_kept_and_link_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("peel.db");
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        let seven: &'static [(i64, &str, &str)] = SQLITE.get(..7).unwrap();
        migrator(seven).run(&pool).await.unwrap();
        sqlx::raw_sql(AT_SEVEN).execute(&pool).await.unwrap();
        pool.close().await;
        links_on_after_eight(&crate::SqliteStore::open(&path).await.unwrap()).await;
    }

    /// The same on PostgreSQL (when `PEEL_TEST_POSTGRES_URL` is set), in a schema of its own.
    #[tokio::test]
    async fn postgres_rows_written_before_migration_eight_are_kept_and_link_on() {
        let Ok(url) = std::env::var(crate::testing::POSTGRES_URL_VAR) else {
            peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
            return;
        };
        let schema = format!("peel_test_{}", uuid::Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(&url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await
            .unwrap();
        let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
        let pool = sqlx::PgPool::connect_with(options.options([("search_path", schema.as_str())]))
            .await
            .unwrap();
        let seven: &'static [(i64, &str, &str)] = POSTGRES.get(..7).unwrap();
        migrator(seven).run(&pool).await.unwrap();
        let at_seven = AT_SEVEN
            .replace(
                "X'0193aaaaaaaa7aaa8aaaaaaaaaaaaaaa'",
                "'0193aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa'",
            )
            .replace("NULL, 1,\n", "NULL, TRUE,\n");
        sqlx::raw_sql(sqlx::AssertSqlSafe(at_seven))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let store = crate::PgStore::connect_in_schema(&url, &schema)
            .await
            .unwrap();
        links_on_after_eight(&store).await;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
            .execute(&admin)
            .await
            .unwrap();
    }

    async fn links_on_after_eight(store: &dyn crate::Store) {
        use peel_core::{ItemRef, SubmissionId};
        assert_eq!(store.schema_version().await.unwrap(), LATEST);
        let r1 = ItemRef::Submission(SubmissionId(uuid::Uuid::from_u128(1)));
        let r2 = ItemRef::Submission(SubmissionId(uuid::Uuid::from_u128(2)));
        let links = store.links_of(r1).await.unwrap();
        assert_eq!(links.len(), 1);
        let phone = (peel_link::Kind::Phone, "+443001232040".to_owned());
        assert_eq!(
            store
                .common_among(std::slice::from_ref(&phone))
                .await
                .unwrap(),
            vec![phone]
        );
        let at = peel_core::clock::from_unix_micros(10);
        let audit = peel_core::audit::AuditEvent {
            at,
            actor: "operator".into(),
            actor_label: "test".into(),
            operation: peel_core::audit::Operation::Combination,
            event: peel_core::audit::AuditCode::SubmissionLinked,
            subject: r2.to_string(),
            justification: String::new(),
            recipient: String::new(),
            detail: String::new(),
        };
        let item = crate::ItemIndicators {
            item: r2,
            source: peel_core::Source::Reporter("bob".into()),
            marking: peel_core::Marking::Amber,
            at,
            indicators: vec![crate::FoundIndicator {
                kind: peel_link::Kind::BankAccount,
                value: "123456-12345678".into(),
                found_in: "what happened".into(),
            }],
        };
        let out = store.correlate(&item, 50, audit).await.unwrap();
        let mut earlier: Vec<String> = out.links.iter().map(|l| l.earlier.to_string()).collect();
        earlier.sort_unstable();
        assert_eq!(
            earlier,
            vec![
                "notification:0193aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa".to_owned(),
                r1.to_string()
            ],
            "the report's posting and the notification's own indicators were carried over"
        );
        assert_eq!(store.alerts_of(r2).await.unwrap().len(), 1);
    }
}
