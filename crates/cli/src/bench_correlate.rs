//! `peel bench correlate`: the correlation index over millions of indicator values, against a
//! plain map of strings to postings (the obvious design) in the same run, and the time to link
//! one new submission with everything already indexed.

use std::collections::{HashMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;

use peel_core::Marking;
use peel_core::classifier::SplitMix64;
use peel_link::{CorrelationIndex, Extracted, Kind, Posting, WarningLists};

use crate::say;

const KINDS: [Kind; 4] = [Kind::Phone, Kind::Email, Kind::BankAccount, Kind::Url];

/// Four indicators per submission: most values fresh, one in five reused from a pool where a
/// few values (scam numbers, mule accounts) recur very often; reporters recur too.
fn workload(submissions: usize, seed: u64) -> Vec<(Posting, Vec<Extracted>)> {
    let mut rng = SplitMix64(seed);
    let pool = 200_000_u64;
    let mut fresh = 0_u64;
    (0..submissions)
        .map(|i| {
            let indicators = KINDS
                .iter()
                .map(|kind| {
                    let n = if rng.next_u64().is_multiple_of(5) {
                        // Skewed reuse: u^3 puts most draws on the first values.
                        let u = (rng.next_u64() >> 11) as f64 / (1_u64 << 53) as f64;
                        (u * u * u * pool as f64) as u64
                    } else {
                        fresh += 1;
                        pool + fresh
                    };
                    let value = match kind {
                        Kind::Phone => format!("+447{n:09}"),
                        Kind::Email => format!("user{n}@mail{}.example", n % 97),
                        Kind::BankAccount => format!("{:06}-{:08}", n % 999_999, n),
                        _ => format!("https://shop{n}.example/pay"),
                    };
                    Extracted {
                        kind: *kind,
                        value,
                        start: 0,
                        end: 0,
                    }
                })
                .collect();
            let posting = Posting {
                item: format!("submission:{i}"),
                source: format!("reporter:{}", rng.next_u64() % (submissions as u64 / 2 + 1)),
                marking: Marking::Amber,
            };
            (posting, indicators)
        })
        .collect()
}

/// The baseline: strings all the way, a set of sources per value.
#[derive(Default)]
struct Plain {
    postings: HashMap<(Kind, String), Vec<Posting>>,
    sources: HashMap<(Kind, String), HashSet<String>>,
    cap: usize,
}

impl Plain {
    fn add(&mut self, posting: &Posting, indicators: &[Extracted]) -> usize {
        let mut links = 0;
        for indicator in indicators {
            let key = (indicator.kind, indicator.value.clone());
            let sources = self.sources.entry(key.clone()).or_default();
            sources.insert(posting.source.clone());
            let postings = self.postings.entry(key).or_default();
            if sources.len() <= self.cap {
                links += postings.iter().filter(|p| p.item != posting.item).count();
            }
            postings.push(posting.clone());
        }
        links
    }
}

pub fn run(values: usize, cap: usize) -> anyhow::Result<ExitCode> {
    let submissions = values / KINDS.len();
    say(&format!(
        "workload: {submissions} submissions, {values} indicator values, cap {cap}"
    ));
    let work = workload(submissions, 1);
    let extra = workload(10_000, 2)
        .into_iter()
        .enumerate()
        .map(|(i, (mut p, e))| {
            p.item = format!("submission:new-{i}");
            (p, e)
        })
        .collect::<Vec<_>>();

    let started = Instant::now();
    let mut index = CorrelationIndex::with_capacity(cap, WarningLists::new(), values);
    let (mut links, mut common) = (0_usize, 0_usize);
    for (posting, indicators) in &work {
        let added = index.add(posting, indicators);
        links += added.links.len();
        common += added.common.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    say(&format!(
        "peel: {values} values ({} distinct) indexed with {links} links in {seconds:.2} s: {:.0} values per second ({common} values found common)",
        index.len(),
        values as f64 / seconds
    ));

    let mut times: Vec<f64> = Vec::with_capacity(extra.len());
    let mut new_links = 0;
    for (posting, indicators) in &extra {
        let at = Instant::now();
        new_links += index.add(posting, indicators).links.len();
        times.push(at.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    say(&format!(
        "peel incremental: {} new submissions with {values} values indexed: median {:.1} µs, p99 {:.1} µs, max {:.1} µs per submission ({new_links} links)",
        extra.len(),
        pick(0.5),
        pick(0.99),
        pick(1.0)
    ));
    drop(index);

    let started = Instant::now();
    let mut plain = Plain {
        cap,
        ..Plain::default()
    };
    let mut plain_links = 0;
    for (posting, indicators) in &work {
        plain_links += plain.add(posting, indicators);
    }
    let plain_seconds = started.elapsed().as_secs_f64();
    say(&format!(
        "baseline (strings in a map, a set of sources per value): {plain_links} links in {plain_seconds:.2} s: {:.0} values per second",
        values as f64 / plain_seconds
    ));
    say(&format!("ratio: {:.2}x", plain_seconds / seconds));
    Ok(ExitCode::SUCCESS)
}
