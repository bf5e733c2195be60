//! `peel bench stats` (issue 19): importing the 849,409 London crimes of 2022 (rows a second,
//! against reading the same rows with no placing or storing); every measure of every ward and
//! month from the store (against DuckDB computing the same counts, harm and rates from the same
//! placed rows, in the same run: `bench/stats.sh` runs `bench/stats_duckdb.py` on the rows this
//! writes); and the public ward page and the analysts' ward dashboard served over loopback with
//! ten million recorded crimes (the 2022 counts laid over twelve years) and ten million of
//! Peel's own reports in the store, their 50th, 99th and worst times, on SQLite and, given a
//! URL, PostgreSQL.

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use peel_app::insight::Area;
use peel_app::{Context, Settings, SystemClock};
use peel_core::stats::police_uk::{self, Month};
use peel_geo::PointLookup;
use peel_store::{BenchFill, CrimeMonth, PgStore, SqliteStore, Store};
use peel_web::{AppState, WebConfig};

const LONDON: &str = "police_uk/london_crimes_2022.csv.gz";
const HARM: &str = "reference/cchi_weights_by_policeuk_category_subgroup.csv";

fn open_gz(path: &Path) -> anyhow::Result<flate2::read::MultiGzDecoder<BufReader<std::fs::File>>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("Failed to open {}", path.display()))?;
    Ok(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(index).copied().unwrap_or_default()
}

/// Loads the residents and the harm table, as `peel geo import` and `peel stats import` do.
async fn reference(ctx: &Context, data: &Path) -> anyhow::Result<()> {
    let geography = data.join("geography");
    let postcodes = std::fs::File::open(geography.join(peel_geo::POSTCODE_FILE))?;
    let rows = peel_geo::read_postcode_rows(BufReader::new(postcodes))?;
    let wards = std::fs::read_to_string(geography.join(peel_geo::WARDS_2014_FILE))?;
    let (residents, _) = peel_app::geography::residents(
        &rows,
        &wards,
        open_gz(&geography.join(peel_geo::POPULATION_FILE))?,
    )?;
    ctx.store().replace_ward_residents(&residents).await?;
    let lsoas = std::fs::read_to_string(geography.join(peel_geo::LSOA_FILE))?;
    ctx.store()
        .replace_ward_outlines(&peel_app::geography::outlines(&rows, &lsoas)?)
        .await?;
    peel_app::stats::import_harm_table(ctx, "cchi.csv", std::fs::File::open(data.join(HARM))?)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

/// The placed rows as DuckDB reads them, with the harm table's and residents' CSV, in `dir`.
async fn write_for_duckdb(ctx: &Context, data: &Path, dir: &Path) -> anyhow::Result<u64> {
    let gazetteer = ctx.gazetteer().context("no gazetteer")?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("rows.csv"))?);
    writeln!(out, "ward_code,month,category")?;
    let mut placed = 0;
    for row in
        police_uk::rows(open_gz(&data.join(LONDON))?, Some(2022)).map_err(anyhow::Error::msg)?
    {
        let Ok(row) = row else { continue };
        let Some((lat, lon)) = row.point else {
            continue;
        };
        if let PointLookup::InWard(hit) = gazetteer.point(lat, lon) {
            writeln!(
                out,
                "{},{},{}",
                hit.ward.code,
                row.month,
                row.category.slug()
            )?;
            placed += 1;
        }
    }
    out.flush()?;
    let mut harm = std::fs::File::create(dir.join("harm.csv"))?;
    writeln!(harm, "category,days")?;
    for (category, days) in ctx.store().harm_weights().await?.0 {
        writeln!(harm, "{},{days}", category.slug())?;
    }
    let mut residents = std::fs::File::create(dir.join("residents.csv"))?;
    writeln!(residents, "ward_code,year,residents")?;
    for (ward, year, n) in ctx.store().ward_residents(None).await? {
        writeln!(residents, "{ward},{year},{n}")?;
    }
    Ok(placed)
}

/// The 2022 counts laid again over each month of `years` before 2022, as another source, until
/// the store holds about `crimes` recorded crimes; returns how many it holds.
async fn fill(store: &dyn Store, crimes: u64) -> anyhow::Result<u64> {
    let (from, to) = (
        Month {
            year: 2022,
            month: 1,
        },
        Month {
            year: 2022,
            month: 12,
        },
    );
    let mut months: Vec<CrimeMonth> = Vec::new();
    for month in Month::range(from, to) {
        let counts: Vec<_> = store
            .crime_counts_by_ward(month, month, None)
            .await?
            .into_iter()
            .map(|(ward, _, category, n)| (Some(ward), category, n))
            .collect();
        let total = counts.iter().map(|c| c.2).sum();
        months.push(CrimeMonth {
            source: "bench".into(),
            month,
            file: "bench".into(),
            counts,
            crimes: total,
            placed: total,
            outside: 0,
            unplaced: 0,
            imported_at: peel_core::clock::Clock::now(&SystemClock),
        });
    }
    let per_year: u64 = months.iter().map(|m| m.crimes).sum();
    let mut held = per_year;
    let mut year = 2021;
    while held < crimes && per_year > 0 {
        for month in &months {
            let mut copy = month.clone();
            copy.month = Month {
                year,
                ..month.month
            };
            store.replace_crime_month(&copy).await?;
        }
        held += per_year;
        year -= 1;
    }
    Ok(held)
}

