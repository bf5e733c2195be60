//! Shared state for handlers: the store, the clock, configuration, and the access choke point.

use std::sync::Arc;
use std::time::Duration;

use peel_core::audit::{AuditCode, AuditEvent};
use peel_core::clock::{Clock, truncate_to_micros};
use peel_core::policy::{Action, Actor, Denied, Principal, Resource, authorize};
use peel_core::session::SessionPolicy;
use peel_store::Store;
use time::OffsetDateTime;

use crate::auth::Caller;

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // The one place that reads the system clock.
    fn now(&self) -> OffsetDateTime {
        truncate_to_micros(OffsetDateTime::now_utc())
    }
}

/// Web settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (every deployment except plain HTTP on localhost).
    pub cookie_secure: bool,
    /// The organisation that force staff accounts belong to.
    pub organisation: peel_core::OrganisationId,
    /// Session lifetimes.
    pub session: SessionPolicy,
    /// Longest time a request may take.
    pub request_timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// How long each grade may wait for first human contact.
    pub contact_times: peel_core::triage::ContactTimes,
    /// The DASH checklist in use (Peel's wording, or a force's official wording).
    pub dash_checklist: peel_core::dash::Checklist,
    /// Take the client's address from the last `X-Forwarded-For` entry, because Peel runs behind
    /// a reverse proxy that sets it. Off by default: without a proxy a client could forge it.
    pub trust_forwarded_for: bool,
    /// A value seen from more than this many distinct sources is common and links nothing more.
    pub link_cap: usize,
    /// Largest body of notifications accepted in one request, in bytes (four times this once
    /// decompressed).
    pub notification_body_limit: usize,
    /// The key of the keyed hash kept for payment cards (never the number itself).
    pub card_key: Vec<u8>,
    /// Reports that happened at most this far apart are shown as nearby (metres)...
    pub colocation_metres: f64,
    /// ...when they also happened at most this many days apart.
    pub colocation_days: i64,
}

/// "met" is a valid organisation id; this is never reached.
#[allow(clippy::panic)]
fn unreachable_organisation() -> peel_core::OrganisationId {
    panic!("the default organisation id is valid")
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            cookie_secure: true,
            organisation: peel_core::OrganisationId::parse("met")
                .unwrap_or_else(|_| unreachable_organisation()),
            session: SessionPolicy::default(),
            request_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
            trust_forwarded_for: false,
            contact_times: peel_core::triage::ContactTimes::default(),
            dash_checklist: peel_core::dash::Checklist::peel(),
            link_cap: 50,
            notification_body_limit: 64 * 1024 * 1024,
            card_key: b"peel-development-card-key".to_vec(),
            colocation_metres: 500.0,
            colocation_days: 14,
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    config: WebConfig,
    gazetteer: Option<Arc<peel_geo::Gazetteer>>,
    calendar: peel_core::calendar::WorkingCalendar,
    harm: Arc<peel_core::triage::HarmTable>,
    scam_model: Option<Arc<peel_core::classifier::Model>>,
    warnings: Arc<peel_link::WarningLists>,
    rates:
        Arc<std::sync::Mutex<std::collections::HashMap<String, peel_core::throttle::RateWindow>>>,
}

