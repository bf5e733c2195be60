//! `peel bench`: the performance figures recorded in BENCHMARKS.md, each beside a baseline
//! measured in the same run.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Subcommand;
use peel_geo::{BOROUGH_FILE, Gazetteer, POSTCODE_FILE, PointLookup};

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Point-to-ward lookups over the 849,409 London crimes of 2022, against exact polygon tests
    Geo {
        /// The shared data folder (holding geography/ and police_uk/)
        #[arg(long, default_value = "../shared/data", env = "PEEL_SHARED_DATA")]
        data: PathBuf,
    },
    /// Full triage (THRIVE, flags, harm, scam classifier) of reports on one core, against
    /// validating the same reports
    Triage {
        /// The shared data folder (holding text/ and reference/)
        #[arg(long, default_value = "../shared/data", env = "PEEL_SHARED_DATA")]
        data: PathBuf,
    },
    /// The correlation index over millions of indicator values, against a plain map of strings
    Correlate {
        /// How many indicator values to index
        #[arg(long, default_value_t = 10_000_000)]
        values: usize,
        /// The over-correlation cap (distinct sources before a value is common)
        #[arg(long, default_value_t = 50)]
        cap: usize,
    },
    /// Every open task's ranked list of people, against checking everyone for every task
    Match {
        /// How many people
        #[arg(long, default_value_t = 20_000)]
        people: usize,
        /// How many open tasks
        #[arg(long, default_value_t = 2_000)]
        tasks: usize,
        /// The generator's seed
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Notifications imported through the whole path, against bulk inserts of the same rows
    Notify {
        /// How many notifications
        #[arg(long, default_value_t = 1_000_000)]
        count: u64,
        /// Notifications per transaction (larger batches write each index page fewer times)
        #[arg(long, default_value_t = 20_000)]
        batch: usize,
        /// Also run it on PostgreSQL at this URL, in fresh schemas dropped afterwards
        #[arg(long)]
        postgres: Option<String>,
    },
    /// A large evidence file over HTTP on loopback to a peel serve of its own, against
    /// sha256sum of the same file, with the server's peak memory growth
    Evidence {
        /// The file's size in megabytes
        #[arg(long, default_value_t = 1024)]
        size_mb: u64,
    },
    /// Crime statistics: importing the 849,409 London crimes of 2022, every ward's measures
    /// beside DuckDB's from the same rows, and the public ward page with ten million crimes held
    Stats {
        /// The shared data folder (holding geography/, police_uk/ and reference/)
        #[arg(long, default_value = "../shared/data", env = "PEEL_SHARED_DATA")]
        data: PathBuf,
        /// About how many recorded crimes the store holds for the page's timing
        #[arg(long, default_value_t = 10_000_000)]
        crimes: u64,
        /// About how many of Peel's own reports the store holds for the pages' timing
        #[arg(long, default_value_t = 10_000_000)]
        reports: u64,
        /// How many pages of each kind to time
        #[arg(long, default_value_t = 2_000)]
        requests: usize,
        /// Also run it on PostgreSQL at this URL, in a fresh schema dropped afterwards
        #[arg(long)]
        postgres: Option<String>,
        /// Write the placed rows, harm table and residents here for DuckDB's side
        #[arg(long)]
        duckdb: Option<PathBuf>,
    },
    /// Reports over HTTP on loopback, full path, against plain SQLite inserts of the same rows
    Intake {
        /// The shared data folder (holding geography/)
        #[arg(long, default_value = "../shared/data", env = "PEEL_SHARED_DATA")]
        data: PathBuf,
        /// How many reports to send for the throughput figure
        #[arg(long, default_value_t = 5_000)]
        n: usize,
        /// Requests in flight at once for the throughput figure
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
        /// The steady rate for the latency figure, per second
        #[arg(long, default_value_t = 200)]
        rate: u32,
        /// How long to hold that rate, in seconds
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Leave the outbox worker off (acknowledgements are still written), to see what it costs
        #[arg(long)]
        without_worker: bool,
    },
}

pub async fn run(command: BenchCommand) -> anyhow::Result<ExitCode> {
    match command {
        BenchCommand::Geo { data } => geo(&data),
        BenchCommand::Triage { data } => triage(&data),
        BenchCommand::Correlate { values, cap } => crate::bench_correlate::run(values, cap),
        BenchCommand::Match {
            people,
            tasks,
            seed,
        } => crate::bench_match::run(people, tasks, seed),
        BenchCommand::Notify {
            count,
            batch,
            postgres,
        } => crate::bench_notify::run(count, batch, postgres).await,
        BenchCommand::Stats {
            data,
            crimes,
            reports,
            requests,
            postgres,
            duckdb,
        } => {
            let sizes = crate::bench_stats::Sizes {
                crimes,
                reports,
                requests,
            };
            crate::bench_stats::run(&data, &sizes, postgres, duckdb).await
        }
        BenchCommand::Evidence { size_mb } => crate::bench_evidence::run(size_mb).await,
        BenchCommand::Intake {
            data,
            n,
            concurrency,
            rate,
            seconds,
            without_worker,
        } => {
            crate::bench_intake::run(&data, n, concurrency, (rate, seconds), !without_worker).await
        }
    }
}

