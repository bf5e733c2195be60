//! Fresh stores for tests: SQLite in a temporary directory, and PostgreSQL in a fresh schema when
//! `PEEL_TEST_POSTGRES_URL` is set. Not for production use.

pub mod s3;

use std::sync::Arc;

use crate::{PgStore, SqliteStore, Store, StoreError};

/// The variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "PEEL_TEST_POSTGRES_URL";

/// The chain key test stores seal their audit entries with.
pub fn test_chain_key() -> peel_core::audit::ChainKey {
    peel_core::audit::ChainKey::from_bytes(*b"peel-test-audit-chain-key-32byte")
}

/// A store for one test, with a way behind its back for tests that tamper.
#[derive(Debug)]
pub struct TestStore {
    /// The store under test.
    pub store: Arc<dyn Store>,
    raw: Raw,
    /// The data directory (SQLite only); removed on drop.
    pub dir: Option<tempfile::TempDir>,
    schema: Option<String>,
    url: Option<String>,
}

#[derive(Debug)]
enum Raw {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl TestStore {
    /// A fresh SQLite store in a new temporary data directory, as `peel serve` would make it.
    pub async fn sqlite() -> Result<TestStore, StoreError> {
        let dir = tempfile::tempdir()
            .map_err(|error| StoreError::Config(format!("temporary directory: {error}")))?;
        let store = SqliteStore::open(&dir.path().join("peel.db"))
            .await?
            .with_chain_key(test_chain_key());
        Ok(TestStore {
            store: Arc::new(store.clone()),
            raw: Raw::Sqlite(store),
            dir: Some(dir),
            schema: None,
            url: None,
        })
    }

    /// A fresh PostgreSQL store in a schema of its own, or `None` when
    /// `PEEL_TEST_POSTGRES_URL` is not set.
    pub async fn postgres() -> Result<Option<TestStore>, StoreError> {
        let Ok(url) = std::env::var(POSTGRES_URL_VAR) else {
            return Ok(None);
        };
        let schema = format!("peel_test_{}", uuid::Uuid::new_v4().simple());
        let store = PgStore::connect_in_schema(&url, &schema)
            .await?
            .with_chain_key(test_chain_key());
        Ok(Some(TestStore {
            store: Arc::new(store.clone()),
            raw: Raw::Postgres(store),
            dir: None,
            schema: Some(schema),
            url: Some(url),
        }))
    }

    /// A second store on the same database, as another process (a `peel notify import`
    /// beside `peel serve`) would open it.
    pub async fn another(&self) -> Result<Arc<dyn Store>, StoreError> {
        match (&self.raw, &self.dir, &self.url, &self.schema) {
            (Raw::Sqlite(_), Some(dir), _, _) => Ok(Arc::new(
                SqliteStore::open(&dir.path().join("peel.db"))
                    .await?
                    .with_chain_key(test_chain_key()),
            )),
            (Raw::Postgres(_), _, Some(url), Some(schema)) => Ok(Arc::new(
                PgStore::connect_in_schema(url, schema)
                    .await?
                    .with_chain_key(test_chain_key()),
            )),
            _ => Err(StoreError::Config(
                "no second store for this test store".into(),
            )),
        }
    }

    /// Runs SQL directly against the database, bypassing the store (to tamper with it).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, StoreError> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        let done = match &self.raw {
            Raw::Sqlite(store) => sqlx::raw_sql(sql)
                .execute(store.pool())
                .await?
                .rows_affected(),
            Raw::Postgres(store) => sqlx::raw_sql(sql)
                .execute(store.pool())
                .await?
                .rows_affected(),
        };
        Ok(done)
    }

    /// Drops the PostgreSQL schema; SQLite's directory goes when the value is dropped.
    pub async fn cleanup(&self) {
        if let (Raw::Postgres(store), Some(schema)) = (&self.raw, &self.schema) {
            let sql = sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            if let Err(error) = sqlx::raw_sql(sql).execute(store.pool()).await {
                tracing::warn!(%error, schema, "could not drop the test schema");
            }
        }
    }
}
