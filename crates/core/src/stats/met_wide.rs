//! The Met's recorded crime by ward and by borough as the London Datastore publishes it: one
//! row per area and offence (Home Office major and minor text), one column per month
//! (`202402`). Rows come one at a time; a bad row is a [`Problem`] naming its line.

use std::io::Read;

use super::police_uk::{Month, Problem};
use crate::submission::Category;

/// The area a row counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Area {
    /// A current ward, with its name and borough as the file gives them.
    Ward {
        /// Its GSS code.
        code: String,
        /// Its name.
        name: String,
        /// Its borough (or the Met's unit, such as "Aviation Security (SO18)").
        borough: String,
    },
    /// A borough, by name.
    Borough(String),
}

/// One row: an area's counts of one offence, month by month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideRow {
    /// The Home Office major offence text.
    pub major: String,
    /// The minor offence text.
    pub minor: String,
    /// The area.
    pub area: Area,
    /// The counts, by month, in the file's order.
    pub counts: Vec<(Month, u64)>,
}

/// The rows of a file.
pub struct WideRows<R: Read> {
    records: csv::StringRecordsIntoIter<R>,
    ward: bool,
    months: Vec<Month>,
}

/// `202402` as a month.
fn month_column(text: &str) -> Option<Month> {
    if text.len() != 6 {
        return None;
    }
    Month::new(text.get(..4)?.parse().ok()?, text.get(4..)?.parse().ok()?)
}

/// Whether a header line is one of the Met's wide files' (it begins `majortext`).
pub fn is_wide_header(header: &str) -> bool {
    header
        .trim_start_matches('\u{feff}')
        .trim_start_matches('"')
        .get(..9)
        .is_some_and(|start| start.eq_ignore_ascii_case("majortext"))
}

/// Opens a file's rows; `Err` names what is wrong with the header.
pub fn rows<R: Read>(reader: R) -> Result<WideRows<R>, String> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header: Vec<String> = csv
        .headers()
        .map_err(|e| format!("the header could not be read: {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let (ward, first_month) = match names.as_slice() {
        [
            "majortext",
            "minortext",
            "wardname",
            "wardcode",
            "lookup_boroughname",
            ..,
        ] => (true, 5),
        ["majortext", "minortext", "boroughname", ..] => (false, 3),
        _ => {
            return Err(
                "the header is not the Met's recorded crime by ward (majortext, minortext, \
                 wardname, wardcode, lookup_boroughname, months) or by borough (majortext, \
                 minortext, boroughname, months)"
                    .to_owned(),
            );
        }
    };
    let months = names
        .get(first_month..)
        .unwrap_or_default()
        .iter()
        .map(|m| month_column(m).ok_or_else(|| format!("{m:?} is not a month column (YYYYMM)")))
        .collect::<Result<Vec<_>, _>>()?;
    if months.is_empty() {
        return Err("the file has no month columns".to_owned());
    }
    Ok(WideRows {
        records: csv.into_records(),
        ward,
        months,
    })
}

impl<R: Read> Iterator for WideRows<R> {
    type Item = Result<WideRow, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = match self.records.next()? {
            Ok(record) => record,
            Err(error) => {
                return Some(Err(Problem {
                    line: error.position().map_or(0, |p| p.line()),
                    message: format!("not a CSV row: {error}"),
                }));
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(i).unwrap_or_default().to_owned();
        let first = if self.ward { 5 } else { 3 };
        if record.len() != first + self.months.len() {
            return Some(Err(Problem {
                line,
                message: format!(
                    "{} fields where the header has {}",
                    record.len(),
                    first + self.months.len()
                ),
            }));
        }
        let mut counts = Vec::with_capacity(self.months.len());
        for (i, month) in self.months.iter().enumerate() {
            let cell = record.get(first + i).unwrap_or_default();
            match cell.parse::<u64>() {
                Ok(n) => counts.push((*month, n)),
                Err(_) => {
                    return Some(Err(Problem {
                        line,
                        message: format!("{month}: {cell:?} is not a count"),
                    }));
                }
            }
        }
        let area = if self.ward {
            Area::Ward {
                code: get(3),
                name: get(2),
                borough: get(4),
            }
        } else {
            Area::Borough(get(2))
        };
        Some(Ok(WideRow {
            major: get(0),
            minor: get(1),
            area,
            counts,
        }))
    }
}

/// Why a row's crimes are not counted among the street-level categories.
pub const NOT_COUNTED_NFIB: &str =
    "fraud recorded by the NFIB (Action Fraud), which forces' street-level figures do not hold";

/// The police.uk category a row's offence is counted under, by its major and minor texts as
/// the Met publishes them; `Err` with why for the offences the street-level categories leave
/// out (NFIB fraud), and for texts this does not know (named, so a new one is seen rather than
/// guessed at). police.uk's categories follow the Home Office groups: sexual offences are in
/// violence and sexual offences, forgery and fraud the force records in other crime, and
/// aggravated vehicle taking in vehicle crime.
pub fn category_of(major: &str, minor: &str) -> Result<Category, String> {
    use Category as C;
    let major = major.trim().to_ascii_uppercase();
    let minor = minor.trim().to_ascii_uppercase();
    Ok(match major.as_str() {
        "ARSON AND CRIMINAL DAMAGE" => C::CriminalDamageArson,
        "BURGLARY" => C::Burglary,
        "DRUG OFFENCES" => C::Drugs,
        "FRAUD AND FORGERY" | "MISCELLANEOUS CRIMES AGAINST SOCIETY" => C::OtherCrime,
        "NFIB FRAUD" => return Err(NOT_COUNTED_NFIB.to_owned()),
        "POSSESSION OF WEAPONS" => C::PossessionOfWeapons,
        "PUBLIC ORDER OFFENCES" => C::PublicOrder,
        "ROBBERY" => C::Robbery,
        "SEXUAL OFFENCES" | "VIOLENCE AGAINST THE PERSON" => C::ViolentCrime,
        "VEHICLE OFFENCES" => C::VehicleCrime,
        "THEFT" => match minor.as_str() {
            "BICYCLE THEFT" => C::BicycleTheft,
            "SHOPLIFTING" => C::Shoplifting,
            "THEFT FROM THE PERSON" => C::TheftFromThePerson,
            _ => C::OtherTheft,
        },
        other => return Err(format!("{other:?} is not an offence group this knows")),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn read(text: &str) -> (Vec<WideRow>, Vec<Problem>) {
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for row in super::rows(text.as_bytes()).unwrap_or_else(|e| panic!("{e}")) {
            match row {
                Ok(r) => rows.push(r),
                Err(p) => problems.push(p),
            }
        }
        (rows, problems)
    }

    #[test]
    fn a_ward_file_reads_each_row_with_its_months_and_names_bad_ones() {
        let text = "\"majortext\",\"minortext\",\"wardname\",\"wardcode\",\"lookup_boroughname\",\"202402\",\"202403\"
\"ARSON AND CRIMINAL DAMAGE\",\"ARSON\",\"Heathrow Villages\",\"E05013570\",\"Aviation Security (SO18)\",0,2
\"BURGLARY\",\"BURGLARY - RESIDENTIAL\",\"St. James's\",\"E05013806\",\"Westminster\",4,x
\"BURGLARY\",\"BURGLARY - RESIDENTIAL\",\"Vincent Square\",\"E05013807\",\"Westminster\",1
";
        let (rows, problems) = read(text);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].minor, "ARSON");
        assert_eq!(
            rows[0].area,
            Area::Ward {
                code: "E05013570".into(),
                name: "Heathrow Villages".into(),
                borough: "Aviation Security (SO18)".into()
            }
        );
        let march = Month::new(2024, 3).unwrap_or_else(|| unreachable!());
        assert_eq!(rows[0].counts.get(1), Some(&(march, 2)));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("\"x\" is not a count"));
        assert_eq!(problems[1].line, 4);
    }

