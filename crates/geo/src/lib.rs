//! London geography: UK postcodes, the current wards and boroughs, and the lookups that route a
//! submission to its ward.
//!
//! Pure compute: sources are read from what the caller hands in (readers and text), never from
//! paths of its own choosing, and nothing here touches the network.
//! **Architecture Invariant:** lookups always answer with the current (2025) wards of the
//! postcode file; the older 2014 ward polygons are not used for routing.

mod area;
mod gazetteer;
mod grid;
mod public_points;
mod shapes;
pub mod sources;

pub use gazetteer::{
    BOROUGH_FILE, Borough, Gazetteer, GeoError, POSTCODE_FILE, PointLookup, PostcodeRow, Ward,
    WardHit, read_boroughs, read_postcode_rows,
};
pub use peel_core::postcode::{Postcode, PostcodeError};
pub use public_points::PublicPoints;
pub use shapes::{
    LSOA_FILE, Named, POPULATION_FILE, Residents, UNIT_METRES, WARDS_2014_FILE, WardShape,
    apportion_population, read_polygons, read_ward_population, ward_shapes,
};

/// Latitude and longitude as metres east and north on the local projection the lookups use
/// (for benchmarks that compare other indexes on the same footing).
pub fn project_metres(latitude: f64, longitude: f64) -> (f64, f64) {
    let point = grid::project(latitude, longitude);
    (point.x, point.y)
}
