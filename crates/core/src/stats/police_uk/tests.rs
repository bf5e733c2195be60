use proptest::prelude::*;

use super::*;

const STREET_FILE: &str = "\u{feff}Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context
b92474cd,2022-07,City of London Police,City of London Police,-0.116415,51.524797,On or near Gray'S Inn Road,E01000936,Camden 024A,Drugs,Status update unavailable,
,2022-07,City of London Police,City of London Police,-0.107682,51.517786,On or near B521,E01000917,Camden 027C,Anti-social behaviour,,
,2022-07,City of London Police,City of London Police,-0.107682,51.517786,On or near B521,E01000917,Camden 027C,Anti-social behaviour,,
c0ffee,2022-07,City of London Police,City of London Police,,,No location,,,Other theft,Under investigation,
d00d,2022-13,City of London Police,City of London Police,,,No location,,,Other theft,,
e00e,2022-08,City of London Police,City of London Police,-0.1,51.5,\"On or near Bank, Threadneedle Street\",E01000001,City of London 001A,Violence and sexual offences,Unable to prosecute suspect,
f00f,2022-08,City of London Police,City of London Police,-0.1,51.5,On or near Bank,E01000001,City of London 001A,Fraud,,
";

fn read(text: &str, year: Option<i32>) -> (Vec<StreetCrime>, Vec<Problem>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for row in super::rows(text.as_bytes(), year).unwrap_or_else(|e| panic!("{e}")) {
        match row {
            Ok(r) => rows.push(r),
            Err(p) => problems.push(p),
        }
    }
    (rows, problems)
}

#[test]
fn an_official_file_is_read_row_by_row_with_its_quirks_kept_and_bad_rows_named() {
    let (rows, problems) = read(STREET_FILE, None);
    assert_eq!(rows.len(), 5);
    let first = &rows[0];
    assert_eq!(first.crime_id.as_deref(), Some("b92474cd"));
    assert_eq!(
        first.month,
        Month {
            year: 2022,
            month: 7
        }
    );
    assert_eq!(first.point, Some((51.524797, -0.116415)));
    assert_eq!(first.category, Category::Drugs);
    assert_eq!(first.lsoa.as_deref(), Some("E01000936"));
    assert_eq!(first.outcome.as_deref(), Some("Status update unavailable"));
    // Two identical anti-social behaviour rows with no id are two incidents.
    assert_eq!(rows[1], rows[2]);
    assert_eq!(rows[1].crime_id, None);
    // No coordinates: kept, not placed.
    assert_eq!(rows[3].point, None);
    // A quoted comma stays inside its field.
    assert_eq!(rows[4].location, "On or near Bank, Threadneedle Street");
    assert_eq!(rows[4].category, Category::ViolentCrime);
    assert_eq!(
        problems,
        vec![
            Problem {
                line: 6,
                message: "month \"2022-13\" is not YYYY-MM".into()
            },
            Problem {
                line: 8,
                message: "\"Fraud\" is not a police.uk crime type".into()
            },
        ]
    );
}

#[test]
fn a_compact_file_takes_its_year_and_names_its_types_its_own_way() {
    let text = "month,type,location_type,longitude,latitude
1,criminal damage or arson,,-0.1349,51.5067
12,violent or sexual,LU Station,-0.3751,51.4365
3,weapon possession,,,
0,other,,-0.1,51.5
";
    assert!(
        super::rows(text.as_bytes(), None).is_err(),
        "the year is needed"
    );
    let (rows, problems) = read(text, Some(2022));
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].month.to_string(), "2022-01");
    assert_eq!(rows[0].category, Category::CriminalDamageArson);
    assert_eq!(rows[1].location, "LU Station");
    assert_eq!(rows[1].category, Category::ViolentCrime);
    assert_eq!(rows[2].category, Category::PossessionOfWeapons);
    assert_eq!(rows[2].point, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 5);
}

#[test]
fn a_file_that_is_not_street_level_is_refused_by_its_header() {
    let refused = super::rows("Type,Date,Part of a policing operation\n".as_bytes(), None);
    let Err(message) = refused.map(|_| ()) else {
        panic!("a stop-and-search file is not street-level crime")
    };
    assert!(
        message.contains("not a data.police.uk street-level"),
        "{message}"
    );
}

#[test]
fn every_official_crime_type_has_its_category_and_peels_own_are_not_crime_types() {
    for (name, category) in [
        ("Anti-social behaviour", Category::AntiSocialBehaviour),
        ("Bicycle theft", Category::BicycleTheft),
        ("Burglary", Category::Burglary),
        ("Criminal damage and arson", Category::CriminalDamageArson),
        ("Drugs", Category::Drugs),
        ("Other crime", Category::OtherCrime),
        ("Other theft", Category::OtherTheft),
        ("Possession of weapons", Category::PossessionOfWeapons),
        ("Public order", Category::PublicOrder),
        ("Robbery", Category::Robbery),
        ("Shoplifting", Category::Shoplifting),
        ("Theft from the person", Category::TheftFromThePerson),
        ("Vehicle crime", Category::VehicleCrime),
        ("Violence and sexual offences", Category::ViolentCrime),
        ("violent-crime", Category::ViolentCrime),
    ] {
        assert_eq!(category_of(name), Some(category), "{name}");
    }
    for name in [
        "fraud",
        "online-abuse",
        "domestic-abuse",
        "hate-incident",
        "not-sure",
        "",
    ] {
        assert_eq!(category_of(name), None, "{name}");
    }
}

