//! The Samråd server: configuration, database, routes. `main.rs` only wires these together,
//! so integration tests can start the same router on a port of their own.

pub mod config;
pub mod db;
pub mod error;
pub mod meetings;
pub mod pages_backend;
pub mod routes;
pub mod state;

use std::time::Duration;

use app::{App, shell};
use axum::{
    Router,
    http::{HeaderValue, Request, header},
    middleware,
    routing::{get, post},
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
        .route("/deltag", get(routes::meeting_forms::find_by_code))
        .route("/ny", post(routes::meeting_forms::start_meeting))
        .route("/ny/dagsorden", post(routes::agenda_forms::new_draft))
        .route("/ny/dagsorden/{id}", post(routes::agenda_forms::edit_draft))
        .route("/m/{code}/handling", post(routes::meeting_forms::phone_action))
        .route("/api/m/{code}/commands", post(routes::meeting_api::post_command))
        .route("/api/m/{code}/events", get(routes::meeting_api::events))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(pages_backend::backend(&state))
            },
            move || shell(leptos_options.clone()),
        )
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            state.code_guard.clone(),
            routes::guard::guard_join_codes,
        ))
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
        // Paths only: query strings carry keys (`?k=`), which are never logged.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
}

/// Serves the app on a listener, with each request knowing its client's address (for the
/// join-code guard). Used by `main` and by the integration tests.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await
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
