//! Settings, from (lowest to highest priority) built-in defaults, a TOML file, `PEEL_*`
//! environment variables and command-line flags.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::StoreArgs;

type Opened = (
    Arc<dyn peel_store::Store>,
    peel_app::audit::checkpoints::CheckpointLog,
);

/// The stores a console command opened, to seal when it ends.
static OPENED: std::sync::Mutex<Vec<Opened>> = std::sync::Mutex::new(Vec::new());

/// Writes a signed checkpoint for every store the command opened whose audit chain moved
/// (checking what was written since the last checkpoint first). `Err` names what failed.
pub async fn seal_opened() -> anyhow::Result<()> {
    let opened = OPENED
        .lock()
        .map(|mut o| std::mem::take(&mut *o))
        .unwrap_or_default();
    let mut failures = Vec::new();
    for (store, log) in opened {
        let now = peel_core::clock::Clock::now(&peel_app::SystemClock);
        if let Err(error) = log.write(store.as_ref(), now, false).await {
            failures.push(format!("{}: {error}", log.path().display()));
        }
    }
    anyhow::ensure!(
        failures.is_empty(),
        "could not write the audit checkpoint: {}",
        failures.join("; ")
    );
    Ok(())
}

/// Every setting.
#[derive(Clone, Deserialize, Serialize)]
pub struct Settings {
    /// Data directory.
    pub data_dir: PathBuf,
    /// PostgreSQL URL; the embedded SQLite database when absent.
    pub database_url: Option<String>,
    /// Address to listen on.
    pub listen: String,
    /// The address people use to reach Peel, for links Peel prints; `http://LISTEN` by default.
    pub public_url: Option<String>,
    /// The organisation that staff accounts belong to.
    pub organisation: String,
    /// The force area `peel geo import` keeps: `london` (every borough and the City), `met`
    /// (the Met's 32 boroughs), or local authorities' GSS codes, comma-separated.
    pub force_area: String,
    /// `pretty` or `json` logs.
    pub log_format: String,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// Longest request, in seconds.
    pub request_timeout_secs: u64,
    /// Trust the last `X-Forwarded-For` entry as the client's address (only behind a proxy).
    pub trust_forwarded_for: bool,
    /// The force's Crime Harm Index table (CSV: category, subgroup, days, count).
    pub harm_table: Option<PathBuf>,
    /// A scam classifier model written by `peel triage train`.
    pub scam_model: Option<PathBuf>,
    /// Minutes an I-grade may wait for first human contact.
    pub first_contact_minutes_i: i64,
    /// Minutes an S-grade may wait.
    pub first_contact_minutes_s: i64,
    /// Hours an E-grade may wait.
    pub first_contact_hours_e: i64,
    /// Working days an R-grade may wait.
    pub first_contact_working_days_r: u32,
    /// A force's official DASH wording: 27 questions, one per line.
    pub dash_wording: Option<PathBuf>,
    /// A value seen from more than this many distinct sources is common and links nothing more.
    pub link_cap: usize,
    /// Largest body of notifications accepted in one request, in bytes.
    pub notification_body_limit: usize,
    /// Further warning lists in MISP's format: files, or directories searched for `list.json`
    /// (such as a checkout of MISP's misp-warninglists).
    pub warning_lists: Vec<PathBuf>,
    /// Reports at most this many metres apart...
    pub colocation_metres: f64,
    /// ...and at most this many days apart are shown as nearby.
    pub colocation_days: i64,
    /// Seconds a connection may take to send a request's headers (also while idle).
    pub header_read_timeout_secs: u64,
    /// Connections open at once, in all.
    pub max_connections: usize,
    /// Connections open at once from one address.
    pub max_connections_per_address: usize,
    /// Reports (form, API, Open311 together) accepted a minute from one address.
    pub reports_per_address_per_minute: u32,
    /// Reports accepted a minute from everyone together.
    pub reports_per_minute: u32,
    /// Addresses with no limit of their own on reports (a contact centre's gateway).
    pub report_limit_exempt: Vec<std::net::IpAddr>,
    /// The file signed audit checkpoints are appended to; `DATA_DIR/audit-checkpoints.jsonl`
    /// when absent. Ship it somewhere the database's administrators cannot write.
    pub audit_checkpoints: Option<PathBuf>,
    /// `peel serve` writes a checkpoint at least every this many audit entries (and every hour).
    pub audit_checkpoint_every: i64,
    /// Email to reporters over SMTP: `smtp://host:port` (plain, for a relay on the same
    /// network), `smtp://host?tls=required` (STARTTLS) or `smtps://host` (TLS), with
    /// `user:password@` if the server asks.
    pub smtp_url: Option<String>,
    /// The `From` address of email to reporters.
    pub mail_from: Option<String>,
    /// The `From` address of the neutral prompt sent to a reporter who said someone else may
    /// see their messages: an address that names no force (`hello@example.org`). Without it,
    /// such reporters get no email and a person calls them instead.
    pub neutral_mail_from: Option<String>,
    /// A GOV.UK Notify API key: email (when no `smtp_url` is set) and text messages go through
    /// Notify.
    pub notify_api_key: Option<String>,
    /// GOV.UK Notify's address.
    pub notify_base_url: String,
    /// The Notify email template, with `((subject))` and `((body))` placeholders.
    pub notify_email_template: Option<String>,
    /// The Notify text message template, with a `((body))` placeholder.
    pub notify_sms_template: Option<String>,
    /// A Notify text message template for neutral prompts, sent from
    /// `notify_neutral_sms_sender_id`; without both, such reporters get no text and a person
    /// reaches them instead.
    pub notify_neutral_sms_template: Option<String>,
    /// The Notify text sender id (a plain number or a name that is not the force's) that
    /// neutral prompts go from.
    pub notify_neutral_sms_sender_id: Option<String>,
    /// How long a worker holds a message it is sending before another may send it again (its
    /// worker having died); providers are given half of it to answer.
    pub outbox_lease_seconds: i64,
    /// A force's own intermediary codewords, besides Ask for ANI and Ask for Angela (one with
    /// the id `ani` or `angela` replaces the national one): `[[codewords]]` tables in the
    /// settings file with id, name, category, procedure (a list of steps),
    /// call_back_minutes and opens_dash.
    pub codewords: Vec<CodewordSetting>,
    /// Where "Leave this site quickly" on every public page goes: a neutral page that says
    /// nothing of the police (a weather page by default).
    pub quick_exit_url: String,
    /// The largest evidence file accepted, in megabytes.
    pub evidence_max_file_mb: u64,
    /// The most evidence accepted for one report, in megabytes.
    pub evidence_max_submission_mb: u64,
    /// ClamAV's `clamd` socket (Debian's `clamav-daemon`: /run/clamav/clamd.ctl): when set,
    /// every evidence file is scanned before it is acknowledged.
    pub clamd_socket: Option<PathBuf>,
    /// Where checked evidence files are kept: unset for local disk under the data directory,
    /// or `s3://bucket` (or `s3://bucket/prefix`) for S3-compatible object storage.
    pub evidence_store: Option<String>,
    /// The S3 service's address, for storage other than Amazon's (`http://127.0.0.1:9000`).
    pub evidence_s3_endpoint: Option<String>,
    /// The S3 region (`eu-west-2`); else `AWS_REGION`.
    pub evidence_s3_region: Option<String>,
    /// The S3 access key; else `AWS_ACCESS_KEY_ID`.
    pub evidence_s3_access_key_id: Option<String>,
    /// Its secret (never logged); else `AWS_SECRET_ACCESS_KEY`.
    pub evidence_s3_secret_access_key: Option<String>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("data_dir", &self.data_dir)
            .field(
                "database_url",
                &self.database_url.as_ref().map(|_| "<redacted>"),
            )
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("organisation", &self.organisation)
            .field("evidence_store", &self.evidence_store)
            .finish_non_exhaustive()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from("./peel-data"),
            database_url: None,
            listen: "127.0.0.1:8080".to_owned(),
            public_url: None,
            organisation: "met".to_owned(),
            force_area: "london".to_owned(),
            log_format: "pretty".to_owned(),
            body_limit: 1024 * 1024,
            request_timeout_secs: 30,
            trust_forwarded_for: false,
            harm_table: None,
            scam_model: None,
            first_contact_minutes_i: 15,
            first_contact_minutes_s: 60,
            first_contact_hours_e: 24,
            first_contact_working_days_r: 5,
            dash_wording: None,
            link_cap: 50,
            notification_body_limit: 64 * 1024 * 1024,
            warning_lists: Vec::new(),
            colocation_metres: 500.0,
            colocation_days: 14,
            audit_checkpoints: None,
            audit_checkpoint_every: 1_000,
            header_read_timeout_secs: 10,
            max_connections: 4_096,
            max_connections_per_address: 256,
            reports_per_address_per_minute: 20,
            reports_per_minute: 3_000,
            report_limit_exempt: Vec::new(),
            smtp_url: None,
            mail_from: None,
            neutral_mail_from: None,
            notify_api_key: None,
            notify_base_url: "https://api.notifications.service.gov.uk".to_owned(),
            notify_email_template: None,
            notify_sms_template: None,
            notify_neutral_sms_template: None,
            notify_neutral_sms_sender_id: None,
            outbox_lease_seconds: 60,
            codewords: Vec::new(),
            quick_exit_url: "https://www.bbc.co.uk/weather".to_owned(),
            evidence_max_file_mb: 4096,
            evidence_max_submission_mb: 16_384,
            clamd_socket: None,
            evidence_store: None,
            evidence_s3_endpoint: None,
            evidence_s3_region: None,
            evidence_s3_access_key_id: None,
            evidence_s3_secret_access_key: None,
        }
    }
}

