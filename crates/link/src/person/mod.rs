//! Probabilistic person linkage (Fellegi-Sunter), for deduplicating one set of records or linking
//! two.
//!
//! The flow: records are read column by column with their values interned; blocking rules pick
//! the candidate pairs (a union, each pair scored once); the model is trained (u from random
//! pairs, m by EM inside training blocks, λ from the training blocks' match shares); every
//! candidate pair gets a match weight, the sum of one weight per field (the waterfall), and a
//! probability; pairs at or above the match threshold form clusters with stable ids; pairs
//! between the review and match thresholds go to clerical review, whose decisions are reused.

mod block;
mod cluster;
mod compare;
mod config;
mod dependence;
mod metrics;
mod records;
mod train;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use block::Rule;
pub use cluster::cluster_ids;
pub use compare::{Comparison, date_level};
pub use config::{BlockConfig, ComparisonConfig, KeyConfig, LinkConfig, MethodName};
pub use records::{Column, MISSING, Records};
pub use train::{Model, probability};

use compare::get_level;

/// What can go wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The configuration is wrong.
    Config(String),
    /// An input file is wrong.
    Input(String),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Config(m) => write!(f, "configuration: {m}"),
            LinkError::Input(m) => write!(f, "input: {m}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// A scored candidate pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// The first record (the left file's, when linking two).
    pub a: u32,
    /// The second record.
    pub b: u32,
    /// The match weight (log2 of the odds), prior included.
    pub weight: f64,
    /// The comparison levels, packed.
    pub pattern: u64,
}

impl ScoredPair {
    /// The match probability.
    pub fn probability(&self) -> f64 {
        probability(self.weight)
    }
}

/// A clerical reviewer's decision on a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The same person.
    Match,
    /// Different people.
    NonMatch,
}

/// Decisions keyed by the two record ids, in either order.
#[derive(Debug, Clone, Default)]
pub struct Decisions(HashMap<(String, String), Decision>);

impl Decisions {
    /// Records a decision.
    pub fn insert(&mut self, left: &str, right: &str, decision: Decision) {
        self.0.insert(Self::key(left, right), decision);
    }

    /// The decision on a pair, if any.
    pub fn get(&self, left: &str, right: &str) -> Option<Decision> {
        self.0.get(&Self::key(left, right)).copied()
    }

    /// How many decisions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn key(a: &str, b: &str) -> (String, String) {
        if a <= b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        }
    }

    /// Reads `left_id,right_id,decision` rows (further columns ignored); a decision is `match`
    /// or `non-match`, and an empty decision is skipped.
    pub fn read_csv<R: std::io::Read>(reader: R) -> Result<Decisions, LinkError> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(reader);
        let headers = csv
            .headers()
            .map_err(|e| LinkError::Input(e.to_string()))?
            .clone();
        let at = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| LinkError::Input(format!("the decisions file has no {name}")))
        };
        let (l, r, d) = (at("left_id")?, at("right_id")?, at("decision")?);
        let mut out = Decisions::default();
        for row in csv.records() {
            let row = row.map_err(|e| LinkError::Input(e.to_string()))?;
            let line = row.position().map_or(0, csv::Position::line);
            let decision = match row.get(d).unwrap_or_default() {
                "" => continue,
                "match" => Decision::Match,
                "non-match" => Decision::NonMatch,
                other => {
                    return Err(LinkError::Input(format!(
                        "line {line}: the decision {other:?} is not match or non-match"
                    )));
                }
            };
            out.insert(
                row.get(l).unwrap_or_default(),
                row.get(r).unwrap_or_default(),
                decision,
            );
        }
        Ok(out)
    }
}

/// The linker: configuration, records, comparisons and blocking rules.
#[derive(Debug)]
pub struct Linker {
    /// The configuration.
    pub config: LinkConfig,
    /// The records.
    pub records: Records,
    /// The comparisons, in configuration order.
    pub comparisons: Vec<Comparison>,
    /// The blocking rules, in configuration order.
    pub rules: Vec<Rule>,
    /// Linking two inputs (pairs only across them) rather than deduplicating one.
    pub link_only: bool,
    sides: (Vec<u32>, Vec<u32>),
}

