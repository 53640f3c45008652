//! What every handler can reach: the database, the meetings' hub and the Leptos options.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::{
    db::Db,
    meetings::{
        bus::LocalBus,
        hub::Hub,
        store::{EventLog, SurrealLog},
    },
    routes::{guard::CodeGuard, kept_text::KeptTexts},
    security::{
        client::TrustedProxies,
        limits::{Limiter, Limits},
    },
};

#[derive(Clone)]
pub struct AppState {
    // Both behind an `Arc`: the state is cloned for every request (each middleware and
    // extractor takes a copy), and a cloned SurrealDB handle opens a session of its own in
    // the engine. Measured: a handle cloned per request was a quarter of the server's CPU in
    // a vote storm (docs/performance.md).
    pub leptos_options: Arc<LeptosOptions>,
    pub db: Arc<Db>,
    /// `embedded`, `memory` or `remote`, for `/healthz`.
    pub db_kind: &'static str,
    /// The site's public address, for links and QR codes.
    pub public_url: String,
    pub hub: Arc<Hub>,
    pub code_guard: CodeGuard,
    pub limiter: Arc<Limiter>,
    pub trusted_proxies: Arc<TrustedProxies>,
    /// What phones typed into refused plain forms, until their page shows it.
    pub kept_texts: Arc<KeptTexts>,
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: Db,
        db_kind: &'static str,
        public_url: String,
    ) -> Self {
        Self::with_limits(
            leptos_options,
            db,
            db_kind,
            public_url,
            Limits::default(),
            TrustedProxies::default(),
        )
    }

    pub fn with_limits(
        leptos_options: LeptosOptions,
        db: Db,
        db_kind: &'static str,
        public_url: String,
        limits: Limits,
        trusted_proxies: TrustedProxies,
    ) -> Self {
        let hub = Arc::new(Hub::new(
            db.clone(),
            Arc::new(SurrealLog(db.clone())),
            Arc::new(LocalBus::default()),
            &limits,
        ));
        Self {
            leptos_options: Arc::new(leptos_options),
            db: Arc::new(db),
            db_kind,
            public_url,
            hub,
            code_guard: CodeGuard::default(),
            limiter: Arc::new(Limiter::new(limits)),
            trusted_proxies: Arc::new(trusted_proxies),
            kept_texts: Arc::new(KeptTexts::default()),
        }
    }

    /// The same state with the meetings' log behind `log` (a test puts a store that fails
    /// there). Call before serving: it replaces the hub.
    pub fn with_event_log(mut self, log: Arc<dyn EventLog>, limits: &Limits) -> Self {
        self.hub = Arc::new(Hub::new(
            (*self.db).clone(),
            log,
            Arc::new(LocalBus::default()),
            limits,
        ));
        self
    }

    /// Device cookies are `Secure` when people reach the site over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The site's public origin (`scheme://host[:port]`), for the cross-site check.
    pub fn public_origin(&self) -> Arc<str> {
        let url = self.public_url.trim_end_matches('/');
        let origin = match url.find("://") {
            Some(scheme_end) => match url[scheme_end + 3..].find('/') {
                Some(path) => &url[..scheme_end + 3 + path],
                None => url,
            },
            None => url,
        };
        Arc::from(origin)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        (*state.leptos_options).clone()
    }
}