/// A force's own codeword scheme, as the settings file gives it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodewordSetting {
    /// Its id, lower case (`ask-for-clive`).
    pub id: String,
    /// Its name as staff know it.
    pub name: String,
    /// The category a concern using it is recorded as [default: not-sure].
    #[serde(default)]
    pub category: Option<String>,
    /// The steps staff follow.
    pub procedure: Vec<String>,
    /// Minutes within which the intermediary is called back when the person is with them.
    pub call_back_minutes: i64,
    /// Whether attending officers follow domestic abuse procedure, DASH included.
    #[serde(default)]
    pub opens_dash: bool,
}

impl CodewordSetting {
    fn codeword(&self) -> anyhow::Result<peel_core::concern::Codeword> {
        let id = self.id.trim().to_ascii_lowercase();
        anyhow::ensure!(
            !id.is_empty()
                && id.len() <= 40
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "codeword id {:?} must be 1 to 40 letters, digits or hyphens",
            self.id
        );
        anyhow::ensure!(
            (1..=24 * 60).contains(&self.call_back_minutes),
            "codeword {id}: call_back_minutes must be between 1 and 1440"
        );
        anyhow::ensure!(!self.name.trim().is_empty(), "codeword {id}: give its name");
        anyhow::ensure!(
            !self.procedure.is_empty(),
            "codeword {id}: give its procedure, the steps staff follow"
        );
        let category = match &self.category {
            None => peel_core::submission::Category::NotSure,
            Some(slug) => peel_core::submission::Category::parse(slug)
                .with_context(|| format!("codeword {id}: {slug:?} is not a category"))?,
        };
        Ok(peel_core::concern::Codeword {
            id,
            name: self.name.trim().to_owned(),
            category,
            procedure: self.procedure.clone(),
            call_back: time::Duration::minutes(self.call_back_minutes),
            opens_dash: self.opens_dash,
        })
    }
}

