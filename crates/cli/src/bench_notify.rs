//! `peel bench notify`: generated notifications imported through the whole path (reading,
//! checking, storing once per own id, correlating, receipts) into a fresh SQLite store, against
//! the same rows bulk-inserted with no checks or correlation, in the same run.

use std::process::ExitCode;
use std::time::Instant;

use peel_core::Marking;
use peel_core::audit::Operation;
use peel_core::clock::Clock;
use peel_core::policy::Actor;
use peel_store::{NewNotification, Organisation, SqliteStore, Store};
use peel_web::notifications::{Importer, lines};
use peel_web::{SystemClock, audit_event_by};

use crate::say;

fn organisation() -> Organisation {
    Organisation {
        id: "bench-bank".into(),
        name: "Bench Bank".into(),
        sector: "bank".into(),
        contact: String::new(),
        agreement: "bench".into(),
        allowed_types: peel_notify::NotificationType::ALL
            .iter()
            .map(|t| t.slug().to_owned())
            .collect(),
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: Vec::new(),
        created_at: SystemClock.now(),
    }
}

fn event(detail: &str) -> peel_core::audit::AuditEvent {
    audit_event_by(
        &Actor::operator(),
        "bench",
        SystemClock.now(),
        Operation::Collection,
        "notifications.received",
        "organisation:bench-bank",
        detail,
    )
}

pub async fn run(count: u64, batch: usize) -> anyhow::Result<ExitCode> {
    let mut body = Vec::new();
    for line in peel_notify::generate(count, 1) {
        body.extend_from_slice(line.as_bytes());
        body.push(b'\n');
    }
    say(&format!(
        "workload: {count} generated notifications, {} MB of JSON Lines, batches of {batch}",
        body.len() / 1_000_000
    ));

    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open(&dir.path().join("peel.db")).await?;
    let org = organisation();
    store
        .create_organisation(&org, event("bench organisation"))
        .await?;
    let started = Instant::now();
    let mut importer = Importer::new(&store, org.clone(), SystemClock.now(), batch, 50, event);
    for (at, line) in lines(&body).enumerate() {
        importer.line(at as u64 + 1, line).await?;
    }
    importer.flush().await?;
    let seconds = started.elapsed().as_secs_f64();
    let tally = importer.tally;
    say(&format!(
        "peel (SQLite): {} links; {}",
        tally.links,
        tally.summary(seconds)
    ));
    let peel_rate = tally.records as f64 / seconds;

    // Baseline: the same rows, checked already, bulk-inserted with nothing else.
    let rows: Vec<NewNotification> = {
        let checker = SqliteStore::open(&dir.path().join("check.db")).await?;
        let mut reader = Importer::new(
            &checker,
            org.clone(),
            SystemClock.now(),
            usize::MAX,
            50,
            event,
        );
        let mut out = Vec::new();
        for (at, line) in lines(&body).enumerate() {
            let _ = reader.line(at as u64 + 1, line).await?;
        }
        out.extend(reader.take_pending());
        out
    };
    let base_dir = tempfile::tempdir()?;
    let baseline = SqliteStore::open(&base_dir.path().join("peel.db")).await?;
    baseline
        .create_organisation(&org, event("bench organisation"))
        .await?;
    let started = Instant::now();
    for chunk in rows.chunks(batch) {
        baseline.insert_notifications_plain(&org.id, chunk).await?;
    }
    let base_seconds = started.elapsed().as_secs_f64();
    let base_rate = rows.len() as f64 / base_seconds;
    say(&format!(
        "baseline (the same rows bulk-inserted, one transaction per batch, no checks, no correlation): {} rows in {base_seconds:.2} s, {base_rate:.0} rows/s",
        rows.len()
    ));
    say(&format!(
        "ratio (peel / baseline): {:.2}",
        peel_rate / base_rate
    ));
    Ok(ExitCode::SUCCESS)
}
