//! `peel stats import` on the real published files, as the README runs it: the City of London
//! folder and the 2022 London file give counts by category and month equal to the files' own
//! rows, rows outside the force area are reported, and a folder imported again changes nothing.

use std::collections::BTreeMap;
use std::io::Read;

/// The shared data: `PEEL_SHARED_DATA`, or `../shared/data` beside the checkout.
fn data_dir() -> std::path::PathBuf {
    peel_skip::shared_data()
}

/// `peel geo import` of `folder` into the data directory `d`.
fn import_geography(d: &str, folder: &std::path::Path) {
    ok(&super::peel(
        &["geo", "import", "--data-dir", d, folder.to_str().unwrap()],
        "",
    ));
}

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", super::stderr(out));
    super::stdout(out)
}

#[test]
fn the_city_folder_and_the_2022_london_file_import_to_their_own_counts() {
    let data = data_dir();
    let city = data.join("police_uk/city_of_london_street_2022-07_2023-06");
    let london = data.join("police_uk/london_crimes_2022.csv.gz");
    if !london.exists() {
        peel_skip::skip(&format!("absent: {}", london.display()));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    import_geography(d, &data.join("geography"));
    let said = ok(&super::peel(
        &[
            "stats",
            "import",
            "--data-dir",
            d,
            city.to_str().unwrap(),
            london.to_str().unwrap(),
        ],
        "",
    ));
    let line = said.lines().last().unwrap_or_default().to_owned();
    assert!(line.starts_with("rows=858428 placed="), "{line}");
    assert!(line.contains(" files=13 "), "{line}");
    let outside: u64 = line
        .split_whitespace()
        .find_map(|f| f.strip_prefix("outside="))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(
        outside > 0,
        "the file's points outside London are reported: {line}"
    );

    // The 2022 file's own counts, by hand: month number and type of every line.
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&london).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        let month = format!("2022-{:02}", record[0].parse::<u8>().unwrap());
        let category = peel_core::stats::police_uk::category_of(&record[1]).unwrap();
        *expected
            .entry((month, category.slug().to_owned()))
            .or_default() += 1;
    }
    // The City's files for July to December 2022 fall in the same months.
    for entry in std::fs::read_dir(&city).unwrap() {
        let path = entry.unwrap().path();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            if record[1].starts_with("2022") {
                let category = peel_core::stats::police_uk::category_of(&record[9]).unwrap();
                *expected
                    .entry((record[1].to_owned(), category.slug().to_owned()))
                    .or_default() += 1;
            }
        }
    }
    let counts = ok(&super::peel(
        &[
            "stats",
            "counts",
            "--data-dir",
            d,
            "--from",
            "2022-01",
            "--to",
            "2022-12",
        ],
        "",
    ));
    let got: BTreeMap<(String, String), u64> = counts
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            let (m, c, n) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            ((m.to_owned(), c.to_owned()), n.parse().unwrap())
        })
        .collect();
    assert_eq!(got, expected);

    // The folder again: every month replaced, nothing counted twice.
    ok(&super::peel(
        &["stats", "import", "--data-dir", d, city.to_str().unwrap()],
        "",
    ));
    let again = ok(&super::peel(
        &[
            "stats",
            "counts",
            "--data-dir",
            d,
            "--from",
            "2022-01",
            "--to",
            "2022-12",
        ],
        "",
    ));
    assert_eq!(again, counts);
}

/// A report as the public form would send it.
fn new_report(
    category: peel_core::submission::Category,
    location: peel_core::submission::Location,
) -> peel_core::submission::NewReport {
    peel_core::submission::NewReport {
        description: "It happened outside the flats again".into(),
        category,
        occurred_at: time::macros::datetime!(2026-01-01 09:00 UTC),
        location,
        reporter_role: peel_core::submission::ReporterRole::Victim,
        contact: None,
        safe_contact: peel_core::submission::SafeContact::default(),
        language: "English".into(),
        community: None,
        enhanced_rights: None,
        danger_denied: false,
        concern: None,
    }
}

