//! The agreements register's SQL.

use peel_core::audit::AuditEvent;
use peel_core::sharing::Agreement;

use super::{AgreementRecord, SharingStore};
use crate::audit::commit_with;
use crate::engine::Engine;
use crate::sql::Row;
use crate::{Conflict, StoreResult};

const COLUMNS: &str = "id, version, source, registered_at_us, registered_by";

fn record_of(row: &Row) -> StoreResult<AgreementRecord> {
    let mut cols = row.cols("sharing_agreements");
    let _id: String = cols.id()?;
    let version = cols.parse("version", |n: i64| {
        u32::try_from(n).map_err(|_| format!("{n} is not a version"))
    })?;
    let source: String = cols.get()?;
    let agreement = Agreement::from_toml(&source, version)
        .map_err(|problems| cols.corrupt(format!("source: {}", problems.join("; "))))?;
    Ok(AgreementRecord {
        agreement,
        source,
        registered_at: cols.get()?,
        registered_by: cols.get()?,
    })
}

#[async_trait::async_trait]
impl<E: Engine> SharingStore for E {
    async fn add_agreement(&self, record: &AgreementRecord, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO sharing_agreements ({COLUMNS}) VALUES ($1, $2, $3, $4, $5)"
        )))
        .bind(&record.agreement.id)
        .bind(i64::from(record.agreement.version))
        .bind(&record.source)
        .bind(record.registered_at)
        .bind(&record.registered_by)
        .execute(&mut tx)
        .await
        .map_err(|error| error.or_conflict(Conflict::AgreementVersion))?;
        commit_with(tx, vec![audit]).await
    }

    async fn agreement(&self, id: &str) -> StoreResult<Option<AgreementRecord>> {
        let db = self.db();
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM sharing_agreements WHERE id = $1 \
                 ORDER BY version DESC LIMIT 1"
            )))
            .bind(id)
            .optional(db)
            .await?;
        row.as_ref().map(record_of).transpose()
    }

    async fn agreement_versions(&self, id: &str) -> StoreResult<Vec<AgreementRecord>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM sharing_agreements WHERE id = $1 ORDER BY version"
            )))
            .bind(id)
            .all(db)
            .await?;
        rows.iter().map(record_of).collect()
    }

    async fn agreements(&self) -> StoreResult<Vec<AgreementRecord>> {
        let db = self.db();
        let rows = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM sharing_agreements a WHERE version = \
                 (SELECT MAX(version) FROM sharing_agreements b WHERE b.id = a.id) ORDER BY id"
            )))
            .all(db)
            .await?;
        rows.iter().map(record_of).collect()
    }
}
