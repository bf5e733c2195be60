//! Crime statistics from the real published files: the City of London's twelve monthly
//! street-level files imported give counts by category and month equal to the files' own rows,
//! rows outside the force area are reported, and importing again changes nothing.

use std::collections::BTreeMap;

use peel_core::stats::police_uk::Month;

#[tokio::test]
async fn the_city_of_london_files_import_to_counts_equal_to_their_own_rows_and_again_to_the_same() {
    let Some(london) = peel_testkit::london() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI has the London geography"
        );
        return;
    };
    let folder = peel_testkit::data_dir().join("police_uk/city_of_london_street_2022-07_2023-06");
    let test = peel_store::testing::TestStore::sqlite().await.unwrap();
    let clock = std::sync::Arc::new(peel_testkit::ManualClock::new());
    let ctx = peel_app::Context::new(test.store.clone(), clock, peel_testkit::settings())
        .with_gazetteer(london);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 12);

    // What the files say, counted by hand: (month, crime type) of every data line.
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for path in &paths {
        let mut reader = csv::Reader::from_path(path).unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            *expected
                .entry((record[1].to_owned(), record[9].to_owned()))
                .or_default() += 1;
        }
    }

    let mut totals = (0, 0, 0, 0);
    for round in 0..2 {
        totals = (0, 0, 0, 0);
        for path in &paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let file = std::fs::File::open(path).unwrap();
            let imported = peel_app::stats::import(&ctx, &name, file).await.unwrap();
            assert!(
                imported.problems.is_empty(),
                "{name}: {:?}",
                imported.problems
            );
            assert_eq!(imported.months, 1, "{name}");
            totals.0 += imported.rows;
            totals.1 += imported.placed;
            totals.2 += imported.outside;
            totals.3 += imported.unplaced;
        }
        let counts = test
            .store
            .crime_counts(
                None,
                Month::parse("2022-07").unwrap(),
                Month::parse("2023-06").unwrap(),
            )
            .await
            .unwrap();
        let got: BTreeMap<(String, String), u64> = counts
            .into_iter()
            .map(|(month, category, n)| {
                let name = peel_core::stats::police_uk::crime_type(category).unwrap();
                ((month.to_string(), name.to_owned()), n)
            })
            .collect();
        assert_eq!(got, expected, "round {round}: counts by month and category");
    }
    assert_eq!(totals.0, 9_019);
    assert_eq!(totals.0, totals.1 + totals.2 + totals.3);
    // The City's files hold crimes just over its edge in the Met's boroughs too (placed there),
    // and rows with no point; every row is one of the three.
    assert!(totals.1 > 8_000, "{totals:?}");
    assert!(
        totals.3 > 0,
        "rows without coordinates are reported: {totals:?}"
    );
    let imports = test.store.crime_imports().await.unwrap();
    assert_eq!(
        imports.len(),
        12,
        "one record a source's month, replaced on import"
    );
    assert!(imports.iter().all(|i| i.source == "City of London Police"));
}
