//! Training the Fellegi-Sunter model.
//!
//! * **u** (how often two different people agree at each level) from random pairs.
//! * **m** (how often two records of one person agree) by expectation-maximisation on the pairs
//!   inside each training block, u held fixed, for the comparisons that do not read the block's
//!   columns; the estimates from several training rules are averaged.
//! * The guard against correlated fields: inside a block of postcodes, two different people
//!   agree on the suburb far more often than two random people, because suburb follows postcode.
//!   Fitting m there makes suburb agreement look like evidence of a match and EM collapses (it is
//!   what breaks Splink's own FEBRL recipe at 200,000 records). So, per training rule, any field
//!   that clearly different people (pairs that differ on most other fields) agree on at more
//!   than five times its random rate, and more than a fifth of the time, is left out of that
//!   rule's EM, and the summary says so.
//! * λ (the chance two random records are one person): each training rule's EM gives the share
//!   of matches among its pairs; dividing by the chance a match agrees on the rule's keys (from
//!   the m of those columns) gives the number of matches in the whole set.

use std::collections::HashMap;

use peel_core::classifier::SplitMix64;

use super::LinkError;
use super::Linker;
use super::block::{Rule, for_each_pair};
use super::compare::{Comparison, get_level, set_level};
use super::dependence::Dependence;

/// A trained model.
#[derive(Debug, Clone)]
pub struct Model {
    /// m per comparison and level (index 0, missing, unused).
    pub m: Vec<Vec<f64>>,
    /// u per comparison and level.
    pub u: Vec<Vec<f64>>,
    /// The chance two random records are the same person.
    pub lambda: f64,
    /// log2(m/u) per comparison and level; 0 for missing.
    pub weights: Vec<Vec<f64>>,
    /// For comparisons with term-frequency adjustment: the weight of exact agreement on each
    /// value number, log2(m / frequency of the value).
    pub tf_weights: Vec<Option<Vec<f64>>>,
    /// Corrections for fields that depend on each other.
    pub dependence: Dependence,
    /// What training did, in plain words (one line each).
    pub notes: Vec<String>,
}

impl Model {
    /// The prior, as a weight: log2(λ / (1 − λ)).
    pub fn prior(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }
}

/// A weight to a probability.
pub fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + (-weight).exp2())
}

fn initial_m(top: u8) -> Vec<f64> {
    let top = usize::from(top);
    let mut m = vec![0.0; top + 1];
    let middle = top.saturating_sub(2);
    for (l, v) in m.iter_mut().enumerate().skip(1) {
        *v = if l == top {
            0.85
        } else if l == 1 {
            0.05
        } else {
            0.10 / middle as f64
        };
    }
    m
}