/// `requests` pages of `paths` in turn, after 20 to warm up, over `client`; sorted.
async fn time_pages(
    client: &reqwest::Client,
    base: &str,
    paths: &[String],
    requests: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(requests);
    for i in 0..(requests + 20) {
        let path = paths.get(i % paths.len().max(1)).context("no pages")?;
        let started = Instant::now();
        let response = client.get(format!("{base}{path}")).send().await?;
        anyhow::ensure!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        let _ = response.bytes().await?;
        if i >= 20 {
            times.push(started.elapsed());
        }
    }
    times.sort();
    Ok(times)
}

/// How many reports come in through the intake path before the database copies them.
const SEED_REPORTS: usize = 4_000;

/// Reports through the intake path (placed, routed, triaged, stored with their audit
/// entries) from every postcode in turn, then copied by the database until the store holds
/// about `reports`: the copies reach back twelve years from the end of 2022, so the
/// dashboards' months hold their share. Returns how many the store holds.
async fn fill_reports(
    ctx: &Context,
    copier: &dyn BenchFill,
    postcodes: &[String],
    reports: u64,
) -> anyhow::Result<u64> {
    let seeds_from = ctx.now();
    let actor = peel_core::policy::Actor::public();
    let kinds = [
        "criminal-damage-arson",
        "burglary",
        "vehicle-crime",
        "anti-social-behaviour",
        "theft-from-the-person",
        "fraud",
        "hate-incident",
    ];
    for i in 0..SEED_REPORTS {
        let postcode = postcodes
            .get(i * 7919 % postcodes.len().max(1))
            .context("no postcodes")?;
        // One reporter in four reports twice, so repeat victims have something to find.
        let body = serde_json::json!({
            "description": format!("Benchmark report {i}: a window was broken and a bicycle taken from the rack outside."),
            "category": kinds.get(i % kinds.len()).copied().unwrap_or("not-sure"),
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"postcode": postcode},
            "reporter": {"role": "victim", "contact": {"email": format!("person{}@example.com", i % (SEED_REPORTS * 4 / 5))}},
            "safe_contact": {"channels": ["email"], "no_voicemail": true}
        })
        .to_string();
        let report = peel_web::parse_report_body("application/json", body.as_bytes(), ctx.now())
            .map_err(|e| anyhow::anyhow!("{}", e.message))?;
        peel_app::intake::receive(
            ctx,
            &actor,
            report,
            peel_core::submission::Channel::Web,
            None,
            |_| String::new(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let copies = u32::try_from(reports / SEED_REPORTS as u64)
        .unwrap_or(u32::MAX)
        .saturating_sub(1);
    let newest = time::Date::from_calendar_date(2022, time::Month::December, 28)?
        .with_hms(12, 0, 0)?
        .assume_utc();
    let step = time::Duration::days(365 * 12) / copies.max(1);
    let copied = copier
        .copy_reports_for_bench(seeds_from, copies, newest, step)
        .await?;
    Ok(SEED_REPORTS as u64 + copied)
}

/// The profile of the dashboard's part that grows with the reports: every ward's one read of
/// its reports over the dashboard's default months, as `own_and_places` reads it, timed; then
/// the busiest ward's whole `own_and_places`.
async fn profile(
    label: &str,
    ctx: &Context,
    actor: &peel_core::policy::Actor,
    wards: &[String],
) -> anyhow::Result<()> {
    let (from, to) = peel_app::insight::months(ctx, None, None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let start = from.start().context("no start")?;
    let until = to.succ().start().context("no end")? + time::Duration::days(366);
    let mut read = Vec::new();
    for ward in wards {
        let code = peel_core::WardCode::parse(ward).map_err(|e| anyhow::anyhow!("{e}"))?;
        let timer = Instant::now();
        let n = ctx
            .store()
            .ward_reports(std::slice::from_ref(&code), start, until)
            .await?
            .len();
        read.push((n, timer.elapsed(), code));
    }
    read.sort_by_key(|(n, _, _)| std::cmp::Reverse(*n));
    let reports: usize = read.iter().map(|(n, _, _)| n).sum();
    let took: Duration = read.iter().map(|(_, t, _)| *t).sum();
    let busiest: Vec<String> = read
        .iter()
        .take(7)
        .map(|(n, t, _)| format!("{n} in {:.1} ms", t.as_secs_f64() * 1000.0))
        .collect();
    crate::say(&format!(
        "[{label}] profile: each ward's one read of its reports {from} to {to} (and a year after): {reports} reports in {:.2} s, {:.2} µs a report; the busiest: {}",
        took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / reports.max(1) as f64,
        busiest.join(", ")
    ));
    if let Some((n, _, code)) = read.first() {
        let mut best = Duration::MAX;
        let runs = std::env::var("PEEL_BENCH_PROFILE_RUNS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(5);
        for _ in 0..runs {
            let timer = Instant::now();
            peel_app::insight::own_and_places(ctx, actor, &Area::Ward(code.clone()), from, to)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            best = best.min(timer.elapsed());
        }
        crate::say(&format!(
            "[{label}] profile: the busiest ward's own_and_places ({n} reports), best of {runs}: {:.1} ms",
            best.as_secs_f64() * 1000.0
        ));
    }
    Ok(())
}

/// A client signed in as an analyst made for the bench, as the dashboards are for.
async fn analyst(store: &dyn Store, base: &str) -> anyhow::Result<reqwest::Client> {
    let password = "harbour lantern staple 9147 violet";
    peel_app::accounts::create_account(
        store,
        &crate::console_actor(),
        peel_core::clock::Clock::now(&SystemClock),
        &peel_app::accounts::AccountRequest {
            username: "bench.analyst".into(),
            password: password.into(),
            roles: peel_core::RoleSet::parse_slugs("analyst").map_err(anyhow::Error::msg)?,
            organisation: peel_core::OrganisationId::parse("met")?,
            team: None,
        },
    )
    .await?;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let form = client
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf_token\" value=\"";
    let csrf = form
        .split_once(marker)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(token, _)| token.to_owned())
        .context("the sign-in page has no CSRF field")?;
    let response = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("username", "bench.analyst"),
            ("password", password),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == reqwest::StatusCode::SEE_OTHER,
        "signing in as the bench's analyst: {}",
        response.status()
    );
    Ok(client)
}

fn say_times(label: &str, what: &str, times: &[Duration]) {
    crate::say(&format!(
        "[{label}] GET {what} x {}: p50 {:.1} ms, p99 {:.1} ms, worst {:.1} ms",
        times.len(),
        percentile(times, 0.5).as_secs_f64() * 1000.0,
        percentile(times, 0.99).as_secs_f64() * 1000.0,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    ));
}

/// What each store is filled with, and how many pages of each kind are timed.
pub struct Sizes {
    pub crimes: u64,
    pub reports: u64,
    pub requests: usize,
}

async fn on_store(
    label: &str,
    store: Arc<dyn Store>,
    copier: &dyn BenchFill,
    data: &Path,
    sizes: &Sizes,
    duckdb_dir: Option<&Path>,
) -> anyhow::Result<()> {
    let gazetteer = Arc::new(crate::bench::load_gazetteer(data)?);
    let ctx = Context::new(
        store.clone(),
        Arc::new(SystemClock),
        Settings::for_organisation(peel_core::OrganisationId::parse("met")?),
    )
    .with_gazetteer(gazetteer.clone());
    reference(&ctx, data).await?;

    // Import, against reading the same rows.
    let timer = Instant::now();
    let mut read = 0u64;
    for row in
        police_uk::rows(open_gz(&data.join(LONDON))?, Some(2022)).map_err(anyhow::Error::msg)?
    {
        if row.is_ok() {
            read += 1;
        }
    }
    let reading = timer.elapsed().as_secs_f64();
    let timer = Instant::now();
    let imported = peel_app::stats::import(
        &ctx,
        "london_crimes_2022.csv.gz",
        open_gz(&data.join(LONDON))?,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let importing = timer.elapsed().as_secs_f64();
    crate::say(&format!(
        "[{label}] import: {} rows in {importing:.2} s = {:.0} rows/s (placed {}, outside {}, unplaced {}); reading alone {read} rows in {reading:.2} s = {:.0} rows/s; ratio {:.2}",
        imported.rows,
        imported.rows as f64 / importing,
        imported.placed,
        imported.outside,
        imported.unplaced,
        read as f64 / reading,
        importing / reading
    ));

    // Every measure of every ward and month from the store: the force's dashboard computes
    // each ward's and borough's and London's, month by month and over the year.
    // An analyst, as the force's dashboard is for (the bench's own, never stored).
    let actor = peel_core::policy::Actor {
        principal: peel_core::policy::Principal::User(peel_core::UserId(uuid::Uuid::nil())),
        roles: peel_core::RoleSet::parse_slugs("analyst").map_err(anyhow::Error::msg)?,
        ..crate::console_actor()
    };
    let (from, to) = (
        Month {
            year: 2022,
            month: 1,
        },
        Month {
            year: 2022,
            month: 12,
        },
    );
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let timer = Instant::now();
        let stats = peel_app::insight::area(&ctx, &actor, &Area::Force, from, to)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        best = best.min(timer.elapsed().as_secs_f64());
        anyhow::ensure!(
            stats.wards.len() > 600,
            "{} wards measured",
            stats.wards.len()
        );
    }
    // Of which reading the counts from the store.
    let mut reading = f64::INFINITY;
    for _ in 0..5 {
        let timer = Instant::now();
        let rows = ctx.store().crime_counts_by_ward(from, to, None).await?;
        reading = reading.min(timer.elapsed().as_secs_f64());
        anyhow::ensure!(!rows.is_empty(), "no counts read");
    }
    crate::say(&format!(
        "[{label}] measures: every ward's (and borough's and London's) crimes by category, harm days and rate per 1,000 for each month of 2022 and the year, with intervals: best of 5 {:.3} s, of which reading the counts from the store {reading:.3} s",
        best
    ));
    if let Some(dir) = duckdb_dir {
        let placed = write_for_duckdb(&ctx, data, dir).await?;
        crate::say(&format!(
            "[{label}] DuckDB's input: {placed} placed rows written"
        ));
        crate::say(&format!(
            "[{label}] DuckDB's side: python3 bench/stats_duckdb.py {} (bench/stats.sh runs it)",
            dir.display()
        ));
    }

    // The public ward page and the analysts' ward dashboard with about `crimes` recorded
    // crimes and `reports` of Peel's own reports in the store.
    let timer = Instant::now();
    let held = fill(store.as_ref(), sizes.crimes).await?;
    crate::say(&format!(
        "[{label}] the store holds {held} recorded crimes over {} months (filled in {:.1} s)",
        held / 849_409 * 12 + 12,
        timer.elapsed().as_secs_f64()
    ));
    let timer = Instant::now();
    let postcodes: Vec<String> = gazetteer
        .postcodes()
        .iter()
        .map(|p| p.to_string())
        .collect();
    let reports = fill_reports(&ctx, copier, &postcodes, sizes.reports).await?;
    crate::say(&format!(
        "[{label}] the store holds {reports} reports ({SEED_REPORTS} through intake, the rest copied by the database; filled in {:.1} s)",
        timer.elapsed().as_secs_f64()
    ));
    let wards: Vec<String> = gazetteer
        .wards()
        .iter()
        .filter(|w| w.borough_code != "E09000001")
        .map(|w| w.code.clone())
        .collect();
    profile(label, &ctx, &actor, &wards).await?;
    let state = AppState::new(
        ctx,
        WebConfig {
            cookie_secure: false,
            ..WebConfig::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(peel_web::serve(listener, state, async move {
        let _ = stopped.await;
    }));
    let public: Vec<String> = wards.iter().map(|w| format!("/wards/{w}")).collect();
    let timed = time_pages(&reqwest::Client::new(), &base, &public, sizes.requests).await;
    let staff = async {
        let client = analyst(store.as_ref(), &base).await?;
        let dashboards: Vec<String> = wards
            .iter()
            .map(|w| format!("/insight/wards/{w}"))
            .collect();
        time_pages(&client, &base, &dashboards, sizes.requests).await
    }
    .await;
    let _ = stop.send(());
    let _ = server.await;
    say_times(label, "/wards/{code}", &timed?);
    say_times(label, "/insight/wards/{code}", &staff?);
    Ok(())
}

pub async fn run(
    data: &Path,
    sizes: &Sizes,
    postgres: Option<String>,
    duckdb: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let sqlite = Arc::new(SqliteStore::open(&dir.path().join("peel.db")).await?);
    if let Some(folder) = &duckdb {
        std::fs::create_dir_all(folder)?;
    }
    on_store(
        "sqlite",
        sqlite.clone(),
        sqlite.as_ref(),
        data,
        sizes,
        duckdb.as_deref(),
    )
    .await?;
    if let Some(url) = postgres {
        let schema = format!("bench_stats_{}", std::process::id());
        let store = Arc::new(PgStore::connect_in_schema(&url, &schema).await?);
        let result = on_store("postgres", store.clone(), store.as_ref(), data, sizes, None).await;
        let pool = sqlx::PgPool::connect(&url).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
            .execute(&pool)
            .await?;
        result?;
    }
    Ok(ExitCode::SUCCESS)
}