impl Linker {
    /// Prepares the comparisons and blocking keys.
    pub fn new(config: LinkConfig, records: Records, link_only: bool) -> Result<Linker, LinkError> {
        let comparisons = config
            .comparisons
            .iter()
            .map(|c| {
                records
                    .column_index(&c.column)
                    .map(|i| Comparison::new(c, i))
                    .ok_or_else(|| LinkError::Config(format!("unknown column {}", c.column)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let rules = config
            .blocking
            .iter()
            .map(|r| Rule::new(&records, r))
            .collect::<Result<Vec<_>, _>>()?;
        let all: Vec<u32> = (0..records.len())
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        let sides = if link_only {
            all.iter()
                .partition(|i| records.source.get(**i as usize) == Some(&0))
        } else {
            (all.clone(), all)
        };
        Ok(Linker {
            config,
            records,
            comparisons,
            rules,
            link_only,
            sides,
        })
    }

    /// The records on each side (both sides are every record when deduplicating).
    pub fn sides(&self) -> (&[u32], &[u32]) {
        (&self.sides.0, &self.sides.1)
    }

    /// How many pairs there are in all.
    pub fn total_pairs(&self) -> f64 {
        if self.link_only {
            self.sides.0.len() as f64 * self.sides.1.len() as f64
        } else {
            let n = self.records.len() as f64;
            n * (n - 1.0) / 2.0
        }
    }

    /// The share of records with a value in a column.
    pub fn present_share(&self, column: usize) -> f64 {
        self.records.column(column).map_or(0.0, |c| {
            c.present() as f64 / self.records.len().max(1) as f64
        })
    }

    /// The packed comparison pattern of a pair over the chosen comparisons.
    pub fn pattern(&self, a: usize, b: usize, which: &[bool]) -> u64 {
        train::pattern_of(self, a, b, which)
    }

    /// Trains the model.
    pub fn train(&self) -> Result<Model, LinkError> {
        train::train(self)
    }

    /// Whether any blocking rule makes a candidate of the pair.
    pub fn is_blocked(&self, a: usize, b: usize) -> bool {
        self.rules.iter().any(|r| r.agrees(a, b))
    }

    /// The correction for dependent fields agreeing together (part of the waterfall).
    pub fn dependence_weight(&self, model: &Model, pair: &ScoredPair) -> f64 {
        model.dependence.weight(pair.pattern, u32::MAX)
    }

    /// The weight of each comparison for a pair (the waterfall), prior and dependence excluded.
    pub fn contributions(&self, model: &Model, pair: &ScoredPair) -> Vec<f64> {
        self.comparisons
            .iter()
            .enumerate()
            .map(|(i, c)| self.weight_of(model, i, c, pair.a as usize, pair.pattern))
            .collect()
    }

    fn weight_of(&self, model: &Model, i: usize, c: &Comparison, a: usize, pattern: u64) -> f64 {
        let level = get_level(pattern, i);
        if level == c.top()
            && let Some(Some(tf)) = model.tf_weights.get(i)
        {
            let value = self
                .records
                .column(c.column)
                .map_or(MISSING, |col| col.value(a));
            if let Some(w) = tf.get(value as usize) {
                return *w;
            }
        }
        model
            .weights
            .get(i)
            .and_then(|w| w.get(usize::from(level)))
            .copied()
            .unwrap_or(0.0)
    }

    /// Scores one pair.
    pub fn score(&self, model: &Model, a: usize, b: usize) -> ScoredPair {
        let all = [true; 16];
        let pattern = self.pattern(a, b, &all);
        let weight = model.prior()
            + model.dependence.weight(pattern, u32::MAX)
            + self
                .comparisons
                .iter()
                .enumerate()
                .map(|(i, c)| self.weight_of(model, i, c, a, pattern))
                .sum::<f64>();
        ScoredPair {
            a: u32::try_from(a).unwrap_or(u32::MAX),
            b: u32::try_from(b).unwrap_or(u32::MAX),
            weight,
            pattern,
        }
    }

    /// Scores every candidate pair on all cores, keeping those at or above `floor` probability,
    /// sorted by record. `progress` is called with the pairs visited in the blocks so far and
    /// their total (a pair in the blocks of two rules is visited twice and scored once).
    /// Returns the kept pairs and the number of candidate pairs.
    pub fn score_all(
        &self,
        model: &Model,
        floor: f64,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> (Vec<ScoredPair>, u64) {
        let floor_weight = if floor <= 0.0 {
            f64::NEG_INFINITY
        } else if floor >= 1.0 {
            f64::INFINITY
        } else {
            (floor / (1.0 - floor)).log2()
        };
        let groups: Vec<_> = self.rules.iter().map(Rule::groups).collect();
        // Work in chunks of groups with about 200,000 pairs each: (rule, groups, pairs).
        let mut chunks: Vec<(usize, std::ops::Range<usize>, u64)> = Vec::new();
        for (r, gs) in groups.iter().enumerate() {
            let (mut start, mut pairs) = (0, 0_u64);
            for g in 0..gs.len() {
                let n = gs.members(g).len() as u64;
                pairs += n * (n - 1) / 2;
                if pairs >= 200_000 || g + 1 == gs.len() {
                    chunks.push((r, start..g + 1, pairs));
                    start = g + 1;
                    pairs = 0;
                }
            }
        }
        let total: u64 = chunks.iter().map(|c| c.2).sum();
        let next = AtomicUsize::new(0);
        let done = std::sync::atomic::AtomicU64::new(0);
        let results = Mutex::new(Vec::new());
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let mut kept = Vec::new();
                    let mut seen = 0_u64;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((r, range, pairs)) = chunks.get(i).cloned() else {
                            break;
                        };
                        let Some(gs) = groups.get(r) else {
                            break;
                        };
                        let mut local = 0_u64;
                        for g in range {
                            block::for_each_pair(
                                &self.rules,
                                r,
                                gs,
                                g,
                                &self.records,
                                self.link_only,
                                |a, b| {
                                    local += 1;
                                    let pair = self.score(model, a, b);
                                    if pair.weight >= floor_weight {
                                        kept.push(pair);
                                    }
                                },
                            );
                        }
                        seen += local;
                        progress(done.fetch_add(pairs, Ordering::Relaxed) + pairs, total);
                    }
                    if let Ok(mut all) = results.lock() {
                        all.push((kept, seen));
                    }
                });
            }
        });
        let mut kept = Vec::new();
        let mut candidates = 0;
        for (part, seen) in results.into_inner().unwrap_or_default() {
            kept.extend(part);
            candidates += seen;
        }
        kept.sort_by_key(|p| (p.a, p.b));
        (kept, candidates)
    }

    /// Applies reviewers' decisions: a decided pair's probability becomes 1 or 0. Returns how
    /// many pairs were decided.
    pub fn apply_decisions(&self, pairs: &mut [ScoredPair], decisions: &Decisions) -> usize {
        if decisions.is_empty() {
            return 0;
        }
        let mut applied = 0;
        for pair in pairs.iter_mut() {
            let (Some(a), Some(b)) = (
                self.records.ids.get(pair.a as usize),
                self.records.ids.get(pair.b as usize),
            ) else {
                continue;
            };
            match decisions.get(a, b) {
                Some(Decision::Match) => pair.weight = f64::INFINITY,
                Some(Decision::NonMatch) => pair.weight = f64::NEG_INFINITY,
                None => continue,
            }
            applied += 1;
        }
        applied
    }

    /// Cluster ids for every record from the pairs at or above the match threshold.
    pub fn clusters(
        &self,
        pairs: &[ScoredPair],
        previous: &HashMap<String, String>,
    ) -> Vec<String> {
        let threshold = self.config.match_threshold;
        cluster_ids(
            &self.records.ids,
            pairs
                .iter()
                .filter(|p| p.probability() >= threshold)
                .map(|p| (p.a as usize, p.b as usize)),
            previous,
        )
    }
}
