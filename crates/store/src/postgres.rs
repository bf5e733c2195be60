//! The PostgreSQL store, selected by a `postgres://` URL.

use std::str::FromStr;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::engine::Engine;
use crate::notifications::insert_notification_rows;
use crate::{NewNotification, StoreError, StoreResult};

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    db: crate::sql::Db,
    correlation: crate::linking::MirrorSlot,
}

impl crate::engine::Engine for PgStore {
    fn db(&self) -> &crate::sql::Db {
        &self.db
    }

    fn mirror(&self) -> &crate::linking::MirrorSlot {
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
            db: crate::sql::Db::new(
                crate::sql::Pool::Postgres(pool.clone()),
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
    pub fn pool(&self) -> &PgPool {
        &self.pool
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
