//! The README's steps, then a report through the form in a real headless browser (Debian's
//! Chromium, driven over WebDriver): `peel geo import`, `peel serve`, and the progress page
//! showing the ward team.
//!
//! Skipped, saying so, where Chromium and ChromeDriver are not installed, except when
//! `CI=true`: there a missing browser fails the test (`.ci/run` installs both).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
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
    async fn start() -> Option<Driver> {
        let (chromium, chromedriver) = ("/usr/bin/chromium", "/usr/bin/chromedriver");
        if !Path::new(chromium).exists() || !Path::new(chromedriver).exists() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but Chromium or ChromeDriver is missing: .ci/run should install chromium and chromium-driver"
            );
            eprintln!("Chromium or ChromeDriver is not installed: skipped the browser test");
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
                json!({"implicit": 10_000, "pageLoad": 30_000}),
            )
            .await;
        Some(driver)
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
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

    async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({"url": url}))
            .await;
    }

    async fn find(&self, css: &str) -> String {
        let found = self
            .call(
                reqwest::Method::POST,
                "/element",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/click"),
            json!({}),
        )
        .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/value"),
            json!({"text": text}),
        )
        .await;
    }

    async fn text(&self, css: &str) -> String {
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
    async fn try_text(&self, css: &str) -> Option<String> {
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

    async fn quit(&self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = self.client.delete(url).send().await;
    }
}

/// The shared data folder: `PEEL_DATA_DIR`, or `../shared/data` beside the repository.
fn data_dir() -> std::path::PathBuf {
    std::env::var_os("PEEL_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
        })
}

#[tokio::test]
async fn after_the_readme_steps_a_report_through_the_form_in_a_real_browser_reaches_its_ward_team()
{
    let Some(driver) = Driver::start().await else {
        return;
    };
    let geography = data_dir().join("geography");
    if !geography.exists() {
        eprintln!(
            "{} is absent: skipped the browser test",
            geography.display()
        );
        driver.quit().await;
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let import = super::peel(
        &[
            "geo",
            "import",
            "--data-dir",
            dir.path().to_str().unwrap(),
            geography.to_str().unwrap(),
        ],
        "",
    );
    assert!(import.status.success(), "{}", super::stderr(&import));
    assert!(
        super::stdout(&import).contains("Imported 180754 postcodes, 704 wards and 33 boroughs")
    );
    let (mut server, _stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();
    let url = |path: &str| format!("{base}{path}");

    driver.go(&url("/report")).await;
    driver.click("#danger-no").await;
    driver.click("button[type=submit]").await;

    driver
        .type_into(
            "#description",
            "Someone keeps spraying graffiti on the bus shelter at night",
        )
        .await;
    driver.click("#category-criminal-damage-arson").await;
    driver.type_into("#occurred_day", "24").await;
    driver.type_into("#occurred_month", "11").await;
    driver.type_into("#occurred_year", "2026").await;
    driver.click("#where-postcode").await;
    driver.type_into("#postcode", "e14 5ab").await;
    driver.click("#reporter_role-witness").await;
    driver.click("#anonymous-yes").await;
    driver.click("form button[type=submit]").await;

    let reference = driver.text(".reference").await;
    assert!(
        peel_core::reference::Reference::parse(&reference).is_some(),
        "got {reference:?}"
    );
    let store = peel_store::SqliteStore::open(&dir.path().join("peel.db"))
        .await
        .unwrap();
    let reference = peel_core::reference::Reference::parse(&reference).unwrap();
    let stored = peel_store::SubmissionStore::submission_by_reference(&store, &reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.ward.as_ref().map(|w| w.as_str()), Some("E05009323"));
    assert!(stored.contact.is_none());

    driver
        .click("form[action='/status'] button[type=submit]")
        .await;
    let wanted = format!("Report {reference}");
    let mut heading = String::new();
    for _ in 0..100 {
        heading = driver.try_text("h1").await.unwrap_or_default();
        if heading == wanted {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(heading, wanted);
    let page = driver.text("main").await;
    assert!(
        page.contains("Canary Wharf Safer Neighbourhood Team"),
        "{page}"
    );
    driver.quit().await;
    super::terminate(&mut server);
}