/// Flags that override everything else; `None` leaves the lower layers alone.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
}

impl Settings {
    /// The settings the application's services follow, with the card key from the data
    /// directory (made on first run) and the DASH wording read.
    /// The evidence blob store the settings name: local disk under the data directory, or an
    /// S3 bucket.
    pub fn evidence_blobs(&self) -> anyhow::Result<peel_store::blobs::Blobs> {
        let dir = self.data_dir.join("evidence");
        Ok(match self.evidence_store.as_deref() {
            None | Some("") | Some("local") => {
                std::sync::Arc::new(peel_store::blobs::LocalBlobs::new(dir))
            }
            Some(url) => std::sync::Arc::new(peel_store::blobs::S3Blobs::new(
                &peel_store::blobs::s3::S3Settings {
                    url: url.to_owned(),
                    endpoint: self.evidence_s3_endpoint.clone(),
                    region: self.evidence_s3_region.clone(),
                    access_key_id: self.evidence_s3_access_key_id.clone(),
                    secret_access_key: self.evidence_s3_secret_access_key.clone(),
                },
            )?),
        })
    }

    pub fn app_settings(&self) -> anyhow::Result<peel_app::Settings> {
        Ok(peel_app::Settings {
            organisation: self.organisation()?,
            contact_times: peel_core::triage::ContactTimes {
                immediate: time::Duration::minutes(self.first_contact_minutes_i),
                significant: time::Duration::minutes(self.first_contact_minutes_s),
                extended: time::Duration::hours(self.first_contact_hours_e),
                referred_working_days: self.first_contact_working_days_r,
            },
            dash_checklist: match &self.dash_wording {
                Some(path) => {
                    let text = std::fs::read_to_string(path).with_context(|| {
                        format!("Failed to read the DASH wording {}", path.display())
                    })?;
                    peel_core::dash::Checklist::with_wording(
                        &format!("DASH2009-police/{}", path.display()),
                        &text,
                    )
                    .map_err(|problem| anyhow::anyhow!("{}: {problem}", path.display()))?
                }
                None => peel_core::dash::Checklist::peel(),
            },
            link_cap: self.link_cap,
            card_key: peel_app::keys::card_key(&self.data_dir)?,
            colocation_metres: self.colocation_metres,
            colocation_days: self.colocation_days,
            outbox: peel_app::outbox::OutboxSettings {
                public_url: self
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{}", self.listen))
                    .trim_end_matches('/')
                    .to_owned(),
                // The same Message-ID goes with a neutral prompt, so it names no force either.
                message_host: self
                    .neutral_mail_from
                    .as_deref()
                    .and_then(|from| from.rsplit_once('@'))
                    .map(|(_, host)| host.trim_end_matches('>').to_owned())
                    .unwrap_or_else(|| "peel.invalid".to_owned()),
                lease: time::Duration::seconds(self.outbox_lease_seconds.max(2)),
            },
            evidence: peel_app::evidence::EvidenceSettings {
                dir: self.data_dir.join("evidence"),
                blobs: self.evidence_blobs()?,
                max_file_bytes: self.evidence_max_file_mb.saturating_mul(1024 * 1024),
                max_submission_bytes: self.evidence_max_submission_mb.saturating_mul(1024 * 1024),
                clamd_socket: self.clamd_socket.clone(),
            },
            codewords: peel_core::concern::Codewords::with(
                self.codewords
                    .iter()
                    .map(CodewordSetting::codeword)
                    .collect::<anyhow::Result<_>>()?,
            ),
        })
    }

