//! Peel's web layer: the only crate that knows HTTP, HTML and JSON.
//!
//! Server-rendered pages (askama, no JavaScript) and a JSON API under `/api/v1` with an OpenAPI
//! document generated from the handlers. Every request that needs permission goes through
//! [`AppState::authorize`], the one choke point that calls the core's access policy.

pub mod accounts;
pub mod auth;
mod error;
pub mod geography;
pub mod intake;
pub mod linking;
pub mod notifications;
mod pages;
mod routes;
mod security;
mod state;

pub use error::{ApiError, ErrorCode, PageError};
pub use routes::reports::parse_report_body;
pub use routes::{openapi, router};
pub use state::{AppState, SystemClock, WebConfig, audit_event_by};

use std::future::Future;
use std::net::SocketAddr;

/// Serves Peel on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
