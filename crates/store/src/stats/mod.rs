//! Crime statistics from public files (issue 19, begun): counts by source, month, current ward
//! and category, each source's month replaced whole when imported again.

mod sql;

use peel_core::WardCode;
use peel_core::stats::police_uk::Month;
use peel_core::submission::Category;
use time::OffsetDateTime;

use crate::StoreResult;

/// One source's month of crimes, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrimeMonth {
    /// The force that recorded them, or the file's name where the file names no force.
    pub source: String,
    /// The month.
    pub month: Month,
    /// The file they came from.
    pub file: String,
    /// Counts by current ward (`None`: not placed) and category.
    pub counts: Vec<(Option<WardCode>, Category, u64)>,
    /// Rows read.
    pub crimes: u64,
    /// Rows placed in a current ward.
    pub placed: u64,
    /// Rows whose point is outside the force area.
    pub outside: u64,
    /// Rows with no point.
    pub unplaced: u64,
    /// When imported.
    pub imported_at: OffsetDateTime,
}

/// Crime counts.
#[async_trait::async_trait]
pub trait StatsStore: Send + Sync {
    /// Replaces a source's month (its counts and its import record) in one transaction.
    async fn replace_crime_month(&self, month: &CrimeMonth) -> StoreResult<()>;

    /// Crimes by month and category from `from` to `to` inclusive, for one ward or (with
    /// `None`) everything imported, placed or not; months in order.
    async fn crime_counts(
        &self,
        ward: Option<&WardCode>,
        from: Month,
        to: Month,
    ) -> StoreResult<Vec<(Month, Category, u64)>>;

    /// What was imported, by source and month (counts left empty).
    async fn crime_imports(&self) -> StoreResult<Vec<CrimeMonth>>;
}
