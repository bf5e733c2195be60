//! `peel bench evidence`: a large file sent over HTTP on loopback to a `peel serve` of its own
//! (a separate process, so that its memory is its own), hashed and stored as evidence, beside
//! `sha256sum` of the same file in the same run; and the server's peak memory growth.
// The bench runs peel serve, sha256sum and curl as other programs, as an operator would.
#![allow(clippy::disallowed_methods)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// Peak resident memory of a process so far, in bytes (`VmHWM`).
fn peak_rss(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM in /proc/PID/status")?;
    Ok(kb * 1024)
}

/// Writes `bytes` of incompressible, video-like data: an MP4 `ftyp` box, then noise.
fn write_file(path: &Path, bytes: u64) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    out.write_all(b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2")?;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut block = vec![0u8; 1 << 20];
    let mut left = bytes.saturating_sub(24);
    while left > 0 {
        for word in block.chunks_exact_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.copy_from_slice(&state.to_le_bytes());
        }
        let n = left.min(block.len() as u64) as usize;
        out.write_all(block.get(..n).unwrap_or_default())?;
        left -= n as u64;
    }
    out.flush()?;
    Ok(())
}

fn timed(command: &mut Command) -> anyhow::Result<(String, Duration)> {
    let started = Instant::now();
    let output = command.stderr(Stdio::inherit()).output()?;
    let took = started.elapsed();
    anyhow::ensure!(output.status.success(), "{command:?} failed");
    Ok((String::from_utf8_lossy(&output.stdout).into_owned(), took))
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub async fn run(size_mb: u64) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    std::fs::write(
        dir.path().join("peel.toml"),
        "request_timeout_secs = 600\nevidence_max_file_mb = 8192\nevidence_max_submission_mb = 8192\n",
    )?;
    let server = Server(
        Command::new(std::env::current_exe()?)
            .args([
                "serve",
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--data-dir",
            ])
            .arg(dir.path().join("data"))
            .arg("--config")
            .arg(dir.path().join("peel.toml"))
            .env("PEEL_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()?,
    );
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::ensure!(up, "peel serve did not start");
    let created: serde_json::Value = client
        .post(format!("{base}/api/v1/reports"))
        .json(&serde_json::json!({
            "description": "Benchmark: a doorbell camera's long recording of a break-in",
            "category": "burglary",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"online": true},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let reference = created
        .get("reference")
        .and_then(|v| v.as_str())
        .context("no reference")?;
    let token = created
        .get("status_token")
        .and_then(|v| v.as_str())
        .context("no status code")?;

    let file = dir.path().join("recording.mp4");
    let bytes = size_mb * 1024 * 1024;
    write_file(&file, bytes)?;
    let mb = bytes as f64 / (1024.0 * 1024.0);

    // The baseline: sha256sum reading the same file (warm in the page cache, as the upload is).
    let (sum, baseline) = timed(Command::new("sha256sum").arg(&file))?;
    let expected = sum.split_whitespace().next().unwrap_or_default().to_owned();

    // A second baseline where OpenSSL is installed: coreutils' sha256sum does not use the
    // CPU's SHA instructions, OpenSSL (like the sha2 crate) does.
    let openssl = timed(Command::new("openssl").args(["dgst", "-sha256"]).arg(&file)).ok();

    let before = peak_rss(server.0.id())?;
    let (answer, took) = timed(
        Command::new("curl")
            .args(["-sS", "--fail-with-body", "-H"])
            .arg(format!("Authorization: Bearer {token}"))
            .arg("-F")
            .arg(format!("file=@{};type=video/mp4", file.display()))
            .arg(format!("{base}/api/v1/reports/{reference}/evidence")),
    )?;
    let after = peak_rss(server.0.id())?;
    let answer: serde_json::Value = serde_json::from_str(&answer)?;
    let got = answer
        .pointer("/items/0/sha256")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    anyhow::ensure!(
        got == expected,
        "the server's SHA-256 {got} is not sha256sum's {expected}"
    );
    let kept = peel_store::blobs::LocalBlobs::new(dir.path().join("data/evidence"))
        .path(got)
        .context("the server's answer is not a SHA-256")?;
    anyhow::ensure!(
        std::fs::metadata(&kept)?.len() == bytes,
        "the kept file is not whole"
    );

    let rate = |d: Duration| mb / d.as_secs_f64();
    let growth = after.saturating_sub(before) as f64 / (1024.0 * 1024.0);
    println!("evidence: {mb:.0} MB over HTTP on loopback, multipart, hashed and stored");
    println!(
        "  sha256sum (baseline): {:.2} s, {:.0} MB/s",
        baseline.as_secs_f64(),
        rate(baseline)
    );
    if let Some((_, took)) = openssl {
        println!(
            "  openssl dgst -sha256 (second baseline): {:.2} s, {:.0} MB/s",
            took.as_secs_f64(),
            rate(took)
        );
    }
    println!(
        "  peel (upload, hash, type check, store): {:.2} s, {:.0} MB/s",
        took.as_secs_f64(),
        rate(took)
    );
    println!(
        "  ratio (peel / sha256sum throughput): {:.2} (target at least 0.8)",
        rate(took) / rate(baseline)
    );
    println!(
        "  server peak memory: {:.1} MB before, {:.1} MB after: growth {growth:.1} MB (target under 64 MB)",
        before as f64 / (1024.0 * 1024.0),
        after as f64 / (1024.0 * 1024.0)
    );
    Ok(ExitCode::SUCCESS)
}