/// Loads the real gazetteer from the data folder.
pub fn load_gazetteer(data: &Path) -> anyhow::Result<Gazetteer> {
    let folder = data.join("geography");
    let postcodes = std::fs::File::open(folder.join(POSTCODE_FILE))
        .with_context(|| format!("Failed to open {}", folder.join(POSTCODE_FILE).display()))?;
    let rows = peel_geo::read_postcode_rows(BufReader::new(postcodes))?;
    let boundaries = std::fs::read_to_string(folder.join(BOROUGH_FILE))
        .with_context(|| format!("Failed to read {}", folder.join(BOROUGH_FILE).display()))?;
    Ok(Gazetteer::new(rows, peel_geo::read_boroughs(&boundaries)?)?)
}

fn read_crime_points(data: &Path) -> anyhow::Result<Vec<(f64, f64)>> {
    let path = data.join("police_uk/london_crimes_2022.csv.gz");
    let file =
        std::fs::File::open(&path).with_context(|| format!("Failed to open {}", path.display()))?;
    let mut csv = csv::Reader::from_reader(flate2::read::GzDecoder::new(BufReader::new(file)));
    let headers = csv.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("no {name} column"))
    };
    let (lat, lon) = (column("latitude")?, column("longitude")?);
    let mut points = Vec::new();
    for record in csv.records() {
        let record = record?;
        let parse = |i: usize| record.get(i).and_then(|v| v.parse::<f64>().ok());
        if let (Some(latitude), Some(longitude)) = (parse(lat), parse(lon)) {
            points.push((latitude, longitude));
        }
    }
    Ok(points)
}

