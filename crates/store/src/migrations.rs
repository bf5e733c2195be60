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
];

/// The newest schema version this build knows.
pub const LATEST: i64 = 8;

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
}
