//! `peel bench notify`: generated notifications imported through the whole path (reading,
//! checking, storing once per own id, correlating, receipts) into a fresh SQLite store, against
//! the same rows bulk-inserted with no checks or correlation, in the same run.

use std::process::ExitCode;
use std::time::Instant;

use peel_app::SystemClock;
use peel_app::notify::{Importer, lines};
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_core::notification::NotificationType;
use peel_core::policy::Actor;
use peel_core::{Marking, OrganisationId};
use peel_store::{NewNotification, NotificationStore, Organisation, PgStore, SqliteStore, Store};

use crate::say;

fn organisation() -> anyhow::Result<Organisation> {
    Ok(Organisation {
        id: OrganisationId::parse("bench-bank")?,
        name: "Bench Bank".into(),
        sector: "bank".into(),
        contact: String::new(),
        agreement: "bench".into(),
        allowed_types: NotificationType::ALL.to_vec(),
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: Vec::new(),
        feedback: None,
        created_at: SystemClock.now(),
        kind: peel_core::concern::OrganisationKind::Notifier,
        phone: String::new(),
    })
}

fn event(detail: &str) -> peel_core::audit::AuditEvent {
    peel_app::audit::event(
        &Actor::operator("bench"),
        SystemClock.now(),
        AuditCode::NotificationsReceived,
        "organisation:bench-bank",
        detail,
    )
}

/// Imports the whole body through the importer into `store`: the rate, and the summary line.
async fn import(
    store: &dyn Store,
    org: &Organisation,
    body: &[u8],
    batch: usize,
) -> anyhow::Result<(f64, String)> {
    store
        .create_organisation(org, vec![event("bench organisation")])
        .await?;
    let started = Instant::now();
    let mut importer = Importer::new(store, org.clone(), SystemClock.now(), batch, 50, event);
    for (at, line) in lines(body).enumerate() {
        importer.line(at as u64 + 1, line).await?;
    }
    importer.flush().await?;
    let seconds = started.elapsed().as_secs_f64();
    let tally = importer.tally;
    Ok((
        tally.records as f64 / seconds,
        format!("{} links; {}", tally.links, tally.summary(seconds)),
    ))
}

/// The rows the importer would store, read and checked already (for the baselines).
async fn checked_rows(org: &Organisation, body: &[u8]) -> anyhow::Result<Vec<NewNotification>> {
    let dir = tempfile::tempdir()?;
    let checker = SqliteStore::open(&dir.path().join("check.db")).await?;
    let mut reader = Importer::new(
        &checker,
        org.clone(),
        SystemClock.now(),
        usize::MAX,
        50,
        event,
    );
    for (at, line) in lines(body).enumerate() {
        let _ = reader.line(at as u64 + 1, line).await?;
    }
    Ok(reader.take_pending())
}

fn report(name: &str, peel: (f64, String), rows: usize, base_seconds: f64) {
    let base_rate = rows as f64 / base_seconds;
    say(&format!("peel ({name}): {}", peel.1));
    say(&format!(
        "baseline ({name}: the same rows bulk-inserted, one transaction per batch, no checks, no correlation): {rows} rows in {base_seconds:.2} s, {base_rate:.0} rows/s"
    ));
    say(&format!(
        "ratio ({name}, peel / baseline): {:.2}",
        peel.0 / base_rate
    ));
}

pub async fn run(count: u64, batch: usize, postgres: Option<String>) -> anyhow::Result<ExitCode> {
    let mut body = Vec::new();
    for line in peel_notify::generate(count, 1) {
        body.extend_from_slice(line.as_bytes());
        body.push(b'\n');
    }
    say(&format!(
        "workload: {count} generated notifications, {} MB of JSON Lines, batches of {batch}",
        body.len() / 1_000_000
    ));
    let org = organisation()?;
    let rows = checked_rows(&org, &body).await?;

    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open(&dir.path().join("peel.db")).await?;
    let peel = import(&store, &org, &body, batch).await?;
    drop(store);
    let baseline = SqliteStore::open(&dir.path().join("baseline.db")).await?;
    baseline
        .create_organisation(&org, vec![event("bench organisation")])
        .await?;
    let started = Instant::now();
    for chunk in rows.chunks(batch) {
        baseline.insert_notifications_plain(&org.id, chunk).await?;
    }
    report("SQLite", peel, rows.len(), started.elapsed().as_secs_f64());

    if let Some(url) = postgres {
        // Fresh schemas, dropped afterwards.
        let suffix = uuid::Uuid::now_v7().simple().to_string();
        let (peel_schema, base_schema) = (
            format!("peel_bench_{suffix}"),
            format!("peel_base_{suffix}"),
        );
        let store = PgStore::connect_in_schema(&url, &peel_schema).await?;
        let peel = import(&store, &org, &body, batch).await;
        let baseline = PgStore::connect_in_schema(&url, &base_schema).await?;
        baseline
            .create_organisation(&org, vec![event("bench organisation")])
            .await?;
        let started = Instant::now();
        let mut plain = Ok(());
        for chunk in rows.chunks(batch) {
            plain = baseline.insert_notifications_plain(&org.id, chunk).await;
            if plain.is_err() {
                break;
            }
        }
        let base_seconds = started.elapsed().as_secs_f64();
        for schema in [&peel_schema, &base_schema] {
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(store.pool())
                .await?;
        }
        plain?;
        report("PostgreSQL", peel?, rows.len(), base_seconds);
    }
    Ok(ExitCode::SUCCESS)
}
