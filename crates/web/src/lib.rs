//! Peel's web layer: the only crate that knows HTTP, HTML and JSON.
//!
//! Server-rendered pages (askama, no JavaScript) and a JSON API under `/api/v1` with an OpenAPI
//! document generated from the handlers, as thin adapters over the application layer
//! (`peel-app`). Every request that needs permission goes through the application's one
//! choke point.

pub mod auth;
mod charts;
mod client;
mod error;
pub mod i18n;
mod pages;
mod routes;
mod security;
mod server;
mod state;

pub use client::ClientAddress;
pub use error::{ApiError, ErrorCode, PageError};
pub use routes::reports::parse_report_body;
pub use routes::{openapi, router};
pub use state::{AppState, WebConfig};

use std::future::Future;

/// Serves Peel on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config().clone();
    server::serve(listener, router(state), &config, shutdown).await
}
