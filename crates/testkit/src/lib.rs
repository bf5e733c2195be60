//! Test helpers: [`spawn_app`] starts a real Peel server on a random loopback port over a fresh
//! store, with typed helpers for the flows tests need. For tests only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
pub mod clamd;
pub mod mail;

pub use mail::{Mail, MailServer};

use std::sync::{Arc, Mutex};

use peel_app::accounts::{AccountRequest, create_account};
use peel_app::{Context, Settings};
use peel_core::RoleSet;
use peel_core::clock::Clock;
use peel_core::policy::Actor;
use peel_store::Store;
use peel_store::testing::TestStore;
use peel_web::{AppState, WebConfig};
use time::{Duration, OffsetDateTime};

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct ManualClock(Mutex<OffsetDateTime>);

impl ManualClock {
    /// A clock at a fixed, realistic time.
    pub fn new() -> ManualClock {
        ManualClock(Mutex::new(time::macros::datetime!(2026-11-26 09:00 UTC)))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// The store behind the server.
    pub store: Arc<dyn Store>,
    /// The fresh store, with its way behind the store's back.
    pub test_store: TestStore,
    /// The server's clock.
    pub clock: Arc<ManualClock>,
    /// The audit checkpoint file and its keys.
    pub checkpoints: peel_app::audit::checkpoints::CheckpointLog,
    /// The one-time-password secrets of accounts that have one, by username, so that signing
    /// in as them answers the code step as their phone would.
    totp: Mutex<std::collections::HashMap<String, peel_core::totp::TotpSecret>>,
    _checkpoint_dir: tempfile::TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// Stops the outbox worker, when one runs, as the app is dropped.
    _outbox: Option<tokio::sync::watch::Sender<bool>>,
}

/// The key test apps sign audit checkpoints with.
pub fn test_signing_key() -> peel_core::audit::checkpoint::CheckpointKey {
    peel_core::audit::checkpoint::CheckpointKey::from_seed(*b"peel-test-audit-signing-key-32by")
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The shared data folder: `PEEL_SHARED_DATA`, or `../shared/data` beside the repository.
pub fn data_dir() -> std::path::PathBuf {
    peel_skip::shared_data()
}

/// The real London gazetteer, built once per test binary; `None` (and a note on standard
/// error) when the data folder is absent.
pub fn london() -> Option<Arc<peel_geo::Gazetteer>> {
    static LONDON: std::sync::OnceLock<Option<Arc<peel_geo::Gazetteer>>> =
        std::sync::OnceLock::new();
    LONDON
        .get_or_init(|| {
            let folder = data_dir().join("geography");
            let postcodes = folder.join(peel_geo::POSTCODE_FILE);
            if !postcodes.exists() {
                // Each test that needed it says so (and is counted) where it skips.
                eprintln!("{} is absent", folder.display());
                return None;
            }
            let rows =
                peel_geo::read_postcode_rows(std::fs::File::open(postcodes).unwrap()).unwrap();
            let boundaries = std::fs::read_to_string(folder.join(peel_geo::BOROUGH_FILE)).unwrap();
            let boroughs = peel_geo::read_boroughs(&boundaries).unwrap();
            Some(Arc::new(peel_geo::Gazetteer::new(rows, boroughs).unwrap()))
        })
        .clone()
}

/// A scam classifier trained once per test binary on the training 80% of the SMS collection.
pub fn scam_model() -> Option<peel_core::classifier::Model> {
    static MODEL: std::sync::OnceLock<Option<peel_core::classifier::Model>> =
        std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| {
            let bytes =
                std::fs::read(data_dir().join("text/uci_sms_spam/SMSSpamCollection")).ok()?;
            let (messages, _) =
                peel_core::classifier::read_labelled(&String::from_utf8_lossy(&bytes));
            let (train, _) = peel_core::classifier::split(messages.len());
            let training: Vec<(&str, bool)> = train
                .iter()
                .filter_map(|i| messages.get(*i))
                .map(|(text, scam)| (text.as_str(), *scam))
                .collect();
            Some(peel_core::classifier::Model::train(&training, 10, 0))
        })
        .clone()
}

/// [`london`], or a skip said and counted for the test that asked (a failure under `CI=true`).
pub fn london_or_skip() -> Option<Arc<peel_geo::Gazetteer>> {
    let london = london();
    if london.is_none() {
        peel_skip::skip("the London geography in the shared data is absent");
    }
    london
}

/// Starts Peel over a fresh SQLite store with London geography; `None` without the data (the
/// test skipping, counted).
pub async fn spawn_london_app() -> Option<TestApp> {
    let london = london_or_skip()?;
    let test_store = TestStore::sqlite().await.unwrap();
    let config = test_config();
    Some(spawn_with_state(test_store, config, settings(), Some(london), None).await)
}

/// [`spawn_london_app`] with its outbox worker sending through `transports`.
pub async fn spawn_london_app_sending(transports: peel_app::outbox::Transports) -> Option<TestApp> {
    let london = london_or_skip()?;
    let test_store = TestStore::sqlite().await.unwrap();
    let config = test_config();
    Some(
        spawn_with_state(
            test_store,
            config,
            settings(),
            Some(london),
            Some(transports),
        )
        .await,
    )
}

/// A password that passes the rules, for tests.
pub const PASSWORD: &str = "heron kettle gravel 47";

/// Starts Peel over a fresh SQLite store.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestStore::sqlite().await.unwrap()).await
}

