use geo::{LineString, Polygon};

use super::*;
use crate::Postcode;

/// A square of `size` degrees with its south-west corner at (lon, lat).
fn square(lon: f64, lat: f64, size: f64) -> MultiPolygon<f64> {
    MultiPolygon::new(vec![Polygon::new(
        LineString::from(vec![
            (lon, lat),
            (lon + size, lat),
            (lon + size, lat + size),
            (lon, lat + size),
            (lon, lat),
        ]),
        vec![],
    )])
}

fn postcode(n: usize, lon: f64, lat: f64, ward: &str) -> PostcodeRow {
    PostcodeRow {
        postcode: Postcode::parse(&format!("SW1A {}AA", n % 10)).unwrap(),
        latitude: lat,
        longitude: lon,
        ward_code: ward.to_owned(),
        ward_name: ward.to_owned(),
        borough_code: "E09000033".to_owned(),
    }
}

/// Four LSOAs in a 2 × 2 block near Westminster: the west column in ward A, the east in B.
fn named(code: &str, group: &str, shape: MultiPolygon<f64>) -> Named {
    Named {
        code: code.to_owned(),
        group: group.to_owned(),
        shape,
    }
}

fn block() -> Vec<Named> {
    let (lon, lat, s) = (-0.14, 51.49, 0.01);
    vec![
        named("SW", "", square(lon, lat, s)),
        named("NW", "", square(lon, lat + s, s)),
        named("SE", "", square(lon + s, lat, s)),
        named("NE", "", square(lon + s, lat + s, s)),
    ]
}

#[test]
fn lsoas_dissolve_into_their_wards_outlines() {
    let rows = vec![
        postcode(1, -0.135, 51.495, "A"),
        postcode(2, -0.135, 51.505, "A"),
        postcode(3, -0.136, 51.506, "A"),
        // One stray A postcode in NE is outvoted by two for B.
        postcode(4, -0.125, 51.505, "A"),
        postcode(5, -0.124, 51.506, "B"),
        postcode(6, -0.126, 51.504, "B"),
        // SE holds no postcode: the nearest to its middle (this one, in SE's north) decides.
        postcode(7, -0.125, 51.4999, "B"),
    ];
    let shapes = ward_shapes(&block(), &rows);
    assert_eq!(shapes.len(), 2);
    let a = shapes.iter().find(|s| s.ward_code == "A").unwrap();
    let b = shapes.iter().find(|s| s.ward_code == "B").unwrap();
    // Each is one ring of six corners: the column's four plus the two midpoints of its long
    // sides, the edge between its two LSOAs dissolved.
    for shape in [a, b] {
        assert_eq!(shape.path.matches('M').count(), 1, "{}", shape.path);
        assert_eq!(shape.path.matches('L').count(), 5, "{}", shape.path);
        assert!(shape.path.ends_with('Z'));
        assert_eq!(shape.borough_code, "E09000033");
    }
    // A is west of B; they share an edge, so A's east is B's west.
    assert!(a.bounds.0 < b.bounds.0);
    assert_eq!(a.bounds.2, b.bounds.0);
    // 0.01° of latitude is 1,111 m: 111 units of 10 m (two rows: 222), north up (y south).
    assert_eq!(a.bounds.3 - a.bounds.1, 222.0);
}

#[test]
fn an_island_is_a_ring_of_its_own() {
    let mut lsoas = block();
    lsoas.push(named("ISLAND", "", square(-0.10, 51.49, 0.005)));
    let rows = vec![
        postcode(1, -0.135, 51.495, "A"),
        postcode(2, -0.135, 51.505, "A"),
        postcode(3, -0.125, 51.495, "B"),
        postcode(4, -0.125, 51.505, "B"),
        postcode(5, -0.098, 51.492, "A"),
    ];
    let shapes = ward_shapes(&lsoas, &rows);
    let a = shapes.iter().find(|s| s.ward_code == "A").unwrap();
    assert_eq!(a.path.matches('M').count(), 2, "{}", a.path);
}

