//! Field comparisons. Each gives a level: 0 when either value is missing (neutral: it neither
//! supports nor opposes a match), 1 when the values differ, and higher levels for closer
//! agreement up to the top level, exact agreement.

use super::config::{ComparisonConfig, MethodName};
use super::metrics;
use super::records::{Column, MISSING};

/// Bits per comparison in a packed pattern.
pub const BITS: u32 = 4;

/// A comparison ready to run.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The name shown in explanations.
    pub name: String,
    /// The position of its column in the records.
    pub column: usize,
    /// The method.
    pub method: MethodName,
    /// Thresholds, strictest first.
    pub thresholds: Vec<f64>,
    /// Whether exact agreement is weighted by how common the value is.
    pub term_frequency: bool,
}

impl Comparison {
    /// Builds a comparison over column number `column`.
    pub fn new(config: &ComparisonConfig, column: usize) -> Comparison {
        let mut thresholds = config.thresholds.clone();
        // Strictest first: highest similarity, or smallest distance.
        match config.method {
            MethodName::JaroWinkler => thresholds.sort_by(|a, b| b.total_cmp(a)),
            _ => thresholds.sort_by(f64::total_cmp),
        }
        thresholds.dedup();
        Comparison {
            name: config.name.clone().unwrap_or_else(|| config.column.clone()),
            column,
            method: config.method,
            thresholds,
            term_frequency: config.term_frequency,
        }
    }

    /// The top level (exact agreement).
    pub fn top(&self) -> u8 {
        match self.method {
            MethodName::Date => 4,
            _ => 2 + u8::try_from(self.thresholds.len()).unwrap_or(12),
        }
    }

    /// A short description of each level, from 0 to the top.
    pub fn level_names(&self) -> Vec<String> {
        let mut names = vec!["missing".to_owned(), "different".to_owned()];
        match self.method {
            MethodName::Date => {
                names.push("partly the same".into());
                names.push("one typing error or day and month swapped".into());
            }
            MethodName::JaroWinkler => {
                names.extend(
                    self.thresholds
                        .iter()
                        .rev()
                        .map(|t| format!("similarity {t}+")),
                );
            }
            MethodName::Levenshtein | MethodName::DamerauLevenshtein => {
                names.extend(
                    self.thresholds
                        .iter()
                        .rev()
                        .map(|t| format!("{t} edits or fewer")),
                );
            }
            MethodName::Exact => {}
        }
        names.push("exact".into());
        names
    }

    /// The level for two value numbers of this comparison's column.
    pub fn level(&self, column: &Column, a: u32, b: u32) -> u8 {
        if a == MISSING || b == MISSING {
            return 0;
        }
        if a == b {
            return self.top();
        }
        let (x, y) = (column.text(a), column.text(b));
        let top = self.top();
        match self.method {
            MethodName::Exact => 1,
            MethodName::Date => date_level(x, y),
            MethodName::JaroWinkler => {
                let s = metrics::jaro_winkler(x, y);
                self.graded(|t| s >= t, top)
            }
            MethodName::Levenshtein | MethodName::DamerauLevenshtein => {
                let bound = self.thresholds.last().copied().unwrap_or(0.0) as usize;
                let swaps = self.method == MethodName::DamerauLevenshtein;
                match metrics::distance_within(x, y, bound, swaps) {
                    Some(d) => self.graded(|t| d as f64 <= t, top),
                    None => 1,
                }
            }
        }
    }

    fn graded(&self, meets: impl Fn(f64) -> bool, top: u8) -> u8 {
        for (i, t) in self.thresholds.iter().enumerate() {
            if meets(*t) {
                return top - 1 - u8::try_from(i).unwrap_or(0);
            }
        }
        1
    }
}

/// Dates as eight digits `YYYYMMDD`, from `YYYYMMDD`, `YYYY-MM-DD` or `DD/MM/YYYY`.
fn digits(text: &str) -> Option<[u8; 8]> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let joined = match parts.as_slice() {
        [one] => (*one).to_owned(),
        [y, m, d] if y.len() == 4 => format!("{y}{m:0>2}{d:0>2}"),
        [d, m, y] if y.len() == 4 => format!("{y}{m:0>2}{d:0>2}"),
        _ => return None,
    };
    let bytes: [u8; 8] = joined.as_bytes().try_into().ok()?;
    bytes.iter().all(u8::is_ascii_digit).then_some(bytes)
}

/// Levels of a date comparison: 1 different, 2 partly the same (year and month, or day and
/// month), 3 one typing error, neighbouring digits swapped, or day and month swapped, 4 exact.
pub fn date_level(x: &str, y: &str) -> u8 {
    let (Some(a), Some(b)) = (digits(x), digits(y)) else {
        return if x == y { 4 } else { 1 };
    };
    if a == b {
        return 4;
    }
    let (year_a, month_a, day_a) = (a.get(..4), a.get(4..6), a.get(6..8));
    let (year_b, month_b, day_b) = (b.get(..4), b.get(4..6), b.get(6..8));
    let swapped = year_a == year_b && month_a == day_b && day_a == month_b;
    let differing = a.iter().zip(&b).filter(|(p, q)| p != q).count();
    let neighbour_swap = differing == 2
        && a.windows(2)
            .zip(b.windows(2))
            .any(|(p, q)| p.first() == q.get(1) && p.get(1) == q.first() && p != q);
    if swapped || differing == 1 || neighbour_swap {
        3
    } else if month_a == month_b && (year_a == year_b || day_a == day_b) {
        2
    } else {
        1
    }
}

/// Packs levels, `BITS` each, comparison 0 lowest.
pub fn set_level(pattern: u64, i: usize, level: u8) -> u64 {
    pattern | (u64::from(level) << (BITS as usize * i))
}

/// The level of comparison `i` in a packed pattern.
pub fn get_level(pattern: u64, i: usize) -> u8 {
    ((pattern >> (BITS as usize * i)) & ((1 << BITS) - 1)) as u8
}
