//! The embedded SQLite store: one file in the data directory, in WAL mode.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::engine::Engine;
use crate::notifications::insert_notification_rows;
use crate::submissions::insert_submission_row;
use crate::{NewNotification, StoreError, StoreResult, Submission};

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    db: crate::sql::Db,
    correlation: crate::linking::MirrorSlot,
}

impl crate::engine::Engine for SqliteStore {
    fn db(&self) -> &crate::sql::Db {
        &self.db
    }

    fn mirror(&self) -> &crate::linking::MirrorSlot {
        &self.correlation
    }
}

/// Takes away group and other permissions (Unix; elsewhere nothing is done).
fn owner_only(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let current = std::fs::metadata(path)?.permissions().mode();
        if current & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and runs migrations.
    ///
    /// The directory and the database are made readable by their owner only (finding L-1);
    /// SQLite gives its `-wal` and `-shm` files the database's own permissions.
    pub async fn open(path: &Path) -> StoreResult<SqliteStore> {
        let config = |what: &Path, error: std::io::Error| {
            StoreError::Config(format!("cannot prepare {}: {error}", what.display()))
        };
        if let Some(parent) = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && !p.exists())
        {
            std::fs::create_dir_all(parent).map_err(|e| config(parent, e))?;
            owner_only(parent, 0o700).map_err(|e| config(parent, e))?;
        }
        if !path.exists() {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options.open(path).map_err(|e| config(path, e))?;
        }
        for file in [
            path.to_path_buf(),
            path.with_extension("db-wal"),
            path.with_extension("db-shm"),
        ] {
            if file.exists() {
                owner_only(&file, 0o600).map_err(|e| config(&file, e))?;
            }
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
            db: crate::sql::Db::new(
                crate::sql::Pool::Sqlite(pool.clone()),
                std::sync::Arc::new(crate::audit::ephemeral_chain_key()?),
            ),
            pool,
            correlation: Default::default(),
        })
    }

    /// The same store sealing audit entries with `key`, the data directory's chain key. A store
    /// opened without it seals with a key of its own made at random, which nothing can verify
    /// later: only benchmarks and tests that verify within the same process do that.
    pub fn with_chain_key(mut self, key: peel_core::audit::ChainKey) -> Self {
        self.db.set_chain_key(std::sync::Arc::new(key));
        self
    }

    /// The pool, for tests that must reach behind the store (to tamper with the audit log).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Inserts a submission row alone, in its own transaction, without idempotency or audit:
    /// the baseline that `peel bench intake` measures Peel's full path against.
    pub async fn insert_submission_plain(&self, submission: &Submission) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        insert_submission_row(&mut tx, submission).await?;
        tx.commit().await
    }

    /// Benchmark baseline: notifications' rows inserted in one transaction, with no check for
    /// duplicates, no correlation and no audit entry.
    pub async fn insert_notifications_plain(
        &self,
        organisation: &peel_core::OrganisationId,
        batch: &[NewNotification],
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let rows: Vec<_> = batch.iter().map(|n| (n, "[]", "")).collect();
        insert_notification_rows(&mut tx, organisation, &rows).await?;
        tx.commit().await
    }
}
