//! The embedded SQLite store: one file in the data directory, in WAL mode.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};

use crate::backend::impl_store;

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    db: crate::sql::Db,
    correlation: crate::correlation::MirrorSlot,
}

impl crate::engine::Engine for SqliteStore {
    fn db(&self) -> &crate::sql::Db {
        &self.db
    }

    fn mirror(&self) -> &crate::correlation::MirrorSlot {
        &self.correlation
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and runs migrations.
    pub async fn open(path: &Path) -> StoreResult<SqliteStore> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|error| {
                StoreError::Config(format!("cannot create {}: {error}", parent.display()))
            })?;
        }
        Self::connect(SqliteConnectOptions::new().filename(path)).await
    }

    /// Opens a `sqlite:` URL (including `sqlite::memory:`) and runs migrations.
    pub async fn open_url(url: &str) -> StoreResult<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)?;
        Self::connect(options).await
    }

    async fn connect(options: SqliteConnectOptions) -> StoreResult<SqliteStore> {
        let in_memory = options.get_filename().as_os_str() == ":memory:";
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // SQLite's default page cache is 2 MB a connection; past that, every insert into a
            // large index re-reads its pages from the file. 64 MB (allocated as used) keeps a
            // bulk import's indexes in memory.
            .pragma("cache_size", "-65536");
        // An in-memory database exists per connection, so it must have exactly one.
        let max_connections = if in_memory { 1 } else { 8 };
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .connect_with(options)
            .await?;
        crate::migrations::migrator(crate::migrations::SQLITE)
            .run(&pool)
            .await?;
        Ok(SqliteStore {
            db: crate::sql::Db::Sqlite(pool.clone()),
            pool,
            correlation: Default::default(),
        })
    }

    /// The pool, for tests that must reach behind the store (to tamper with the audit log).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Inserts a submission row alone, in its own transaction, without idempotency or audit:
    /// the baseline that `peel bench intake` measures Peel's full path against.
    pub async fn insert_submission_plain(&self, submission: &SubmissionRecord) -> StoreResult<()> {
        let mut tx = begin_write(&self.pool).await?;
        insert_submission_row(&mut tx, submission).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Write transactions take the write lock at the start (`BEGIN IMMEDIATE`), so two writers that
/// both read before writing wait for each other instead of failing with "database is locked".
async fn begin_write(pool: &SqlitePool) -> StoreResult<Tx> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// SQLite has one writer at a time, so the chain is already serialised.
async fn lock_audit_chain(_tx: &mut Tx) -> StoreResult<()> {
    Ok(())
}

impl_store!(SqliteStore, Sqlite, Backend::Sqlite);
