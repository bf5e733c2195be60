//! Peel's application layer: the stages of the flow as services over the store.
//!
//! Each module is a stage: [`intake`] receives a report from any channel (placing and routing
//! it, triage, the reference and status token), [`concerns`] takes trusted intermediaries'
//! concerns into it, [`link`] finds what belongs together,
//! [`notify`] takes organisations' bulk notifications and applies retention, [`accounts`]
//! creates accounts and completes first-run setup, [`geography`] moves London's geography
//! between the store and the gazetteer, [`submissions`] is staff's work on submissions (views,
//! queues, changes, the DASH checklist), [`people`] vetting records and the tasks given to
//! people, and [`access`] and [`audit`] are the choke point and the one way audit events are
//! made. Every service takes a [`Context`] (store, clock,
//! settings, geography, warning lists, keys) and an [`Actor`]; none knows HTTP.
//!
//! **Architecture Invariant:** this crate depends on no web framework: `cargo tree -p peel-app
//! -e normal` lists no axum, hyper, tower-http or askama.

pub mod access;
pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod cases;
pub mod concerns;
mod context;
pub mod credentials;
mod error;
pub mod evidence;
pub mod geography;
pub mod insight;
pub mod intake;
pub mod keys;
pub mod link;
pub mod notify;
pub mod open_data;
pub mod outbox;
pub mod pack;
pub mod password;
pub mod people;
pub mod priorities;
pub mod rights;
pub mod sharing;
pub mod stats;
pub mod submissions;
pub mod survey;
pub mod training;
pub mod volunteering;
pub mod watch;

pub use context::{Context, Settings, SystemClock};
pub use error::{ServiceError, ServiceResult};
pub use peel_core::policy::Actor;
