//! `peel stats import` on the real published files, as the README runs it: the City of London
//! folder and the 2022 London file give counts by category and month equal to the files' own
//! rows, rows outside the force area are reported, and a folder imported again changes nothing.

use std::collections::BTreeMap;
use std::io::Read;

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", super::stderr(out));
    super::stdout(out)
}

#[test]
fn the_city_folder_and_the_2022_london_file_import_to_their_own_counts() {
    let data = std::env::var_os("PEEL_DATA_DIR").map_or_else(
        || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        std::path::PathBuf::from,
    );
    let city = data.join("police_uk/city_of_london_street_2022-07_2023-06");
    let london = data.join("police_uk/london_crimes_2022.csv.gz");
    if !london.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI has {}",
            london.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok(&super::peel(
        &[
            "geo",
            "import",
            "--data-dir",
            d,
            data.join("geography").to_str().unwrap(),
        ],
        "",
    ));
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