pub(super) fn train(linker: &Linker) -> Result<Model, LinkError> {
    let config = &linker.config;
    let comparisons = &linker.comparisons;
    let mut notes = Vec::new();
    let sample = estimate_u(linker);
    let (dependence, dependence_notes) = Dependence::detect(linker, &sample);
    notes.extend(dependence_notes);
    let u = sample.u;
    let n_pairs_total = linker.total_pairs();

    let mut m_sum: Vec<Vec<f64>> = comparisons
        .iter()
        .map(|c| vec![0.0; usize::from(c.top()) + 1])
        .collect();
    let mut m_count = vec![0_u32; comparisons.len()];
    let mut rule_estimates: Vec<(Rule, f64)> = Vec::new();

    for rule_config in config.training_rules() {
        let rule = Rule::new(&linker.records, rule_config)?;
        let groups = rule.groups();
        let total = groups.pair_count();
        if total == 0 {
            notes.push(format!("training on {}: no pairs, skipped", rule.name));
            continue;
        }
        let stride = total.div_ceil(config.max_training_pairs.max(1));
        let mut active: Vec<bool> = comparisons
            .iter()
            .map(|c| !rule.columns.contains(&c.column))
            .collect();
        let mut patterns: HashMap<u64, u64> = HashMap::new();
        let mut counter = 0_u64;
        let single = [rule.clone()];
        for g in 0..groups.len() {
            for_each_pair(
                &single,
                0,
                &groups,
                g,
                &linker.records,
                linker.link_only,
                |a, b| {
                    counter += 1;
                    if counter.is_multiple_of(stride) {
                        *patterns.entry(linker.pattern(a, b, &active)).or_default() += 1;
                    }
                },
            );
        }
        for (i, c) in comparisons.iter().enumerate() {
            if active.get(i) == Some(&true) && correlated(&patterns, &active, i, c.top(), &u) {
                if let Some(a) = active.get_mut(i) {
                    *a = false;
                }
                notes.push(format!(
                    "training on {}: {} follows the block's columns (different people in one \
                     block agree on it far more often than chance), so its m is not estimated here",
                    rule.name, c.name
                ));
            }
        }
        let Some((m, lambda_block, observed)) = em(&patterns, &active, linker, &u, &dependence)
        else {
            notes.push(format!(
                "training on {}: EM found no matches, skipped",
                rule.name
            ));
            continue;
        };
        for (i, level_m) in m.iter().enumerate() {
            // An estimate from fewer than 20 matches with the value present is not kept.
            let enough = observed.get(i).is_some_and(|o| *o >= 20.0);
            if active.get(i) == Some(&true)
                && enough
                && let (Some(sum), Some(count)) = (m_sum.get_mut(i), m_count.get_mut(i))
            {
                for (s, v) in sum.iter_mut().zip(level_m) {
                    *s += v;
                }
                *count += 1;
            }
        }
        notes.push(format!(
            "training on {}: {} pairs ({} used), {:.1}% estimated to be matches",
            rule.name,
            total,
            total / stride,
            lambda_block * 100.0
        ));
        rule_estimates.push((rule, lambda_block * total as f64));
    }

    let mut m = Vec::new();
    for (i, c) in comparisons.iter().enumerate() {
        let count = m_count.get(i).copied().unwrap_or(0);
        if count == 0 {
            return Err(LinkError::Config(format!(
                "no training rule estimates m for {}: add a [[training]] rule that does not use \
                 its column",
                c.name
            )));
        }
        m.push(
            m_sum
                .get(i)
                .map(|s| s.iter().map(|v| v / f64::from(count)).collect())
                .unwrap_or_default(),
        );
    }

    // λ from each rule: matches in its blocks divided by the chance a match agrees on its keys.
    let mut matches_total: Vec<f64> = Vec::new();
    for (rule, expected) in &rule_estimates {
        let mut recall: f64 = 1.0;
        for column in &rule.columns {
            if let Some((i, c)) = comparisons
                .iter()
                .enumerate()
                .find(|(_, c)| c.column == *column)
            {
                let present = linker.present_share(c.column);
                let exact: f64 = m
                    .get(i)
                    .and_then(|v: &Vec<f64>| v.get(usize::from(c.top())))
                    .copied()
                    .unwrap_or(1.0);
                recall *= exact * present * present;
            }
        }
        if recall > 0.0 {
            matches_total.push(expected / recall);
        }
    }
    let matches = if matches_total.is_empty() {
        n_pairs_total.max(1.0).sqrt()
    } else {
        matches_total.iter().sum::<f64>() / matches_total.len() as f64
    };
    let lambda = (matches / n_pairs_total.max(1.0)).clamp(1e-12, 0.5);
    notes.push(format!(
        "about {matches:.0} matching pairs expected among {n_pairs_total:.0}, λ = {lambda:.3e}"
    ));

    let weights: Vec<Vec<f64>> = m
        .iter()
        .zip(&u)
        .map(|(ms, us)| {
            ms.iter()
                .zip(us)
                .enumerate()
                .map(|(l, (m, u))| if l == 0 { 0.0 } else { (m / u).log2() })
                .collect()
        })
        .collect();
    let tf_weights = comparisons
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if !c.term_frequency {
                return None;
            }
            let column = linker.records.column(c.column)?;
            let m_top = m.get(i)?.get(usize::from(c.top())).copied()?;
            let present = column.present().max(1) as f64;
            Some(
                column
                    .counts
                    .iter()
                    .map(|n| (m_top / (f64::from(*n).max(1.0) / present)).log2())
                    .collect(),
            )
        })
        .collect();
    Ok(Model {
        m,
        u,
        lambda,
        weights,
        tf_weights,
        dependence,
        notes,
    })
}

