//! Peel's web layer: the only crate that knows HTTP, HTML and JSON.
//!
//! Server-rendered pages (askama, no JavaScript) and a JSON API under `/api/v1` with an OpenAPI
//! document generated from the handlers, as thin adapters over the application layer
//! (`peel-app`). Every request that needs permission goes through the application's one
//! choke point.

pub mod auth;
mod error;
mod pages;
mod routes;
mod security;
mod state;

pub use error::{ApiError, ErrorCode, PageError};
pub use routes::reports::parse_report_body;
pub use routes::{openapi, router};
pub use state::{AppState, WebConfig};

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
