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
    // By ward, as the dashboards read them: the two sources' July added, the unplaced left
    // out; a source's month imported again replaces its share.
    assert_eq!(
        store.crime_counts_by_ward(from, to, None).await.unwrap(),
        vec![(st_james.clone(), july, Category::Burglary, 13)]
    );
    let mut again = met.clone();
    again.counts = vec![
        (Some(st_james.clone()), Category::Robbery, 4),
        (Some(st_james.clone()), Category::Burglary, 1),
    ];
    store.replace_crime_month(&again).await.unwrap();
    assert_eq!(
        store
            .crime_counts_by_ward(from, to, Some(std::slice::from_ref(&st_james)))
            .await
            .unwrap(),
        vec![
            (st_james.clone(), july, Category::Burglary, 4),
            (st_james.clone(), july, Category::Robbery, 4),
        ]
    );
}

/// Placed crimes come by ward; the harm table, residents and outlines are each replaced whole
/// and read back as stored.
async fn reference_data_replaces_whole_and_reads_back(store: Arc<dyn Store>) {
    let (a, b) = (ward("E05013806"), ward("E05013807"));
    let july = Month::parse("2022-07").unwrap();
    store
        .replace_crime_month(&month_of(
            "Metropolitan Police Service",
            "2022-07",
            vec![
                (Some(b.clone()), Category::Robbery, 2),
                (Some(a.clone()), Category::Burglary, 3),
                (None, Category::Drugs, 9),
            ],
        ))
        .await
        .unwrap();
    assert_eq!(
        store.crime_counts_by_ward(july, july, None).await.unwrap(),
        vec![
            (a.clone(), july, Category::Burglary, 3),
            (b.clone(), july, Category::Robbery, 2),
        ]
    );
    // One source's counts of a category in a month, unplaced ones too.
    let met = "Metropolitan Police Service";
    assert_eq!(
        store
            .source_counts(met, july, Category::Burglary)
            .await
            .unwrap(),
        vec![(Some(a.clone()), 3)]
    );
    assert_eq!(
        store
            .source_counts(met, july, Category::Drugs)
            .await
            .unwrap(),
        vec![(None, 9)]
    );
    assert!(
        store
            .source_counts("City of London Police", july, Category::Burglary)
            .await
            .unwrap()
            .is_empty()
    );
    // Some wards': theirs alone.
    assert_eq!(
        store
            .crime_counts_by_ward(july, july, Some(std::slice::from_ref(&a)))
            .await
            .unwrap(),
        vec![(a.clone(), july, Category::Burglary, 3)]
    );
    assert!(
        store
            .crime_counts_by_ward(july, july, Some(&[][..]))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.harm_weights().await.unwrap(), (vec![], None));
    store
        .replace_harm_weights("old.csv", &[(Category::Drugs, 3.0)])
        .await
        .unwrap();
    store
        .replace_harm_weights(
            "cchi.csv",
            &[(Category::Burglary, 244.68), (Category::Robbery, 365.0)],
        )
        .await
        .unwrap();
    assert_eq!(
        store.harm_weights().await.unwrap(),
        (
            vec![(Category::Burglary, 244.68), (Category::Robbery, 365.0)],
            Some("cchi.csv".to_owned())
        )
    );
    store
        .replace_ward_residents(&[(a.clone(), 2022, 12_500.5), (b.clone(), 2022, 9_000.0)])
        .await
        .unwrap();
    store
        .replace_ward_residents(&[(a.clone(), 2022, 12_600.25), (a.clone(), 2023, 12_700.0)])
        .await
        .unwrap();
    assert_eq!(
        store
            .ward_residents(Some(std::slice::from_ref(&a)))
            .await
            .unwrap(),
        vec![(a.clone(), 2022, 12_600.25), (a.clone(), 2023, 12_700.0)]
    );
    assert_eq!(
        store
            .ward_residents(Some(std::slice::from_ref(&b)))
            .await
            .unwrap(),
        vec![]
    );
    assert_eq!(store.ward_residents(None).await.unwrap().len(), 2);
    let outline = |w: &peel_core::WardCode, borough: &str| peel_store::WardOutline {
        ward: w.clone(),
        borough_code: borough.to_owned(),
        path: "M0 0L10 0L10 10Z".to_owned(),
        bounds: (0.0, 0.0, 10.0, 10.0),
    };
    store
        .replace_ward_outlines(&[outline(&a, "E09000033"), outline(&b, "E09000001")])
        .await
        .unwrap();
    assert_eq!(
        store.ward_outlines(Some("E09000033")).await.unwrap(),
        vec![outline(&a, "E09000033")]
    );
    assert_eq!(store.ward_outlines(None).await.unwrap().len(), 2);
}

