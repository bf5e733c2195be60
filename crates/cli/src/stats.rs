//! `peel stats import`: data.police.uk street-level files (and folders of them) into Peel's
//! crime counts, each row placed in a current ward. The service is [`peel_app::stats`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Subcommand;
use peel_app::{Context, SystemClock};

use crate::StoreArgs;
use crate::config::Settings;
use crate::say;

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Import street-level crime files as data.police.uk publishes them (CSV, or CSV.gz), or
    /// folders of them; a source's month imported again replaces what was there. A harm table
    /// (category, prc_subgroup, cchi_days, national_count…) is loaded in place of the last
    Import {
        #[command(flatten)]
        store: StoreArgs,
        /// Files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the crimes counted, as CSV (month, category, crimes), for a ward or everything
    Counts {
        #[command(flatten)]
        store: StoreArgs,
        /// The first month, YYYY-MM
        #[arg(long)]
        from: String,
        /// The last month, YYYY-MM
        #[arg(long)]
        to: String,
        /// Only this ward (a current ward's code)
        #[arg(long)]
        ward: Option<String>,
    },
}

/// The files named, folders opened (their CSV files in name order).
fn files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("Failed to read the folder {}", path.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.to_string_lossy().to_ascii_lowercase();
                    name.ends_with(".csv") || name.ends_with(".csv.gz")
                })
                .collect();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn open(path: &Path) -> anyhow::Result<Box<dyn std::io::Read + Send>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("Failed to open {}", path.display()))?;
    let reader = std::io::BufReader::new(file);
    Ok(
        if path.to_string_lossy().to_ascii_lowercase().ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(reader))
        } else {
            Box::new(reader)
        },
    )
}

/// Whether a file is the harm table rather than crimes, by its first line.
fn is_harm_table(path: &Path) -> anyhow::Result<bool> {
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(open(path)?), &mut first)
        .with_context(|| format!("Failed to read {}", path.display()))?;
    Ok(peel_core::stats::harm::is_harm_header(&first))
}

fn month(text: &str, what: &str) -> anyhow::Result<peel_core::stats::police_uk::Month> {
    peel_core::stats::police_uk::Month::parse(text)
        .ok_or_else(|| anyhow::anyhow!("--{what} {text:?} is not a month (YYYY-MM)"))
}

pub async fn run(command: StatsCommand) -> anyhow::Result<ExitCode> {
    let (store, paths) = match command {
        StatsCommand::Import { store, paths } => (store, paths),
        StatsCommand::Counts {
            store,
            from,
            to,
            ward,
        } => {
            let (from, to) = (month(&from, "from")?, month(&to, "to")?);
            let ward = ward
                .map(|w| peel_core::WardCode::parse(&w).map_err(|e| anyhow::anyhow!("--ward: {e}")))
                .transpose()?;
            let settings = Settings::load(&store, None)?;
            let opened = settings.open_store().await?;
            say("month,category,crimes");
            for (month, category, n) in opened.crime_counts(ward.as_ref(), from, to).await? {
                say(&format!("{month},{},{n}", category.slug()));
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    let settings = Settings::load(&store, None)?;
    let opened = settings.open_store().await?;
    let gazetteer = peel_app::geography::load(opened.as_ref())
        .await
        .context("Failed to load London's geography")?
        .ok_or_else(|| {
            anyhow::anyhow!("London's geography is not imported yet: run `peel geo import` first")
        })?;
    let ctx = Context::new(opened, Arc::new(SystemClock), settings.app_settings()?)
        .with_gazetteer(Arc::new(gazetteer));
    let (mut rows, mut placed, mut outside, mut unplaced, mut refused) = (0, 0, 0, 0, 0);
    let files = files(&paths)?;
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let refusal = |e: peel_app::ServiceError| match e {
            peel_app::ServiceError::Invalid { message, .. } => anyhow::anyhow!(message),
            other => anyhow::Error::new(other),
        };
        if is_harm_table(path)? {
            let weighed = peel_app::stats::import_harm_table(&ctx, &name, open(path)?)
                .await
                .map_err(refusal)?;
            say(&format!(
                "{name}: the harm table, {weighed} categories weighed"
            ));
            continue;
        }
        let imported = peel_app::stats::import(&ctx, &name, open(path)?)
            .await
            .map_err(refusal)?;
        for problem in imported.problems.iter().take(20) {
            eprintln!("{name}: line {}: {}", problem.line, problem.message);
        }
        rows += imported.rows;
        placed += imported.placed;
        outside += imported.outside;
        unplaced += imported.unplaced;
        refused += imported.problems.len();
    }
    say(&format!(
        "rows={rows} placed={placed} outside={outside} files={} unplaced={unplaced} refused={refused}",
        files.len()
    ));
    Ok(ExitCode::SUCCESS)
}
