//! The Samråd server: configuration, database, routes. `main.rs` only wires these together,
//! so integration tests can start the same router on a port of their own.

pub mod config;
pub mod db;
pub mod error;
pub mod routes;
pub mod state;

use std::time::Duration;

use app::{App, shell};
use axum::{
    Router,
    http::{HeaderValue, header},
    routing::get,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer,
    set_header::SetResponseHeaderLayer, timeout::TimeoutLayer, trace::TraceLayer,
};

use crate::state::AppState;

/// Slow clients on school Wi-Fi get this long per request before the server gives up.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The whole HTTP surface of the app.
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/sprog/{locale}", get(routes::language::switch_language))
        .leptos_routes(&state, routes, move || shell(leptos_options.clone()))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .with_state(state)
        .layer(CatchPanicLayer::custom(|_| error::server_error_page()))
        // Static files are not content-hashed: revalidate them so a new build is never mixed
        // with an old page (a 304 costs almost nothing on a weak connection).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
}

/// Leptos options from its standard `LEPTOS_*` variables (so `cargo leptos watch` works), with
/// the address taken from Samråd's own configuration.
pub fn leptos_options(addr: std::net::SocketAddr) -> Result<LeptosOptions, String> {
    let mut options = get_configuration(None)
        .map_err(|error| format!("invalid LEPTOS_* setting: {error}"))?
        .leptos_options;
    options.site_addr = addr;
    Ok(options)
}
