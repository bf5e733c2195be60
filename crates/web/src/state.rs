//! Shared state for handlers: the application's context and the web's own settings.

use std::sync::Arc;
use std::time::Duration;

use peel_app::{Context, Settings};
use peel_core::audit::{AuditCode, AuditEvent};
use peel_core::calendar::WorkingCalendar;
use peel_core::policy::{Access, Action, Denied, Resource};
use peel_core::session::SessionPolicy;
use peel_store::Store;
use time::OffsetDateTime;

use crate::auth::Caller;

/// Web settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (every deployment except plain HTTP on localhost).
    pub cookie_secure: bool,
    /// Send `Strict-Transport-Security` (when the public address is https; finding L-4).
    pub strict_transport_security: bool,
    /// Session lifetimes.
    pub session: SessionPolicy,
    /// Longest time a request may take.
    pub request_timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Take the client's address from the last `X-Forwarded-For` entry, because Peel runs behind
    /// a reverse proxy that sets it. Off by default: without a proxy a client could forge it.
    pub trust_forwarded_for: bool,
    /// Largest body of notifications accepted in one request, in bytes (four times this once
    /// decompressed).
    pub notification_body_limit: usize,
    /// Longest a connection may take to send a request's headers, also while idle between
    /// requests.
    pub header_read_timeout: Duration,
    /// Connections open at once, in all.
    pub max_connections: usize,
    /// Connections open at once from one address.
    pub max_connections_per_address: usize,
    /// Reports (form, API and Open311 together) accepted a minute from one address.
    pub reports_per_address_per_minute: u32,
    /// Reports accepted a minute from everyone together.
    pub reports_per_minute: u32,
    /// Addresses with no limit of their own on reports (a contact centre's gateway); the limit
    /// in all still applies.
    pub report_limit_exempt: Vec<std::net::IpAddr>,
    /// `/healthz` writes its probe at most this often.
    pub health_probe_every: Duration,
    /// Where "Leave this site quickly" goes (through `/leave`): a neutral page.
    pub quick_exit_url: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            cookie_secure: true,
            strict_transport_security: false,
            session: SessionPolicy::default(),
            request_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
            trust_forwarded_for: false,
            notification_body_limit: 64 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            max_connections: 4_096,
            max_connections_per_address: 256,
            reports_per_address_per_minute: 20,
            reports_per_minute: 3_000,
            report_limit_exempt: Vec::new(),
            health_probe_every: Duration::from_secs(5),
            quick_exit_url: "https://www.bbc.co.uk/weather".to_owned(),
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    ctx: Context,
    config: Arc<WebConfig>,
    /// When the health check last wrote its probe successfully.
    probed: Arc<std::sync::Mutex<Option<std::time::Instant>>>,
    rates:
        Arc<std::sync::Mutex<std::collections::HashMap<String, peel_core::throttle::RateWindow>>>,
    floods: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, Flood>>>,
}

/// Reports refused from one address for coming too fast: shown to supervisors, since a flood
/// can bury genuine reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flood {
    /// When the first was refused.
    pub first: OffsetDateTime,
    /// When the latest was refused.
    pub latest: OffsetDateTime,
    /// How many were refused.
    pub refused: u64,
    /// When the flood was last written to the audit trail.
    pub audited: Option<OffsetDateTime>,
}

impl From<Refused> for crate::ApiError {
    fn from(refused: Refused) -> Self {
        let whose = if refused.everyone {
            "Peel is receiving more reports than it can take at the moment"
        } else {
            "Too many reports have come from this address in the last minute"
        };
        crate::ApiError::rate_limited(
            format!(
                "{whose}; nothing was stored. Try again in {} seconds",
                refused.retry_after
            ),
            refused.retry_after,
        )
    }
}

impl From<Refused> for crate::PageError {
    fn from(refused: Refused) -> Self {
        crate::PageError::TooMany {
            retry_after: refused.retry_after,
        }
    }
}

/// A report refused by the limits: try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// Seconds to wait.
    pub retry_after: u64,
    /// Whether the limit in all (rather than the address's own) was reached.
    pub everyone: bool,
}

impl AppState {
    /// Builds the state.
    pub fn new(ctx: Context, config: WebConfig) -> AppState {
        AppState {
            ctx,
            config: Arc::new(config),
            rates: Arc::default(),
            floods: Arc::default(),
            probed: Arc::default(),
        }
    }