    /// The providers messages to reporters go through, as configured: SMTP for email when
    /// `smtp_url` is set, otherwise GOV.UK Notify's email; Notify's text messages.
    pub fn transports(&self) -> anyhow::Result<peel_app::outbox::Transports> {
        use peel_deliver::{Notify, NotifyChannel, NotifySettings, Smtp};
        use std::sync::Arc;
        let mut transports = peel_app::outbox::Transports::default();
        let notify = self.notify_api_key.as_ref().map(|key| {
            Arc::new(NotifySettings {
                api_key: key.clone(),
                base_url: self.notify_base_url.clone(),
                email_template: self.notify_email_template.clone().unwrap_or_default(),
                sms_template: self.notify_sms_template.clone().unwrap_or_default(),
                sms_sender_id: None,
            })
        });
        if let Some(url) = &self.smtp_url {
            let from = self.mail_from.as_deref().ok_or_else(|| {
                anyhow::anyhow!("smtp_url is set but mail_from is not: set the From address")
            })?;
            // Providers get half the lease to answer, so a slow one is never sent twice.
            let timeout = std::time::Duration::from_secs(
                u64::try_from(self.outbox_lease_seconds.max(2) / 2).unwrap_or(1),
            );
            let smtp =
                |from: &str| Smtp::with_timeout(url, from, timeout).map_err(anyhow::Error::msg);
            transports.email = Some(Arc::new(smtp(from)?));
            if let Some(neutral) = &self.neutral_mail_from {
                transports.neutral_email = Some(Arc::new(smtp(neutral)?));
            }
        } else if let Some(notify) = notify.as_ref().filter(|n| !n.email_template.is_empty()) {
            transports.email = Some(Arc::new(
                Notify::new(notify.clone(), NotifyChannel::Email).map_err(anyhow::Error::msg)?,
            ));
        }
        if let Some(notify) = notify.as_ref().filter(|n| !n.sms_template.is_empty()) {
            transports.text = Some(Arc::new(
                Notify::new(notify.clone(), NotifyChannel::Sms).map_err(anyhow::Error::msg)?,
            ));
        }
        if let (Some(notify), Some(template), Some(sender)) = (
            &notify,
            &self.notify_neutral_sms_template,
            &self.notify_neutral_sms_sender_id,
        ) {
            let neutral = Arc::new(NotifySettings {
                sms_template: template.clone(),
                sms_sender_id: Some(sender.clone()),
                ..(**notify).clone()
            });
            transports.neutral_text = Some(Arc::new(
                Notify::new(neutral, NotifyChannel::Sms).map_err(anyhow::Error::msg)?,
            ));
        }
        Ok(transports)
    }

