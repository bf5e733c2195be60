//! Tests of the `peel` binary as an operator uses it: one binary, one module per command.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_methods // These tests run the `peel` binary itself.
)]

mod accessibility;
mod audit;
mod browser;
mod driver;
mod durability;
mod evidence;
mod geo;
mod link;
mod notify;
mod outbox;
mod rights;
mod serve;
mod sharing;
mod stats;
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

/// The standard output of a running `peel serve`, kept open so that it can go on writing.
pub type ServeStdout = std::io::BufReader<std::process::ChildStdout>;

/// Starts `peel serve --data-dir DIR --listen 127.0.0.1:0` and reads its first `n_lines` lines.
pub fn spawn_serve(dir: &Path, n_lines: usize) -> (std::process::Child, ServeStdout, Vec<String>) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_peel"))
        .args([
            "serve",
            "--data-dir",
            dir.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ])
        .env_remove("PEEL_DATABASE_URL")
        .env_remove("PEEL_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    for _ in 0..n_lines {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_owned());
    }
    (child, reader, lines)
}

/// Sends SIGTERM and waits up to five seconds for a clean exit.
pub fn terminate(child: &mut std::process::Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    for _ in 0..100 {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    panic!("peel serve did not stop within 5 seconds of SIGTERM");
}

/// The first `http://` address in a line of output, without a trailing slash.
pub fn url_in(line: &str) -> &str {
    let start = line.find("http://").unwrap();
    line[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches('/')
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
