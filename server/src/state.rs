//! What every handler can reach: the database and the Leptos options.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// `embedded`, `memory` or `remote`, for `/healthz`.
    pub db_kind: &'static str,
    /// The site's public address, for links and QR codes.
    pub public_url: String,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
