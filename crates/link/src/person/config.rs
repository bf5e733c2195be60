//! The linkage configuration: which column identifies a record, how each field is compared,
//! which blocks are searched, which blocks train the model, and the thresholds. Written in TOML;
//! `examples/link/febrl.toml` is a working example and the README documents every key.

use serde::Deserialize;

use super::LinkError;

/// A whole configuration, as read from TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkConfig {
    /// The column holding each record's unique id.
    pub id_column: String,
    /// Pairs at or above this probability are matches and join clusters.
    #[serde(default = "default_match")]
    pub match_threshold: f64,
    /// Pairs at or above this probability but below the match threshold go to clerical review.
    #[serde(default = "default_review")]
    pub review_threshold: f64,
    /// Pairs below this probability are not written out.
    #[serde(default = "default_output")]
    pub output_threshold: f64,
    /// How many random pairs estimate the u probabilities.
    #[serde(default = "default_u_pairs")]
    pub u_sample_pairs: u64,
    /// At most this many pairs from each training block set are used by EM.
    #[serde(default = "default_training_pairs")]
    pub max_training_pairs: u64,
    /// Seed of the random sampling (the same seed gives the same model).
    #[serde(default)]
    pub seed: u64,
    /// How each field is compared.
    #[serde(rename = "comparison")]
    pub comparisons: Vec<ComparisonConfig>,
    /// Blocking rules: a pair is scored when it agrees exactly on every key of any one rule.
    #[serde(rename = "blocking")]
    pub blocking: Vec<BlockConfig>,
    /// Blocks on which m is estimated by EM. Defaults to the blocking rules.
    #[serde(rename = "training", default)]
    pub training: Vec<BlockConfig>,
}

fn default_match() -> f64 {
    0.5
}
fn default_review() -> f64 {
    0.2
}
fn default_output() -> f64 {
    0.05
}
fn default_u_pairs() -> u64 {
    300_000
}
fn default_training_pairs() -> u64 {
    2_000_000
}

/// One field comparison.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonConfig {
    /// The column compared.
    pub column: String,
    /// The name shown in explanations; defaults to the column.
    #[serde(default)]
    pub name: Option<String>,
    /// `exact`, `jaro_winkler`, `levenshtein`, `damerau_levenshtein` or `date`.
    pub method: MethodName,
    /// Similarity levels below exact: Jaro-Winkler similarities (such as 0.92), or edit
    /// distances (such as 1 and 2).
    #[serde(default)]
    pub thresholds: Vec<f64>,
    /// Adjust the weight of an exact agreement by how common the value is.
    #[serde(default)]
    pub term_frequency: bool,
}

/// The comparison methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodName {
    /// Equal or not.
    Exact,
    /// Jaro-Winkler similarity at or above each threshold.
    JaroWinkler,
    /// Levenshtein distance at or below each threshold.
    Levenshtein,
    /// Optimal string alignment distance (a swap of neighbours is one edit).
    DamerauLevenshtein,
    /// Dates of birth: exact, one typing error or day and month swapped, partial (same year and
    /// month, or same day and month), different.
    Date,
}

/// A blocking or training rule: the keys a pair must agree on exactly.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockConfig {
    /// The keys: a column name, or `{ column = "surname", prefix = 3 }`.
    pub keys: Vec<KeyConfig>,
}

/// One key of a rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeyConfig {
    /// The whole value of a column.
    Column(String),
    /// The first characters of a column.
    Prefix {
        /// The column.
        column: String,
        /// How many characters.
        prefix: usize,
    },
}

impl KeyConfig {
    /// The column this key reads.
    pub fn column(&self) -> &str {
        match self {
            KeyConfig::Column(c) | KeyConfig::Prefix { column: c, .. } => c,
        }
    }
}

impl LinkConfig {
    /// Parses and checks a configuration.
    pub fn from_toml(text: &str) -> Result<LinkConfig, LinkError> {
        let config: LinkConfig =
            toml::from_str(text).map_err(|e| LinkError::Config(e.to_string()))?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), LinkError> {
        let bad = |m: String| Err(LinkError::Config(m));
        if self.comparisons.is_empty() {
            return bad("at least one [[comparison]] is needed".into());
        }
        if self.comparisons.len() > 16 {
            return bad("at most 16 comparisons are supported".into());
        }
        if self.blocking.is_empty() {
            return bad("at least one [[blocking]] rule is needed".into());
        }
        for p in [
            self.match_threshold,
            self.review_threshold,
            self.output_threshold,
        ] {
            if !(0.0..=1.0).contains(&p) {
                return bad(format!(
                    "thresholds are probabilities between 0 and 1, not {p}"
                ));
            }
        }
        if self.review_threshold > self.match_threshold {
            return bad("review_threshold must not be above match_threshold".into());
        }
        for c in &self.comparisons {
            let n = c.thresholds.len();
            match c.method {
                MethodName::Exact | MethodName::Date if n > 0 => {
                    return bad(format!(
                        "comparison {}: {:?} takes no thresholds",
                        c.column, c.method
                    ));
                }
                MethodName::JaroWinkler if c.thresholds.iter().any(|t| !(0.0..1.0).contains(t)) => {
                    return bad(format!(
                        "comparison {}: Jaro-Winkler thresholds lie between 0 and 1",
                        c.column
                    ));
                }
                MethodName::Levenshtein | MethodName::DamerauLevenshtein
                    if c.thresholds.iter().any(|t| *t < 1.0 || t.fract() != 0.0) =>
                {
                    return bad(format!(
                        "comparison {}: edit-distance thresholds are whole numbers from 1",
                        c.column
                    ));
                }
                _ => {}
            }
            if n > 12 {
                return bad(format!("comparison {}: at most 12 thresholds", c.column));
            }
        }
        for rule in self.blocking.iter().chain(&self.training) {
            if rule.keys.is_empty() {
                return bad("a blocking or training rule needs at least one key".into());
            }
        }
        Ok(())
    }

    /// The training rules: those given, or else the blocking rules.
    pub fn training_rules(&self) -> &[BlockConfig] {
        if self.training.is_empty() {
            &self.blocking
        } else {
            &self.training
        }
    }

    /// Every column the configuration reads, in first-use order (the id column excluded).
    pub fn columns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let used = self.comparisons.iter().map(|c| c.column.as_str()).chain(
            self.blocking
                .iter()
                .chain(&self.training)
                .flat_map(|r| r.keys.iter().map(KeyConfig::column)),
        );
        for c in used {
            if !out.iter().any(|o| o == c) {
                out.push(c.to_owned());
            }
        }
        out
    }
}
