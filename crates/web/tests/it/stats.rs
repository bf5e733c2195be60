//! Crime statistics from the real published files: the City of London's twelve monthly
//! street-level files imported give counts by category and month equal to the files' own rows,
//! rows outside the force area are reported, and importing again changes nothing.

use std::collections::BTreeMap;

use peel_core::stats::police_uk::Month;

#[tokio::test]
async fn the_city_of_london_files_import_to_counts_equal_to_their_own_rows_and_again_to_the_same() {
    let Some(london) = peel_testkit::london_or_skip() else {
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

/// St James's (Westminster), with two months of crimes, the harm table and residents loaded.
pub(crate) async fn st_james_with_counts(app: &peel_testkit::TestApp) {
    use peel_core::submission::Category;
    let ward = peel_core::WardCode::parse("E05013806").unwrap();
    let month = |m: &str, counts: Vec<(Category, u64)>| {
        let crimes = counts.iter().map(|c| c.1).sum();
        peel_store::CrimeMonth {
            source: "Metropolitan Police Service".into(),
            month: Month::parse(m).unwrap(),
            file: format!("{m}-metropolitan-street.csv"),
            counts: counts
                .into_iter()
                .map(|(c, n)| (Some(ward.clone()), c, n))
                .collect(),
            crimes,
            placed: crimes,
            outside: 0,
            unplaced: 0,
            imported_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    };
    app.store
        .replace_crime_month(&month(
            "2022-01",
            vec![(Category::Burglary, 3), (Category::Shoplifting, 10)],
        ))
        .await
        .unwrap();
    app.store
        .replace_crime_month(&month(
            "2022-02",
            vec![(Category::Burglary, 1), (Category::Robbery, 2)],
        ))
        .await
        .unwrap();
    app.store
        .replace_harm_weights(
            "cchi.csv",
            &[
                (Category::Burglary, 273.5),
                (Category::Shoplifting, 1.0),
                (Category::Robbery, 365.0),
            ],
        )
        .await
        .unwrap();
    app.store
        .replace_ward_residents(&[(ward, 2022, 12_500.0)])
        .await
        .unwrap();
}

fn near(a: &serde_json::Value, b: f64, tolerance: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() <= tolerance)
}

/// The API gives what the measures' fixture was worked by hand to give (13 crimes: interval
/// 6.922 to 22.230; 830.5 days of harm: 31.9 to 2043.3; 1.04 per 1,000: 0.554 to 1.778), to
/// analysts only.
#[tokio::test]
async fn a_wards_statistics_are_served_with_counts_and_intervals_to_analysts_only() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    st_james_with_counts(&app).await;
    app.create_user("ana.lyst", "analyst").await;
    app.create_user("pc.ward", "neighbourhood_officer").await;
    let analyst = app.signed_in("ana.lyst").await;
    let path = "/api/v1/stats/wards/E05013806?from=2022-01&to=2022-02";
    let response = analyst.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["ward_name"], "St. James's", "{body}");
    let crimes = body["crimes"].as_array().unwrap();
    // Every police.uk category in each of the two months.
    assert_eq!(crimes.len(), 2 * 14);
    let burglary_january = crimes
        .iter()
        .find(|c| c["month"] == "2022-01" && c["category"] == "burglary")
        .unwrap();
    assert_eq!(burglary_january["count"], 3);
    // Three crimes: exact Poisson (0.619, 8.767).
    assert!(
        near(&burglary_january["interval"]["low"], 0.619, 1e-3),
        "{burglary_january}"
    );
    assert!(
        near(&burglary_january["interval"]["high"], 8.767, 1e-3),
        "{burglary_january}"
    );
    let harm = &body["harm_days"][0];
    assert_eq!(harm["count"], 13);
    assert!(near(&harm["value"], 830.5, 1e-9));
    assert!(near(&harm["interval"]["low"], 31.9, 0.1), "{harm}");
    assert!(near(&harm["interval"]["high"], 2043.3, 0.1), "{harm}");
    let rate = &body["rate_per_1000"][0];
    assert_eq!(rate["count"], 13);
    assert!(near(&rate["value"], 1.04, 1e-9));
    assert!(near(&rate["interval"]["low"], 0.5538, 1e-4), "{rate}");
    assert!(near(&rate["interval"]["high"], 1.7784, 1e-4), "{rate}");
    assert_eq!(body["last_twelve_months"]["crimes"]["count"], 16);
    assert_eq!(
        body["last_twelve_months"]["change"],
        serde_json::Value::Null
    );
    assert!(body["notes"][0].as_str().unwrap().contains("reporting"));

    // A month that is not one, and a ward that is not one.
    let bad = analyst
        .get(app.url("/api/v1/stats/wards/E05013806?from=January"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let missing = analyst
        .get(app.url("/api/v1/stats/wards/E05999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    // An officer is refused; so is the public.
    let officer = app.signed_in("pc.ward").await;
    assert_eq!(
        officer.get(app.url(path)).send().await.unwrap().status(),
        403
    );
    assert_eq!(
        app.client()
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // The dashboards open for the analyst, with the interval beside each figure.
    for page in [
        "/insight?from=2022-01&to=2022-02",
        "/insight/boroughs/E09000033?from=2022-01&to=2022-02",
        "/insight/wards/E05013806?from=2022-01&to=2022-02",
    ] {
        let html = app.get_page(&analyst, page).await;
        assert!(html.contains("16 (9.1 to 26.0)"), "{page}");
        assert!(html.contains("reporting as well as more crime"), "{page}");
    }
}

/// The public ward page needs no sign-in, withholds counts of 1 to 4 (and the one that would
/// give a lone withheld count away), and says how to read the figures.
#[tokio::test]
async fn the_public_ward_page_suppresses_small_counts_and_says_what_the_figures_rest_on() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    st_james_with_counts(&app).await;
    let public = app.client();
    let html = app
        .get_page(&public, "/wards/E05013806?from=2022-01&to=2022-02")
        .await;
    assert!(
        html.contains("St. James&#39;s, Westminster: your neighbourhood"),
        "{html}"
    );
    // January's 13 are shown; February's 3 are not.
    assert!(
        html.contains("<th scope=\"row\">2022-01</th><td>13</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\">2022-02</th><td>fewer than 5</td>"),
        "{html}"
    );
    // Over both months: burglary 4 and robbery 2 are withheld; shoplifting 10 is shown.
    assert!(
        html.contains("<th scope=\"row\">Shoplifting</th><td>10</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\">Burglary</th><td>fewer than 5</td>"),
        "{html}"
    );
    assert!(
        !html.contains("<td>4</td>") && !html.contains("<td>2</td>"),
        "{html}"
    );
    assert!(html.contains("reporting as well as more crime"));
    assert!(html.contains("Numbers from 1 to 4"));
    // In Polish too.
    let polish = app.get_page(&public, "/wards/E05013806?lang=pl").await;
    assert!(polish.contains("Twoja okolica"), "{polish}");
    assert_eq!(
        public
            .get(app.url("/wards/E05999999"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

/// The dashboards measure Peel's own reports too: time to first human contact by grade and
/// channel (one report contacted five hours after it came, two not yet), and the share of
/// victims, known by the contact details they left however written, who reported again
/// within a year (two of three).
#[tokio::test]
async fn the_dashboards_time_first_contact_and_count_victims_who_came_back() {
    use serde_json::json;
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    let report = |contact: serde_json::Value, channels: &str| {
        json!({
            "description": "Someone tried the door of the flats again last night",
            "category": "burglary",
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"postcode": "SW1A 2AA"},
            "reporter": {"role": "victim", "contact": contact},
            "safe_contact": {"channels": [channels]}
        })
    };
    let mut references = Vec::new();
    for (contact, channels) in [
        (
            json!({"name": "Priya Shah", "email": "priya@example.org"}),
            "email",
        ),
        (
            json!({"name": "Priya Shah", "email": "Priya@Example.org"}),
            "email",
        ),
        (
            json!({"name": "Tom Reed", "phone": "07700 900123"}),
            "phone",
        ),
        (
            json!({"name": "Tom Reed", "phone": "+44 7700 900123"}),
            "phone",
        ),
        (
            json!({"name": "Sam Okafor", "email": "sam@example.org"}),
            "email",
        ),
    ] {
        let created = app.send_report(&report(contact, channels)).await;
        references.push(created["reference"].as_str().unwrap().to_owned());
    }
    let first = app.submission(&references[0]).await;
    app.store
        .record_first_contact(
            first.id,
            &peel_store::FirstContact {
                at: first.received_at + time::Duration::hours(5),
                method: peel_core::submission::ContactMethod::Phone,
                by: "pc.ward".into(),
            },
            None,
            None,
            app.event(
                peel_core::audit::AuditCode::SubmissionFirstContact,
                first.id.0,
                "",
            ),
        )
        .await
        .unwrap();

    app.create_user("ana.lyst", "analyst").await;
    let analyst = app.signed_in("ana.lyst").await;
    let html = app
        .get_page(&analyst, "/insight/wards/E05013806?from=2026-11&to=2026-11")
        .await;
    assert!(html.contains("Time to first human contact"), "{html}");
    // All grades, all channels: five reports, one contacted, after five hours.
    assert!(
        html.contains(
            "<th scope=\"row\">All grades</th><td>All channels</td><td>5</td><td>1</td><td>5 hours (5 to 5)</td>"
        ),
        "{html}"
    );
    // Two of the three victims came back: Wilson's interval for 2 of 3 is 20.8% to 93.9%.
    assert!(
        html.contains("66.7% (20.8% to 93.9%) of 3 victims who left contact details"),
        "{html}"
    );
    assert!(html.contains(
        "0 of the 5 reports received in these months are in cases that have closed. None has closed yet."
    ));
    assert!(html.contains("No hours are rostered to these wards&#39; officers"));
    assert!(html.contains("Volunteers gave 0 hours on 0 tasks done here in these months."));
    // Five reports at one postcode: a place reported three times or more.
    assert!(
        html.contains("<th scope=\"row\">St. James&#39;s</th><td>0</td><td>1</td><td>0</td>"),
        "{html}"
    );
    // Elsewhere in the borough the ward's reports are counted with the rest; in another
    // borough there are none.
    let borough = app
        .get_page(
            &analyst,
            "/insight/boroughs/E09000033?from=2026-11&to=2026-11",
        )
        .await;
    assert!(borough.contains("<td>All channels</td><td>5</td><td>1</td>"));
    let camden = app
        .get_page(
            &analyst,
            "/insight/boroughs/E09000007?from=2026-11&to=2026-11",
        )
        .await;
    assert!(camden.contains("Peel took in no reports here in these months."));
}

/// A Public Attitude Survey extract is imported by its header, a row naming no borough or ward
/// of London refused by its line, and the ward's dashboard shows the ward's, its borough's
/// (the last four quarters) and London's measures, each share with its Wilson interval.
#[tokio::test]
async fn the_survey_extract_is_shown_beside_the_harm_with_its_intervals() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    let ctx = peel_app::Context::new(
        app.store.clone(),
        app.clock.clone(),
        peel_testkit::settings(),
    )
    .with_gazetteer(peel_testkit::london().unwrap());
    let extract = "area,quarter,measure,respondents,share\n\
                   E09000033,2024-Q4,Trust the MPS,400,0.70\n\
                   E09000033,2025-Q1,Trust the MPS,405,0.69\n\
                   E09000033,2025-Q2,Trust the MPS,410,0.69\n\
                   E09000033,2025-Q3,Trust the MPS,412,0.68\n\
                   E09000033,2025-Q4,Trust the MPS,399,0.66\n\
                   E05013806,2025-Q3,Police do a good job in the local area,88,61%\n\
                   London,2025-Q3,Trust the MPS,9000,0.71\n\
                   E09999999,2025-Q3,Trust the MPS,100,0.5\n\
                   E09000033,2025-Q3,Trust the MPS,100,much\n";
    let imported = peel_app::stats::import_survey_extract(&ctx, "pas_2025.csv", extract.as_bytes())
        .await
        .unwrap();
    assert_eq!(imported.measures, 7);
    let lines: Vec<u64> = imported.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [9, 10], "{:?}", imported.problems);
    // Again: each measure replaces its own, nothing is doubled.
    peel_app::stats::import_survey_extract(&ctx, "pas_2025.csv", extract.as_bytes())
        .await
        .unwrap();

    app.create_user("ana.lyst", "analyst").await;
    let analyst = app.signed_in("ana.lyst").await;
    let html = app.get_page(&analyst, "/insight/wards/E05013806").await;
    assert!(html.contains("Public Attitude Survey"), "{html}");
    assert!(html.contains(
        "<th scope=\"row\">St. James&#39;s</th><td>Police do a good job in the local area</td><td>2025-Q3</td><td>61% (50.9% to 70.9%)</td><td>88</td>"
    ), "{html}");
    assert!(html.contains(
        "<th scope=\"row\">Westminster</th><td>Trust the MPS</td><td>2025-Q3</td><td>68% (63.3% to 72.3%)</td><td>412</td>"
    ), "{html}");
    assert!(html.contains("<td>2025-Q4</td>"));
    assert!(
        !html.contains("<td>2024-Q4</td>"),
        "four quarters, the newest"
    );
    assert!(html.contains("<th scope=\"row\">London</th><td>Trust the MPS</td>"));
    assert!(html.contains("No victim has answered Peel's survey yet."));
    // The public page gives the latest quarter of each, in plain words, in the reader's
    // language around the survey's own English.
    let public = app.get_page(&app.client(), "/wards/E05013806").await;
    assert!(public.contains(
        "Trust the MPS: 66% of the 399 people asked in Westminster agreed (2025-Q4), most likely between 61.1% and 70.4%."
    ), "{public}");
    assert!(
        !public.contains("412 people asked in Westminster"),
        "the latest quarter alone"
    );
    assert!(public.contains("9,000 people asked in London agreed (2025-Q3)"));
    let polish = app
        .get_page(&app.client(), "/wards/E05013806?lang=pl")
        .await;
    assert!(
        polish.contains("Trust the MPS: 66% z 399 osób zapytanych w Westminster"),
        "{polish}"
    );
    // London's dashboard shows London's alone.
    let london = app.get_page(&analyst, "/insight").await;
    assert!(london.contains("<th scope=\"row\">London</th><td>Trust the MPS</td>"));
    assert!(!london.contains("<th scope=\"row\">Westminster</th><td>Trust the MPS</td>"));
}