    /// Admits one report from `address` (any channel) within the limits a minute: the
    /// address's own, unless it is exempt, and everyone's together. A refusal is counted for
    /// the supervisors' page, and audited once per address a minute (`intake.rate_limited`).
    pub async fn admit_report(
        &self,
        address: std::net::IpAddr,
        channel: &str,
    ) -> Result<(), Refused> {
        let config = self.config();
        if !config.report_limit_exempt.contains(&address)
            && let Err(retry_after) = self.take_request(
                &format!("reports:{address}"),
                config.reports_per_address_per_minute,
            )
        {
            self.record_flood(address, channel).await;
            return Err(Refused {
                retry_after,
                everyone: false,
            });
        }
        self.take_request("reports:all", config.reports_per_minute)
            .map_err(|retry_after| Refused {
                retry_after,
                everyone: true,
            })
    }

    async fn record_flood(&self, address: std::net::IpAddr, channel: &str) {
        let now = self.now();
        let first_this_minute = {
            let Ok(mut floods) = self.floods.lock() else {
                return;
            };
            floods.retain(|_, f| now - f.latest < time::Duration::hours(24));
            let flood = floods.entry(address).or_insert(Flood {
                first: now,
                latest: now,
                refused: 0,
                audited: None,
            });
            flood.latest = now;
            flood.refused += 1;
            let due = flood
                .audited
                .is_none_or(|at| now - at >= time::Duration::minutes(1));
            if due {
                flood.audited = Some(now);
            }
            due
        };
        if first_this_minute {
            let event = self.ctx.event(
                &peel_core::policy::Actor::public(),
                AuditCode::IntakeRateLimited,
                format!("address:{address}"),
                format!("reports from {address} refused past the limit a minute ({channel})"),
            );
            if let Err(error) = self.store().append_audit(vec![event]).await {
                tracing::error!(%error, "could not audit a refused flood");
            }
            tracing::warn!(%address, channel, "reports refused: past the limit a minute");
        }
    }

    /// Writes the health probe, at most once every `health_probe_every` (a load balancer polling
    /// `/healthz` must not contend for the writer's lock on every call).
    pub async fn probe_store(&self) -> Result<(), peel_store::StoreError> {
        let fresh = self
            .probed
            .lock()
            .ok()
            .and_then(|p| *p)
            .is_some_and(|at| at.elapsed() < self.config().health_probe_every);
        if fresh {
            return Ok(());
        }
        self.store().probe_write(self.now()).await?;
        if let Ok(mut probed) = self.probed.lock() {
            *probed = Some(std::time::Instant::now());
        }
        Ok(())
    }

    /// Addresses whose reports were refused in the last 24 hours, most refused first.
    pub fn floods(&self) -> Vec<(std::net::IpAddr, Flood)> {
        let now = self.now();
        let mut floods: Vec<(std::net::IpAddr, Flood)> = self
            .floods
            .lock()
            .map(|f| {
                f.iter()
                    .filter(|(_, flood)| now - flood.latest < time::Duration::hours(24))
                    .map(|(a, f)| (*a, *f))
                    .collect()
            })
            .unwrap_or_default();
        floods.sort_by(|a, b| b.1.refused.cmp(&a.1.refused).then(a.0.cmp(&b.0)));
        floods
    }

    /// The application's context, for the services.
    pub fn ctx(&self) -> &Context {
        &self.ctx
    }

    /// Takes one request from a machine client's budget a minute; `Err` gives the seconds to
    /// wait. Kept in memory: a restart renews every budget.
    pub fn take_request(&self, client: &str, per_minute: u32) -> Result<(), u64> {
        let Ok(mut rates) = self.rates.lock() else {
            return Ok(());
        };
        // Windows past their minute are forgotten, so that many addresses cannot grow the map
        // without bound.
        if rates.len() > 10_000 {
            let now = self.now();
            rates.retain(|_, w| now - w.started < time::Duration::minutes(1));
        }
        let window = rates.get(client).copied();
        let next = peel_core::throttle::take_request(window, self.now(), per_minute)?;
        rates.insert(client.to_owned(), next);
        Ok(())
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.ctx.store()
    }

    /// The current time.
    pub fn now(&self) -> OffsetDateTime {
        self.ctx.now()
    }

    /// The web's settings.
    pub fn config(&self) -> &WebConfig {
        &self.config
    }

    /// The force's settings.
    pub fn settings(&self) -> &Settings {
        self.ctx.settings()
    }

    /// Working days for the Victims' Code clocks.
    pub fn calendar(&self) -> &WorkingCalendar {
        self.ctx.calendar()
    }

    /// The access choke point (the application's): every permission check comes here.
    pub async fn authorize(
        &self,
        caller: &Caller,
        action: Action,
        resource: &Resource,
    ) -> Result<Access, Denied> {
        self.ctx.authorize(&caller.actor, action, resource).await
    }

    /// An audit event by `caller`, stamped now.
    pub fn audit_event(
        &self,
        caller: &Caller,
        event: AuditCode,
        subject: &str,
        detail: &str,
    ) -> AuditEvent {
        self.ctx.event(&caller.actor, event, subject, detail)
    }
}
