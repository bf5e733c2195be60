//! What every area's SQL runs on: the database and the store's mirror of the value index.

use crate::linking::MirrorSlot;
use crate::sql::Db;

/// A store the areas' SQL runs against.
pub(crate) trait Engine: Send + Sync + std::fmt::Debug + 'static {
    /// The database.
    fn db(&self) -> &Db;
    /// The store's mirror of the value index.
    fn mirror(&self) -> &MirrorSlot;
}

#[async_trait::async_trait]
impl<E: Engine> crate::Store for E {
    fn backend(&self) -> crate::Backend {
        self.db().backend()
    }

    async fn schema_version(&self) -> crate::StoreResult<i64> {
        let db = self.db();
        let version: Option<i64> = db
            .query("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .one(db)
            .await?
            .first("_sqlx_migrations")?;
        Ok(version.unwrap_or(0))
    }

    async fn check_integrity(&self) -> crate::StoreResult<Result<(), String>> {
        let db = self.db();
        if db.backend() == crate::Backend::Sqlite {
            let rows = db.query("PRAGMA quick_check").all(db).await?;
            let found: Vec<String> = rows
                .iter()
                .map(|row| row.first::<String>("quick_check"))
                .collect::<crate::StoreResult<_>>()?;
            if found != ["ok"] {
                let shown: Vec<&str> = found.iter().take(5).map(String::as_str).collect();
                return Ok(Err(format!(
                    "SQLite's integrity check found damage: {}",
                    shown.join("; ")
                )));
            }
        }
        let version = self.schema_version().await?;
        if version != crate::migrations::LATEST {
            return Ok(Err(format!(
                "the database's schema is at version {version}, but this Peel needs {}",
                crate::migrations::LATEST
            )));
        }
        Ok(Ok(()))
    }

    async fn probe_write(&self, now: time::OffsetDateTime) -> crate::StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO health_probe (id, at_us) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET at_us = excluded.at_us",
        )
        .bind(now)
        .execute(&mut tx)
        .await?;
        tx.commit().await
    }
}
