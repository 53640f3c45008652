//! `GET /healthz`: is this instance able to serve a meeting? Reads from the database, so a
//! load balancer or `make test` sees a broken store, not just a running process.

use axum::{Json, extract::State};
use serde::Serialize;

use crate::{db, error::ApiError, state::AppState};

#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub database: &'static str,
}

pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    db::health(&state.db).await?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        database: state.db_kind,
    }))
}
