//! `peel link`: probabilistic person linkage over CSV files (deduplicate one file, or link two),
//! and evaluation against known true links.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use peel_link::person::{Decisions, LinkConfig, Linker, Model, Records, ScoredPair};

use crate::say;

#[derive(Debug, Subcommand)]
pub enum LinkCommand {
    /// Find the records of one file that belong to the same person
    Dedupe {
        /// The records (CSV with a header row)
        file: PathBuf,
        #[command(flatten)]
        options: RunOptions,
    },
    /// Find the records of LEFT and RIGHT that belong to the same person
    Pair {
        /// The first file of records (CSV with a header row)
        left: PathBuf,
        /// The second file, with the same columns
        right: PathBuf,
        #[command(flatten)]
        options: RunOptions,
    },
    /// Print precision, recall and F1 of scored pairs against the true links
    Eval {
        /// pairs.csv written by `peel link dedupe` or `peel link pair`
        #[arg(long)]
        pairs: PathBuf,
        /// The true links: a header, then two record ids per row
        #[arg(long)]
        truth: PathBuf,
        /// Pairs at or above this probability count as matches
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
    },
}

#[derive(Debug, Args)]
pub struct RunOptions {
    /// The linkage configuration (TOML; see examples/link/febrl.toml)
    #[arg(long)]
    config: PathBuf,
    /// Where to write pairs.csv, clusters.csv, review.csv and model.txt
    #[arg(long)]
    out: PathBuf,
    /// clusters.csv from an earlier run: clusters that did not change keep their ids
    #[arg(long)]
    previous: Option<PathBuf>,
    /// Reviewers' decisions (left_id,right_id,decision with match or non-match), such as a
    /// filled-in review.csv from an earlier run; they override the model
    #[arg(long)]
    decisions: Option<PathBuf>,
    /// True links, to report the blocking recall (the share of true pairs that were scored)
    #[arg(long)]
    truth: Option<PathBuf>,
}

pub async fn run(command: LinkCommand) -> anyhow::Result<ExitCode> {
    tokio::task::spawn_blocking(move || match command {
        LinkCommand::Dedupe { file, options } => link(&[file], &options),
        LinkCommand::Pair {
            left,
            right,
            options,
        } => link(&[left, right], &options),
        LinkCommand::Eval {
            pairs,
            truth,
            threshold,
        } => eval(&pairs, &truth, threshold),
    })
    .await?
}

