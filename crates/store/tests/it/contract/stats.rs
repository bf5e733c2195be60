//! Crime counts.

use super::*;
use peel_core::stats::police_uk::Month;
use peel_core::submission::Category;

fn month_of(
    source: &str,
    month: &str,
    counts: Vec<(Option<peel_core::WardCode>, Category, u64)>,
) -> peel_store::CrimeMonth {
    let crimes = counts.iter().map(|c| c.2).sum();
    peel_store::CrimeMonth {
        source: source.into(),
        month: Month::parse(month).unwrap(),
        file: format!("{month}-file.csv"),
        counts,
        crimes,
        placed: crimes,
        outside: 0,
        unplaced: 0,
        imported_at: T0,
    }
}

/// A source's month replaces what it had; sources add up; a ward's counts are its own.
async fn crime_months_replace_whole_and_sum_across_sources(store: Arc<dyn Store>) {
    let st_james = ward("E05013806");
    let first = month_of(
        "City of London Police",
        "2022-07",
        vec![
            (Some(st_james.clone()), Category::Burglary, 3),
            (None, Category::Drugs, 2),
        ],
    );
    store.replace_crime_month(&first).await.unwrap();
    store.replace_crime_month(&first).await.unwrap();
    let met = month_of(
        "Metropolitan Police Service",
        "2022-07",
        vec![(Some(st_james.clone()), Category::Burglary, 10)],
    );
    store.replace_crime_month(&met).await.unwrap();
    let later = month_of(
        "City of London Police",
        "2022-09",
        vec![(None, Category::Drugs, 1)],
    );
    store.replace_crime_month(&later).await.unwrap();
    let (from, to) = (
        Month::parse("2022-01").unwrap(),
        Month::parse("2022-12").unwrap(),
    );
    let july = Month::parse("2022-07").unwrap();
    let september = Month::parse("2022-09").unwrap();
    assert_eq!(
        store.crime_counts(None, from, to).await.unwrap(),
        vec![
            (july, Category::Burglary, 13),
            (july, Category::Drugs, 2),
            (september, Category::Drugs, 1),
        ]
    );
    assert_eq!(
        store.crime_counts(Some(&st_james), from, to).await.unwrap(),
        vec![(july, Category::Burglary, 13)]
    );
    assert!(
        store
            .crime_counts(None, september, september)
            .await
            .unwrap()
            .iter()
            .all(|c| c.0 == september)
    );
    let imports = store.crime_imports().await.unwrap();
    assert_eq!(imports.len(), 3);
    assert_eq!(imports[0].crimes, 5);
}

contract!(
    store: crime_months_replace_whole_and_sum_across_sources;
    raw:
);
