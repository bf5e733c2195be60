//! The harm table (DOMAIN.md 3): Cambridge Crime Harm Index days per kind of crime, so that
//! a ward's crimes can be weighed by the harm they do rather than counted as if a shoplifting
//! and a rape were the same. The published table is by Home Office subgroup; street-level
//! files give only the police.uk category, so a category's weight is its subgroups' days
//! weighted by how many of each were recorded nationally (the table's own counts), which is
//! what a crime of that category is worth on average.
//!
//! Anti-social behaviour is not a crime and has no weight; Peel's own categories (fraud,
//! online abuse, domestic abuse, hate) are not in the files and have none either. Peel ships no
//! table of its own: a force loads the official one, or the indicative one in the shared data.

use std::collections::BTreeMap;
use std::io::Read;

use crate::stats::police_uk::category_of;
use crate::submission::Category;

/// Days of harm per crime, by category.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HarmTable {
    weights: BTreeMap<&'static str, (Category, f64)>,
}

impl HarmTable {
    /// A table from weights already worked out.
    pub fn from_weights(weights: impl IntoIterator<Item = (Category, f64)>) -> HarmTable {
        HarmTable {
            weights: weights
                .into_iter()
                .map(|(c, w)| (c.slug(), (c, w)))
                .collect(),
        }
    }

    /// The days of harm one crime of `category` does; `None` where the table has none.
    pub fn days(&self, category: Category) -> Option<f64> {
        self.weights.get(category.slug()).map(|(_, w)| *w)
    }

    /// Every category's weight, by slug.
    pub fn weights(&self) -> impl Iterator<Item = (Category, f64)> + '_ {
        self.weights.values().copied()
    }

    /// Whether it holds no weights (none loaded).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Whether a header is the harm table's (`category, prc_subgroup, cchi_days, …`).
pub fn is_harm_header(header: &str) -> bool {
    let fields: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    fields.first().map(String::as_str) == Some("category")
        && fields.iter().any(|f| f == "cchi_days")
}

/// Reads the table: `category, prc_subgroup, cchi_days` and, optionally, a national count
/// column (`national_count…`) to weight subgroups by; without it subgroups count equally.
/// Every bad row is named by its line, and none is dropped silently.
pub fn read(reader: impl Read) -> Result<HarmTable, Vec<String>> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header: Vec<String> = csv
        .headers()
        .map_err(|e| vec![format!("line 1: {e}")])?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h.starts_with(name));
    let (Some(category_at), Some(days_at)) = (column("category"), column("cchi_days")) else {
        return Err(vec![
            "line 1: expected the columns category and cchi_days".to_owned(),
        ]);
    };
    let count_at = column("national_count");
    let mut sums: BTreeMap<&'static str, (Category, f64, f64)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, record) in csv.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        let Some(category) = category_of(field(category_at)) else {
            problems.push(format!(
                "line {line}: \"{}\" is not a police.uk crime category",
                field(category_at)
            ));
            continue;
        };
        let Some(days) = field(days_at)
            .parse::<f64>()
            .ok()
            .filter(|d| d.is_finite() && *d >= 0.0)
        else {
            problems.push(format!(
                "line {line}: cchi_days \"{}\" is not a number of days",
                field(days_at)
            ));
            continue;
        };
        let count = match count_at {
            None => 1.0,
            Some(at) => match field(at).parse::<u64>() {
                Ok(n) => n as f64,
                Err(_) => {
                    problems.push(format!(
                        "line {line}: the national count \"{}\" is not a whole number",
                        field(at)
                    ));
                    continue;
                }
            },
        };
        let entry = sums.entry(category.slug()).or_insert((category, 0.0, 0.0));
        entry.1 += days * count;
        entry.2 += count;
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if sums.is_empty() {
        return Err(vec!["the table holds no rows".to_owned()]);
    }
    Ok(HarmTable::from_weights(sums.into_values().map(
        |(category, weighted, count)| {
            let days = if count > 0.0 { weighted / count } else { 0.0 };
            (category, days)
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "category,prc_subgroup,cchi_days,national_count_2024_25
Burglary,Residential burglary,273.5,166316
Burglary,Non-residential burglary,183.5,78332
Shoplifting,Shoplifting,1.0,525833
Robbery,Robbery of business property,365.0,15322
Robbery,Robbery of personal property,365.0,62281
";

    #[test]
    fn a_category_weighs_its_subgroups_by_their_national_counts() {
        let table = read(TABLE.as_bytes()).unwrap();
        // (273.5 × 166,316 + 183.5 × 78,332) / 244,648 = 59,861,348 / 244,648 = 244.684.
        let burglary = table.days(Category::Burglary).unwrap();
        assert!((burglary - 244.684).abs() < 1e-3, "{burglary}");
        assert_eq!(table.days(Category::Robbery), Some(365.0));
        assert_eq!(table.days(Category::Shoplifting), Some(1.0));
        assert_eq!(table.days(Category::AntiSocialBehaviour), None);
        assert!(is_harm_header(TABLE.lines().next().unwrap()));
        assert!(!is_harm_header("Crime ID,Month,Reported by"));
    }

    #[test]
    fn without_counts_subgroups_count_equally() {
        let table = read(
            "category,prc_subgroup,cchi_days\nBurglary,a,273.5\nBurglary,b,183.5\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(table.days(Category::Burglary), Some(228.5));
    }

    #[test]
    fn bad_rows_are_named_by_line_and_nothing_is_half_loaded() {
        let text = "category,prc_subgroup,cchi_days,national_count\nBurglary,a,many,3\nKnitting,b,2,1\nRobbery,c,365,x\n";
        let problems = read(text.as_bytes()).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("line 2:"), "{problems:?}");
        assert!(problems[1].contains("Knitting"), "{problems:?}");
        assert!(problems[2].starts_with("line 4:"), "{problems:?}");
        assert!(read("name,days\n".as_bytes()).is_err());
        assert!(read("category,prc_subgroup,cchi_days\n".as_bytes()).is_err());
    }

    #[test]
    fn the_shared_indicative_table_reads_whole() {
        let data = peel_skip::shared_data();
        let path = data.join("reference/cchi_weights_by_policeuk_category_subgroup.csv");
        let Ok(file) = std::fs::File::open(&path) else {
            peel_skip::skip(&format!("{} is absent: skipped", path.display()));
            return;
        };
        let table = read(file).unwrap();
        assert_eq!(table.weights().count(), 13);
        let violence = table.days(Category::ViolentCrime).unwrap();
        assert!((violence - 194.215).abs() < 1e-3, "{violence}");
    }
}