/// One row per report of a ward (or every ward) received in the window, in order: its first
/// contact, its grade, its channel and its victim's contact key.
async fn report_facts_are_each_reports_own_in_the_window(store: Arc<dyn Store>) {
    let first = submission("AAAA-AAAA-A", T0 - Duration::days(3));
    let mut second = submission("BBBB-BBBB-B", T0 - Duration::days(1));
    second.contact = Some(peel_core::submission::Contact {
        name: None,
        email: None,
        phone: Some("+447700900123".into()),
    });
    if let Some(triage) = second.triage.as_mut() {
        triage.grade = peel_core::triage::Grade::S;
    }
    let mut elsewhere = submission("CCCC-CCCC-C", T0 - Duration::days(2));
    elsewhere.ward = Some(ward("E05013807"));
    let mut before = submission("DDDD-DDDD-D", T0 - Duration::days(40));
    before.contact = None;
    for s in [&first, &second, &elsewhere, &before] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    let contacted = peel_store::FirstContact {
        at: T0 - Duration::days(3) + Duration::hours(5),
        method: peel_core::submission::ContactMethod::Phone,
        by: "pc.ward".into(),
    };
    assert!(
        store
            .record_first_contact(
                first.id,
                &contacted,
                None,
                None,
                event(T0, "submission.first_contact", "")
            )
            .await
            .unwrap()
    );

    let st_james = ward("E05013806");
    let facts = store
        .report_facts(
            Some(std::slice::from_ref(&st_james)),
            T0 - Duration::days(30),
            T0,
        )
        .await
        .unwrap();
    assert_eq!(facts.len(), 2, "{facts:?}");
    let (a, b) = (&facts[0], &facts[1]);
    assert_eq!(a.received_at, first.received_at);
    assert_eq!(a.first_contact_at, Some(contacted.at));
    assert_eq!(a.grade, Some('E'));
    assert_eq!(a.channel, "api");
    assert_eq!(a.victim.as_deref(), Some("ada@example.com"));
    assert_eq!(a.outcome, None, "in no case, so no outcome");
    assert_eq!(b.first_contact_at, None);
    assert_eq!(b.grade, Some('S'));
    assert_eq!(b.victim.as_deref(), Some("+447700900123"));

    let everywhere = store
        .report_facts(None, T0 - Duration::days(30), T0)
        .await
        .unwrap();
    assert_eq!(everywhere.len(), 3);
    let all = store
        .report_facts(None, T0 - Duration::days(60), T0)
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].victim, None, "no contact details, no victim key");
}

/// The dashboard's one read of a ward's reports gives, report for report, what the contact and
/// repeat measures' read and the sharing pack's read give, in order of receipt; a restricted
/// report keeps its contact facts but gives the pack nothing, and other wards and times are
/// left out.
async fn ward_reports_agree_with_the_two_reads_they_replace(store: Arc<dyn Store>) {
    let first = submission("AAAA-AAAA-A", T0 - Duration::days(3));
    let mut second = submission("BBBB-BBBB-B", T0 - Duration::days(1));
    second.contact = Some(peel_core::submission::Contact {
        name: None,
        email: Some("Ada@Example.com".into()),
        phone: Some("+447700900123".into()),
    });
    let restricted = submission("EEEE-EEEE-E", T0 - Duration::days(2));
    let mut elsewhere = submission("CCCC-CCCC-C", T0 - Duration::days(2));
    elsewhere.ward = Some(ward("E05013807"));
    let before = submission("DDDD-DDDD-D", T0 - Duration::days(40));
    for s in [&first, &second, &restricted, &elsewhere, &before] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    assert!(
        store
            .restrict(
                restricted.id,
                Some("the reporter contests its accuracy"),
                event(T0, "record.restricted", "")
            )
            .await
            .unwrap()
    );
    let st_james = [ward("E05013806")];
    let (from, to) = (T0 - Duration::days(30), T0);
    let read = store.ward_reports(&st_james, from, to).await.unwrap();
    let facts = store.report_facts(Some(&st_james), from, to).await.unwrap();
    assert_eq!(
        read.iter().map(|r| r.facts.clone()).collect::<Vec<_>>(),
        facts
    );
    assert_eq!(read.len(), 3, "{read:?}");
    assert_eq!(
        read[1].facts.victim.as_deref(),
        Some("ada@example.com"),
        "the email lower-cased, before the phone"
    );
    let mut pack = store.pack_facts(from, &st_james).await.unwrap();
    pack.retain(|fact| fact.ward.is_some());
    let mut mine: Vec<_> = read.iter().filter_map(|r| r.pack.clone()).collect();
    mine.sort_unstable_by_key(|fact| fact.id);
    assert_eq!(mine, pack);
    assert_eq!(mine.len(), 2);
    assert!(
        read.iter()
            .any(|r| r.pack.is_none() && r.facts.received_at == restricted.received_at),
        "the restricted report counts for contact but not for the pack"
    );
    assert!(store.ward_reports(&[], from, to).await.unwrap().is_empty());
}

/// Survey measures are kept by area, measure and quarter, a measure imported again replacing
/// its own, and read back by area with their source.
async fn survey_measures_replace_their_own_and_read_back_by_area(store: Arc<dyn Store>) {
    use peel_core::stats::pas::{PasArea, PasRow, Quarter};
    let row = |area: &str, quarter: u8, respondents: u64, share: f64| PasRow {
        area: PasArea::parse(area).unwrap(),
        quarter: Quarter {
            year: 2025,
            quarter,
        },
        measure: "Trust the MPS".into(),
        respondents,
        share,
    };
    store
        .upsert_pas_measures(
            "first.csv",
            &[
                row("E09000033", 3, 412, 0.68),
                row("E09000033", 2, 410, 0.69),
                row("London", 3, 9_000, 0.71),
            ],
        )
        .await
        .unwrap();
    store
        .upsert_pas_measures("second.csv", &[row("E09000033", 3, 415, 0.675)])
        .await
        .unwrap();
    let westminster = store.pas_measures(&["E09000033"]).await.unwrap();
    assert_eq!(
        westminster,
        vec![
            (row("E09000033", 2, 410, 0.69), "first.csv".to_owned()),
            (row("E09000033", 3, 415, 0.675), "second.csv".to_owned()),
        ]
    );
    assert_eq!(
        store
            .pas_measures(&["E09000033", "London"])
            .await
            .unwrap()
            .len(),
        3
    );
    assert!(store.pas_measures(&[]).await.unwrap().is_empty());
}

contract!(
    store: crime_months_replace_whole_and_sum_across_sources,
        survey_measures_replace_their_own_and_read_back_by_area, reference_data_replaces_whole_and_reads_back, report_facts_are_each_reports_own_in_the_window,
        ward_reports_agree_with_the_two_reads_they_replace;
    raw:
);