/// Starts Peel over the given store.
pub async fn spawn_app_on(test_store: TestStore) -> TestApp {
    spawn_app_with(test_store, test_config()).await
}

/// Starts Peel over the given store with the given web settings.
pub async fn spawn_app_with(test_store: TestStore, config: WebConfig) -> TestApp {
    spawn_with_state(test_store, config, settings(), None, None).await
}

/// Starts Peel over the given store with the given force settings.
pub async fn spawn_app_settled(test_store: TestStore, settings: Settings) -> TestApp {
    let config = test_config();
    spawn_with_state(test_store, config, settings, None, None).await
}

/// Starts Peel over a fresh SQLite store with its outbox worker sending through `transports`.
pub async fn spawn_app_sending(transports: peel_app::outbox::Transports) -> TestApp {
    let test_store = TestStore::sqlite().await.unwrap();
    spawn_with_state(
        test_store,
        test_config(),
        settings(),
        None,
        Some(transports),
    )
    .await
}

/// SMTP transports to `server`: from `peel@example.police.uk`, and neutral prompts from
/// `hello@example.org`.
pub fn smtp_to(server: &MailServer) -> peel_app::outbox::Transports {
    use peel_deliver::Smtp;
    let smtp = Smtp::new(&server.url, "Peel <peel@example.police.uk>").unwrap();
    let neutral = Smtp::new(&server.url, "hello@example.org").unwrap();
    peel_app::outbox::Transports {
        email: Some(Arc::new(smtp)),
        neutral_email: Some(Arc::new(neutral)),
        ..Default::default()
    }
}

/// The web settings tests run with: plain HTTP cookies, and a limit on reports an address may
/// send a minute high enough for tests that make many (the limits' own tests lower it).
pub fn test_config() -> WebConfig {
    WebConfig {
        cookie_secure: false,
        reports_per_address_per_minute: 100_000,
        reports_per_minute: 1_000_000,
        ..WebConfig::default()
    }
}

/// The force settings tests run with: the Met's defaults.
pub fn settings() -> Settings {
    Settings::for_organisation(peel_core::OrganisationId::parse("met").unwrap())
}