/// u per comparison and level: exact agreement from the value frequencies (exactly), the other
/// levels from random pairs drawn in eight fixed streams (the same sample whatever the cores).
fn estimate_u(linker: &Linker) -> Sample {
    const STREAMS: u64 = 8;
    let comparisons = &linker.comparisons;
    let empty: Vec<Vec<f64>> = comparisons
        .iter()
        .map(|c| vec![0.0; usize::from(c.top()) + 1])
        .collect();
    let all = vec![true; comparisons.len()];
    let (left, right) = linker.sides();
    let per_stream = linker.config.u_sample_pairs.div_ceil(STREAMS).max(1);
    let k = comparisons.len();
    let tops: Vec<u8> = comparisons.iter().map(Comparison::top).collect();
    let next = std::sync::atomic::AtomicU64::new(0);
    let totals = std::sync::Mutex::new((empty.clone(), vec![0.0; k * k], 0.0));
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut counts = empty.clone();
                let mut joint = vec![0.0; k * k];
                let mut drawn = 0.0;
                loop {
                    let stream = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if stream >= STREAMS || left.is_empty() || right.is_empty() {
                        break;
                    }
                    let mut rng = SplitMix64(linker.config.seed ^ (0x5eed + stream));
                    let pick = |rng: &mut SplitMix64, side: &[u32]| {
                        let i = (rng.next_u64() % side.len() as u64) as usize;
                        side.get(i).copied().unwrap_or(0) as usize
                    };
                    let (mut done, mut tries) = (0, 0);
                    while done < per_stream && tries < per_stream * 4 {
                        tries += 1;
                        let (a, b) = (pick(&mut rng, left), pick(&mut rng, right));
                        if a == b {
                            continue;
                        }
                        done += 1;
                        drawn += 1.0;
                        let p = linker.pattern(a, b, &all);
                        for (i, row) in counts.iter_mut().enumerate() {
                            if let Some(c) = row.get_mut(usize::from(get_level(p, i))) {
                                *c += 1.0;
                            }
                        }
                        // Joint agreement counts only pairs that differ on most other
                        // fields, so the odd true match in the sample cannot fake a dependence.
                        let at_top = top_mask(p, &tops);
                        if at_top.count_ones() >= 2 {
                            let (present, different) = level_masks(p, k);
                            for (i, j) in mask_pairs(at_top) {
                                let others = !((1_u32 << i) | (1 << j));
                                let (n, d) = (
                                    (present & others).count_ones(),
                                    (different & others).count_ones(),
                                );
                                if n >= 2
                                    && d * 2 >= n
                                    && let Some(c) = joint.get_mut(i * k + j)
                                {
                                    *c += 1.0;
                                }
                            }
                        }
                    }
                }
                if let Ok(mut totals) = totals.lock() {
                    for (t, c) in totals.0.iter_mut().zip(&counts) {
                        for (x, y) in t.iter_mut().zip(c) {
                            *x += y;
                        }
                    }
                    for (x, y) in totals.1.iter_mut().zip(&joint) {
                        *x += y;
                    }
                    totals.2 += drawn;
                }
            });
        }
    });
    let (counts, joint, drawn) = totals.into_inner().unwrap_or((empty, Vec::new(), 0.0));
    let u = counts
        .iter()
        .zip(comparisons)
        .map(|(row, c)| {
            let top = usize::from(c.top());
            let exact = linker
                .records
                .column(c.column)
                .map_or(0.0, |col| exact_agreement(col, linker));
            // Below exact: the sampled shares, smoothed, scaled to what exact leaves.
            let below: Vec<f64> = row.iter().take(top).skip(1).map(|n| n + 1.0).collect();
            let sum: f64 = below.iter().sum();
            let mut u = vec![0.0];
            u.extend(below.iter().map(|n| n / sum * (1.0 - exact)));
            u.push(exact);
            u
        })
        .collect();
    let sampled_tops: Vec<f64> = counts
        .iter()
        .zip(&tops)
        .map(|(row, t)| row.get(usize::from(*t)).copied().unwrap_or(0.0))
        .collect();
    Sample {
        u,
        tops: sampled_tops,
        joint,
        drawn,
    }
}

