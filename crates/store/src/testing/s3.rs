//! A real S3-compatible server for tests: moto's (PyPI `moto[server]`), on a port of its own,
//! with a fresh bucket. Under `CI=true` a missing server fails the test rather than skipping it.
// Tests run moto as another program; Peel itself only talks to it over HTTP.
#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::panic)]

use crate::blobs::s3::S3Settings;

/// moto's S3 server, with one bucket made for the test.
pub struct S3Server {
    process: std::process::Child,
    /// How Peel reaches the bucket.
    pub settings: S3Settings,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn moto_server() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("moto_server"))
        .find(|candidate| candidate.is_file())
}

impl S3Server {
    /// Starts moto and makes a bucket; `None` (saying so) where moto is not installed, except
    /// under `CI=true`.
    pub async fn start() -> Option<S3Server> {
        let Some(moto) = moto_server() else {
            peel_skip::skip("moto_server is not installed: skipped the S3 test");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = std::process::Command::new(moto)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let endpoint = format!("http://127.0.0.1:{port}");
        let bucket = format!("peel-test-{}", std::process::id());
        for _ in 0..300 {
            // moto takes any credentials; making the bucket is a plain PUT.
            if make_bucket(port, &bucket).await {
                return Some(S3Server {
                    process,
                    settings: S3Settings {
                        url: format!("s3://{bucket}/evidence"),
                        endpoint: Some(endpoint),
                        region: Some("eu-west-2".into()),
                        access_key_id: Some("test".into()),
                        secret_access_key: Some("test".into()),
                    },
                });
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let mut process = process;
        let _ = process.kill();
        panic!("moto_server did not start on port {port}");
    }
}

/// `PUT /bucket` over a plain connection: whether moto answered 200.
async fn make_bucket(port: u16, bucket: &str) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut connection) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    let request = format!(
        "PUT /{bucket} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if connection.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let _ = connection.read_to_end(&mut answer).await;
    answer.starts_with(b"HTTP/1.1 200") || answer.starts_with(b"HTTP/1.0 200")
}
