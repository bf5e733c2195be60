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
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            cookie_secure: true,
            session: SessionPolicy::default(),
            request_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
            trust_forwarded_for: false,
            notification_body_limit: 64 * 1024 * 1024,
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    ctx: Context,
    config: Arc<WebConfig>,
    rates:
        Arc<std::sync::Mutex<std::collections::HashMap<String, peel_core::throttle::RateWindow>>>,
}

impl AppState {
    /// Builds the state.
    pub fn new(ctx: Context, config: WebConfig) -> AppState {
        AppState {
            ctx,
            config: Arc::new(config),
            rates: Arc::default(),
        }
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