/// What the random pairs showed.
pub(super) struct Sample {
    /// u per comparison and level.
    pub u: Vec<Vec<f64>>,
    /// How many sampled pairs agreed exactly, per comparison.
    pub tops: Vec<f64>,
    /// How many agreed exactly on both of two comparisons (`i * k + j`, `i < j`).
    pub joint: Vec<f64>,
    /// How many pairs were drawn.
    pub drawn: f64,
}

/// The comparisons at their top level in a pattern, as a bit mask.
pub(super) fn top_mask(pattern: u64, tops: &[u8]) -> u32 {
    tops.iter()
        .enumerate()
        .filter(|(i, t)| get_level(pattern, *i) == **t)
        .fold(0, |m, (i, _)| m | (1 << i))
}

/// The comparisons with both values present, and those at level 1 (different), as masks.
fn level_masks(pattern: u64, k: usize) -> (u32, u32) {
    (0..k).fold((0, 0), |(present, different), i| {
        match get_level(pattern, i) {
            0 => (present, different),
            1 => (present | (1 << i), different | (1 << i)),
            _ => (present | (1 << i), different),
        }
    })
}

/// The pairs `(i, j)`, `i < j`, of set bits.
fn mask_pairs(mask: u32) -> impl Iterator<Item = (usize, usize)> {
    (0..32_usize)
        .filter(move |i| mask & (1 << i) != 0)
        .flat_map(move |i| {
            (i + 1..32)
                .filter(move |j| mask & (1 << j) != 0)
                .map(move |j| (i, j))
        })
}

/// The chance that two random records, both with a value, agree exactly on it.
fn exact_agreement(column: &super::records::Column, linker: &Linker) -> f64 {
    key_agreement(linker, |r| {
        let v = column.value(r);
        (v != super::records::MISSING).then_some(u64::from(v))
    })
}

/// The chance that two random records (across the two inputs when linking), both with a key,
/// have the same key.
pub(super) fn key_agreement(linker: &Linker, key: impl Fn(usize) -> Option<u64>) -> f64 {
    let (left, right) = linker.sides();
    let mut on_left: HashMap<u64, f64> = HashMap::new();
    let mut present_left = 0.0;
    for r in left {
        if let Some(k) = key(*r as usize) {
            *on_left.entry(k).or_default() += 1.0;
            present_left += 1.0;
        }
    }
    if !linker.link_only {
        let agree: f64 = on_left.values().map(|n| n * (n - 1.0)).sum();
        return ((agree + 1.0) / (present_left * (present_left - 1.0) + 1.0)).min(1.0);
    }
    let (mut agree, mut present_right) = (0.0, 0.0);
    for r in right {
        if let Some(k) = key(*r as usize) {
            present_right += 1.0;
            agree += on_left.get(&k).copied().unwrap_or(0.0);
        }
    }
    ((agree + 1.0) / (present_left * present_right + 1.0)).min(1.0)
}

/// Whether comparison `i` is correlated with the block (see the module notes).
fn correlated(
    patterns: &HashMap<u64, u64>,
    active: &[bool],
    i: usize,
    top: u8,
    u: &[Vec<f64>],
) -> bool {
    let (mut agree, mut seen) = (0_u64, 0_u64);
    for (p, n) in patterns {
        let level = get_level(*p, i);
        if level == 0 {
            continue;
        }
        let (mut present, mut different) = (0, 0);
        for (j, on) in active.iter().enumerate() {
            if j == i || !on {
                continue;
            }
            match get_level(*p, j) {
                0 => {}
                1 => {
                    present += 1;
                    different += 1;
                }
                _ => present += 1,
            }
        }
        if present >= 2 && different * 3 >= present * 2 {
            seen += n;
            if level == top {
                agree += n;
            }
        }
    }
    if seen < 50 {
        return false;
    }
    let rate = agree as f64 / seen as f64;
    let random = u
        .get(i)
        .and_then(|v| v.get(usize::from(top)))
        .copied()
        .unwrap_or(1.0);
    rate > 0.2 && rate > 5.0 * random
}

