//! `peel serve`.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use peel_app::{Context as AppContext, SystemClock};
use peel_web::{AppState, WebConfig};
use tracing_subscriber::EnvFilter;

use crate::StoreArgs;
use crate::config::{Settings, cookie_secure};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Address to listen on [env: PEEL_LISTEN] [default: 127.0.0.1:8080]
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
}

/// Starts logging: to standard error, filtered by `PEEL_LOG` (default `info`).
fn init_logging(format: &str) {
    let filter = EnvFilter::try_from_env("PEEL_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub async fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(&args.store, args.listen)?;
    init_logging(&settings.log_format);
    let store = settings.open_store().await?;
    // A damaged store is refused at the door rather than found by the first report.
    if let Err(problem) = store
        .check_integrity()
        .await
        .context("Failed to check the database")?
    {
        anyhow::bail!(
            "Peel will not start: {problem}. Restore the database from a backup (or, for PostgreSQL, run this version's migrations), then start Peel again"
        );
    }
    let addr = settings.listen_addr()?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("Failed to listen on {addr}: is another program using it?"))?;
    let bound = listener
        .local_addr()
        .context("Failed to read the address bound")?;
    let public_url = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{bound}"))
        .trim_end_matches('/')
        .to_owned();
    let config = WebConfig {
        cookie_secure: cookie_secure(&public_url, &bound),
        strict_transport_security: public_url.starts_with("https://"),
        request_timeout: Duration::from_secs(settings.request_timeout_secs),
        body_limit: settings.body_limit,
        trust_forwarded_for: settings.trust_forwarded_for,
        notification_body_limit: settings.notification_body_limit,
        header_read_timeout: Duration::from_secs(settings.header_read_timeout_secs.max(1)),
        max_connections: settings.max_connections.max(1),
        max_connections_per_address: settings.max_connections_per_address.max(1),
        reports_per_address_per_minute: settings.reports_per_address_per_minute,
        reports_per_minute: settings.reports_per_minute,
        report_limit_exempt: settings.report_limit_exempt.clone(),
        quick_exit_url: settings.quick_exit_url.clone(),
        ..WebConfig::default()
    };
    let mut app_settings = settings.app_settings()?;
    app_settings.outbox.public_url = public_url.clone();
    let transports = settings.transports()?;
    let mut ctx = AppContext::new(store.clone(), Arc::new(SystemClock), app_settings);
    if let Some(path) = &settings.harm_table {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("Failed to read the harm table {}", path.display()))?;
        let table = peel_core::triage::HarmTable::from_csv(&text)
            .map_err(|problem| anyhow::anyhow!("{}: {problem}", path.display()))?;
        ctx = ctx.with_harm_table(table);
    }
    if let Some(path) = &settings.scam_model {
        let bytes = std::fs::read(path)
            .with_context(|| format!("Failed to read the scam model {}", path.display()))?;
        let model = peel_core::classifier::Model::from_bytes(&bytes)
            .map_err(|problem| anyhow::anyhow!("{}: {problem}", path.display()))?;
        ctx = ctx.with_scam_model(model);
    }
    ctx = ctx.with_warnings(warning_lists(&settings.warning_lists)?);
    let checkpoints = settings.checkpoint_log()?;
    // The first checkpoint also seals a trail written before the chain was keyed.
    checkpoint(&checkpoints, store.as_ref(), false).await;
    ctx = ctx.with_checkpoints(checkpoints.clone());
    match peel_app::geography::load(store.as_ref())
        .await
        .context("Failed to load the geography")?
    {
        Some(gazetteer) => {
            tracing::info!(
                postcodes = gazetteer.n_postcodes(),
                wards = gazetteer.wards().len(),
                "geography loaded"
            );
            ctx = ctx.with_gazetteer(Arc::new(gazetteer));
        }
        None => tracing::warn!(
            "no London geography yet: reports go to the central intake team until `peel geo import` is run"
        ),
    }
    tracing::info!(
        address = %bound,
        store = store.backend().name(),
        schema_version = store.schema_version().await?,
        "Peel is listening"
    );
    crate::say(&format!(
        "Peel is running at {public_url}/ (press Ctrl+C to stop)"
    ));
    let now = peel_core::clock::Clock::now(&SystemClock);
    if let Some(token) = peel_app::accounts::issue_setup_token(store.as_ref(), now)
        .await
        .context("Failed to make the setup link")?
    {
        crate::say(&format!(
            "First run: no accounts exist yet. Within 1 hour, open {public_url}/setup/{} to create the first administrator.",
            token.expose()
        ));
    }
    if ctx.gazetteer().is_none() {
        crate::say(&format!(
            "No geography yet, so reports go to the central intake team. To route them to ward teams, download the postcode, ward lookup and boundary files the README names (\"Routing reports to ward teams\") and run: peel geo import --data-dir {} FILES-OR-FOLDERS",
            settings.data_dir.display()
        ));
    }
    tokio::spawn(retention_every_hour(store.clone()));
    tokio::spawn(checkpoint_as_due(
        store.clone(),
        checkpoints.clone(),
        settings.audit_checkpoint_every.max(1),
    ));
    if transports.email.is_none() && transports.text.is_none() {
        tracing::warn!(
            "no smtp_url or notify_api_key: messages to reporters wait in the outbox, and those past due become call tasks"
        );
    }
    let (stop_outbox, outbox_stopped) = tokio::sync::watch::channel(false);
    let outbox = tokio::spawn(peel_app::outbox::run(
        ctx.clone(),
        transports,
        ctx.outbox_nudge(),
        outbox_stopped,
    ));
    let state = AppState::new(ctx, config);
    peel_web::serve(listener, state, shutdown_signal())
        .await
        .context("The server failed")?;
    let _ = stop_outbox.send(true);
    let _ = outbox.await;
    checkpoint(&checkpoints, store.as_ref(), false).await;
    tracing::info!("Peel has stopped");
    Ok(ExitCode::SUCCESS)
}

