//! `peel`: the one binary. Serves Peel, and runs the console tasks an operator needs.

/// glibc's allocator spent a third of a million-notification import consolidating its free
/// lists once the value-index mirror held millions of small allocations; mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod audit;
mod bench;
mod bench_correlate;
mod bench_evidence;
mod bench_intake;
mod bench_match;
mod bench_notify;
mod bench_stats;
mod config;
mod evidence;
mod geo;
mod key;
mod link;
mod notify;
mod partner;
mod people;
mod rights;
mod serve;
mod stats;
mod triage;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Peel: prevention-first community safety.
#[derive(Debug, Parser)]
#[command(name = "peel", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where Peel keeps its data; shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Data directory (the SQLite database is DIR/peel.db) [env: PEEL_DATA_DIR] [default: ./peel-data]
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// PostgreSQL URL (postgres://...) instead of the embedded SQLite database [env: PEEL_DATABASE_URL]
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
    /// Configuration file (TOML) [env: PEEL_CONFIG] [default: DIR/peel.toml if it exists]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the Peel web server (on first run, prints a one-time link to create the first administrator)
    Serve(serve::ServeArgs),
    /// Manage staff, officer and volunteer accounts
    #[command(subcommand)]
    User(user::UserCommand),
    /// Check or export the tamper-evident audit trail
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Import London geography (postcodes, wards, boroughs) used to route reports
    #[command(subcommand)]
    Geo(geo::GeoCommand),
    /// Link records of the same person (deduplicate a file, or link two) and evaluate the result
    #[command(subcommand)]
    Link(link::LinkCommand),
    /// API keys for organisations
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Register and list organisations that send incident notifications
    #[command(subcommand)]
    Org(notify::OrgCommand),
    /// Generate and import organisations' bulk incident notifications
    #[command(subcommand)]
    Notify(notify::NotifyCommand),
    /// The people on the panels: add and list them, and check a Special Constable recruit
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Train and evaluate the scam classifier
    #[command(subcommand)]
    Triage(triage::TriageCommand),
    /// Measure performance against baselines (the figures in BENCHMARKS.md)
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Export a report's evidence for prosecutors and courts, and verify a bundle
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// Register the partner organisations Peel shares with
    #[command(subcommand)]
    Partner(partner::PartnerCommand),
    /// The sharing agreements register: add an agreement or a new version, and list them
    #[command(subcommand)]
    Agreement(partner::AgreementCommand),
    /// Crime statistics: import data.police.uk street-level files
    #[command(subcommand)]
    Stats(stats::StatsCommand),
    /// Answer a data subject's access request: writes export.json and export.html
    SubjectAccess(rights::SubjectAccessArgs),
    /// The review and retention queue: list what is due, retain or erase
    #[command(subcommand)]
    Review(rights::ReviewCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("Error: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let read_only = matches!(
        cli.command,
        Command::Audit(audit::AuditCommand::Verify { .. })
            | Command::Serve(_)
            | Command::Evidence(evidence::EvidenceCommand::Verify { .. })
    );
    let outcome = runtime.block_on(async move {
        let outcome = match cli.command {
            Command::Serve(args) => serve::run(args).await,
            Command::User(command) => user::run(command).await,
            Command::Audit(command) => audit::run(command).await,
            Command::Geo(command) => geo::run(command).await,
            Command::Bench(command) => bench::run(command).await,
            Command::Triage(command) => triage::run(command).await,
            Command::Link(command) => link::run(command).await,
            Command::Key(command) => key::run(command).await,
            Command::Org(command) => notify::run_org(command).await,
            Command::Notify(command) => notify::run(command).await,
            Command::People(command) => people::run(command).await,
            Command::Evidence(command) => evidence::run(command).await,
            Command::Partner(command) => partner::run_partner(command).await,
            Command::Agreement(command) => partner::run_agreement(command).await,
            Command::SubjectAccess(args) => rights::run_subject_access(args).await,
            Command::Stats(command) => stats::run(command).await,
            Command::Review(command) => rights::run_review(command).await,
        };
        // What a console command wrote to the audit trail is sealed by a signed checkpoint
        // (`peel serve` keeps its own; verifying writes nothing).
        if !read_only && let Err(error) = config::seal_opened().await {
            eprintln!("Error: {error:#}");
            return Ok(ExitCode::FAILURE);
        }
        outcome
    });
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("Error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// How the audit trail names whoever runs a console command.
pub fn console_label() -> String {
    format!("console ({})", std::env::var("USER").unwrap_or_default())
}

/// The console operator, as the audit trail names them.
pub fn console_actor() -> peel_core::policy::Actor {
    peel_core::policy::Actor::operator(&console_label())
}

/// Writes a line to standard output. A closed standard output (a pipe into `head`, a service
/// manager that stopped reading) must never crash Peel, least of all the server.
pub fn say(line: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}
