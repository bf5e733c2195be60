//! A Public Attitude Survey extract (DOMAIN.md 10.1): MOPAC's measures of trust and confidence
//! by area and quarter, shown on the dashboards beside Peel's own satisfaction survey. MOPAC
//! publishes the measures, not the answers, so the extract is one row per area, quarter and
//! measure, in a documented CSV:
//!
//! ```text
//! area,quarter,measure,respondents,share
//! E09000033,2025-Q3,Trust the MPS,412,0.68
//! E05013806,2025-Q3,Police do a good job in the local area,88,61%
//! ```
//!
//! - `area`: a ward's (`E05…`) or a borough's (`E09…`) GSS code, or `London` for the force;
//! - `quarter`: `YYYY-Qn`, the calendar quarter of the fieldwork;
//! - `measure`: the measure's published name (item codes change between waves, so measures are
//!   kept by name, DOMAIN.md 10.1), up to 200 characters;
//! - `respondents`: how many answered, at least one;
//! - `share`: the share agreeing (strongly or tend to) or answering good or excellent, as a
//!   fraction (`0.68`) or a percentage (`68%`).
//!
//! Columns are found by name in any order, without regard to case; other columns are ignored.
//! A bad row is a problem naming its line, and the rest are kept.

use std::io::Read;

use super::police_uk::Problem;

/// The calendar quarter of a survey's fieldwork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
}

impl Quarter {
    /// Reads `YYYY-Qn`.
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, quarter) = text.trim().split_once(['-', ' '])?;
        let year: i32 = year.parse().ok().filter(|y| (1990..=2100).contains(y))?;
        let quarter: u8 = quarter
            .strip_prefix(['Q', 'q'])?
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))?;
        Some(Quarter { year, quarter })
    }

    /// The quarter an instant falls in, London time.
    pub fn of(at: time::OffsetDateTime) -> Option<Quarter> {
        let month = super::police_uk::Month::of(at)?;
        Some(Quarter {
            year: month.year,
            quarter: (month.month - 1) / 3 + 1,
        })
    }

    /// The quarter before.
    pub fn previous(self) -> Quarter {
        if self.quarter <= 1 {
            Quarter {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Quarter {
                quarter: self.quarter - 1,
                ..self
            }
        }
    }

    /// Its first month.
    pub fn first_month(self) -> super::police_uk::Month {
        super::police_uk::Month {
            year: self.year,
            month: (self.quarter.clamp(1, 4) - 1) * 3 + 1,
        }
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

/// Where a measure was taken.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PasArea {
    /// London as a whole.
    London,
    /// A borough or ward, by its GSS code.
    Code(String),
}

impl PasArea {
    /// Reads a GSS code of a ward or borough, or `London`.
    pub fn parse(text: &str) -> Option<PasArea> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("london") {
            return Some(PasArea::London);
        }
        let upper = text.to_ascii_uppercase();
        let well_formed = upper.len() == 9
            && (upper.starts_with("E05") || upper.starts_with("E09"))
            && upper.bytes().skip(1).all(|b| b.is_ascii_digit());
        well_formed.then_some(PasArea::Code(upper))
    }

    /// As stored: the code, or `London`.
    pub fn as_str(&self) -> &str {
        match self {
            PasArea::London => "London",
            PasArea::Code(code) => code,
        }
    }
}

/// One measure of one area in one quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct PasRow {
    /// Where.
    pub area: PasArea,
    /// When.
    pub quarter: Quarter,
    /// The measure's name.
    pub measure: String,
    /// How many answered.
    pub respondents: u64,
    /// The share, 0 to 1.
    pub share: f64,
}

impl PasRow {
    /// Those who agreed, as the share of the respondents rounds to.
    pub fn agreeing(&self) -> u64 {
        (self.share * self.respondents as f64).round() as u64
    }
}

/// The longest measure name kept.
pub const MAX_MEASURE: usize = 200;

const COLUMNS: [&str; 5] = ["area", "quarter", "measure", "respondents", "share"];

/// Whether a header line is an extract's.
pub fn is_pas_header(header: &str) -> bool {
    let fields: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    COLUMNS.iter().all(|c| fields.iter().any(|f| f == c))
}

fn share_of(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, percent) = match text.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (text, false),
    };
    let value: f64 = number.parse().ok().filter(|v: &f64| v.is_finite())?;
    let share = if percent { value / 100.0 } else { value };
    (0.0..=1.0).contains(&share).then_some(share)
}

/// The rows of an extract, each with its line.
pub type Lines = Vec<(u64, PasRow)>;

