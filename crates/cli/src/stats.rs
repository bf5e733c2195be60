//! `peel stats import`: data.police.uk street-level files (and folders of them) into Peel's
//! crime counts, each row placed in a current ward. The service is [`peel_app::stats`].
//! `peel stats export --format police-uk`: Peel's own reports as open data in the same
//! layout ([`peel_app::open_data`]).

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
    /// (category, prc_subgroup, cchi_days, national_count…) is loaded in place of the last; a
    /// Public Attitude Survey extract (area, quarter, measure, respondents, share) is kept
    /// beside the rest
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
    /// Write Peel's own reports as open data: month only, each at its area's public point
    /// (one per 2021 LSOA), small cells without their point, fraud and unclassified reports
    /// withheld; recorded in the audit trail as a disclosure
    Export {
        #[command(flatten)]
        store: StoreArgs,
        /// The layout
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The first month, YYYY-MM
        #[arg(long)]
        from: String,
        /// The last month, YYYY-MM
        #[arg(long)]
        to: String,
        /// The folder peel geo import read (it holds london_lsoa21_gen20.geojson)
        #[arg(long, value_name = "FOLDER")]
        geography: PathBuf,
        /// The street-level file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The outcomes file to write, if wanted
        #[arg(long, value_name = "FILE")]
        outcomes: Option<PathBuf>,
    },
}

/// The layouts `peel stats export` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// data.police.uk's street-level CSV (and its outcomes CSV)
    PoliceUk,
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

/// What a file holds, by its first line.
enum Kind {
    HarmTable,
    SurveyExtract,
    MetWide,
    Crimes,
}

fn kind_of(path: &Path) -> anyhow::Result<Kind> {
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(open(path)?), &mut first)
        .with_context(|| format!("Failed to read {}", path.display()))?;
    Ok(if peel_core::stats::harm::is_harm_header(&first) {
        Kind::HarmTable
    } else if peel_core::stats::pas::is_pas_header(&first) {
        Kind::SurveyExtract
    } else if peel_core::stats::met_wide::is_wide_header(&first) {
        Kind::MetWide
    } else {
        Kind::Crimes
    })
}

fn month(text: &str, what: &str) -> anyhow::Result<peel_core::stats::police_uk::Month> {
    peel_core::stats::police_uk::Month::parse(text)
        .ok_or_else(|| anyhow::anyhow!("--{what} {text:?} is not a month (YYYY-MM)"))
}

/// The store and the geography, as `peel stats import` and `export` need them.
async fn context(store: &StoreArgs) -> anyhow::Result<Context> {
    let settings = Settings::load(store, None)?;
    let opened = settings.open_store().await?;
    let gazetteer = peel_app::geography::load(opened.as_ref())
        .await
        .context("Failed to load London's geography")?
        .ok_or_else(|| {
            anyhow::anyhow!("London's geography is not imported yet: run `peel geo import` first")
        })?;
    Ok(
        Context::new(opened, Arc::new(SystemClock), settings.app_settings()?)
            .with_gazetteer(Arc::new(gazetteer)),
    )
}

fn refusal(e: peel_app::ServiceError) -> anyhow::Error {
    match e {
        peel_app::ServiceError::Invalid { message, .. } => anyhow::anyhow!(message),
        other => anyhow::Error::new(other),
    }
}

