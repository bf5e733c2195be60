//! A small WebDriver client for Debian's Chromium through ChromeDriver, for the browser tests.
//!
//! Skipped, saying so, where Chromium and ChromeDriver are not installed, except when
//! `CI=true`: there a missing browser fails the test (`.ci/run` installs both).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Driver {
    process: Child,
    base: String,
    session: String,
    client: reqwest::Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Driver {
    pub async fn start() -> Option<Driver> {
        let (chromium, chromedriver) = ("/usr/bin/chromium", "/usr/bin/chromedriver");
        if !Path::new(chromium).exists() || !Path::new(chromedriver).exists() {
            peel_skip::skip("Chromium or ChromeDriver is not installed: skipped the browser test");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if client.get(format!("{base}/status")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1000,2000"
            ]}
        }}});
        let created: Value = client
            .post(format!("{base}/session"))
            .json(&capabilities)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_owned();
        let driver = Driver {
            process,
            base,
            session,
            client,
        };
        // Wait up to 10 s for elements to appear after a click navigates.
        driver
            .call(
                reqwest::Method::POST,
                "/timeouts",
                json!({"implicit": 10_000, "pageLoad": 30_000, "script": 60_000}),
            )
            .await;
        Some(driver)
    }

    pub async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let response = self
            .client
            .request(method, url)
            .json(&body)
            .send()
            .await
            .unwrap();
        let value: Value = response.json().await.unwrap();
        assert!(
            value["value"].get("error").is_none(),
            "WebDriver {path}: {value}"
        );
        value["value"].clone()
    }

    pub async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({"url": url}))
            .await;
    }

    pub async fn find(&self, css: &str) -> String {
        let found = self
            .call(
                reqwest::Method::POST,
                "/element",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/click"),
            json!({}),
        )
        .await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/value"),
            json!({"text": text}),
        )
        .await;
    }

    pub async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::GET,
            &format!("/element/{element}/text"),
            json!({}),
        )
        .await
        .as_str()
        .unwrap()
        .to_owned()
    }

    /// The text of an element, or `None` while the page is changing under it.
    pub async fn try_text(&self, css: &str) -> Option<String> {
        let url = format!("{}/session/{}", self.base, self.session);
        let found: Value = self
            .client
            .post(format!("{url}/element"))
            .json(&json!({"using": "css selector", "value": css}))
            .send()
            .await
            .ok()?
            .json()
            .await
            .ok()?;
        let element = found["value"][ELEMENT].as_str()?;
        let text: Value = self
            .client
            .get(format!("{url}/element/{element}/text"))
            .send()
            .await
            .ok()?
            .json()
            .await
            .ok()?;
        text["value"].as_str().map(str::to_owned)
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn run(&self, script: &str, args: Value) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            json!({"script": script, "args": args}),
        )
        .await
    }

    /// Runs a script that calls its last argument when done, and returns what it passed.
    pub async fn run_async(&self, script: &str, args: Value) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            json!({"script": script, "args": args}),
        )
        .await
    }

    /// Forgets every cookie (signs out whoever was signed in).
    pub async fn clear_cookies(&self) {
        self.call(reqwest::Method::DELETE, "/cookie", json!({}))
            .await;
    }

    /// Sends a Chrome DevTools Protocol command (through ChromeDriver).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            reqwest::Method::POST,
            "/goog/cdp/execute",
            json!({"cmd": cmd, "params": params}),
        )
        .await
    }

    /// Makes the window this wide (CSS pixels) and tall.
    #[allow(dead_code)]
    pub async fn resize(&self, width: u32, height: u32) {
        self.call(
            reqwest::Method::POST,
            "/window/rect",
            json!({"width": width, "height": height}),
        )
        .await;
    }

    /// The address the window shows.
    pub async fn url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", json!({}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits up to ten seconds for the page's heading to read `wanted`, and returns what it
    /// read last.
    pub async fn heading(&self, wanted: &str) -> String {
        let mut heading = String::new();
        for _ in 0..100 {
            heading = self.try_text("h1").await.unwrap_or_default();
            if heading == wanted {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        heading
    }

    pub async fn quit(&self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = self.client.delete(url).send().await;
    }
}
