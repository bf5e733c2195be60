//! Moving geography between the store and the in-memory gazetteer.

use std::collections::HashMap;

use peel_geo::{Borough, Gazetteer, GeoError, Postcode, PostcodeRow};
use peel_store::{GeoBoroughRow, GeoPostcodeRow, GeoWardRow, GeographyImport, Store, StoreError};

/// Why stored geography could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// What is stored does not make a gazetteer.
    #[error(transparent)]
    Geo(#[from] GeoError),
}

/// The rows to store for a gazetteer built from the source files.
pub fn to_import(gazetteer: &Gazetteer, rows: &[PostcodeRow]) -> GeographyImport {
    GeographyImport {
        boroughs: gazetteer
            .boroughs()
            .iter()
            .map(|b| GeoBoroughRow {
                code: b.code.clone(),
                name: b.name.clone(),
                boundary_geojson: b.geometry_json(),
            })
            .collect(),
        wards: gazetteer
            .wards()
            .iter()
            .map(|w| GeoWardRow {
                code: w.code.clone(),
                name: w.name.clone(),
                borough_code: w.borough_code.clone(),
            })
            .collect(),
        postcodes: rows
            .iter()
            .map(|r| GeoPostcodeRow {
                postcode: r.postcode.to_string(),
                latitude: r.latitude,
                longitude: r.longitude,
                ward_code: r.ward_code.clone(),
            })
            .collect(),
    }
}

/// Builds the gazetteer from stored geography; `None` when none has been imported.
pub async fn load(store: &dyn Store) -> Result<Option<Gazetteer>, LoadError> {
    let stored = store.geography().await?;
    if stored.postcodes.is_empty() {
        return Ok(None);
    }
    let wards: HashMap<&str, &GeoWardRow> =
        stored.wards.iter().map(|w| (w.code.as_str(), w)).collect();
    let mut rows = Vec::with_capacity(stored.postcodes.len());
    for row in &stored.postcodes {
        let Some(ward) = wards.get(row.ward_code.as_str()) else {
            continue;
        };
        let Ok(postcode) = Postcode::parse(&row.postcode) else {
            continue;
        };
        rows.push(PostcodeRow {
            postcode,
            latitude: row.latitude,
            longitude: row.longitude,
            ward_code: ward.code.clone(),
            // Stored names are already the display names; the gazetteer strips " Ward" only.
            ward_name: ward.name.clone(),
            borough_code: ward.borough_code.clone(),
        });
    }
    let boroughs = stored
        .boroughs
        .iter()
        .map(|b| Borough::from_geometry_json(&b.code, &b.name, &b.boundary_geojson))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Gazetteer::new(rows, boroughs)?))
}
