//! End-to-end tests over HTTP against a spawned server: one binary, one module per area.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod abstraction;
mod access;
mod accounts;
mod api;
mod audit;
mod cases;
mod catalogue;
mod concerns;
mod consultations;
mod evidence;
mod evidence_links;
mod evidence_requests;
mod foundations;
mod languages;
mod limits;
mod linking;
mod notifications;
mod open311;
mod oracle;
mod outbox;
mod pack;
mod postgres;
mod priorities;
mod queue;
mod report_form;
mod reports;
mod retention;
mod setup;
mod sharing;
mod sign_in;
mod stats;
mod tasks;
mod team_access;
mod training;
mod uploads;
mod vetting;
mod volunteering;
