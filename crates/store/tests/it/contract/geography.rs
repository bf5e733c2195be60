//! The geography area.

use super::*;

fn geography() -> peel_store::GeographyImport {
    peel_store::GeographyImport {
        boroughs: vec![peel_store::GeoBoroughRow {
            code: "E09000033".into(),
            name: "Westminster".into(),
            boundary_geojson: "{}".into(),
        }],
        wards: vec![peel_store::GeoWardRow {
            code: "E05013806".into(),
            name: "St. James's".into(),
            borough_code: "E09000033".into(),
        }],
        postcodes: (0..1_200)
            .map(|i| peel_store::GeoPostcodeRow {
                postcode: format!("SW1A {}AA", i),
                latitude: 51.5 + f64::from(i) / 1e5,
                longitude: -0.12,
                ward_code: "E05013806".into(),
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
        .map(|t| t.id)
        .collect();
    assert!(teams.contains(&"snt-E05013806".to_owned()));
    assert!(teams.contains(&"central-online".to_owned()));
}

contract!(
    store: geography_is_replaced_whole_and_every_ward_gets_a_team;
    raw:
);
