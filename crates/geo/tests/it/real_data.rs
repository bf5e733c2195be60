//! Lookups against the real Code-Point Open postcodes and ONS borough boundaries.
//! Skipped, saying so, when the data folder is absent (set `PEEL_SHARED_DATA` to move it).

use std::path::PathBuf;
use std::sync::OnceLock;

use peel_geo::{BOROUGH_FILE, Gazetteer, POSTCODE_FILE, PointLookup, Postcode};

fn data_dir() -> PathBuf {
    peel_skip::shared_data()
}

fn gazetteer() -> Option<&'static Gazetteer> {
    static GAZETTEER: OnceLock<Option<Gazetteer>> = OnceLock::new();
    GAZETTEER
        .get_or_init(|| {
            let folder = data_dir().join("geography");
            if !folder.join(POSTCODE_FILE).exists() {
                peel_skip::skip(&format!(
                    "{} is absent: skipped the real-data geography tests",
                    folder.display()
                ));
                return None;
            }
            let rows = peel_geo::read_postcode_rows(
                std::fs::File::open(folder.join(POSTCODE_FILE)).unwrap(),
            )
            .unwrap();
            let boroughs = peel_geo::read_boroughs(
                &std::fs::read_to_string(folder.join(BOROUGH_FILE)).unwrap(),
            )
            .unwrap();
            Some(Gazetteer::new(rows, boroughs).unwrap())
        })
        .as_ref()
}

#[test]
fn every_london_postcode_and_every_current_ward_is_loaded() {
    let Some(gazetteer) = gazetteer() else { return };
    assert_eq!(gazetteer.n_postcodes(), 180_754);
    assert_eq!(gazetteer.wards().len(), 704);
    assert_eq!(gazetteer.boroughs().len(), 33);
}

#[test]
fn downing_street_is_in_st_jamess_ward_in_westminster() {
    let Some(gazetteer) = gazetteer() else { return };
    let hit = gazetteer
        .postcode(&Postcode::parse("sw1a 2aa").unwrap())
        .unwrap();
    assert_eq!(
        (hit.ward.code.as_str(), hit.ward.name.as_str()),
        ("E05013806", "St. James's")
    );
    assert_eq!(hit.borough.name, "Westminster");
}

#[test]
fn e14_5ab_is_in_canary_wharf_in_tower_hamlets() {
    let Some(gazetteer) = gazetteer() else { return };
    let hit = gazetteer
        .postcode(&Postcode::parse("E14 5AB").unwrap())
        .unwrap();
    assert_eq!(
        (hit.ward.code.as_str(), hit.ward.name.as_str()),
        ("E05009323", "Canary Wharf")
    );
    assert_eq!(hit.borough.name, "Tower Hamlets");
}

#[test]
fn a_valid_postcode_outside_london_is_not_found() {
    let Some(gazetteer) = gazetteer() else { return };
    assert!(
        gazetteer
            .postcode(&Postcode::parse("OX1 1DP").unwrap())
            .is_none()
    );
}

#[test]
fn points_inside_london_find_wards_and_points_outside_do_not() {
    let Some(gazetteer) = gazetteer() else { return };
    let PointLookup::InWard(hit) = gazetteer.point(51.50354, -0.127695) else {
        panic!("Whitehall")
    };
    assert_eq!(hit.ward.code, "E05013806");
    for (name, latitude, longitude) in [
        ("Oxford", 51.752, -1.2577),
        ("Brighton", 50.8225, -0.1372),
        ("Watford", 51.6565, -0.3903),
    ] {
        assert_eq!(
            gazetteer.point(latitude, longitude),
            PointLookup::OutsideForceArea,
            "{name}"
        );
    }
}

#[test]
fn every_postcode_centroid_is_found_at_its_own_ward() {
    let Some(gazetteer) = gazetteer() else { return };
    // The centroid of SW1A 2AA is nearest to itself.
    let PointLookup::InWard(hit) = gazetteer.point(51.503540, -0.127695) else {
        panic!()
    };
    assert_eq!(hit.postcode.as_ref(), "SW1A 2AA");
    assert!(hit.distance_metres < 1.0);
}