impl AppState {
    /// Builds the state.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: WebConfig) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                clock,
                config,
                gazetteer: None,
                calendar: peel_core::calendar::WorkingCalendar::default(),
                harm: Arc::new(peel_core::triage::HarmTable::default()),
                scam_model: None,
                warnings: Arc::new(crate::linking::bundled_warnings()),
                rates: Arc::default(),
            }),
        }
    }

    fn with(self, change: impl FnOnce(&mut Inner)) -> AppState {
        let mut inner = (*self.inner).clone();
        change(&mut inner);
        AppState {
            inner: Arc::new(inner),
        }
    }

    /// The same state with London geography for routing.
    pub fn with_gazetteer(self, gazetteer: Arc<peel_geo::Gazetteer>) -> AppState {
        self.with(|inner| inner.gazetteer = Some(gazetteer))
    }

    /// The same state with a force's harm table for triage.
    pub fn with_harm_table(self, harm: peel_core::triage::HarmTable) -> AppState {
        self.with(|inner| inner.harm = Arc::new(harm))
    }

    /// The same state with a trained scam classifier.
    pub fn with_scam_model(self, model: peel_core::classifier::Model) -> AppState {
        self.with(|inner| inner.scam_model = Some(Arc::new(model)))
    }

    /// The same state with these warning lists (Peel's bundled list is not added for you).
    pub fn with_warnings(self, warnings: peel_link::WarningLists) -> AppState {
        self.with(|inner| inner.warnings = Arc::new(warnings))
    }

    /// Takes one request from a machine client's budget a minute; `Err` gives the seconds to
    /// wait. Kept in memory: a restart renews every budget.
    pub fn take_request(&self, client: &str, per_minute: u32) -> Result<(), u64> {
        let Ok(mut rates) = self.inner.rates.lock() else {
            return Ok(());
        };
        let window = rates.get(client).copied();
        let next = peel_core::throttle::take_request(window, self.now(), per_minute)?;
        rates.insert(client.to_owned(), next);
        Ok(())
    }

    /// The warning lists: values that link nothing.
    pub fn warnings(&self) -> &peel_link::WarningLists {
        &self.inner.warnings
    }

    /// The scam classifier, when one is loaded.
    pub fn scam_model(&self) -> Option<&peel_core::classifier::Model> {
        self.inner.scam_model.as_deref()
    }

    /// Crime Harm Index days per category.
    pub fn harm(&self) -> &peel_core::triage::HarmTable {
        &self.inner.harm
    }

    /// London geography, when it has been imported.
    pub fn gazetteer(&self) -> Option<&peel_geo::Gazetteer> {
        self.inner.gazetteer.as_deref()
    }

    /// Working days for the Victims' Code clocks.
    pub fn calendar(&self) -> &peel_core::calendar::WorkingCalendar {
        &self.inner.calendar
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// The current time.
    pub fn now(&self) -> OffsetDateTime {
        self.inner.clock.now()
    }

    /// The configuration.
    pub fn config(&self) -> &WebConfig {
        &self.inner.config
    }

    /// The access choke point: every permission check in the web layer comes here.
    ///
    /// A refusal to a signed-in account or API client is recorded in the audit trail as a
    /// security event, because repeated refusals are what an auditor looks for.
    pub async fn authorize(
        &self,
        caller: &Caller,
        action: Action,
        resource: &Resource,
    ) -> Result<(), Denied> {
        let outcome = authorize(&caller.actor, action, resource);
        if let Err(denied) = outcome {
            tracing::info!(actor = %caller.actor_ref(), ?action, ?denied, "access denied");
            if caller.actor.principal != Principal::Public {
                let event = self.audit_event(
                    caller,
                    AuditCode::AccessDenied,
                    &resource_ref(resource),
                    &format!("{action:?}: {denied}"),
                );
                if let Err(error) = self.store().append_audit(vec![event]).await {
                    tracing::error!(%error, "could not record an access refusal");
                }
            }
        }
        outcome
    }

    /// An audit event by `caller`, stamped now.
    pub fn audit_event(
        &self,
        caller: &Caller,
        event: AuditCode,
        subject: &str,
        detail: &str,
    ) -> AuditEvent {
        audit_event_by(
            &caller.actor,
            &caller.label,
            self.now(),
            event,
            subject,
            detail,
        )
    }
}

/// An audit event by any actor.
pub fn audit_event_by(
    actor: &Actor,
    label: &str,
    at: OffsetDateTime,
    event: AuditCode,
    subject: &str,
    detail: &str,
) -> AuditEvent {
    AuditEvent {
        at,
        actor: crate::auth::actor_ref(actor),
        actor_label: label.to_owned(),
        operation: event.operation(),
        event,
        subject: subject.to_owned(),
        justification: String::new(),
        recipient: String::new(),
        detail: detail.to_owned(),
    }
}

fn resource_ref(resource: &Resource) -> String {
    match resource {
        Resource::System => "system".to_owned(),
        Resource::Account(id) => format!("user:{id}"),
        Resource::AuditLog => "audit_log".to_owned(),
        Resource::Item {
            marking,
            owning_organisation,
            ..
        } => {
            format!("item:{owning_organisation}:{marking}")
        }
    }
}