fn street_line(row: &StreetCrime) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let (lon, lat) = row
        .point
        .map_or((String::new(), String::new()), |(lat, lon)| {
            (lon.to_string(), lat.to_string())
        });
    writer
        .write_record([
            row.crime_id.clone().unwrap_or_default(),
            row.month.to_string(),
            row.reported_by.clone(),
            row.falls_within.clone(),
            lon,
            lat,
            row.location.clone(),
            row.lsoa.clone().unwrap_or_default(),
            String::new(),
            crime_type(row.category).unwrap_or_default().to_owned(),
            row.outcome.clone().unwrap_or_default(),
            String::new(),
        ])
        .unwrap_or_default();
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn a_row() -> impl Strategy<Value = StreetCrime> {
    let categories: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|c| crime_type(*c).is_some())
        .collect();
    (
        proptest::option::of("[0-9a-f]{8,64}"),
        (2010_i32..2030, 1_u8..=12),
        "[A-Za-z ]{1,30}",
        proptest::option::of((-89.0_f64..89.0, -179.0_f64..179.0)),
        "[A-Za-z ,'\"]{0,40}",
        proptest::option::of("E0[0-9]{7}"),
        proptest::sample::select(categories),
        proptest::option::of("[A-Za-z ;]{1,40}"),
    )
        .prop_map(
            |(crime_id, (year, month), force, point, location, lsoa, category, outcome)| {
                StreetCrime {
                    crime_id,
                    month: Month { year, month },
                    reported_by: force.trim().to_owned(),
                    falls_within: force.trim().to_owned(),
                    point,
                    location: location.trim().to_owned(),
                    lsoa,
                    category,
                    outcome: outcome
                        .map(|o| o.trim().to_owned())
                        .filter(|o| !o.is_empty()),
                }
            },
        )
        .prop_filter("the force is not empty", |r| !r.reported_by.is_empty())
}

proptest! {
    #[test]
    fn any_bytes_are_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut header = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n".to_vec();
        header.extend(&bytes);
        if let Ok(rows) = super::rows(header.as_slice(), None) {
            for row in rows.flatten() {
                prop_assert!((1..=12).contains(&row.month.month));
                if let Some((lat, lon)) = row.point {
                    prop_assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0);
                }
            }
        }
        let _ = super::rows(bytes.as_slice(), Some(2022)).map(|rows| rows.count());
    }

    #[test]
    fn a_row_written_as_police_uk_writes_it_reads_back_the_same(rows in proptest::collection::vec(a_row(), 1..20)) {
        let mut text = STREET.join(",");
        text.push('\n');
        for row in &rows {
            text.push_str(&street_line(row));
        }
        let (read, problems) = read(&text, None);
        prop_assert!(problems.is_empty(), "{problems:?}");
        prop_assert_eq!(read, rows);
    }
}

/// The City of London's twelve published files (in `../shared/data`, or `PEEL_SHARED_DATA`): every
/// data line is read, each as a row of its file's month, and none is refused.
#[test]
fn the_city_of_londons_published_files_read_whole() {
    let data = peel_skip::shared_data();
    let folder = data.join("police_uk/city_of_london_street_2022-07_2023-06");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        peel_skip::skip(&format!("{} is absent: skipped", folder.display()));
        return;
    };
    let mut total = 0;
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let month = Month::parse(name.get(..7).unwrap_or_default());
        let (rows, problems) = read(&text, None);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert_eq!(rows.len(), text.lines().count() - 1, "{name}");
        assert!(rows.iter().all(|r| Some(r.month) == month), "{name}");
        total += rows.len();
    }
    assert_eq!(total, 9_019, "the folder's rows, as its README counts them");
}

#[test]
fn a_month_begins_and_holds_instants_in_london_time() {
    let july = Month::parse("2025-07").unwrap();
    assert_eq!(july.first_day(), Some(time::macros::date!(2025 - 07 - 01)));
    // British Summer Time: the month begins at 23:00 UTC the evening before.
    assert_eq!(
        july.start(),
        Some(time::macros::datetime!(2025-06-30 23:00 UTC))
    );
    assert_eq!(
        Month::of(time::macros::datetime!(2025-06-30 23:30 UTC)),
        Some(july)
    );
    assert_eq!(
        Month::of(time::macros::datetime!(2025-12-31 23:30 UTC)),
        Month::parse("2025-12"),
        "no summer time in December"
    );
}
