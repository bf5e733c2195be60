//! The borough and ward sharing pack's statistical disclosure control (issue 18): counts per
//! ward for a safer neighbourhood board or community safety partnership, with small numbers
//! suppressed so no person can be picked out.
//!
//! The stated rule, printed with every pack ([`RULE`]):
//! 1. a count of 1 up to `threshold - 1` is shown as `<threshold` (zero is shown: it identifies
//!    no one);
//! 2. where a row's total is shown and exactly one of its counts is suppressed, the next
//!    smallest count in the row is suppressed too, so the hidden one cannot be worked out by
//!    subtracting the others from the total;
//! 3. a total under the threshold is itself suppressed.

pub mod measure;

/// The rule in words, as the pack states it.
pub const RULE: &str = "Counts from 1 to one below the threshold are shown as \"<threshold\"; where only one count in a row would be hidden, the next smallest is hidden too, so that none can be worked out from the total; a total below the threshold is hidden.";

/// The smallest count shown by default.
pub const DEFAULT_THRESHOLD: u32 = 5;

/// One cell as the pack shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The count.
    Shown(u32),
    /// Withheld: fewer than the threshold (or withheld so another cannot be worked out).
    Suppressed,
}

impl Cell {
    /// The cell as text: the count, or `<threshold`.
    pub fn text(self, threshold: u32) -> String {
        match self {
            Cell::Shown(n) => n.to_string(),
            Cell::Suppressed => format!("<{threshold}"),
        }
    }
}

/// One row of the pack (a ward): its counts by measure, then its total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The ward's name.
    pub ward: String,
    /// Each measure's cell, in the pack's column order.
    pub cells: Vec<Cell>,
    /// The row's total.
    pub total: Cell,
}

/// Applies the rule to one ward's raw counts.
pub fn suppress(ward: &str, counts: &[u32], threshold: u32) -> Row {
    let small = |n: u32| n > 0 && n < threshold;
    let mut cells: Vec<Cell> = counts
        .iter()
        .map(|&n| {
            if small(n) {
                Cell::Suppressed
            } else {
                Cell::Shown(n)
            }
        })
        .collect();
    let total: u32 = counts.iter().sum();
    let total_cell = if small(total) {
        Cell::Suppressed
    } else {
        Cell::Shown(total)
    };
    let hidden = cells.iter().filter(|c| **c == Cell::Suppressed).count();
    if hidden == 1 && matches!(total_cell, Cell::Shown(_)) {
        // The next smallest shown, non-zero count goes too.
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| **n > 0 && cells.get(*i) != Some(&Cell::Suppressed))
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        if let Some(cell) = next.and_then(|i| cells.get_mut(i)) {
            *cell = Cell::Suppressed;
        }
    }
    Row {
        ward: ward.to_owned(),
        cells,
        total: total_cell,
    }
}

/// The pack as CSV: a header of `ward`, the measures and `total`, a row per ward, and the rule
/// stated on the last line. Fields are quoted where they hold a comma, a quote or a line break,
/// and a field that begins with `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet
/// never runs it as a formula.
pub fn csv(measures: &[&str], rows: &[Row], threshold: u32) -> String {
    fn field(text: &str) -> String {
        let text = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_owned()
        };
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }
    let mut out = String::from("ward");
    for m in measures {
        out.push(',');
        out.push_str(&field(m));
    }
    out.push_str(",total\n");
    for row in rows {
        out.push_str(&field(&row.ward));
        for cell in &row.cells {
            out.push(',');
            out.push_str(&cell.text(threshold));
        }
        out.push(',');
        out.push_str(&row.total.text(threshold));
        out.push('\n');
    }
    out.push_str(&field(&format!("# {} (threshold {threshold})", RULE)));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_and_zero_is_shown() {
        let row = suppress("Haggerston", &[12, 3, 0, 7], 5);
        // 3 is hidden; so is the next smallest (7), or 3 = 22 - 12 - 0 - 7.
        assert_eq!(
            row.cells,
            vec![
                Cell::Shown(12),
                Cell::Suppressed,
                Cell::Shown(0),
                Cell::Suppressed
            ]
        );
        assert_eq!(row.total, Cell::Shown(22));
    }

    #[test]
    fn two_hidden_counts_need_no_third() {
        let row = suppress("Dalston", &[20, 1, 2, 9], 5);
        assert_eq!(
            row.cells,
            vec![
                Cell::Shown(20),
                Cell::Suppressed,
                Cell::Suppressed,
                Cell::Shown(9)
            ]
        );
    }

    #[test]
    fn a_small_total_is_hidden_and_then_nothing_more_need_be() {
        let row = suppress("Hoxton East", &[2, 0, 1], 5);
        assert_eq!(row.total, Cell::Suppressed);
        assert_eq!(
            row.cells,
            vec![Cell::Suppressed, Cell::Shown(0), Cell::Suppressed]
        );
    }

    #[test]
    fn the_csv_states_the_rule_and_never_carries_a_formula() {
        let rows = [
            suppress("=HYPERLINK(\"x\")", &[5, 4], 5),
            suppress("Clissold", &[6, 6], 5),
        ];
        let text = csv(&["repeat victims", "open cases, youth"], &rows, 5);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "ward,repeat victims,\"open cases, youth\",total");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",<5,<5,9");
        assert_eq!(lines[2], "Clissold,6,6,12");
        assert!(lines[3].contains("threshold 5"), "{}", lines[3]);
    }

    proptest::proptest! {
        /// Whatever the counts, no shown count is between 1 and the threshold, and no hidden
        /// count is alone in a row whose total is shown.
        #[test]
        fn no_small_count_is_ever_shown_or_can_be_worked_out(
            counts in proptest::collection::vec(0u32..12, 1..8),
            threshold in 2u32..10,
        ) {
            let row = suppress("w", &counts, threshold);
            for cell in &row.cells {
                if let Cell::Shown(n) = cell {
                    proptest::prop_assert!(*n == 0 || *n >= threshold);
                }
            }
            let hidden = row.cells.iter().filter(|c| **c == Cell::Suppressed).count();
            if matches!(row.total, Cell::Shown(_)) {
                proptest::prop_assert!(hidden != 1);
            }
        }
    }
}
