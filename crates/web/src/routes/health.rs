//! The health check.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// The service is up and can read and write its store.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    status: &'static str,
    /// The newest database migration applied.
    schema_version: i64,
    /// `sqlite` or `postgres`.
    store: &'static str,
    /// Peel's version.
    version: &'static str,
}

/// Whether Peel is up and can reach its store.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "service",
    responses(
        (status = 200, description = "Peel is up", body = Health),
        (status = 503, description = "The store cannot be reached or written", body = crate::error::ErrorBody)
    )
)]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let unavailable = |error: peel_store::StoreError| {
        tracing::error!(error = %crate::error::error_chain(&error), "health check failed");
        ApiError::with_message(
            ErrorCode::ServiceUnavailable,
            "Peel cannot write to its store",
        )
    };
    // A store that answers reads but refuses writes (read-only, full, damaged) is not healthy:
    // every report would fail (finding M-11).
    state.probe_store().await.map_err(unavailable)?;
    let schema_version = state.store().schema_version().await.map_err(unavailable)?;
    Ok(Json(Health {
        status: "ok",
        schema_version,
        store: state.store().backend().name(),
        version: env!("CARGO_PKG_VERSION"),
    }))
}