    /// The organisation staff accounts belong to, checked.
    pub fn organisation(&self) -> anyhow::Result<peel_core::OrganisationId> {
        peel_core::OrganisationId::parse(&self.organisation)
            .with_context(|| "Failed to read the organisation setting")
    }

    /// Loads settings for a subcommand. The file read is the one named by `--config` or
    /// `PEEL_CONFIG`, or else `peel.toml` in the data directory if it exists.
    pub fn load(store: &StoreArgs, listen: Option<String>) -> anyhow::Result<Settings> {
        let overrides = Overrides {
            data_dir: store.data_dir.clone(),
            database_url: store.database_url.clone(),
            listen,
        };
        let named = store
            .config
            .clone()
            .or_else(|| std::env::var_os("PEEL_CONFIG").map(PathBuf::from));
        if let Some(file) = &named {
            anyhow::ensure!(
                file.exists(),
                "the configuration file {} does not exist",
                file.display()
            );
        }
        let data_dir = overrides
            .data_dir
            .clone()
            .or_else(|| std::env::var_os("PEEL_DATA_DIR").map(PathBuf::from))
            .unwrap_or_else(|| Settings::default().data_dir);
        let file = named.or_else(|| Some(data_dir.join("peel.toml")).filter(|f| f.exists()));
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = &file {
            figment = figment.merge(Toml::file(file));
        }
        figment
            .merge(Env::prefixed("PEEL_").ignore(&["config", "log", "test_postgres_url"]))
            .merge(Serialized::defaults(&overrides))
            .extract()
            .context("Failed to read the settings")
    }

    /// Opens the store these settings name, running migrations.
    ///
    /// Audit entries are sealed with the data directory's chain key (made on first run), and
    /// the store is remembered so that the command writes a signed checkpoint when it ends
    /// ([`seal_opened`]).
    pub async fn open_store(&self) -> anyhow::Result<Arc<dyn peel_store::Store>> {
        let failed = || match &self.database_url {
            Some(_) => "Failed to open the PostgreSQL database".to_owned(),
            None => format!("Failed to open the database in {}", self.data_dir.display()),
        };
        let url = self.database_url.as_deref();
        if !peel_app::keys::chain_key_exists(&self.data_dir) {
            // A new chain key only for a store none of whose entries were sealed with one: a
            // second key would make the trail unverifiable (a console on another machine, say,
            // pointed at a shared PostgreSQL database).
            let probe =
                peel_store::open(url, &self.data_dir, peel_app::keys::throwaway_chain_key()?)
                    .await
                    .with_context(failed)?;
            let keyed_from = probe.audit_keyed_from().await?;
            let head = probe.audit_head().await?.map_or(0, |(seq, _)| seq);
            anyhow::ensure!(
                head < keyed_from,
                "{} is missing, but the audit trail already holds {head} entries sealed with a key: copy audit-chain.key and audit-signing.key from where Peel first ran (every Peel on one database needs the same two)",
                self.data_dir.join("audit-chain.key").display()
            );
        }
        let chain_key = peel_app::keys::chain_key(&self.data_dir)?;
        let store = peel_store::open(url, &self.data_dir, chain_key)
            .await
            .with_context(failed)?;
        if let Ok(mut opened) = OPENED.lock() {
            opened.push((Arc::clone(&store), self.checkpoint_log()?));
        }
        Ok(store)
    }

