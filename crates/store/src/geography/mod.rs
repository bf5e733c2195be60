//! Geography as imported (boroughs, current wards, postcodes) and the teams it makes: a Safer
//! Neighbourhood Team for every ward, and the central teams.

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::postcode::Postcode;
use peel_core::{TeamId, WardCode};

use crate::StoreResult;

/// Geography as imported, ready to store or to build a gazetteer from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeographyImport {
    /// Boroughs with their boundaries as GeoJSON geometry text.
    pub boroughs: Vec<GeoBoroughRow>,
    /// Current wards.
    pub wards: Vec<GeoWardRow>,
    /// Postcodes with centroids and wards.
    pub postcodes: Vec<GeoPostcodeRow>,
}

/// A borough.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoBoroughRow {
    /// GSS code (`E09000033`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Boundary as a GeoJSON geometry.
    pub boundary_geojson: String,
}

/// A ward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeoWardRow {
    /// Its code.
    pub code: WardCode,
    /// Its name as people say it (`St. James's`).
    pub name: String,
    /// Its borough's GSS code.
    pub borough_code: String,
}

/// A postcode's centroid and ward.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoPostcodeRow {
    /// The postcode.
    pub postcode: Postcode,
    /// Latitude (WGS84).
    pub latitude: f64,
    /// Longitude (WGS84).
    pub longitude: f64,
    /// The current ward it is in.
    pub ward_code: WardCode,
}

/// A team with a queue: a ward's Safer Neighbourhood Team or a central team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// Its id.
    pub id: TeamId,
    /// Its name.
    pub name: String,
    /// The ward, for a ward's team; `None` for a central team.
    pub ward: Option<WardCode>,
    /// The borough's GSS code, for a ward's team.
    pub borough_code: Option<String>,
}

/// Geography and teams.
#[async_trait::async_trait]
pub trait GeographyStore: Send + Sync {
    /// Replaces the geography whole, and makes or renames each ward's team, with `audit`.
    async fn import_geography(
        &self,
        geography: &GeographyImport,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// The geography stored (empty when none has been imported).
    async fn geography(&self) -> StoreResult<GeographyImport>;

    /// Every team, by name.
    async fn teams(&self) -> StoreResult<Vec<Team>>;
}