/// Writes `rows` under `header` to `path`, as CSV.
fn write_csv<const N: usize>(
    path: &Path,
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> anyhow::Result<usize> {
    let mut out = csv::Writer::from_path(path)
        .with_context(|| format!("Failed to create {}", path.display()))?;
    out.write_record(header)?;
    let mut n = 0;
    for row in rows {
        out.write_record(&row)?;
        n += 1;
    }
    out.flush()
        .with_context(|| format!("Failed to write {}", path.display()))?;
    Ok(n)
}

async fn export(
    store: &StoreArgs,
    from: &str,
    to: &str,
    geography: &Path,
    out: &Path,
    outcomes: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use peel_core::stats::open_data::{OUTCOMES_HEADER, STREET_HEADER};
    let (from, to) = (month(from, "from")?, month(to, "to")?);
    let ctx = context(store).await?;
    let lsoa_path = geography.join(peel_geo::LSOA_FILE);
    let lsoas = std::fs::read_to_string(&lsoa_path)
        .with_context(|| format!("Failed to read {}", lsoa_path.display()))?;
    let lsoas = peel_geo::read_polygons(&lsoas, peel_geo::LSOA_FILE, "LSOA21CD", Some("LSOA21NM"))?;
    let gazetteer = ctx.gazetteer().context("no geography")?;
    let points = peel_geo::PublicPoints::new(&lsoas, gazetteer.centroids());
    let export = peel_app::open_data::police_uk(&ctx, &crate::console_actor(), from, to, &points)
        .await
        .map_err(refusal)?;
    // "Reported by" and "Falls within", as the Met's own street-level files name it.
    let force = peel_app::stats::MET;
    let street = write_csv(
        out,
        STREET_HEADER,
        export.street.iter().map(|r| r.fields(force)),
    )?;
    let outcome_rows = match outcomes {
        Some(path) => write_csv(
            path,
            OUTCOMES_HEADER,
            export.outcomes.iter().map(|r| r.fields(force)),
        )?,
        None => 0,
    };
    for (why, n) in &export.withheld {
        eprintln!("withheld {n}: {why}");
    }
    say(&format!(
        "street={street} outcomes={outcome_rows} without_point={} withheld={}",
        export.unplaced_small,
        export.withheld.values().sum::<u64>()
    ));
    Ok(ExitCode::SUCCESS)
}

pub async fn run(command: StatsCommand) -> anyhow::Result<ExitCode> {
    let (store, paths) = match command {
        StatsCommand::Import { store, paths } => (store, paths),
        StatsCommand::Export {
            store,
            format: ExportFormat::PoliceUk,
            from,
            to,
            geography,
            out,
            outcomes,
        } => return export(&store, &from, &to, &geography, &out, outcomes.as_deref()).await,
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
            let opened = settings.open_existing_store().await?;
            say("month,category,crimes");
            for (month, category, n) in opened.crime_counts(ward.as_ref(), from, to).await? {
                say(&format!("{month},{},{n}", category.slug()));
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    let ctx = context(&store).await?;
    let (mut rows, mut placed, mut outside, mut unplaced, mut refused) = (0, 0, 0, 0, 0);
    let (mut ward_totals, mut borough_totals) = (None, None);
    let files = files(&paths)?;
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match kind_of(path)? {
            Kind::HarmTable => {
                let weighed = peel_app::stats::import_harm_table(&ctx, &name, open(path)?)
                    .await
                    .map_err(refusal)?;
                say(&format!(
                    "{name}: the harm table, {weighed} categories weighed"
                ));
                continue;
            }
            Kind::SurveyExtract => {
                let survey = peel_app::stats::import_survey_extract(&ctx, &name, open(path)?)
                    .await
                    .map_err(refusal)?;
                for problem in survey.problems.iter().take(20) {
                    eprintln!("{name}: line {}: {}", problem.line, problem.message);
                }
                say(&format!(
                    "{name}: a Public Attitude Survey extract, {} measures kept, {} refused",
                    survey.measures,
                    survey.problems.len()
                ));
                continue;
            }
            Kind::MetWide => {
                let wide = peel_app::stats::import_met_wide(&ctx, &name, open(path)?)
                    .await
                    .map_err(refusal)?;
                for problem in wide.problems.iter().take(20) {
                    // An offence this does not know is the file's, not a line's.
                    match problem.line {
                        0 => eprintln!("{name}: {}", problem.message),
                        line => eprintln!("{name}: line {line}: {}", problem.message),
                    }
                }
                let crimes: u64 = wide.crimes.values().sum();
                say(&format!(
                    "{name}: the Met's recorded crime by {}, {} rows, {crimes} crimes over {} months{}, {} NFIB fraud not counted, {} refused",
                    if wide.by_ward { "ward" } else { "borough" },
                    wide.rows,
                    wide.crimes.len(),
                    if wide.by_ward {
                        format!(" ({} in wards the geography does not know)", wide.unplaced)
                    } else {
                        " (read as a check on the ward file, not stored)".to_owned()
                    },
                    wide.not_counted,
                    wide.problems.len()
                ));
                if wide.by_ward {
                    ward_totals = Some(wide.crimes);
                } else {
                    borough_totals = Some(wide.crimes);
                }
                continue;
            }
            Kind::Crimes => {}
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
    if let (Some(wards), Some(boroughs)) = (&ward_totals, &borough_totals) {
        let agree = wards
            .iter()
            .filter(|(month, n)| boroughs.get(month) == Some(n))
            .count();
        let widest = wards
            .iter()
            .map(|(month, n)| n.abs_diff(boroughs.get(month).copied().unwrap_or(0)))
            .max()
            .unwrap_or(0);
        say(&format!(
            "the ward and borough files agree in {agree} of {} months (the widest difference {widest} crimes)",
            wards.len()
        ));
    }
    say(&format!(
        "rows={rows} placed={placed} outside={outside} files={} unplaced={unplaced} refused={refused}",
        files.len()
    ));
    Ok(ExitCode::SUCCESS)
}