    #[test]
    fn a_borough_file_is_read_and_anything_else_refused_by_its_header() {
        let text = "majortext,minortext,boroughname,202403\nBURGLARY,BURGLARY - RESIDENTIAL,Barking and Dagenham,6\n";
        let (rows, problems) = read(text);
        assert!(problems.is_empty());
        assert_eq!(rows[0].area, Area::Borough("Barking and Dagenham".into()));
        assert!(super::rows("majortext,minortext,boroughname,March\n".as_bytes()).is_err());
        assert!(super::rows("Crime ID,Month\n".as_bytes()).is_err());
    }

    /// The published files (in `../shared/data`): every line read, none refused.
    #[test]
    fn the_published_ward_and_borough_files_read_whole() {
        let data = peel_skip::shared_data();
        for (file, lines) in [
            ("police_uk/recorded-crime-ward.csv", 18_688),
            ("police_uk/recorded-crime-borough.csv", 1_032),
        ] {
            let Ok(text) = std::fs::read_to_string(data.join(file)) else {
                peel_skip::skip("absent: {file}");
                return;
            };
            let (rows, problems) = read(&text);
            assert!(problems.is_empty(), "{file}: {:?}", problems.first());
            assert_eq!(rows.len(), lines, "{file}");
        }
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut text = b"majortext,minortext,boroughname,202403,202404\n".to_vec();
            text.extend(&bytes);
            if let Ok(rows) = super::rows(text.as_slice()) {
                for row in rows.flatten() {
                    prop_assert_eq!(row.counts.len(), 2);
                }
            }
            let _ = super::rows(bytes.as_slice()).map(|rows| rows.count());
        }
    }

    #[test]
    fn a_wide_header_is_known_by_its_first_column() {
        assert!(is_wide_header(
            "\u{feff}\"majortext\",\"minortext\",\"wardname\""
        ));
        assert!(is_wide_header("MajorText,MinorText,BoroughName,202402"));
        assert!(!is_wide_header("Crime ID,Month,Reported by"));
        assert!(!is_wide_header("major"));
    }

    #[test]
    fn every_offence_of_the_published_files_has_a_category_or_a_reason() {
        use crate::submission::Category as C;
        assert_eq!(category_of("THEFT", "SHOPLIFTING"), Ok(C::Shoplifting));
        assert_eq!(category_of("Theft", "other theft"), Ok(C::OtherTheft));
        assert_eq!(category_of("SEXUAL OFFENCES", "RAPE"), Ok(C::ViolentCrime));
        assert_eq!(
            category_of("VEHICLE OFFENCES", "AGGRAVATED VEHICLE TAKING"),
            Ok(C::VehicleCrime)
        );
        assert_eq!(
            category_of("NFIB FRAUD", "NFIB"),
            Err(NOT_COUNTED_NFIB.to_owned())
        );
        assert!(category_of("CYBER", "X").unwrap_err().contains("CYBER"));
        // The real files: nothing unknown.
        let data = peel_skip::shared_data().join("police_uk");
        for name in ["recorded-crime-ward.csv", "recorded-crime-borough.csv"] {
            let Ok(file) = std::fs::File::open(data.join(name)) else {
                peel_skip::skip(&format!("{} is absent", data.join(name).display()));
                continue;
            };
            for row in rows(file).unwrap() {
                let row = row.unwrap();
                if let Err(why) = category_of(&row.major, &row.minor) {
                    assert_eq!(why, NOT_COUNTED_NFIB, "{} / {}", row.major, row.minor);
                }
            }
        }
    }
}
