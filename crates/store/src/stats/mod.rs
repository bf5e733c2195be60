//! Crime statistics from public files (issue 19): counts by source, month, current ward and
//! category, each source's month replaced whole when imported again; and what the measures
//! weigh and divide by and draw: the harm table, residents by ward and year, ward outlines.

mod sql;
mod ward_reports;

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

/// A current ward's outline for maps: SVG path data in units of 10 metres (x east, y south).
#[derive(Debug, Clone, PartialEq)]
pub struct WardOutline {
    /// The ward.
    pub ward: WardCode,
    /// Its borough's GSS code.
    pub borough_code: String,
    /// The path data.
    pub path: String,
    /// (min x, min y, max x, max y).
    pub bounds: (f64, f64, f64, f64),
}

/// One of a ward's reports as its dashboard measures it, read once for all its measures: the
/// contact and repeat measures' facts and, unless its processing is restricted (DPA 2018
/// s.47), the sharing pack's (places reported again, groups joining online and physical harm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardReport {
    /// For contact times, repeat victims and outcomes.
    pub facts: peel_core::stats::own::ReportFacts,
    /// For the places and groups; `None` when restricted.
    pub pack: Option<peel_core::sharing::pack::measure::Fact>,
}

/// A report as open data needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDataReport {
    /// Its identifier.
    pub id: peel_core::SubmissionId,
    /// When it was received.
    pub received_at: OffsetDateTime,
    /// Its category.
    pub category: Category,
    /// Where, as the reporter gave it.
    pub location: peel_core::submission::Location,
    /// Its case's outcome (the case it was merged into winning), and when that case closed.
    pub outcome: Option<(peel_core::case::OutcomeKind, OffsetDateTime)>,
}

/// Crime counts and the statistics' reference data.
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

    /// One source's counts of one category in one month, by ward (`None`: unplaced).
    async fn source_counts(
        &self,
        source: &str,
        month: Month,
        category: Category,
    ) -> StoreResult<Vec<(Option<WardCode>, u64)>>;

    /// Placed crimes by ward, month and category from `from` to `to`, for these wards (a
    /// borough's, for its dashboard or a ward's page and its map) or, with `None`, every ward
    /// (the force's dashboard); by month, ward and category (the order of the index).
    async fn crime_counts_by_ward(
        &self,
        from: Month,
        to: Month,
        wards: Option<&[WardCode]>,
    ) -> StoreResult<Vec<(WardCode, Month, Category, u64)>>;

    /// Replaces the harm table: days per crime by category, and the file they came from.
    async fn replace_harm_weights(
        &self,
        source: &str,
        weights: &[(Category, f64)],
    ) -> StoreResult<()>;

    /// The harm table and its source; empty when none is loaded.
    async fn harm_weights(&self) -> StoreResult<(Vec<(Category, f64)>, Option<String>)>;

    /// Replaces residents by ward and year.
    async fn replace_ward_residents(&self, residents: &[(WardCode, i32, f64)]) -> StoreResult<()>;

    /// Residents by year of these wards, or (with `None`) of every ward; by ward and year.
    async fn ward_residents(
        &self,
        wards: Option<&[WardCode]>,
    ) -> StoreResult<Vec<(WardCode, i32, f64)>>;

    /// Peel's own reports received from `from` (inclusive) to `to` (exclusive), in these wards
    /// or (with `None`) all, as the contact and repeat measures need them.
    async fn report_facts(
        &self,
        wards: Option<&[WardCode]>,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<peel_core::stats::own::ReportFacts>>;

    /// The reports of these wards received from `from` (inclusive) to `to` (exclusive), by
    /// time received, in one read for every measure a dashboard takes of them (through an
    /// index that holds every column read, so the table itself is not visited).
    async fn ward_reports(
        &self,
        wards: &[WardCode],
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<WardReport>>;

    /// Every report received from `from` (inclusive) to `to` (exclusive) as open data needs
    /// it, by time received; reports whose processing is restricted (DPA 2018 s.47) are left
    /// out.
    async fn open_data_reports(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<OpenDataReport>>;

    /// Tasks done on days from `from` (inclusive) to `to` (exclusive) with the hours given:
    /// (the task's place, if it has one, and its hours), for the hours volunteers gave.
    async fn task_hours(
        &self,
        from: time::Date,
        to: time::Date,
    ) -> StoreResult<Vec<(Option<(f64, f64)>, f64)>>;

    /// Keeps Public Attitude Survey measures from `source`, each replacing the one held with
    /// its area, quarter and measure, in one transaction.
    async fn upsert_pas_measures(
        &self,
        source: &str,
        rows: &[peel_core::stats::pas::PasRow],
    ) -> StoreResult<()>;

    /// The survey measures held for these areas (GSS codes, or `London`), by area, measure
    /// and quarter, each with its source.
    async fn pas_measures(
        &self,
        areas: &[&str],
    ) -> StoreResult<Vec<(peel_core::stats::pas::PasRow, String)>>;

    /// Replaces the ward outlines.
    async fn replace_ward_outlines(&self, outlines: &[WardOutline]) -> StoreResult<()>;

    /// The outlines of one borough's wards, or (with `None`) of every ward, by ward code.
    async fn ward_outlines(&self, borough_code: Option<&str>) -> StoreResult<Vec<WardOutline>>;
}