/// Reads an extract: its rows with their lines, and a problem for each bad one. A file with no
/// header, or a header missing a column, is refused whole.
pub fn read(reader: impl Read) -> Result<(Lines, Vec<Problem>), String> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| format!("the header cannot be read: {e}"))?
        .clone();
    let mut at = [0usize; 5];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!(
                    "the header has no {name:?} column (it needs area, quarter, measure, \
                     respondents and share)"
                )
            })?;
    }
    let [area_at, quarter_at, measure_at, respondents_at, share_at] = at;
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for record in csv.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(Problem {
                    line: e.position().map_or(0, csv::Position::line),
                    message: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let problem = |message: String| Problem { line, message };
        let field = |i: usize| record.get(i).unwrap_or("");
        let Some(area) = PasArea::parse(field(area_at)) else {
            problems.push(problem(format!(
                "area {:?} is not a ward's or borough's code, or London",
                field(area_at)
            )));
            continue;
        };
        let Some(quarter) = Quarter::parse(field(quarter_at)) else {
            problems.push(problem(format!(
                "quarter {:?} is not YYYY-Qn",
                field(quarter_at)
            )));
            continue;
        };
        let measure = field(measure_at).to_owned();
        if measure.is_empty()
            || measure.chars().count() > MAX_MEASURE
            || measure.chars().any(char::is_control)
        {
            problems.push(problem(format!(
                "the measure must be named, in at most {MAX_MEASURE} characters"
            )));
            continue;
        }
        let Some(respondents) = field(respondents_at).parse::<u64>().ok().filter(|n| *n > 0) else {
            problems.push(problem(format!(
                "respondents {:?} is not a whole number above nought",
                field(respondents_at)
            )));
            continue;
        };
        let Some(share) = share_of(field(share_at)) else {
            problems.push(problem(format!(
                "share {:?} is not between 0 and 1 (or 0% and 100%)",
                field(share_at)
            )));
            continue;
        };
        rows.push((
            line,
            PasRow {
                area,
                quarter,
                measure,
                respondents,
                share,
            },
        ));
    }
    Ok((rows, problems))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn quarters_of_london_instants_and_their_neighbours() {
        use time::macros::datetime;
        let q = |year, quarter| Quarter { year, quarter };
        // 23:30 UTC on 30 September is 00:30 on 1 October in London (BST).
        assert_eq!(
            Quarter::of(datetime!(2026-09-30 23:30 UTC)),
            Some(q(2026, 4))
        );
        assert_eq!(
            Quarter::of(datetime!(2026-09-30 22:30 UTC)),
            Some(q(2026, 3))
        );
        assert_eq!(
            Quarter::of(datetime!(2026-01-01 00:00 UTC)),
            Some(q(2026, 1))
        );
        assert_eq!(q(2026, 1).previous(), q(2025, 4));
        assert_eq!(q(2026, 3).previous(), q(2026, 2));
        assert_eq!(q(2026, 4).first_month().to_string(), "2026-10");
        assert_eq!(q(2026, 1).first_month().to_string(), "2026-01");
    }

    #[test]
    fn an_extract_reads_by_column_name_with_fractions_and_percentages() {
        let text = "Share,Area,Quarter,Measure,Respondents,Note\n\
                    0.68,E09000033,2025-Q3,Trust the MPS,412,x\n\
                    61%,e05013806,2025-q3,Police do a good job in the local area,88,\n\
                    55.5%,London,2025-Q2,Trust the MPS,9000,\n";
        let (rows, problems) = read(text.as_bytes()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3, 4]);
        let rows: Vec<PasRow> = rows.into_iter().map(|r| r.1).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].area, PasArea::Code("E09000033".into()));
        assert_eq!(
            rows[0].quarter,
            Quarter {
                year: 2025,
                quarter: 3
            }
        );
        assert_eq!(rows[0].agreeing(), 280, "0.68 of 412 is 280.16");
        assert_eq!(rows[1].area.as_str(), "E05013806");
        assert!((rows[1].share - 0.61).abs() < 1e-12);
        assert_eq!(rows[2].area, PasArea::London);
        assert!((rows[2].share - 0.555).abs() < 1e-12);
        assert_eq!(rows[2].quarter.to_string(), "2025-Q2");
    }

    #[test]
    fn each_bad_row_is_named_by_its_line_and_the_rest_are_kept() {
        let text = "area,quarter,measure,respondents,share\n\
                    E01000001,2025-Q3,Trust,10,0.5\n\
                    E09000033,2025-Q5,Trust,10,0.5\n\
                    E09000033,2025-Q3,,10,0.5\n\
                    E09000033,2025-Q3,Trust,0,0.5\n\
                    E09000033,2025-Q3,Trust,10,1.5\n\
                    E09000033,2025-Q3,Trust,10,0.5\n";
        let (rows, problems) = read(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 7);
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert!(problems[0].message.contains("E01000001"));
        assert!(problems[4].message.contains("between 0 and 1"));
    }

    #[test]
    fn a_header_without_a_column_is_refused_whole() {
        let error = read("area,quarter,measure,share\n".as_bytes()).unwrap_err();
        assert!(error.contains("\"respondents\""), "{error}");
        assert!(is_pas_header(
            "\u{feff}Area, quarter,measure,respondents,share"
        ));
        assert!(!is_pas_header("category,prc_subgroup,cchi_days"));
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = [b"area,quarter,measure,respondents,share\n".as_slice(), &bytes].concat();
            if let Ok((rows, _)) = read(text.as_slice()) {
                for (_, row) in rows {
                    prop_assert!((0.0..=1.0).contains(&row.share));
                    prop_assert!(row.respondents > 0);
                    prop_assert!(row.agreeing() <= row.respondents);
                }
            }
        }

        #[test]
        fn a_written_row_reads_back(
            respondents in 1u64..100_000,
            share in 0.0f64..=1.0,
            year in 1990i32..=2100,
            quarter in 1u8..=4,
            measure in "[A-Za-z][A-Za-z ]{0,40}",
        ) {
            let line = format!(
                "area,quarter,measure,respondents,share\nE09000033,{year}-Q{quarter},{measure},{respondents},{share}\n"
            );
            let (rows, problems) = read(line.as_bytes()).unwrap();
            prop_assert!(problems.is_empty(), "{:?}", problems);
            prop_assert_eq!(rows.len(), 1);
            let row = &rows[0].1;
            prop_assert_eq!(row.respondents, respondents);
            prop_assert_eq!(row.quarter, Quarter { year, quarter });
            prop_assert_eq!(row.measure.as_str(), measure.trim());
            prop_assert!((row.share - share).abs() < 1e-12);
        }
    }
}
