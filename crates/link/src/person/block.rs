//! Blocking: a pair is a candidate when it agrees exactly on every key of at least one rule.
//! Each rule gives every record a 64-bit key (0 when a key value is missing); records are
//! sorted by key and pairs are generated inside each run of equal keys. A pair found by an
//! earlier rule is skipped by later ones, so the union is scored once without a set of pairs.

use super::LinkError;
use super::config::{BlockConfig, KeyConfig};
use super::records::{MISSING, Records};

/// A rule ready to run: each record's key.
#[derive(Debug, Clone)]
pub struct Rule {
    /// A description, such as `surname + date_of_birth`.
    pub name: String,
    /// The columns it reads.
    pub columns: Vec<usize>,
    /// Each record's key; 0 when the record cannot be blocked by this rule.
    pub keys: Vec<u64>,
}

/// SplitMix64's finaliser: spreads the bits of a key.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Rule {
    /// Computes every record's key for a configured rule.
    pub fn new(records: &Records, config: &BlockConfig) -> Result<Rule, LinkError> {
        let mut names = Vec::new();
        let mut columns = Vec::new();
        let mut parts: Vec<(usize, Option<usize>)> = Vec::new();
        for key in &config.keys {
            let column = records.column_index(key.column()).ok_or_else(|| {
                LinkError::Config(format!("unknown column {} in a rule", key.column()))
            })?;
            columns.push(column);
            match key {
                KeyConfig::Column(c) => {
                    names.push(c.clone());
                    parts.push((column, None));
                }
                KeyConfig::Prefix { column: c, prefix } => {
                    names.push(format!("first {prefix} of {c}"));
                    parts.push((column, Some(*prefix)));
                }
            }
        }
        let keys = (0..records.len())
            .map(|r| {
                let mut h = 0x9e37_79b9_7f4a_7c15_u64;
                for (i, (column, prefix)) in parts.iter().enumerate() {
                    let Some(col) = records.column(*column) else {
                        return 0;
                    };
                    let v = col.value(r);
                    if v == MISSING {
                        return 0;
                    }
                    let part = match prefix {
                        None => u64::from(v),
                        Some(n) => fnv(&col.text(v).chars().take(*n).collect::<String>()),
                    };
                    h = mix(h ^ part
                        .wrapping_add(i as u64)
                        .wrapping_mul(0x2545_f491_4f6c_dd1d));
                }
                h.max(1)
            })
            .collect();
        Ok(Rule {
            name: names.join(" + "),
            columns,
            keys,
        })
    }

    /// Whether two records agree on this rule.
    pub fn agrees(&self, a: usize, b: usize) -> bool {
        match (self.keys.get(a), self.keys.get(b)) {
            (Some(x), Some(y)) => *x != 0 && x == y,
            _ => false,
        }
    }

    /// Runs of records sharing a key (each of two or more), sorted by key.
    pub fn groups(&self) -> Groups {
        let mut order: Vec<(u64, u32)> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| **k != 0)
            .map(|(i, k)| (*k, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        order.sort_unstable();
        let mut bounds = Vec::new();
        let mut start = 0;
        for i in 1..=order.len() {
            let same = match (order.get(i), order.get(start)) {
                (Some(x), Some(y)) => x.0 == y.0,
                _ => false,
            };
            if !same {
                if i - start >= 2 {
                    bounds.push((start, i));
                }
                start = i;
            }
        }
        Groups {
            records: order.into_iter().map(|(_, r)| r).collect(),
            bounds,
        }
    }
}

/// Groups of records sharing a key.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    records: Vec<u32>,
    bounds: Vec<(usize, usize)>,
}

impl Groups {
    /// How many groups.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// The members of group `g`, in record order.
    pub fn members(&self, g: usize) -> &[u32] {
        self.bounds
            .get(g)
            .and_then(|(s, e)| self.records.get(*s..*e))
            .unwrap_or_default()
    }

    /// The number of pairs inside all groups.
    pub fn pair_count(&self) -> u64 {
        self.bounds
            .iter()
            .map(|(s, e)| {
                let n = (e - s) as u64;
                n * (n - 1) / 2
            })
            .sum()
    }
}

/// Calls `f` with every pair in group `g` that is a candidate for rule `r`: not already found by
/// an earlier rule, and (when `link_only`) from different inputs. Pairs come as `(a, b)` with
/// `a < b`.
pub fn for_each_pair(
    rules: &[Rule],
    r: usize,
    groups: &Groups,
    g: usize,
    records: &Records,
    link_only: bool,
    mut f: impl FnMut(usize, usize),
) {
    let members = groups.members(g);
    let earlier = rules.get(..r).unwrap_or_default();
    for (i, a) in members.iter().enumerate() {
        for b in members.get(i + 1..).unwrap_or_default() {
            let (a, b) = (*a as usize, *b as usize);
            if link_only && records.source.get(a) == records.source.get(b) {
                continue;
            }
            if earlier.iter().any(|rule| rule.agrees(a, b)) {
                continue;
            }
            f(a, b);
        }
    }
}
