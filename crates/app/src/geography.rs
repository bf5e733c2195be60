//! Moving London's geography between the store and the in-memory gazetteer, and placing a
//! report's location in a ward.

use std::collections::HashMap;

use peel_core::{IdError, WardCode};
use peel_geo::{Borough, Gazetteer, GeoError, PostcodeRow};
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

/// The rows to store for a gazetteer built from the source files; a ward code that is not a
/// GSS code is refused, naming it.
pub fn to_import(gazetteer: &Gazetteer, rows: &[PostcodeRow]) -> Result<GeographyImport, IdError> {
    Ok(GeographyImport {
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
            .map(|w| {
                Ok(GeoWardRow {
                    code: WardCode::parse(&w.code)?,
                    name: w.name.clone(),
                    borough_code: w.borough_code.clone(),
                })
            })
            .collect::<Result<_, IdError>>()?,
        postcodes: rows
            .iter()
            .map(|r| {
                Ok(GeoPostcodeRow {
                    postcode: r.postcode.clone(),
                    latitude: r.latitude,
                    longitude: r.longitude,
                    ward_code: WardCode::parse(&r.ward_code)?,
                })
            })
            .collect::<Result<_, IdError>>()?,
    })
}

/// Builds the gazetteer from stored geography; `None` when none has been imported.
pub async fn load(store: &dyn Store) -> Result<Option<Gazetteer>, LoadError> {
    let stored = store.geography().await?;
    if stored.postcodes.is_empty() {
        return Ok(None);
    }
    let wards: HashMap<&WardCode, &GeoWardRow> =
        stored.wards.iter().map(|w| (&w.code, w)).collect();
    let mut rows = Vec::with_capacity(stored.postcodes.len());
    for row in &stored.postcodes {
        let Some(ward) = wards.get(&row.ward_code) else {
            continue;
        };
        rows.push(PostcodeRow {
            postcode: row.postcode.clone(),
            latitude: row.latitude,
            longitude: row.longitude,
            ward_code: ward.code.to_string(),
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

/// The current wards' outlines for maps, dissolved from the 2021 LSOA polygons
/// ([`peel_geo::LSOA_FILE`]) by the postcodes in them.
pub fn outlines(
    rows: &[PostcodeRow],
    lsoa_geojson: &str,
) -> Result<Vec<peel_store::WardOutline>, GeoError> {
    let lsoas = peel_geo::read_polygons(lsoa_geojson, peel_geo::LSOA_FILE, "LSOA21CD", None)?;
    Ok(peel_geo::ward_shapes(&lsoas, rows)
        .into_iter()
        .filter_map(|shape| {
            Some(peel_store::WardOutline {
                ward: WardCode::parse(&shape.ward_code).ok()?,
                borough_code: shape.borough_code,
                path: shape.path,
                bounds: shape.bounds,
            })
        })
        .collect())
}

/// Residents by current ward and year.
pub type WardResidents = Vec<(WardCode, i32, f64)>;

/// Residents of the current wards by year, apportioned from the GLA's figures
/// ([`peel_geo::POPULATION_FILE`], decompressed) for the 2014 wards
/// ([`peel_geo::WARDS_2014_FILE`]); with the figures' wards that could be placed nowhere.
pub fn residents(
    rows: &[PostcodeRow],
    wards_2014_geojson: &str,
    population: impl std::io::Read,
) -> Result<(WardResidents, Vec<String>), GeoError> {
    let old = peel_geo::read_polygons(
        wards_2014_geojson,
        peel_geo::WARDS_2014_FILE,
        "GSS_CODE",
        Some("BOROUGH"),
    )?;
    let figures = peel_geo::read_ward_population(population)?;
    let (residents, lost) = peel_geo::apportion_population(&old, &figures, rows);
    Ok((
        residents
            .into_iter()
            .filter_map(|(ward, year, n)| Some((WardCode::parse(&ward).ok()?, year, n)))
            .collect(),
        lost,
    ))
}
