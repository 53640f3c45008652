//! What every handler can reach: the database, the meetings' hub and the Leptos options.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::{
    db::Db,
    meetings::{bus::LocalBus, hub::Hub},
    routes::guard::CodeGuard,
};

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// `embedded`, `memory` or `remote`, for `/healthz`.
    pub db_kind: &'static str,
    /// The site's public address, for links and QR codes.
    pub public_url: String,
    pub hub: Arc<Hub>,
    pub code_guard: CodeGuard,
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: Db,
        db_kind: &'static str,
        public_url: String,
    ) -> Self {
        let hub = Arc::new(Hub::new(db.clone(), Arc::new(LocalBus::default())));
        Self {
            leptos_options,
            db,
            db_kind,
            public_url,
            hub,
            code_guard: CodeGuard::default(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for CodeGuard {
    fn from_ref(state: &AppState) -> Self {
        state.code_guard.clone()
    }
}
