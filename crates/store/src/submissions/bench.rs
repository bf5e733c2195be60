//! Filling a store with many reports for a benchmark (`peel bench stats`): copies of the
//! reports already held, made by the database itself in a few statements, because ten million
//! reports through the intake path would take hours. Nothing but benchmarks calls this.

use crate::engine::Engine;
use crate::sql::Db;
use crate::{Backend, StoreResult};

/// Copies per statement: each statement writes `held × COPIES_PER_STATEMENT` rows.
const COPIES_PER_STATEMENT: u32 = 25;

/// Filling a store with copies of its reports for a benchmark, on either backend.
#[async_trait::async_trait]
pub trait BenchFill: Send + Sync {
    /// Adds `copies` copies of every report received at or after `seeds_from`, copy `k`'s
    /// times moved so that a report received at `seeds_from` is received `k × step` before
    /// `newest` (so the copies reach back in time from there), each with a fresh id and
    /// reference and its reporter's contact details made its own (`k.` before the address,
    /// `k` after the number), so a victim's reports stay together only within one copy.
    /// Returns the rows written.
    async fn copy_reports_for_bench(
        &self,
        seeds_from: time::OffsetDateTime,
        copies: u32,
        newest: time::OffsetDateTime,
        step: time::Duration,
    ) -> StoreResult<u64>;
}

#[async_trait::async_trait]
impl<E: Engine> BenchFill for E {
    async fn copy_reports_for_bench(
        &self,
        seeds_from: time::OffsetDateTime,
        copies: u32,
        newest: time::OffsetDateTime,
        step: time::Duration,
    ) -> StoreResult<u64> {
        let step_us = i64::try_from(step.whole_microseconds()).unwrap_or(i64::MAX);
        copy_reports(self.db(), seeds_from, copies, newest, step_us).await
    }
}

async fn copy_reports(
    db: &Db,
    seeds_from: time::OffsetDateTime,
    copies: u32,
    newest: time::OffsetDateTime,
    step_us: i64,
) -> StoreResult<u64> {
    let backend = db.backend();
    // The table's columns as the migrations left them, so a copy holds every one.
    let list_columns = match backend {
        Backend::Sqlite => "SELECT name FROM pragma_table_info('submissions') ORDER BY cid",
        Backend::Postgres => {
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_name = 'submissions' AND table_schema = current_schema() \
             ORDER BY ordinal_position"
        }
    };
    let columns: Vec<String> = db
        .query(list_columns)
        .all(db)
        .await?
        .iter()
        .map(|row| row.first::<String>("submissions"))
        .collect::<StoreResult<_>>()?;
    let (fresh_id, series) = match backend {
        Backend::Sqlite => (
            "randomblob(16)",
            "WITH RECURSIVE n(k) AS (SELECT $1 UNION ALL SELECT k + 1 FROM n WHERE k < $2) ",
        ),
        Backend::Postgres => (
            "gen_random_uuid()",
            "WITH n(k) AS (SELECT generate_series($1::bigint, $2::bigint)) ",
        ),
    };
    let chosen: Vec<String> = columns
        .iter()
        .map(|column| match column.as_str() {
            "id" => fresh_id.to_owned(),
            "reference" => "s.reference || '-' || n.k".to_owned(),
            // Every time moves with the copy, so a report's contact still follows its receipt.
            time if time.ends_with("_us") => format!("s.{time} + ($3 - n.k * $4 - $5)"),
            "contact_email" => "n.k || '.' || s.contact_email".to_owned(),
            "contact_phone" => "s.contact_phone || n.k".to_owned(),
            other => format!("s.{other}"),
        })
        .collect();
    let statement = format!(
        "{series}INSERT INTO submissions ({}) SELECT {} FROM submissions s CROSS JOIN n \
         WHERE s.received_at_us >= $5",
        columns.join(", "),
        chosen.join(", ")
    );
    let mut written = 0;
    let mut first = 1u32;
    while first <= copies {
        let last = (first + COPIES_PER_STATEMENT - 1).min(copies);
        let mut tx = db.begin_write().await?;
        written += tx
            .query(sqlx::AssertSqlSafe(statement.clone()))
            .bind(i64::from(first))
            .bind(i64::from(last))
            .bind(newest)
            .bind(step_us)
            .bind(seeds_from)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        first = last + 1;
    }
    // What autovacuum does some minutes after a bulk load, done at once so that a timing
    // taken next does not depend on when it wakes: the planner's statistics, and the
    // visibility map that lets PostgreSQL answer from an index alone. (SQLite needs neither.)
    if matches!(backend, Backend::Postgres) {
        db.query("VACUUM (ANALYZE) submissions").execute(db).await?;
    }
    Ok(written)
}
