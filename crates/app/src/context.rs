//! What every service works with: the store, the clock, the force's settings, London's
//! geography, the triage tables and the warning lists. Cheap to clone.

use std::sync::Arc;

use peel_core::OrganisationId;
use peel_core::calendar::WorkingCalendar;
use peel_core::classifier::Model;
use peel_core::clock::{Clock, truncate_to_micros};
use peel_core::dash::Checklist;
use peel_core::triage::{ContactTimes, HarmTable};
use peel_geo::Gazetteer;
use peel_link::WarningLists;
use peel_store::Store;
use time::OffsetDateTime;

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // The one place that reads the system clock.
    fn now(&self) -> OffsetDateTime {
        truncate_to_micros(OffsetDateTime::now_utc())
    }
}

/// The force's settings that the services follow.
#[derive(Clone)]
pub struct Settings {
    /// The organisation that force staff accounts belong to (`met`).
    pub organisation: OrganisationId,
    /// How long each grade may wait for first human contact.
    pub contact_times: ContactTimes,
    /// The DASH checklist in use (Peel's wording, or a force's official wording).
    pub dash_checklist: Checklist,
    /// A value seen from more than this many distinct sources is common and links nothing more.
    pub link_cap: usize,
    /// The key of the keyed hash kept for payment cards (never the number itself).
    pub card_key: Vec<u8>,
    /// Reports that happened at most this far apart are shown as nearby (metres)...
    pub colocation_metres: f64,
    /// ...when they also happened at most this many days apart.
    pub colocation_days: i64,
    /// How messages to reporters are addressed (public address, Message-ID host).
    pub outbox: crate::outbox::OutboxSettings,
    /// The codewords intermediaries are trained in: the national schemes and the force's own.
    pub codewords: peel_core::concern::Codewords,
    /// Where evidence files are kept, and how much is accepted.
    pub evidence: crate::evidence::EvidenceSettings,
}

/// The card key is a secret: it is never written to a log.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("organisation", &self.organisation)
            .field("contact_times", &self.contact_times)
            .field("dash_checklist", &self.dash_checklist.version)
            .field("link_cap", &self.link_cap)
            .field("card_key", &"<redacted>")
            .field("colocation_metres", &self.colocation_metres)
            .field("colocation_days", &self.colocation_days)
            .field("outbox", &self.outbox)
            .field("codewords", &self.codewords)
            .finish()
    }
}

impl Settings {
    /// The settings of a force whose staff belong to `organisation`, with every other value at
    /// its default.
    pub fn for_organisation(organisation: OrganisationId) -> Settings {
        Settings {
            organisation,
            contact_times: ContactTimes::default(),
            dash_checklist: Checklist::peel(),
            link_cap: 50,
            card_key: b"peel-development-card-key".to_vec(),
            colocation_metres: 500.0,
            colocation_days: 14,
            outbox: crate::outbox::OutboxSettings::default(),
            codewords: peel_core::concern::Codewords::default(),
            evidence: crate::evidence::EvidenceSettings::default(),
        }
    }
}

/// Everything a service needs.
#[derive(Clone, Debug)]
pub struct Context {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    settings: Settings,
    gazetteer: Option<Arc<Gazetteer>>,
    calendar: WorkingCalendar,
    harm: Arc<HarmTable>,
    scam_model: Option<Arc<Model>>,
    warnings: Arc<WarningLists>,
    checkpoints: Option<Arc<crate::audit::checkpoints::CheckpointLog>>,
    outbox_nudge: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("store", &self.store)
            .field("settings", &self.settings)
            .field("gazetteer", &self.gazetteer.is_some())
            .field("scam_model", &self.scam_model.is_some())
            .finish_non_exhaustive()
    }
}

impl Context {
    /// A context over a store, with Peel's bundled warning lists and default triage tables.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, settings: Settings) -> Context {
        Context {
            inner: Arc::new(Inner {
                store,
                clock,
                settings,
                gazetteer: None,
                calendar: WorkingCalendar::default(),
                harm: Arc::new(HarmTable::default()),
                scam_model: None,
                warnings: Arc::new(WarningLists::bundled()),
                checkpoints: None,
                outbox_nudge: Arc::new(tokio::sync::Notify::new()),
            }),
        }
    }

    fn with(self, change: impl FnOnce(&mut Inner)) -> Context {
        let mut inner = (*self.inner).clone();
        change(&mut inner);
        Context {
            inner: Arc::new(inner),
        }
    }

    /// The same context with London geography for routing.
    pub fn with_gazetteer(self, gazetteer: Arc<Gazetteer>) -> Context {
        self.with(|inner| inner.gazetteer = Some(gazetteer))
    }

    /// The same context with a force's harm table for triage.
    pub fn with_harm_table(self, harm: HarmTable) -> Context {
        self.with(|inner| inner.harm = Arc::new(harm))
    }

    /// The same context with a trained scam classifier.
    pub fn with_scam_model(self, model: Model) -> Context {
        self.with(|inner| inner.scam_model = Some(Arc::new(model)))
    }

    /// The same context with these warning lists (Peel's bundled list is not added for you).
    pub fn with_warnings(self, warnings: WarningLists) -> Context {
        self.with(|inner| inner.warnings = Arc::new(warnings))
    }

    /// The same context with the audit trail's checkpoint file and keys.
    pub fn with_checkpoints(self, log: crate::audit::checkpoints::CheckpointLog) -> Context {
        self.with(|inner| inner.checkpoints = Some(Arc::new(log)))
    }

    /// The audit trail's checkpoint file and keys, when configured.
    pub fn checkpoints(&self) -> Option<&crate::audit::checkpoints::CheckpointLog> {
        self.inner.checkpoints.as_deref()
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// The store, shared.
    pub fn store_arc(&self) -> Arc<dyn Store> {
        self.inner.store.clone()
    }

    /// The current time.
    pub fn now(&self) -> OffsetDateTime {
        self.inner.clock.now()
    }

    /// Today in London, for clearances, skills and tasks, which run by the day.
    pub fn today(&self) -> time::Date {
        peel_core::london::today(self.now())
    }

    /// The force's settings.
    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// How messages to reporters are addressed.
    pub fn outbox(&self) -> &crate::outbox::OutboxSettings {
        &self.inner.settings.outbox
    }

    /// Wakes the outbox worker: a change has written messages.
    pub fn nudge_outbox(&self) {
        self.inner.outbox_nudge.notify_one();
    }

    /// What the outbox worker waits on.
    pub fn outbox_nudge(&self) -> Arc<tokio::sync::Notify> {
        self.inner.outbox_nudge.clone()
    }

    /// London geography, when it has been imported.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.inner.gazetteer.as_deref()
    }

    /// Working days for the Victims' Code clocks.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.inner.calendar
    }

    /// Crime Harm Index days per category.
    pub fn harm(&self) -> &HarmTable {
        &self.inner.harm
    }

    /// The scam classifier, when one is loaded.
    pub fn scam_model(&self) -> Option<&Model> {
        self.inner.scam_model.as_deref()
    }

    /// The warning lists: values that link nothing.
    pub fn warnings(&self) -> &WarningLists {
        &self.inner.warnings
    }
}