async fn spawn_with_state(
    test_store: TestStore,
    config: WebConfig,
    settings: Settings,
    gazetteer: Option<Arc<peel_geo::Gazetteer>>,
    transports: Option<peel_app::outbox::Transports>,
) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug")
            .with_test_writer()
            .try_init();
    }
    let clock = Arc::new(ManualClock::new());
    let checkpoint_dir = tempfile::tempdir().unwrap();
    let checkpoints = peel_app::audit::checkpoints::CheckpointLog::new(
        checkpoint_dir.path().join("audit-checkpoints.jsonl"),
        test_signing_key(),
        peel_store::testing::test_chain_key(),
    );
    // Each app keeps its evidence in a folder of its own, unless the test chose one.
    let mut settings = settings;
    if settings.evidence.dir == peel_app::evidence::EvidenceSettings::default().dir {
        settings.evidence = peel_app::evidence::EvidenceSettings {
            clamd_socket: settings.evidence.clamd_socket.clone(),
            ..peel_app::evidence::EvidenceSettings::local(checkpoint_dir.path().join("evidence"))
        };
    }
    let mut ctx = Context::new(test_store.store.clone(), clock.clone(), settings)
        .with_checkpoints(checkpoints.clone());
    if let Some(gazetteer) = gazetteer {
        ctx = ctx.with_gazetteer(gazetteer);
        if let Some(model) = scam_model() {
            ctx = ctx.with_scam_model(model);
        }
        let table = data_dir().join("reference/cchi_weights_by_policeuk_category_subgroup.csv");
        if let Ok(text) = std::fs::read_to_string(table) {
            ctx = ctx.with_harm_table(peel_core::triage::HarmTable::from_csv(&text).unwrap());
        }
    }
    let outbox = transports.map(|transports| {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(peel_app::outbox::run(
            ctx.clone(),
            transports,
            ctx.outbox_nudge(),
            stopped,
        ));
        stop
    });
    let state = AppState::new(ctx, config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address: SocketAddr = listener.local_addr().unwrap();
    let (shutdown, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(peel_web::serve(listener, state, async move {
        let _ = shutdown_rx.await;
    }));
    TestApp {
        address: format!("http://{address}"),
        store: test_store.store.clone(),
        test_store,
        clock,
        checkpoints,
        totp: Mutex::default(),
        _checkpoint_dir: checkpoint_dir,
        shutdown: Some(shutdown),
        _outbox: outbox,
    }
}

impl TestApp {
    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Sends a report to the public API, which must take it (201); its answer.
    pub async fn send_report(&self, body: &serde_json::Value) -> serde_json::Value {
        let response = self
            .client()
            .post(self.url("/api/v1/reports"))
            .json(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "the report was refused");
        response.json().await.unwrap()
    }

    /// The codes of every audit entry so far, oldest first.
    pub async fn audit_codes(&self) -> Vec<String> {
        self.store
            .audit_entries(&peel_store::AuditQuery {
                limit: 100_000,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event.event.as_str().to_owned())
            .collect()
    }

    /// A browser-like client with its own cookie jar that does not follow redirects, so tests
    /// can see them.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Creates an account directly, as the console operator would.
    pub async fn create_user(&self, username: &str, roles: &str) {
        self.create_user_in(username, roles, None).await;
    }

    /// Creates an account in a team (`snt-E05013806`, `central-intake`), as the console
    /// operator would with `peel user add --team`. An account whose roles need one-time
    /// passwords gets an app set up at once (its secret kept for signing in).
    pub async fn create_user_in(&self, username: &str, roles: &str, team: Option<&str>) {
        self.create_user_without_app(username, roles, team).await;
        let set = RoleSet::parse_slugs(roles).unwrap();
        if peel_core::session::needs_second_factor(&set, false) {
            let id = self.user_id(username).await;
            let secret = peel_core::totp::TotpSecret::from_bytes(
                *peel_core::token::Secret::presented(username)
                    .digest()
                    .as_bytes()
                    .first_chunk::<20>()
                    .unwrap(),
            );
            self.store
                .set_totp(
                    id,
                    Some(&secret.to_base32()),
                    &[],
                    self.event(
                        peel_core::audit::AuditCode::TotpEnrolled,
                        format!("user:{id}"),
                        "",
                    ),
                )
                .await
                .unwrap();
            self.totp
                .lock()
                .unwrap()
                .insert(username.to_owned(), secret);
        }
    }

    /// Creates an account with no one-time-password app, whatever its roles.
    pub async fn create_user_without_app(&self, username: &str, roles: &str, team: Option<&str>) {
        self.create_user_of(username, roles, team, "met").await;
    }

    /// Creates an account of another organisation (an intermediary's staff member), with no
    /// one-time-password app.
    pub async fn create_user_of(
        &self,
        username: &str,
        roles: &str,
        team: Option<&str>,
        organisation: &str,
    ) {
        let request = AccountRequest {
            username: username.to_owned(),
            password: PASSWORD.to_owned(),
            roles: RoleSet::parse_slugs(roles).unwrap(),
            organisation: peel_core::OrganisationId::parse(organisation).unwrap(),
            team: team.map(|t| peel_core::TeamId::parse(t).unwrap()),
        };
        create_account(
            self.store.as_ref(),
            &Actor::operator("test"),
            self.clock.now(),
            &request,
        )
        .await
        .unwrap();
    }

    /// An audit event by the console operator ("test"), now on the test clock.
    pub fn event(
        &self,
        code: peel_core::audit::AuditCode,
        subject: impl std::fmt::Display,
        detail: &str,
    ) -> peel_core::audit::AuditEvent {
        peel_app::audit::event(
            &Actor::operator("test"),
            self.clock.now(),
            code,
            subject,
            detail,
        )
    }

    /// The stored submission with this reference (as a response gave it).
    pub async fn submission(&self, reference: &str) -> peel_store::Submission {
        let reference = peel_core::reference::Reference::parse(reference)
            .unwrap_or_else(|| panic!("{reference:?} is not a reference"));
        self.store
            .submission_by_reference(&reference)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no submission {reference}"))
    }

    /// The id of an account.
    pub async fn user_id(&self, username: &str) -> peel_core::UserId {
        let username = peel_core::username::Username::parse(username).unwrap();
        self.store
            .credentials(&username)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no account {username}"))
            .user
            .id
    }

    /// Fetches a page and returns its body, asserting success.
    pub async fn get_page(&self, client: &reqwest::Client, path: &str) -> String {
        let response = client.get(self.url(path)).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.text().await.unwrap()
    }

    /// Signs in through the real form (fetching it first for its CSRF token).
    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        self.sign_in_from(client, username, password, None).await
    }

    /// Signs in as if through a reverse proxy that reports the client at `forwarded_for`.
    pub async fn sign_in_from(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
        forwarded_for: Option<&str>,
    ) -> reqwest::Response {
        let form = self.get_page(client, "/login").await;
        let csrf = csrf_token(&form);
        let mut request = client.post(self.url("/login")).form(&[
            ("csrf_token", csrf.as_str()),
            ("username", username),
            ("password", password),
        ]);
        if let Some(address) = forwarded_for {
            request = request.header("x-forwarded-for", address);
        }
        request.send().await.unwrap()
    }

    /// A signed-in client, asserting that signing in worked; a one-time password is given, or
    /// an app set up, where the account needs one, as its owner's phone would.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let response = self.sign_in(&client, username, PASSWORD).await;
        assert_eq!(response.status(), 303, "signing in as {username} failed");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        match location.as_str() {
            "/login/code" => {
                // A code works once per 30-second step; the test clock stands still, so the
                // step is made usable again behind the store's back.
                self.test_store
                    .execute_raw(&format!(
                        "UPDATE users SET totp_last_step = NULL WHERE username = '{username}'"
                    ))
                    .await
                    .unwrap();
                let code = self.totp_code(username);
                let done = self
                    .post_form(&client, "/login/code", "/login/code", &[("code", &code)])
                    .await;
                assert_eq!(
                    done.status(),
                    303,
                    "the one-time password for {username} was refused"
                );
            }
            "/login/setup-code" => {
                let page = self.get_page(&client, "/login/setup-code").await;
                let marker = "name=\"secret\" value=\"";
                let start = page.find(marker).unwrap() + marker.len();
                let end = page[start..].find('"').unwrap() + start;
                let secret = peel_core::totp::TotpSecret::from_base32(&page[start..end]).unwrap();
                self.totp
                    .lock()
                    .unwrap()
                    .insert(username.to_owned(), secret.clone());
                let code = self.totp_code(username);
                let csrf = csrf_token(&page);
                let done = client
                    .post(self.url("/login/setup-code"))
                    .form(&[
                        ("csrf_token", csrf.as_str()),
                        ("secret", &page[start..end]),
                        ("code", &code),
                    ])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    done.status(),
                    200,
                    "setting up the app for {username} failed"
                );
            }
            _ => {}
        }
        client
    }

    /// The code `username`'s app shows now (on the test clock).
    pub fn totp_code(&self, username: &str) -> String {
        let secret = self.totp.lock().unwrap().get(username).cloned().unwrap();
        secret.code_at(self.clock.now().unix_timestamp())
    }

    /// Posts a form from a signed-in page, with the CSRF token taken from `page_path`.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        page_path: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let page = self.get_page(client, page_path).await;
        let csrf = csrf_token(&page);
        let mut body: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
        body.extend_from_slice(fields);
        client
            .post(self.url(action))
            .form(&body)
            .send()
            .await
            .unwrap()
    }
}

/// The value of the first `csrf_token` hidden field in a page.
pub fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("the page has a CSRF field") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// What the server logged on this thread while a [`capture_logs`] guard lived.
#[derive(Debug, Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    /// Everything logged so far, as text.
    pub fn text(&self) -> String {
        self.0
            .lock()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Captures the logs of this thread (a `#[tokio::test]` runs the server on it) until the guard
/// is dropped.
pub fn capture_logs() -> (tracing::subscriber::DefaultGuard, Logs) {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (tracing::subscriber::set_default(subscriber), logs)
}
