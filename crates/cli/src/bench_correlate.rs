//! `peel bench correlate`: the correlation index over millions of indicator values, against a
//! plain map of strings to postings (the obvious design) in the same run, and the time to link
//! one new submission with everything already indexed.

use std::collections::{HashMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;

use peel_core::classifier::SplitMix64;
use peel_core::{ItemRef, Marking, Source, SubmissionId};
use peel_link::{Added, CorrelationIndex, Kind, Sighting};

use crate::say;

const KINDS: [Kind; 4] = [Kind::Phone, Kind::Email, Kind::BankAccount, Kind::Url];

/// Four indicators per submission: most values fresh, one in five reused from a pool where a
/// few values (scam numbers, mule accounts) recur very often; reporters recur too.
/// One submission of the workload: its item, its reporter and its values.
struct Work {
    item: ItemRef,
    source: Source,
    values: Vec<(Kind, String)>,
}

fn workload(submissions: usize, seed: u64, first: u128) -> Vec<Work> {
    let mut rng = SplitMix64(seed);
    let pool = 200_000_u64;
    let mut fresh = 0_u64;
    (0..submissions)
        .map(|i| {
            let values = KINDS
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
                    (*kind, value)
                })
                .collect();
            let reporter = rng.next_u64() % (submissions as u64 / 2 + 1);
            Work {
                item: ItemRef::Submission(SubmissionId(uuid::Uuid::from_u128(first + i as u128))),
                source: Source::Reporter(format!("r{reporter}")),
                values,
            }
        })
        .collect()
}

/// Adds one submission's values to the index as the store does; returns (links, newly common).
fn add(
    index: &mut CorrelationIndex,
    work: &Work,
    at: i64,
    links: &mut Vec<peel_link::Earlier>,
) -> (usize, usize) {
    links.clear();
    let mut common = 0;
    for (kind, value) in &work.values {
        let sighting = Sighting {
            item: work.item,
            source: &work.source,
            marking: Marking::Amber,
            found_in: "what happened",
            at,
        };
        if let Added::Common { newly: true, .. } = index.add(*kind, value, &sighting, links) {
            common += 1;
        }
    }
    (links.len(), common)
}

/// The baseline: strings all the way, every posting kept, a set of sources per value.
#[derive(Default)]
struct Plain {
    postings: HashMap<(Kind, String), Vec<(String, String)>>,
    sources: HashMap<(Kind, String), HashSet<String>>,
    cap: usize,
}

impl Plain {
    fn add(&mut self, work: &Work) -> usize {
        let (item, source) = (work.item.to_string(), work.source.to_string());
        let mut links = 0;
        for (kind, value) in &work.values {
            let key = (*kind, value.clone());
            let sources = self.sources.entry(key.clone()).or_default();
            sources.insert(source.clone());
            let postings = self.postings.entry(key).or_default();
            if sources.len() <= self.cap {
                links += postings.iter().filter(|(i, _)| *i != item).count();
            }
            postings.push((item.clone(), source.clone()));
        }
        links
    }
}

pub fn run(values: usize, cap: usize) -> anyhow::Result<ExitCode> {
    let submissions = values / KINDS.len();
    say(&format!(
        "workload: {submissions} submissions, {values} indicator values, cap {cap}"
    ));
    let work = workload(submissions, 1, 0);
    let extra = workload(10_000, 2, submissions as u128);

    let started = Instant::now();
    let mut index = CorrelationIndex::with_capacity(cap, values);
    let (mut links, mut common) = (0_usize, 0_usize);
    let mut linked = Vec::new();
    for (at, submission) in work.iter().enumerate() {
        let (n_links, n_common) = add(&mut index, submission, at as i64, &mut linked);
        links += n_links;
        common += n_common;
    }
    let seconds = started.elapsed().as_secs_f64();
    say(&format!(
        "peel: {values} values ({} distinct) indexed with {links} links in {seconds:.2} s: {:.0} values per second ({common} values found common)",
        index.len(),
        values as f64 / seconds
    ));

    let mut times: Vec<f64> = Vec::with_capacity(extra.len());
    let mut new_links = 0;
    for (n, submission) in extra.iter().enumerate() {
        let at = Instant::now();
        new_links += add(&mut index, submission, (work.len() + n) as i64, &mut linked).0;
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
    for submission in &work {
        plain_links += plain.add(submission);
    }
    let plain_seconds = started.elapsed().as_secs_f64();
    say(&format!(
        "baseline (strings in a map, a set of sources per value): {plain_links} links in {plain_seconds:.2} s: {:.0} values per second",
        values as f64 / plain_seconds
    ));
    say(&format!("ratio: {:.2}x", plain_seconds / seconds));
    Ok(ExitCode::SUCCESS)
}