#[test]
fn population_follows_each_old_wards_postcodes_to_the_current_wards() {
    let (lon, lat, s) = (-0.14, 51.49, 0.01);
    let old = vec![
        named("O1", "Westminster", square(lon, lat, s)),
        named("O2", "Westminster", square(lon + s, lat, s)),
        // Re-warded: the figures are for wards these polygons are not.
        named("R1", "Hackney", square(lon, lat + s, s)),
        named("R2", "Hackney", square(lon + s, lat + s, s)),
    ];
    let rows = vec![
        postcode(1, -0.135, 51.495, "A"),
        postcode(2, -0.136, 51.494, "A"),
        postcode(3, -0.134, 51.496, "A"),
        postcode(4, -0.131, 51.499, "B"),
        postcode(5, -0.125, 51.495, "B"),
        postcode(6, -0.124, 51.496, "B"),
        postcode(7, -0.135, 51.505, "C"),
        postcode(8, -0.125, 51.505, "D"),
        postcode(9, -0.124, 51.506, "D"),
        postcode(10, -0.126, 51.504, "D"),
    ];
    let figure = |code: &str, borough: &str, year: i32, population: f64| Residents {
        code: code.to_owned(),
        borough: borough.to_owned(),
        year,
        population,
    };
    let figures = vec![
        figure("O1", "Westminster", 2022, 400.0),
        figure("O2", "Westminster", 2022, 100.0),
        figure("O1", "Westminster", 2023, 800.0),
        // Hackney's figures are for two wards of another set: pooled (100) and shared by
        // postcodes among C (one) and D (three).
        figure("H1", "Hackney", 2022, 60.0),
        figure("H2", "Hackney", 2022, 40.0),
        figure("GONE", "Nowhere", 2022, 50.0),
    ];
    let (residents, lost) = apportion_population(&old, &figures, &rows);
    // O1: three quarters of its postcodes in A, one in B; O2 all in B.
    assert_eq!(
        residents,
        vec![
            ("A".to_owned(), 2022, 300.0),
            ("A".to_owned(), 2023, 600.0),
            ("B".to_owned(), 2022, 200.0),
            ("B".to_owned(), 2023, 200.0),
            ("C".to_owned(), 2022, 25.0),
            ("D".to_owned(), 2022, 75.0),
        ]
    );
    assert_eq!(lost, vec!["GONE".to_owned()]);
}

#[test]
fn the_population_file_is_read_by_its_header_and_bad_rows_are_named() {
    let text =
        "Code,Borough,Ward_Name,Year,Population,Hectares\nE05000026,B,Abbey,2022,17574,127.9\n";
    assert_eq!(
        read_ward_population(text.as_bytes()).unwrap(),
        vec![Residents {
            code: "E05000026".to_owned(),
            borough: "B".to_owned(),
            year: 2022,
            population: 17574.0
        }]
    );
    let bad = "Code,Borough,Year,Population\nE05000026,B,twenty,1\n";
    let error = read_ward_population(bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(error.contains("line 2"), "{error}");
    assert!(read_ward_population("Code,Year\n".as_bytes()).is_err());
}

/// The shared data's files (or `PEEL_SHARED_DATA`'s): London's LSOAs dissolve into outlines for
/// nearly every current ward, and the GLA's figures apportion without losing a ward.
#[test]
fn londons_published_files_give_outlines_and_residents() {
    let data = peel_skip::shared_data();
    let geography = data.join("geography");
    let Ok(postcodes) = std::fs::File::open(geography.join(crate::POSTCODE_FILE)) else {
        peel_skip::skip(&format!("{} is absent: skipped", geography.display()));
        return;
    };
    let rows = crate::read_postcode_rows(std::io::BufReader::new(postcodes)).unwrap();
    let read = |file: &str| std::fs::read_to_string(geography.join(file)).unwrap();
    let lsoas = read_polygons(&read(LSOA_FILE), LSOA_FILE, "LSOA21CD", None).unwrap();
    assert_eq!(lsoas.len(), 4994);
    let shapes = ward_shapes(&lsoas, &rows);
    let wards: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.ward_code.as_str()).collect();
    let without: Vec<&&str> = wards
        .iter()
        .filter(|w| !shapes.iter().any(|s| s.ward_code == **w))
        .collect();
    eprintln!(
        "{} outlines; {} wards without one",
        shapes.len(),
        without.len()
    );
    assert!(shapes.len() >= 650, "{} outlines", shapes.len());
    let old = read_polygons(
        &read(WARDS_2014_FILE),
        WARDS_2014_FILE,
        "GSS_CODE",
        Some("BOROUGH"),
    )
    .unwrap();
    let file = std::fs::File::open(geography.join(POPULATION_FILE)).unwrap();
    let figures = read_ward_population(flate2::read::GzDecoder::new(file)).unwrap();
    let (residents, lost) = apportion_population(&old, &figures, &rows);
    let london_2022: f64 = residents.iter().filter(|r| r.1 == 2022).map(|r| r.2).sum();
    let file_2022: f64 = figures
        .iter()
        .filter(|r| r.year == 2022)
        .map(|r| r.population)
        .sum();
    eprintln!("2022: {london_2022:.0} apportioned of {file_2022:.0}; lost {lost:?}");
    assert!(lost.is_empty(), "{lost:?}");
    assert!((london_2022 - file_2022).abs() < 1.0);
}
