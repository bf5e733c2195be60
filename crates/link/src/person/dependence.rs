//! Fields that are not independent among different people. Fellegi-Sunter multiplies the
//! evidence of each field as if independent; but suburb follows postcode and state follows both,
//! so two different people in one postcode agree on all three, and counting that three times
//! makes neighbours look like one person (the main source of false matches in FEBRL-like data).
//!
//! Detection: in the random pairs (nearly all different people), two fields whose exact
//! agreements co-occur more than three times as often as independence predicts (with at least
//! 20 such pairs seen) are dependent; dependent fields form groups. Correction: when two or more
//! members of a group agree exactly, their combined u is the chance that random records agree on
//! all of them together, counted exactly from the records, and the weight is reduced by
//! log2(product of their u / combined u). Fields with term-frequency adjustment are left out.

use std::collections::HashMap;

use super::Linker;
use super::compare::Comparison;
use super::train::{Sample, key_agreement, top_mask};

/// A group of dependent comparisons and the correction for each subset agreeing exactly.
#[derive(Debug, Clone)]
pub struct Group {
    /// The members, as a bit mask of comparisons.
    pub members: u32,
    /// The correction (bits, at most 0) by the mask of members agreeing exactly.
    pub corrections: HashMap<u32, f64>,
}

/// The dependent groups found.
#[derive(Debug, Clone, Default)]
pub struct Dependence {
    /// The groups.
    pub groups: Vec<Group>,
    tops: Vec<u8>,
}

impl Dependence {
    /// Finds the groups and computes their corrections. Returns notes for the summary.
    pub(super) fn detect(linker: &Linker, sample: &Sample) -> (Dependence, Vec<String>) {
        let comparisons = &linker.comparisons;
        let k = comparisons.len();
        let tops: Vec<u8> = comparisons.iter().map(Comparison::top).collect();
        let mut parent: Vec<usize> = (0..k).collect();
        fn root(parent: &[usize], mut x: usize) -> usize {
            while let Some(p) = parent.get(x).copied() {
                if p == x {
                    break;
                }
                x = p;
            }
            x
        }
        let eligible = |i: usize| comparisons.get(i).is_some_and(|c| !c.term_frequency);
        for i in 0..k {
            for j in i + 1..k {
                if !eligible(i) || !eligible(j) {
                    continue;
                }
                let both = sample.joint.get(i * k + j).copied().unwrap_or(0.0);
                let (a, b) = (
                    sample.tops.get(i).copied().unwrap_or(0.0),
                    sample.tops.get(j).copied().unwrap_or(0.0),
                );
                let expected = a * b / sample.drawn.max(1.0);
                if both >= 20.0 && both > 3.0 * expected {
                    let (ri, rj) = (root(&parent, i), root(&parent, j));
                    if let Some(slot) = parent.get_mut(ri.max(rj)) {
                        *slot = ri.min(rj);
                    }
                }
            }
        }
        let mut by_root: HashMap<usize, u32> = HashMap::new();
        for i in 0..k {
            *by_root.entry(root(&parent, i)).or_default() |= 1 << i;
        }
        let mut groups = Vec::new();
        let mut notes = Vec::new();
        let mut roots: Vec<(usize, u32)> = by_root
            .into_iter()
            .filter(|(_, m)| m.count_ones() >= 2)
            .collect();
        roots.sort_unstable();
        for (_, members) in roots {
            if members.count_ones() > 6 {
                notes.push("more than six fields depend on each other; not corrected".into());
                continue;
            }
            let mut corrections = HashMap::new();
            // Every subset of two or more members.
            let mut subset = members;
            while subset != 0 {
                if subset.count_ones() >= 2 {
                    corrections.insert(subset, correction(linker, &sample.u, subset));
                }
                subset = (subset - 1) & members;
            }
            let names: Vec<&str> = (0..k)
                .filter(|i| members & (1 << i) != 0)
                .filter_map(|i| comparisons.get(i).map(|c| c.name.as_str()))
                .collect();
            notes.push(format!(
                "{} depend on each other among different people; agreement on them together is \
                 weighed by how often different people agree on all of them ({:.1} bits when all \
                 agree)",
                names.join(", "),
                corrections.get(&members).copied().unwrap_or(0.0)
            ));
            groups.push(Group {
                members,
                corrections,
            });
        }
        (Dependence { groups, tops }, notes)
    }

    /// The correction for a pattern, counting only the `active` comparisons.
    pub fn weight(&self, pattern: u64, active: u32) -> f64 {
        if self.groups.is_empty() {
            return 0.0;
        }
        let at_top = top_mask(pattern, &self.tops) & active;
        self.groups
            .iter()
            .filter_map(|g| g.corrections.get(&(at_top & g.members)))
            .sum()
    }
}

/// log2(product of the members' exact u / their joint exact u), at most 0. The members' own
/// exact u are those already counted in `u` (the top level of each).
fn correction(linker: &Linker, u: &[Vec<f64>], subset: u32) -> f64 {
    let members = || {
        linker
            .comparisons
            .iter()
            .enumerate()
            .filter(move |(i, _)| subset & (1 << i) != 0)
    };
    let single: f64 = members()
        .map(|(i, c)| {
            u.get(i)
                .and_then(|levels| levels.get(usize::from(c.top())))
                .copied()
                .unwrap_or(1.0)
        })
        .product();
    let columns: Vec<&super::records::Column> = members()
        .filter_map(|(_, c)| linker.records.column(c.column))
        .collect();
    let joint = key_agreement(linker, |r| {
        let mut h = 0x243f_6a88_85a3_08d3;
        for col in &columns {
            let v = col.value(r);
            if v == super::records::MISSING {
                return None;
            }
            h = super::block::mix(h ^ u64::from(v).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        Some(h)
    });
    (single / joint).log2().min(0.0)
}
