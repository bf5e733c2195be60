//! The PostgreSQL store, selected by a `postgres://` URL.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};

use crate::backend::impl_store;

/// The lock that serialises appends to the audit chain (the bytes of "peel").
const AUDIT_CHAIN_LOCK: i64 = 0x7065_656c;

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    db: crate::sql::Db,
    correlation: crate::correlation::MirrorSlot,
}

impl crate::engine::Engine for PgStore {
    fn db(&self) -> &crate::sql::Db {
        &self.db
    }

    fn mirror(&self) -> &crate::correlation::MirrorSlot {
        &self.correlation
    }
}

impl PgStore {
    /// Connects to `url` and runs migrations in its default schema.
    pub async fn connect(url: &str) -> StoreResult<PgStore> {
        Self::connect_with(PgConnectOptions::from_str(url)?).await
    }

    /// Connects to `url`, creates `schema` if needed and works only inside it (the tests use a
    /// fresh schema per run so that they never see each other's data).
    pub async fn connect_in_schema(url: &str, schema: &str) -> StoreResult<PgStore> {
        if !schema
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            || schema.is_empty()
        {
            return Err(StoreError::Config(format!(
                "invalid schema name '{schema}'"
            )));
        }
        let options = PgConnectOptions::from_str(url)?;
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS {schema}"
        )))
        .execute(&admin)
        .await?;
        admin.close().await;
        Self::connect_with(options.options([("search_path", schema)])).await
    }

    async fn connect_with(options: PgConnectOptions) -> StoreResult<PgStore> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect_with(options)
            .await?;
        crate::migrations::migrator(crate::migrations::POSTGRES)
            .run(&pool)
            .await?;
        Ok(PgStore {
            db: crate::sql::Db::Postgres(pool.clone()),
            pool,
            correlation: Default::default(),
        })
    }

    /// The pool, for tests that must reach behind the store (to tamper with the audit log).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

async fn begin_write(pool: &PgPool) -> StoreResult<Tx> {
    Ok(pool.begin().await?)
}

/// Appends to the chain are serialised by a transaction-scoped advisory lock, held until commit,
/// so two transactions never continue the chain from the same head.
async fn lock_audit_chain(tx: &mut Tx) -> StoreResult<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_CHAIN_LOCK)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl_store!(PgStore, Postgres, Backend::Postgres);
