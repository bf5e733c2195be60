//! Tests of the `peel` binary as an operator uses it: one binary, one module per command.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_methods // These tests run the `peel` binary itself.
)]

mod audit;
mod browser;
mod durability;
mod serve;
mod user;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `peel ARGS` with `stdin` on standard input, outside any configuration of the caller's.
pub fn peel(args: &[&str], stdin: &str) -> Output {
    peel_with_env(args, stdin, &[])
}

/// Runs `peel ARGS` with `stdin` and the given environment variables.
pub fn peel_with_env(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_peel"))
        .args(args)
        .envs(env.iter().copied())
        .env_remove("PEEL_DATABASE_URL")
        .env_remove("PEEL_CONFIG")
        .env_remove("PEEL_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Adds an account to the store in `dir` through the CLI.
pub fn add_user(dir: &Path, username: &str, role: &str) {
    let output = peel(
        &[
            "user",
            "add",
            "--data-dir",
            dir.to_str().unwrap(),
            "--role",
            role,
            username,
        ],
        "heron kettle gravel 47\n",
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
