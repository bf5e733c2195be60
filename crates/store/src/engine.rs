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
}