/// EM over pattern counts with u fixed; returns m per comparison, the share of matches, and
/// how many matches were seen with each comparison's values present.
fn em(
    patterns: &HashMap<u64, u64>,
    active: &[bool],
    linker: &Linker,
    u: &[Vec<f64>],
    dependence: &Dependence,
) -> Option<(Vec<Vec<f64>>, f64, Vec<f64>)> {
    let active_mask = active
        .iter()
        .enumerate()
        .filter(|(_, on)| **on)
        .fold(0_u32, |m, (i, _)| m | (1 << i));
    let comparisons = &linker.comparisons;
    let mut m: Vec<Vec<f64>> = comparisons.iter().map(|c| initial_m(c.top())).collect();
    let mut observed = vec![0.0; comparisons.len()];
    let mut lambda: f64 = 0.3;
    let total: u64 = patterns.values().sum();
    if total == 0 {
        return None;
    }
    let entries: Vec<(u64, f64)> = patterns.iter().map(|(p, n)| (*p, *n as f64)).collect();
    for _ in 0..200 {
        let mut num: Vec<Vec<f64>> = m.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut matched = 0.0;
        let prior = (lambda / (1.0 - lambda)).ln();
        for (p, n) in &entries {
            let mut logit = prior + dependence.weight(*p, active_mask) * std::f64::consts::LN_2;
            for (i, on) in active.iter().enumerate() {
                let level = usize::from(get_level(*p, i));
                if !on || level == 0 {
                    continue;
                }
                let mi = m.get(i).and_then(|v| v.get(level)).copied().unwrap_or(1.0);
                let ui = u.get(i).and_then(|v| v.get(level)).copied().unwrap_or(1.0);
                logit += (mi.max(1e-12) / ui.max(1e-12)).ln();
            }
            let w = 1.0 / (1.0 + (-logit).exp());
            matched += w * n;
            for (i, on) in active.iter().enumerate() {
                let level = usize::from(get_level(*p, i));
                if *on
                    && level != 0
                    && let Some(v) = num.get_mut(i).and_then(|v| v.get_mut(level))
                {
                    *v += w * n;
                }
            }
        }
        if matched <= 0.0 {
            return None;
        }
        let mut change: f64 = 0.0;
        for (i, row) in num.iter().enumerate() {
            if active.get(i) != Some(&true) {
                continue;
            }
            let sum: f64 = row.iter().skip(1).sum();
            if let Some(o) = observed.get_mut(i) {
                *o = sum;
            }
            let levels = row.len().saturating_sub(1) as f64;
            if let Some(old) = m.get_mut(i) {
                for (o, v) in old.iter_mut().zip(row).skip(1) {
                    let new = (v + 1e-3) / (sum + 1e-3 * levels);
                    change = change.max((new - *o).abs());
                    *o = new;
                }
            }
        }
        let new_lambda = (matched / total as f64).clamp(1e-9, 1.0 - 1e-9);
        change = change.max((new_lambda - lambda).abs());
        lambda = new_lambda;
        if change < 1e-6 {
            break;
        }
    }
    Some((m, lambda, observed))
}

/// The packed pattern of a pair over the chosen comparisons.
pub(super) fn pattern_of(linker: &Linker, a: usize, b: usize, which: &[bool]) -> u64 {
    let mut p = 0;
    for (i, c) in linker.comparisons.iter().enumerate() {
        if which.get(i) != Some(&true) {
            continue;
        }
        if let Some(column) = linker.records.column(c.column) {
            p = set_level(p, i, c.level(column, column.value(a), column.value(b)));
        }
    }
    p
}