/// `peel stats export --format police-uk` writes Peel's own reports in police.uk's layout:
/// six burglaries at one postcode shown at their LSOA's public point, a lone robbery with no
/// location, fraud withheld, online abuse placed nowhere; the file imports back with
/// `peel stats import` into the ward the reports were in, and the export is in the audit
/// trail as a disclosure.
#[tokio::test]
async fn the_police_uk_export_shows_public_points_hides_small_cells_and_imports_back() {
    use peel_core::submission::{Category, Channel, Location};
    let data = data_dir();
    let geography = data.join("geography");
    if !geography.join(peel_geo::LSOA_FILE).exists() {
        peel_skip::skip("absent: the geography");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    import_geography(d, &geography);
    {
        // Opened as Peel opens it, with the trail's key, so the entries it writes keep the
        // chain the next command checks.
        let store = peel_store::open(
            None,
            dir.path(),
            peel_app::keys::chain_key(dir.path()).unwrap(),
        )
        .await
        .unwrap();
        let gazetteer = peel_app::geography::load(store.as_ref())
            .await
            .unwrap()
            .unwrap();
        let ctx = peel_app::Context::new(
            store,
            std::sync::Arc::new(peel_app::SystemClock),
            peel_app::Settings::for_organisation(peel_core::OrganisationId::parse("met").unwrap()),
        )
        .with_gazetteer(std::sync::Arc::new(gazetteer));
        let downing_street =
            || Location::Postcode(peel_core::postcode::Postcode::parse("SW1A 2AA").unwrap());
        let mut reports: Vec<_> = (0..6)
            .map(|_| new_report(Category::Burglary, downing_street()))
            .collect();
        reports.push(new_report(Category::Robbery, downing_street()));
        reports.push(new_report(Category::Fraud, downing_street()));
        reports.push(new_report(Category::OnlineAbuse, Location::Online));
        for report in reports {
            peel_app::intake::receive(
                &ctx,
                &peel_core::policy::Actor::public(),
                report,
                Channel::Web,
                None,
                |_| String::new(),
            )
            .await
            .unwrap();
        }
    }

    let street = dir.path().join("street.csv");
    let outcomes = dir.path().join("outcomes.csv");
    let out = super::peel(
        &[
            "stats",
            "export",
            "--data-dir",
            d,
            "--format",
            "police-uk",
            "--from",
            "2026-01",
            "--to",
            "2035-12",
            "--geography",
            geography.to_str().unwrap(),
            "--out",
            street.to_str().unwrap(),
            "--outcomes",
            outcomes.to_str().unwrap(),
        ],
        "",
    );
    let said = ok(&out);
    assert!(
        said.contains("street=8 outcomes=0 without_point=1 withheld=1"),
        "{said}"
    );
    assert!(super::stderr(&out).contains("withheld 1: fraud"));

    let mut reader = csv::Reader::from_path(&street).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        peel_core::stats::open_data::STREET_HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let of_type = |t: &str| rows.iter().filter(|r| &r[9] == t).collect::<Vec<_>>();
    let burglaries = of_type("Burglary");
    assert_eq!(burglaries.len(), 6);
    let point = (&burglaries[0][4], &burglaries[0][5], &burglaries[0][7]);
    assert!(
        point.2.starts_with("E01"),
        "an LSOA code: {:?}",
        burglaries[0]
    );
    assert!(burglaries[0][6].starts_with("On or near Westminster "));
    assert!(
        burglaries
            .iter()
            .all(|r| (&r[4], &r[5], &r[7]) == point && r[0].len() == 64 && r[1].len() == 7),
        "one point for all, month only, a hashed ID"
    );
    // Not Downing Street's own centroid (51.503541, -0.127670): the LSOA's public point.
    assert_ne!(
        (&burglaries[0][5], &burglaries[0][4]),
        ("51.503541", "-0.127670")
    );
    for t in ["Robbery", "Violence and sexual offences"] {
        let row = of_type(t);
        assert_eq!(row.len(), 1, "{t}");
        assert_eq!(
            (&row[0][4], &row[0][6], &row[0][7]),
            ("", "No location", "")
        );
    }
    let outcomes_header = csv::Reader::from_path(&outcomes)
        .unwrap()
        .headers()
        .unwrap()
        .clone();
    assert_eq!(
        outcomes_header.iter().collect::<Vec<_>>(),
        peel_core::stats::open_data::OUTCOMES_HEADER
    );

    // The file imports back into St James's, where the reports were.
    let imported = ok(&super::peel(
        &["stats", "import", "--data-dir", d, street.to_str().unwrap()],
        "",
    ));
    assert!(
        imported.contains("rows=8 placed=6 outside=0 files=1 unplaced=2"),
        "{imported}"
    );
    let counts = ok(&super::peel(
        &[
            "stats",
            "counts",
            "--data-dir",
            d,
            "--from",
            "2026-01",
            "--to",
            "2035-12",
            "--ward",
            "E05013806",
        ],
        "",
    ));
    assert!(
        counts.lines().any(|l| l.ends_with(",burglary,6")),
        "{counts}"
    );

    let store = peel_store::SqliteStore::open(&dir.path().join("peel.db"))
        .await
        .unwrap();
    let entries = peel_store::AuditStore::audit_entries(
        &store,
        &peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::OpenDataPublished),
            limit: 10,
            ..peel_store::AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].event.detail.contains("8 street rows"),
        "{:?}",
        entries[0]
    );
}

