//! The Samråd server: configuration, database, routes. `main.rs` only wires these together,
//! so integration tests can start the same router on a port of their own.

pub mod config;
pub mod db;
pub mod error;
pub mod meetings;
pub mod pages_backend;
pub mod routes;
pub mod security;
pub mod serve;
pub mod state;
pub mod teams;
pub mod xlsx;

use std::time::Duration;

use app::{App, shell};
use axum::{
    Router,
    extract::{ConnectInfo, Request, State},
    middleware::{self, Next},
    response::Response,
    routing::{get, post},
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer, timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    security::{client::Client, client::ClientKey, headers, requests},
    state::AppState,
};

/// Slow clients on school Wi-Fi get this long per request before the server gives up.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The app's page routes, generated once per process. Generating them sets a process-wide
/// flag in `leptos_server` that leaves every resource first polled meanwhile pending for good
/// (leptos#4773), so a second app built in the same process (the tests, several nodes) would
/// stall a page another app is rendering: it answered 408 after 30 s
/// (`server/tests/instances.rs`).
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP surface of the app.
pub fn app(state: AppState) -> Router {
    let routes = route_list();
    let leptos_options = (*state.leptos_options).clone();
    let pkg_dir =
        std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
    routes::assets::load_bundle_names(&pkg_dir);
    Router::new()
        .nest_service("/pkg", routes::assets::pkg_service(&pkg_dir))
        .route("/healthz", get(routes::health::healthz))
        .route("/sprog/{locale}", get(routes::language::switch_language))
        .route("/deltag", get(routes::meeting_forms::find_by_code))
        .route("/ny", post(routes::meeting_forms::start_meeting))
        .route("/ny/dagsorden", post(routes::agenda_forms::new_draft))
        .route("/ny/dagsorden/{id}", post(routes::agenda_forms::edit_draft))
        .route(
            "/m/{code}/handling",
            post(routes::meeting_forms::phone_action),
        )
        .route(
            "/api/m/{code}/commands",
            post(routes::meeting_api::post_command),
        )
        .route("/api/m/{code}/events", get(routes::meeting_api::events))
        .route(
            "/m/{code}/eksport/{file}",
            get(routes::exports::actions_file),
        )
        .route("/team/aftale", post(routes::team::edit))
        .route("/team/eksport/team.json", get(routes::team_file::download))
        .route("/team/eksport/{file}", get(routes::team::board_file))
        .route(
            "/team/import",
            post(routes::team_file::import).layer(axum::extract::DefaultBodyLimit::max(
                routes::team_file::MAX_FILE_BYTES,
            )),
        )
        .route("/team/kalender", post(routes::team::calendar_form))
        .route("/team/opbevaring", post(routes::team::retention_form))
        .route("/team/slet", post(routes::team::delete))
        .route("/team/kalender/{file}", get(routes::team::calendar_feed))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || {
                    provide_context(pages_backend::backend(&state));
                    headers::provide_request_nonce();
                }
            },
            move || shell(leptos_options.clone()),
        )
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            headers::provide_request_nonce,
            shell,
        ))
        // Innermost first: the join-code guard sees every lookup of a code; server functions'
        // errors become 4xx; cross-site commands and oversized bodies never reach a route;
        // every request knows its client (see `security`).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            routes::guard::guard_join_codes,
        ))
        .layer(middleware::from_fn(requests::server_fn_errors))
        .layer(middleware::from_fn_with_state(
            state.kept_texts.clone(),
            routes::kept_text::restore_into_query,
        ))
        .layer(middleware::from_fn_with_state(
            state.public_origin(),
            requests::refuse_cross_site,
        ))
        .layer(middleware::from_fn(requests::limit_body))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            identify_client,
        ))
        .with_state(state)
        .layer(CatchPanicLayer::custom(|_| error::server_error_page()))
        .layer(middleware::from_fn(headers::security_headers))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Paths only: query strings carry keys (`?k=`), which are never logged, and a
        // draft's secret id is cut from its path.
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let path = loggable_path(request.uri().path());
                tracing::info_span!("request", method = %request.method(), %path)
            }),
        )
}

/// A path as the log may show it: an agenda draft's id and a team calendar's key are their
/// addresses' only keys, so they are left out.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for secret_after in ["/ny/dagsorden/", "/team/kalender/"] {
        if let Some(rest) = path.strip_prefix(secret_after)
            && !rest.is_empty()
        {
            return format!("{secret_after}…").into();
        }
    }
    path.into()
}

/// Finds the client of each request (its address, or the address a trusted proxy saw) for
/// the limits, and puts it in the request's extensions.
async fn identify_client(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if let Some(peer) = peer {
        let address = state
            .trusted_proxies
            .client_address(peer, request.headers());
        request
            .extensions_mut()
            .insert(Client(ClientKey::of(address)));
    }
    next.run(request).await
}

/// Serves the app on a listener with the default limits until the process ends. Used by the
/// integration tests; `main` calls [`serve::serve`] with the configured limits and a
/// shutdown signal.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    let limits = security::limits::Limits::default();
    serve::serve(
        listener,
        router,
        serve::ServeLimits {
            header_read_timeout: limits.header_read_timeout,
            max_connections: limits.max_connections,
            max_connections_per_client: limits.max_connections_per_client,
        },
        std::future::pending(),
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_log_never_shows_a_key_in_a_path() {
        let key = "0123456789abcdef0123456789abcdef";
        for (path, logged) in [
            (format!("/ny/dagsorden/{key}"), "/ny/dagsorden/…"),
            (format!("/team/kalender/{key}.ics"), "/team/kalender/…"),
            ("/team/kalender".to_owned(), "/team/kalender"),
            ("/m/K7MP4Q/styring".to_owned(), "/m/K7MP4Q/styring"),
        ] {
            assert_eq!(super::loggable_path(&path), logged);
        }
    }
}