fn geo(data: &Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let gazetteer = load_gazetteer(data)?;
    let built = started.elapsed();
    let points = read_crime_points(data)?;
    crate::say(&format!(
        "Gazetteer: {} postcodes, {} wards, built in {:.2} s",
        gazetteer.n_postcodes(),
        gazetteer.wards().len(),
        built.as_secs_f64()
    ));
    crate::say(&format!(
        "Points: {} crimes from london_crimes_2022.csv.gz",
        points.len()
    ));

    // Peel's lookup: force-area mask, then nearest postcode centroid on the grid.
    let mut outside = 0usize;
    let mut by_lookup: Vec<Option<&str>> = Vec::with_capacity(points.len());
    let timer = Instant::now();
    for (latitude, longitude) in &points {
        match gazetteer.point(*latitude, *longitude) {
            PointLookup::InWard(hit) => by_lookup.push(Some(hit.borough.code.as_str())),
            PointLookup::OutsideForceArea => {
                outside += 1;
                by_lookup.push(None);
            }
        }
    }
    let lookup_time = timer.elapsed();

    // Baseline: the well-kept crates' way, an R-tree (rstar, as geo uses) for the nearest
    // centroid plus the exact polygon test for the force area, same points, same projection.
    let tree = rstar::RTree::bulk_load(
        gazetteer
            .centroids()
            .iter()
            .enumerate()
            .map(|(idx, (lat, lon))| {
                let (x, y) = peel_geo::project_metres(*lat, *lon);
                rstar::primitives::GeomWithData::new([x, y], idx)
            })
            .collect(),
    );
    let timer = Instant::now();
    let mut by_polygon: Vec<Option<&str>> = Vec::with_capacity(points.len());
    let mut baseline_agrees = 0usize;
    for ((latitude, longitude), ours) in points.iter().zip(&by_lookup) {
        let borough = gazetteer
            .borough_by_polygons(*latitude, *longitude)
            .map(|b| b.code.as_str());
        by_polygon.push(borough);
        if borough.is_some() {
            let (x, y) = peel_geo::project_metres(*latitude, *longitude);
            let nearest = tree.nearest_neighbor(&[x, y]).map(|n| n.data);
            let nearest_postcode = nearest.and_then(|idx| gazetteer.postcodes().get(idx));
            let theirs = nearest_postcode
                .and_then(|p| gazetteer.postcode(p))
                .map(|hit| hit.borough.code.as_str());
            if theirs == *ours {
                baseline_agrees += 1;
            }
        }
    }
    let baseline_time = timer.elapsed();

    let rate = |n: usize, time: Duration| n as f64 / time.as_secs_f64();
    let lookups_per_second = rate(points.len(), lookup_time);
    let baseline_per_second = rate(points.len(), baseline_time);
    crate::say(&format!(
        "Peel point-to-ward (grid, one core): {:.0} lookups/s ({:.3} s for {})",
        lookups_per_second,
        lookup_time.as_secs_f64(),
        points.len()
    ));
    crate::say(&format!(
        "Baseline R-tree nearest + exact polygon (one core): {:.0} lookups/s ({:.3} s)",
        baseline_per_second,
        baseline_time.as_secs_f64()
    ));
    crate::say(&format!(
        "Ratio: {:.2}x",
        lookups_per_second / baseline_per_second
    ));
    crate::say(&format!(
        "Baseline and Peel agree on the borough for {baseline_agrees} points"
    ));
    crate::say(&format!("Outside the force area: {outside}"));

    // Accuracy: borough shares by nearest postcode beside shares by polygon.
    let mut agree = 0usize;
    let mut compared = 0usize;
    let mut shares: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for (lookup, polygon) in by_lookup.iter().zip(&by_polygon) {
        if let Some(code) = lookup {
            shares.entry((*code).to_owned()).or_default().0 += 1;
        }
        if let Some(code) = polygon {
            shares.entry((*code).to_owned()).or_default().1 += 1;
        }
        if let (Some(a), Some(b)) = (lookup, polygon) {
            compared += 1;
            if a == b {
                agree += 1;
            }
        }
    }
    crate::say(&format!(
        "Same borough by nearest postcode and by polygon: {:.2}% of {compared}",
        100.0 * agree as f64 / compared.max(1) as f64
    ));
    crate::say(&format!(
        "{:<32} {:>12} {:>12}",
        "Borough", "by lookup %", "by polygon %"
    ));
    let total_lookup: usize = shares.values().map(|s| s.0).sum();
    let total_polygon: usize = shares.values().map(|s| s.1).sum();
    for (code, (lookup, polygon)) in &shares {
        let name = gazetteer
            .borough(code)
            .map(|b| b.name.as_str())
            .unwrap_or(code);
        crate::say(&format!(
            "{:<32} {:>12.2} {:>12.2}",
            name,
            100.0 * *lookup as f64 / total_lookup.max(1) as f64,
            100.0 * *polygon as f64 / total_polygon.max(1) as f64
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn triage(data: &Path) -> anyhow::Result<ExitCode> {
    use peel_core::submission::{Category, NewReport, ReportInput};
    use peel_core::triage::{ContactTimes, HarmTable, History, assess};
    let sms = std::fs::read(data.join("text/uci_sms_spam/SMSSpamCollection"))
        .context("Failed to read the SMS collection")?;
    let (messages, _) = peel_core::classifier::read_labelled(&String::from_utf8_lossy(&sms));
    let (train, _) = peel_core::classifier::split(messages.len());
    let training: Vec<(&str, bool)> = train
        .iter()
        .filter_map(|i| messages.get(*i))
        .map(|(text, scam)| (text.as_str(), *scam))
        .collect();
    let model = peel_core::classifier::Model::train(&training, 10, 0);
    let harm_text = std::fs::read_to_string(
        data.join("reference/cchi_weights_by_policeuk_category_subgroup.csv"),
    )
    .context("Failed to read the harm table")?;
    let harm = HarmTable::from_csv(&harm_text).map_err(anyhow::Error::msg)?;
    let calendar = peel_core::calendar::WorkingCalendar::default();
    let times = ContactTimes::default();
    let now = time::macros::datetime!(2026-11-26 12:00 UTC);
    let inputs: Vec<ReportInput> = messages
        .iter()
        .enumerate()
        .map(|(i, (text, _))| ReportInput {
            description: text.clone(),
            category: Category::ALL
                .get(i % Category::ALL.len())
                .map(|c| c.slug())
                .unwrap_or("not-sure")
                .to_owned(),
            occurred_at: Some(now - time::Duration::minutes((i % 600) as i64)),
            online: true,
            reporter_role: if i % 2 == 0 {
                "victim".into()
            } else {
                "witness".into()
            },
            anonymous: true,
            ..ReportInput::default()
        })
        .collect();

    // Baseline: validating the same reports (the step every report already pays for).
    let timer = Instant::now();
    let reports: Vec<NewReport> = inputs
        .iter()
        .filter_map(|input| NewReport::parse(input, now).ok())
        .collect();
    let validate_time = timer.elapsed();

    let rounds = 20;
    let timer = Instant::now();
    let mut graded = 0usize;
    for _ in 0..rounds {
        for report in &reports {
            let assessment = assess(report, History::default(), now, &harm, &times, &calendar);
            let scam = model.probability(&report.description);
            graded += usize::from(assessment.reasons.len() < 1000 && scam >= 0.0);
        }
    }
    let triage_time = timer.elapsed();
    let rate = |n: usize, t: Duration| n as f64 / t.as_secs_f64();
    let triage_rate = rate(graded, triage_time);
    let validate_rate = rate(reports.len(), validate_time);
    crate::say(&format!(
        "Reports: {} (descriptions from the SMS collection), {rounds} rounds",
        reports.len()
    ));
    crate::say(&format!(
        "Full triage (THRIVE, flags, harm, scam classifier), one core: {triage_rate:.0} reports/s"
    ));
    crate::say(&format!(
        "Baseline, validating the same reports: {validate_rate:.0} reports/s"
    ));
    crate::say(&format!(
        "Ratio (triage / validation): {:.2}",
        triage_rate / validate_rate
    ));
    Ok(ExitCode::SUCCESS)
}
