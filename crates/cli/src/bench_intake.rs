//! `peel bench intake`: the full path (HTTP, validate, place, route, commit with audit) against
//! plain inserts of the same rows into SQLite with the same connection settings.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use peel_app::{Context as AppContext, Settings, SystemClock};
use peel_core::clock::Clock;
use peel_store::SqliteStore;
use peel_web::{AppState, WebConfig};
use tokio::sync::Semaphore;

fn bodies(postcodes: &[String], n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let postcode = postcodes.get(i * 7919 % postcodes.len().max(1)).cloned().unwrap_or_else(|| "SW1A 2AA".into());
            serde_json::json!({
                "description": format!("Benchmark report {i}: a window was broken and a bicycle taken from the rack outside."),
                "category": "criminal-damage-arson",
                "occurred_at": "2026-11-25T22:15:00Z",
                "location": {"postcode": postcode},
                "reporter": {"role": "victim", "contact": {"email": format!("person{i}@example.com")}},
                "safe_contact": {"channels": ["email"], "no_voicemail": true}
            })
            .to_string()
        })
        .collect()
}

/// A provider that takes every message at once, counting them.
struct Accepting(Arc<std::sync::atomic::AtomicUsize>);

#[async_trait::async_trait]
impl peel_app::outbox::transport::Transport for Accepting {
    async fn send(
        &self,
        _: &peel_app::outbox::transport::Outgoing,
        _: time::OffsetDateTime,
    ) -> Result<Option<String>, peel_app::outbox::transport::SendError> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(None)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).copied().unwrap_or_default()
}

async fn send(client: &reqwest::Client, url: &str, body: String) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == 201,
        "the server answered {}",
        response.status()
    );
    response.bytes().await?;
    Ok(started.elapsed())
}