fn bar(len: u64, message: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:30}] {percent:>3}% {elapsed} (ETA {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(message);
    bar
}

fn spinner(message: &'static str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_message(message);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn open(path: &Path) -> anyhow::Result<File> {
    File::open(path).with_context(|| format!("Failed to open {}", path.display()))
}

fn link(files: &[PathBuf], options: &RunOptions) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let text = std::fs::read_to_string(&options.config)
        .with_context(|| format!("Failed to read {}", options.config.display()))?;
    let config = LinkConfig::from_toml(&text).with_context(|| {
        format!(
            "{} is not a valid linkage configuration",
            options.config.display()
        )
    })?;
    let mut records = Records::new(&config.columns());
    for (source, path) in (0_u8..).zip(files) {
        let file = open(path)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let progress = bar(size, "reading");
        records
            .read_csv(
                BufReader::with_capacity(1 << 20, file),
                &config.id_column,
                source,
                &mut |bytes| progress.set_position(bytes),
            )
            .with_context(|| format!("Failed to read {}", path.display()))?;
        progress.finish_and_clear();
    }
    anyhow::ensure!(
        records.len() >= 2,
        "there are fewer than two records to link"
    );
    let decisions = match &options.decisions {
        Some(path) => Decisions::read_csv(BufReader::new(open(path)?))
            .with_context(|| format!("Failed to read {}", path.display()))?,
        None => Decisions::default(),
    };
    let previous = match &options.previous {
        Some(path) => read_clusters(path)?,
        None => HashMap::new(),
    };
    let linker = Linker::new(config, records, files.len() == 2)?;

    let progress = spinner("training");
    let model = linker.train()?;
    progress.finish_and_clear();

    let progress = bar(0, "scoring");
    let floor = linker
        .config
        .output_threshold
        .min(linker.config.review_threshold);
    let (mut pairs, candidates) = linker.score_all(&model, floor, &|done, total| {
        progress.set_length(total);
        progress.set_position(done);
    });
    progress.finish_and_clear();
    let decided = linker.apply_decisions(&mut pairs, &decisions);

    let progress = spinner("writing");
    std::fs::create_dir_all(&options.out)
        .with_context(|| format!("Failed to create {}", options.out.display()))?;
    let written = write_pairs(&linker, &model, &pairs, &options.out.join("pairs.csv"))?;
    let clusters = linker.clusters(&pairs, &previous);
    write_clusters(&linker, &clusters, &options.out.join("clusters.csv"))?;
    let review = write_review(&linker, &pairs, &decisions, &options.out.join("review.csv"))?;
    write_model(&linker, &model, &options.out.join("model.txt"))?;
    progress.finish_and_clear();

    let matches = pairs
        .iter()
        .filter(|p| p.probability() >= linker.config.match_threshold)
        .count();
    let distinct: HashSet<&String> = clusters.iter().collect();
    for note in &model.notes {
        eprintln!("{note}");
    }
    let seconds = started.elapsed().as_secs_f64();
    say(&format!(
        "records={} candidates={candidates} pairs_written={written} matches={matches} \
         review={review} decided={decided} clusters={} seconds={seconds:.2}",
        linker.records.len(),
        distinct.len()
    ));
    if let Some(truth) = &options.truth {
        let truth = read_truth(truth)?;
        let index: HashMap<&str, usize> = linker
            .records
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let (mut found, mut known) = (0_u64, 0_u64);
        for (a, b) in &truth {
            if let (Some(x), Some(y)) = (index.get(a.as_str()), index.get(b.as_str())) {
                known += 1;
                if linker.is_blocked(*x, *y) {
                    found += 1;
                }
            }
        }
        say(&format!(
            "blocking_recall={:.4} ({found} of {known} true pairs are candidates)",
            found as f64 / known.max(1) as f64
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn csv_writer(path: &Path) -> anyhow::Result<csv::Writer<BufWriter<File>>> {
    let file =
        File::create(path).with_context(|| format!("Failed to create {}", path.display()))?;
    Ok(csv::Writer::from_writer(BufWriter::with_capacity(
        1 << 20,
        file,
    )))
}

fn ids<'a>(linker: &'a Linker, pair: &ScoredPair) -> (&'a str, &'a str) {
    let id = |i: u32| {
        linker
            .records
            .ids
            .get(i as usize)
            .map_or("", String::as_str)
    };
    (id(pair.a), id(pair.b))
}

/// pairs.csv: the ids, the probability and weight, then each comparison's weight in bits.
fn write_pairs(
    linker: &Linker,
    model: &Model,
    pairs: &[ScoredPair],
    path: &Path,
) -> anyhow::Result<usize> {
    let mut out = csv_writer(path)?;
    let mut header = vec![
        "left_id".to_owned(),
        "right_id".to_owned(),
        "match_probability".to_owned(),
        "match_weight".to_owned(),
    ];
    header.extend(linker.comparisons.iter().map(|c| format!("w_{}", c.name)));
    header.push("w_dependence".to_owned());
    out.write_record(&header)?;
    let mut written = 0;
    let floor = linker.config.output_threshold;
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for pair in pairs.iter().filter(|p| p.probability() >= floor) {
        let (a, b) = ids(linker, pair);
        row.clear();
        row.push(a.to_owned());
        row.push(b.to_owned());
        row.push(format!("{:.6}", pair.probability()));
        row.push(format!("{:.3}", pair.weight));
        row.extend(
            linker
                .contributions(model, pair)
                .iter()
                .map(|w| format!("{w:.3}")),
        );
        row.push(format!("{:.3}", linker.dependence_weight(model, pair)));
        out.write_record(&row)?;
        written += 1;
    }
    out.flush()?;
    Ok(written)
}

fn write_clusters(linker: &Linker, clusters: &[String], path: &Path) -> anyhow::Result<()> {
    let mut out = csv_writer(path)?;
    out.write_record(["record_id", "cluster_id"])?;
    for (id, cluster) in linker.records.ids.iter().zip(clusters) {
        out.write_record([id, cluster])?;
    }
    out.flush()?;
    Ok(())
}

/// review.csv: pairs between the review and match thresholds not yet decided, with both
/// records' values side by side and an empty decision column for the reviewer.
fn write_review(
    linker: &Linker,
    pairs: &[ScoredPair],
    decisions: &Decisions,
    path: &Path,
) -> anyhow::Result<usize> {
    let mut out = csv_writer(path)?;
    let config = &linker.config;
    let mut header = vec![
        "left_id".to_owned(),
        "right_id".to_owned(),
        "match_probability".to_owned(),
        "decision".to_owned(),
    ];
    for c in &linker.comparisons {
        header.push(format!("left_{}", c.name));
        header.push(format!("right_{}", c.name));
    }
    out.write_record(&header)?;
    let mut n = 0;
    for pair in pairs.iter().filter(|p| {
        let p = p.probability();
        p >= config.review_threshold && p < config.match_threshold
    }) {
        let (a, b) = ids(linker, pair);
        if decisions.get(a, b).is_some() {
            continue;
        }
        let mut row = vec![
            a.to_owned(),
            b.to_owned(),
            format!("{:.6}", pair.probability()),
            String::new(),
        ];
        for c in &linker.comparisons {
            let column = linker.records.column(c.column);
            for r in [pair.a, pair.b] {
                row.push(
                    column
                        .map(|col| col.text(col.value(r as usize)).to_owned())
                        .unwrap_or_default(),
                );
            }
        }
        out.write_record(&row)?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// model.txt: what training did, λ, and m, u and the weight of every level.
fn write_model(linker: &Linker, model: &Model, path: &Path) -> anyhow::Result<()> {
    let file =
        File::create(path).with_context(|| format!("Failed to create {}", path.display()))?;
    let mut out = BufWriter::new(file);
    for note in &model.notes {
        writeln!(out, "# {note}")?;
    }
    writeln!(
        out,
        "prior weight {:.3} (λ = {:.3e})",
        model.prior(),
        model.lambda
    )?;
    writeln!(out, "comparison\tlevel\tm\tu\tweight")?;
    for (i, c) in linker.comparisons.iter().enumerate() {
        for (l, name) in c.level_names().iter().enumerate().skip(1) {
            let get = |v: &Vec<Vec<f64>>| v.get(i).and_then(|x| x.get(l)).copied().unwrap_or(0.0);
            writeln!(
                out,
                "{}\t{name}\t{:.5}\t{:.5}\t{:.3}",
                c.name,
                get(&model.m),
                get(&model.u),
                get(&model.weights)
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn read_clusters(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(BufReader::new(open(path)?));
    let mut out = HashMap::new();
    for row in reader.records() {
        let row = row.with_context(|| format!("Failed to read {}", path.display()))?;
        if let (Some(record), Some(cluster)) = (row.get(0), row.get(1)) {
            out.insert(record.to_owned(), cluster.to_owned());
        }
    }
    Ok(out)
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

fn read_truth(path: &Path) -> anyhow::Result<HashSet<(String, String)>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(BufReader::new(open(path)?));
    let mut out = HashSet::new();
    for row in reader.records() {
        let row = row.with_context(|| format!("Failed to read {}", path.display()))?;
        match (row.get(0), row.get(1)) {
            (Some(a), Some(b)) if a != b => {
                out.insert(ordered(a, b));
            }
            _ => anyhow::bail!(
                "{}: line {} does not hold two different record ids",
                path.display(),
                row.position().map_or(0, csv::Position::line)
            ),
        }
    }
    Ok(out)
}

fn eval(pairs: &Path, truth: &Path, threshold: f64) -> anyhow::Result<ExitCode> {
    let truth = read_truth(truth)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(BufReader::with_capacity(1 << 20, open(pairs)?));
    let headers = reader.headers()?.clone();
    let at = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{} has no {name} column", pairs.display()))
    };
    let (l, r, p) = (at("left_id")?, at("right_id")?, at("match_probability")?);
    let mut predicted = HashSet::new();
    for row in reader.records() {
        let row = row.with_context(|| format!("Failed to read {}", pairs.display()))?;
        let probability: f64 = row
            .get(p)
            .unwrap_or_default()
            .parse()
            .with_context(|| format!("{}: a probability is not a number", pairs.display()))?;
        if probability >= threshold {
            predicted.insert(ordered(
                row.get(l).unwrap_or_default(),
                row.get(r).unwrap_or_default(),
            ));
        }
    }
    let tp = predicted.intersection(&truth).count() as f64;
    let precision = if predicted.is_empty() {
        0.0
    } else {
        tp / predicted.len() as f64
    };
    let recall = if truth.is_empty() {
        0.0
    } else {
        tp / truth.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    say(&format!(
        "precision={precision:.4} recall={recall:.4} f1={f1:.4}"
    ));
    eprintln!(
        "{} predicted pairs at probability {threshold} or more, {} true pairs, {} in both",
        predicted.len(),
        truth.len(),
        tp
    );
    Ok(ExitCode::SUCCESS)
}
