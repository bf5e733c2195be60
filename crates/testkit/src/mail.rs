//! A real SMTP server for tests: Debian's `python3-aiosmtpd`, delivering into a Maildir that
//! the test reads. Under `CI=true` a missing server fails the test rather than skipping it.
// Tests run the mail server as another program; Peel itself never does.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One delivered email, as the server stored it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The headers, in order (aiosmtpd adds `X-RcptTo` and `X-MailFrom`).
    pub headers: Vec<(String, String)>,
    /// The body, with quoted-printable soft breaks and escapes undone.
    pub body: String,
}

impl Mail {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The recipient as the server received it.
    pub fn to(&self) -> &str {
        self.header("X-RcptTo").unwrap_or_default()
    }
}

/// A running SMTP server.
pub struct MailServer {
    /// `smtp://127.0.0.1:PORT`.
    pub url: String,
    /// The port.
    pub port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

impl Drop for MailServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(2525)
}

impl MailServer {
    /// Starts aiosmtpd on a free port; `None` when it is not installed (a failure under CI).
    pub fn start() -> Option<MailServer> {
        Self::start_on(free_port())
    }

    /// Starts aiosmtpd on `port`.
    pub fn start_on(port: u16) -> Option<MailServer> {
        let python = ["/usr/bin/python3", "python3"].into_iter().find(|p| {
            Command::new(p)
                .args(["-c", "import aiosmtpd"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
        let Some(python) = python else {
            peel_skip::skip("skipped: python3-aiosmtpd is not installed");
            return None;
        };
        let dir = tempfile::tempdir().ok()?;
        let maildir = dir.path().join("maildir");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(MailServer {
            url: format!("smtp://127.0.0.1:{port}"),
            port,
            dir,
            child,
        })
    }

    /// Every email delivered so far, oldest first.
    pub fn messages(&self) -> Vec<Mail> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = ["new", "cur"]
            .iter()
            .flat_map(|sub| {
                std::fs::read_dir(self.dir.path().join("maildir").join(sub))
                    .into_iter()
                    .flatten()
                    .flatten()
            })
            .filter_map(|e| {
                let modified = e.metadata().ok()?.modified().ok()?;
                Some((modified, e.path()))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, path)| std::fs::read_to_string(path).ok())
            .map(|text| parse(&text))
            .collect()
    }

    /// Waits up to `within` for an email to `to`; the first found.
    pub async fn wait_for(&self, to: &str, within: Duration) -> Option<Mail> {
        self.wait_for_nth(to, 1, within).await
    }

    /// Waits up to `within` until `n` emails have reached `to`; the `n`th.
    pub async fn wait_for_nth(&self, to: &str, n: usize, within: Duration) -> Option<Mail> {
        let deadline = Instant::now() + within;
        loop {
            let found: Vec<Mail> = self
                .messages()
                .into_iter()
                .filter(|m| m.to() == to)
                .collect();
            if found.len() >= n {
                return found.into_iter().nth(n - 1);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn parse(text: &str) -> Mail {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let quoted = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("Content-Transfer-Encoding")
            && v.eq_ignore_ascii_case("quoted-printable")
    });
    let body = if quoted {
        unquote(body)
    } else {
        body.to_owned()
    };
    Mail { headers, body }
}

fn unquote(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'=')
            && let Some(Ok(b)) = joined.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.extend(bytes.get(i));
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