pub async fn run(
    data: &Path,
    n: usize,
    concurrency: usize,
    (rate, seconds): (u32, u64),
    worker: bool,
) -> anyhow::Result<ExitCode> {
    let gazetteer =
        crate::bench::load_gazetteer(data).context("London geography is needed to route")?;
    let postcodes: Vec<String> = gazetteer
        .postcodes()
        .iter()
        .map(|p| p.to_string())
        .collect();
    let gazetteer = Arc::new(gazetteer);

    let dir = tempfile::tempdir()?;
    let store = Arc::new(SqliteStore::open(&dir.path().join("peel.db")).await?);
    let ctx = AppContext::new(
        store.clone(),
        Arc::new(SystemClock),
        Settings::for_organisation(peel_core::OrganisationId::parse("met")?),
    )
    .with_gazetteer(gazetteer.clone());
    // The outbox is on, as in service: every report's acknowledgement is written in its
    // transaction, and a worker claims and settles each one while reports arrive, handing it to
    // a provider that accepts at once (so the figure is Peel's, not a mail server's).
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let transports = peel_app::outbox::Transports {
        email: Some(Arc::new(Accepting(sent.clone()))),
        ..Default::default()
    };
    let (stop_outbox, outbox_stopped) = tokio::sync::watch::channel(false);
    let outbox = worker.then(|| {
        tokio::spawn(peel_app::outbox::run(
            ctx.clone(),
            transports,
            ctx.outbox_nudge(),
            outbox_stopped,
        ))
    });
    let state = AppState::new(
        ctx,
        WebConfig {
            cookie_secure: false,
            // The limits stay on, as in service: the bench's own address is exempt from the
            // limit per address, as a contact centre's gateway would be, and the limit in all
            // is raised above what one machine can send (BENCHMARKS.md says so).
            report_limit_exempt: vec![std::net::IpAddr::from([127, 0, 0, 1])],
            reports_per_minute: 10_000_000,
            ..WebConfig::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/api/v1/reports", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(peel_web::serve(listener, state.clone(), async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;

    // Warm up connections and caches.
    for body in bodies(&postcodes, 100) {
        send(&client, &url, body).await?;
    }

    // Throughput: n reports with `concurrency` in flight.
    let semaphore = Arc::new(Semaphore::new(concurrency));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for body in bodies(&postcodes, n) {
        let permit = semaphore.clone().acquire_owned().await?;
        let client = client.clone();
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let latency = send(&client, &url, body).await;
            drop(permit);
            latency
        }));
    }
    let mut latencies = Vec::with_capacity(n);
    for task in tasks {
        latencies.push(task.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let throughput = n as f64 / elapsed.as_secs_f64();
    crate::say(&format!(
        "Full path over HTTP: {n} reports, {concurrency} in flight: {throughput:.0} reports/s (p50 {:.2} ms, p99 {:.2} ms)",
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3
    ));

    // Latency at a steady rate, open loop: each request starts on schedule.
    let total = rate as usize * seconds as usize;
    let interval = Duration::from_secs_f64(1.0 / f64::from(rate));
    let started = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for (i, body) in bodies(&postcodes, total).into_iter().enumerate() {
        tokio::time::sleep_until(started + interval * i as u32).await;
        let client = client.clone();
        let url = url.clone();
        tasks.push(tokio::spawn(async move { send(&client, &url, body).await }));
    }
    let mut steady = Vec::with_capacity(total);
    for task in tasks {
        steady.push(task.await??);
    }
    steady.sort_unstable();
    crate::say(&format!(
        "Steady {rate}/s for {seconds} s: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&steady, 0.5).as_secs_f64() * 1e3,
        percentile(&steady, 0.99).as_secs_f64() * 1e3,
        steady.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    ));

    // Let the worker finish, then say how many it sent.
    let expected = 100 + n + total;
    if let Some(outbox) = outbox {
        let deadline = Instant::now() + Duration::from_secs(60);
        while sent.load(std::sync::atomic::Ordering::Relaxed) < expected
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = stop_outbox.send(true);
        let _ = outbox.await;
    }
    crate::say(&format!(
        "Outbox: {} of {expected} acknowledgements sent by the worker during the run",
        sent.load(std::sync::atomic::Ordering::Relaxed)
    ));

    // Baseline: the same rows, inserted alone into a fresh SQLite file with the same settings.
    let baseline_dir = tempfile::tempdir()?;
    let baseline = SqliteStore::open(&baseline_dir.path().join("peel.db")).await?;
    let rows: Vec<_> = bodies(&postcodes, n)
        .iter()
        .map(|body| {
            let now = SystemClock.now();
            let report = peel_web::parse_report_body("application/json", body.as_bytes(), now)
                .map_err(|e| anyhow::anyhow!("{}", e.message))?;
            let routing = peel_core::routing::route(&peel_app::intake::place(
                Some(&gazetteer),
                &report.location,
            ));
            // Random bytes from two v4 UUIDs: the baseline needs unique values, not secrets.
            let (first, second) = (
                uuid::Uuid::new_v4().into_bytes(),
                uuid::Uuid::new_v4().into_bytes(),
            );
            let mut token = [0u8; 32];
            token[..16].copy_from_slice(&first);
            token[16..].copy_from_slice(&second);
            let mut random = [0u8; 8];
            random.copy_from_slice(&first[..8]);
            let team = peel_core::TeamId::parse(&routing.team_id)?;
            let ward = routing
                .ward_code
                .as_deref()
                .map(peel_core::WardCode::parse)
                .transpose()?;
            let accepted = peel_app::intake::Accepted {
                id: peel_core::SubmissionId(uuid::Uuid::now_v7()),
                reference: peel_core::reference::Reference::from_random(random),
                status_token: peel_core::token::Secret::from_random(token),
                routing,
                next_update_due: None,
                triage: peel_core::triage::assess(
                    &report,
                    peel_core::triage::History::default(),
                    now,
                    &peel_core::triage::HarmTable::default(),
                    &peel_core::triage::ContactTimes::default(),
                    &peel_core::calendar::WorkingCalendar::default(),
                ),
            };
            Ok(peel_app::intake::submission(
                &report,
                &accepted,
                peel_core::submission::Channel::Api,
                &team,
                ward,
                now,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    let started = Instant::now();
    for row in &rows {
        baseline.insert_submission_plain(row).await?;
    }
    let baseline_elapsed = started.elapsed();
    let baseline_rate = n as f64 / baseline_elapsed.as_secs_f64();
    crate::say(&format!(
        "Baseline plain SQLite inserts, one transaction each: {baseline_rate:.0} rows/s"
    ));
    crate::say(&format!(
        "Ratio (full path / plain inserts): {:.2}",
        throughput / baseline_rate
    ));

    let _ = stop.send(());
    server.await??;
    Ok(ExitCode::SUCCESS)
}