/// Completes on Ctrl+C or SIGTERM, so requests in flight can finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "could not listen for Ctrl+C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Peel's bundled warning lists plus the configured ones (files, or directories holding
/// `list.json` files, as MISP's repository does).
fn warning_lists(paths: &[std::path::PathBuf]) -> anyhow::Result<peel_link::WarningLists> {
    let mut lists = peel_link::WarningLists::bundled();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            for entry in std::fs::read_dir(path).with_context(|| {
                format!("Failed to read the warning lists in {}", path.display())
            })? {
                let dir = entry?.path();
                let list = if dir.is_dir() {
                    dir.join("list.json")
                } else {
                    dir
                };
                if list.extension().is_some_and(|e| e == "json") && list.is_file() {
                    found.push(list);
                }
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let (mut loaded, mut skipped) = (0, 0);
    for file in &files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("Failed to read the warning list {}", file.display()))?;
        let (n, bad) = lists
            .add_misp(&text)
            .map_err(|problem| anyhow::anyhow!("{}: {problem}", file.display()))?;
        loaded += n;
        skipped += bad;
    }
    tracing::info!(lists = lists.len(), loaded, skipped, "warning lists loaded");
    Ok(lists)
}

/// Applies the organisations' retention rules now and then every hour, for as long as the
/// server runs; a failure is logged and tried again the next hour.
/// Writes a signed checkpoint of the audit chain (when it moved, or `always`), logging what
/// happened; a chain that does not agree with the last checkpoint is never signed.
async fn checkpoint(
    log: &peel_app::audit::checkpoints::CheckpointLog,
    store: &dyn peel_store::Store,
    always: bool,
) -> Option<i64> {
    let now = peel_core::clock::Clock::now(&SystemClock);
    match log.write(store, now, always).await {
        Ok(Some(signed)) => {
            tracing::info!(
                seq = signed.checkpoint.seq,
                file = %log.path().display(),
                "audit checkpoint written"
            );
            Some(signed.checkpoint.seq)
        }
        Ok(None) => None,
        Err(error) => {
            tracing::error!(
                %error,
                file = %log.path().display(),
                "the audit trail was NOT checkpointed: it does not agree with its last checkpoint, or the file cannot be written; run `peel audit verify`"
            );
            None
        }
    }
}

/// Checkpoints the audit chain once `every` entries have been written since the last
/// checkpoint, and every hour whatever happened.
async fn checkpoint_as_due(
    store: Arc<dyn peel_store::Store>,
    log: peel_app::audit::checkpoints::CheckpointLog,
    every: i64,
) {
    let mut sealed = log.latest().ok().flatten().map_or(0, |c| c.checkpoint.seq);
    let mut last_at = std::time::Instant::now();
    let mut poll = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        poll.tick().await;
        let hourly = last_at.elapsed() >= std::time::Duration::from_secs(3_600);
        let head = match store.audit_head().await {
            Ok(head) => head.map_or(0, |(seq, _)| seq),
            Err(error) => {
                tracing::warn!(%error, "could not read the audit head");
                continue;
            }
        };
        if hourly || head - sealed >= every {
            if let Some(seq) = checkpoint(&log, store.as_ref(), hourly).await {
                sealed = seq;
            }
            last_at = std::time::Instant::now();
        }
    }
}

async fn retention_every_hour(store: Arc<dyn peel_store::Store>) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3_600));
    loop {
        hourly.tick().await;
        let now = peel_core::clock::Clock::now(&SystemClock);
        match peel_app::notify::apply_retention(
            store.as_ref(),
            &peel_core::policy::Actor::operator("retention (peel serve)"),
            now,
        )
        .await
        {
            Ok(runs) => {
                for run in runs.iter().filter(|r| r.outcome != Default::default()) {
                    tracing::info!(
                        organisation = %run.organisation,
                        kind = %run.kind,
                        erased = run.outcome.erased,
                        pseudonymised = run.outcome.pseudonymised,
                        "retention applied"
                    );
                }
            }
            Err(error) => tracing::error!(%error, "retention could not be applied"),
        }
    }
}