    /// Opens the store for a command that only reads it (a list, `audit verify`, `audit
    /// export`): a data directory holding no store is refused rather than given a new, empty
    /// one, which would answer a mistyped `--data-dir` with nothing, or with "intact".
    pub async fn open_existing_store(&self) -> anyhow::Result<Arc<dyn peel_store::Store>> {
        if self.database_url.is_none() {
            let database = self.data_dir.join("peel.db");
            anyhow::ensure!(
                database.is_file(),
                "There is no Peel store in {} ({} does not exist): check --data-dir or \
                 PEEL_DATA_DIR. Commands that only read never make a new store.",
                self.data_dir.display(),
                database.display()
            );
        }
        self.open_store().await
    }

    /// The checkpoint file with the data directory's keys (made on first run).
    pub fn checkpoint_log(&self) -> anyhow::Result<peel_app::audit::checkpoints::CheckpointLog> {
        Ok(peel_app::audit::checkpoints::CheckpointLog::new(
            self.audit_checkpoints
                .clone()
                .unwrap_or_else(|| self.data_dir.join("audit-checkpoints.jsonl")),
            peel_app::keys::signing_key(&self.data_dir)?,
            peel_app::keys::chain_key(&self.data_dir)?,
        ))
    }

    /// The address to listen on.
    /// An address (`127.0.0.1:8080`, `[::1]:8080`) or a host name with its port
    /// (`localhost:8080`), resolved by the system (its hosts file first), an IPv4 address
    /// preferred.
    pub fn listen_addr(&self) -> anyhow::Result<SocketAddr> {
        if let Ok(address) = self.listen.parse() {
            return Ok(address);
        }
        let bad = || {
            format!(
                "'{}' is not an address to listen on, such as 127.0.0.1:8080 or localhost:8080",
                self.listen
            )
        };
        let resolved: Vec<SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(&self.listen)
            .with_context(bad)?
            .collect();
        resolved
            .iter()
            .find(|a| a.is_ipv4())
            .or(resolved.first())
            .copied()
            .with_context(bad)
    }
}

/// Whether cookies must be marked `Secure`: always, except for plain HTTP on a loopback address,
/// where browsers would refuse them.
pub fn cookie_secure(public_url: &str, listen: &SocketAddr) -> bool {
    public_url.starts_with("https://") || !listen.ip().is_loopback()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_name_with_its_port_is_a_listen_address() {
        let with = |listen: &str| Settings {
            listen: listen.to_owned(),
            ..Settings::default()
        };
        let local = with("localhost:8080").listen_addr().unwrap();
        assert!(local.ip().is_loopback() && local.port() == 8080, "{local}");
        assert_eq!(
            with("127.0.0.1:9000").listen_addr().unwrap().to_string(),
            "127.0.0.1:9000"
        );
        let err = with("localhost").listen_addr().unwrap_err().to_string();
        assert!(err.contains("localhost:8080"), "{err}");
    }

    #[test]
    fn cookies_are_secure_unless_plain_http_on_loopback() {
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let open: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(!cookie_secure("http://127.0.0.1:8080", &local));
        assert!(cookie_secure("https://peel.example", &local));
        assert!(cookie_secure("http://peel.example", &open));
    }

    #[test]
    fn the_database_url_is_redacted_in_debug_output() {
        let settings = Settings {
            database_url: Some("postgres://u:secret@h/db".into()),
            ..Settings::default()
        };
        assert!(!format!("{settings:?}").contains("secret"));
    }
}
