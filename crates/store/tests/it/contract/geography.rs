//! The geography area.

use super::*;

/// The `i`th of a run of distinct, well-formed postcodes in SW1A.
fn postcode(i: u32) -> peel_core::postcode::Postcode {
    const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let letter = |n: u32| char::from(LETTERS[(n % 20) as usize]);
    let text = format!("SW1A {}{}{}", i % 10, letter(i / 10), letter(i / 200));
    peel_core::postcode::Postcode::parse(&text).unwrap()
}

fn geography() -> peel_store::GeographyImport {
    peel_store::GeographyImport {
        boroughs: vec![peel_store::GeoBoroughRow {
            code: "E09000033".into(),
            name: "Westminster".into(),
            boundary_geojson: "{}".into(),
        }],
        wards: vec![peel_store::GeoWardRow {
            code: ward("E05013806"),
            name: "St. James's".into(),
            borough_code: "E09000033".into(),
        }],
        postcodes: (0..1_200)
            .map(|i| peel_store::GeoPostcodeRow {
                postcode: postcode(i),
                latitude: 51.5 + f64::from(i) / 1e5,
                longitude: -0.12,
                ward_code: ward("E05013806"),
            })
            .collect(),
    }
}

async fn geography_is_replaced_whole_and_every_ward_gets_a_team(store: Arc<dyn Store>) {
    store
        .import_geography(&geography(), event(T0, "geography.imported", ""))
        .await
        .unwrap();
    store
        .import_geography(&geography(), event(T0, "geography.imported", ""))
        .await
        .unwrap();
    let stored = store.geography().await.unwrap();
    assert_eq!(stored.postcodes.len(), 1_200);
    assert_eq!(stored.wards, geography().wards);
    assert_eq!(stored.boroughs, geography().boroughs);
    let teams: Vec<String> = store
        .teams()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id.to_string())
        .collect();
    for id in [
        "snt-E05013806",
        "central-online",
        "central-intake",
        "central-fraud",
        "central-safeguarding",
    ] {
        assert!(teams.contains(&id.to_owned()), "{id}");
    }
}

contract!(
    store: geography_is_replaced_whole_and_every_ward_gets_a_team;
    raw:
);