/// The Met's recorded crime by ward imports to counts whose monthly totals are the file's own
/// (NFIB fraud, which street-level figures do not hold, left out and said so), each ward's
/// counts its own; the borough file is read as a check, not stored.
#[test]
fn the_mets_recorded_crime_by_ward_imports_to_its_own_monthly_totals() {
    let data = data_dir();
    let ward_file = data.join("police_uk/recorded-crime-ward.csv");
    let borough_file = data.join("police_uk/recorded-crime-borough.csv");
    if !ward_file.exists() {
        peel_skip::skip(&format!("absent: {}", ward_file.display()));
        return;
    }
    // The file's own totals by month, NFIB fraud apart, and St James's by category.
    let mut reader = csv::Reader::from_path(&ward_file).unwrap();
    let months: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .skip(5)
        .map(|m| format!("{}-{}", &m[..4], &m[4..]))
        .collect();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    let mut st_james_burglary: u64 = 0;
    for record in reader.records() {
        let record = record.unwrap();
        if &record[0] == "NFIB FRAUD" {
            continue;
        }
        for (month, cell) in months.iter().zip(record.iter().skip(5)) {
            let n: u64 = cell.parse().unwrap();
            *expected.entry(month.clone()).or_default() += n;
            if &record[3] == "E05013806" && &record[0] == "BURGLARY" && month == "2025-01" {
                st_james_burglary += n;
            }
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    import_geography(d, &data.join("geography"));
    // A street-level month of the Met's first: its anti-social behaviour (which the ward file
    // does not hold) stays, its burglary gives way to the ward file's.
    let street = dir.path().join("2025-01-metropolitan-street.csv");
    let row = |kind: &str| {
        format!(
            ",2025-01,Metropolitan Police Service,Metropolitan Police Service,-0.127670,51.503541,On or near Downing Street,,,{kind},,\n"
        )
    };
    std::fs::write(
        &street,
        format!(
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n{}{}{}",
            row("Anti-social behaviour"),
            row("Anti-social behaviour"),
            row("Burglary")
        ),
    )
    .unwrap();
    ok(&super::peel(
        &["stats", "import", "--data-dir", d, street.to_str().unwrap()],
        "",
    ));
    let said = ok(&super::peel(
        &[
            "stats",
            "import",
            "--data-dir",
            d,
            ward_file.to_str().unwrap(),
            borough_file.to_str().unwrap(),
        ],
        "",
    ));
    assert!(
        said.contains("the Met's recorded crime by ward, 18688 rows"),
        "{said}"
    );
    assert!(said.contains("NFIB fraud not counted"), "{said}");
    assert!(
        said.contains("read as a check on the ward file, not stored"),
        "{said}"
    );
    assert!(
        said.contains("the ward and borough files agree in"),
        "{said}"
    );

    let counts = ok(&super::peel(
        &[
            "stats",
            "counts",
            "--data-dir",
            d,
            "--from",
            "2024-01",
            "--to",
            "2026-12",
        ],
        "",
    ));
    let mut got: BTreeMap<String, u64> = BTreeMap::new();
    for line in counts.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[1] != "anti-social-behaviour" {
            *got.entry(f[0].to_owned()).or_default() += f[2].parse::<u64>().unwrap();
        }
    }
    assert_eq!(got, expected);
    let ward = ok(&super::peel(
        &[
            "stats",
            "counts",
            "--data-dir",
            d,
            "--from",
            "2025-01",
            "--to",
            "2025-01",
            "--ward",
            "E05013806",
        ],
        "",
    ));
    assert!(
        ward.lines()
            .any(|l| l == format!("2025-01,burglary,{st_james_burglary}")),
        "{ward}"
    );
    assert!(
        ward.lines().any(|l| l == "2025-01,anti-social-behaviour,2"),
        "the street-level month's anti-social behaviour is kept: {ward}"
    );
}
