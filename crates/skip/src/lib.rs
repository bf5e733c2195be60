//! For tests only: where the shared reference data is, and how a test that lacks something it
//! needs (PostgreSQL, the shared data, Chromium, an SMTP or S3 server) skips.
//!
//! A skip is never silent: it is said on standard error and, when `PEEL_SKIP_LOG` names a file,
//! written there as one line, so that `.ci/run` prints how many tests skipped. Under `CI=true`
//! nothing skips for want of a component: [`skip`] panics, failing the test.

use std::io::Write;
use std::path::PathBuf;

/// The variable naming the shared reference data (`../shared/data` beside the repository by
/// default). Not `PEEL_DATA_DIR`, which is where Peel keeps its own store.
pub const SHARED_DATA_VAR: &str = "PEEL_SHARED_DATA";

/// The variable naming the file skips are counted in.
pub const SKIP_LOG_VAR: &str = "PEEL_SKIP_LOG";

/// The shared reference data folder: `PEEL_SHARED_DATA`, or `../shared/data` beside the
/// repository.
pub fn shared_data() -> PathBuf {
    std::env::var_os(SHARED_DATA_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// A folder or file under the shared data, or `None` (the test skipping, said and counted) when
/// it is absent.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = shared_data().join(relative);
    if path.exists() {
        Some(path)
    } else {
        skip(&format!(
            "{} is absent (set {SHARED_DATA_VAR} to where the shared data is)",
            path.display()
        ));
        None
    }
}

/// Whether this run is CI's, where nothing may skip.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skips the rest of a test for want of `what`: says so, counts it, and under `CI=true` fails.
///
/// # Panics
///
/// Under `CI=true`, always: CI installs every component its tests use.
#[allow(clippy::panic)]
pub fn skip(what: &str) {
    if under_ci() {
        panic!("{what}, and under CI=true nothing skips");
    }
    eprintln!("skipped: {what}");
    if let Some(log) = std::env::var_os(SKIP_LOG_VAR) {
        let line = format!(
            "{}\t{what}\n",
            std::thread::current().name().unwrap_or("a test")
        );
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
        {
            let _ = file.write_all(line.as_bytes());
        }
    }
}
