//! `samraad`: reads the configuration, opens the database, serves until SIGINT/SIGTERM, then
//! finishes the requests in flight and closes the database.

use std::process::ExitCode;

use server::{app, config::Config, db, leptos_options, state::AppState};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("samraad: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env_and_args().map_err(|error| error.to_string())?;
    let leptos_options = leptos_options(config.addr)?;
    // The content files are compiled in; a broken edit stops the start with every problem named.
    app::content::library().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("the content files have problems:\n{}", list.join("\n"))
    })?;
    let db = db::connect(&config.db)
        .await
        .map_err(|error| error.to_string())?;
    // Meetings stored before the team's action board are put on it once.
    let backfilled = server::teams::board::backfill(&db)
        .await
        .map_err(|error| error.to_string())?;
    if backfilled > 0 {
        tracing::info!(
            meetings = backfilled,
            "earlier meetings' actions put on the team boards"
        );
    }
    let open_files = server::serve::raise_open_file_limit();
    let state = AppState::with_limits(
        leptos_options,
        db.clone(),
        config.db.target.kind(),
        config.public_url.clone(),
        config.limits,
        config.trusted_proxies.clone(),
    );
    // Answers older than the team's retention days are erased now and every hour.
    server::teams::retention::run_every(state.db.clone(), state.hub.clone());
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|error| {
            format!(
                "cannot listen on {} (--addr / SAMRAAD_ADDR): {error}",
                config.addr
            )
        })?;
    tracing::info!(
        addr = %config.addr,
        public_url = %config.public_url,
        database = state.db_kind,
        open_files = open_files.unwrap_or_default(),
        "Samråd is serving on http://{}",
        config.addr
    );
    let hub = state.hub.clone();
    let limits = server::serve::ServeLimits {
        header_read_timeout: config.limits.header_read_timeout,
        max_connections: config.limits.max_connections,
        max_connections_per_client: config.limits.max_connections_per_client,
    };
    let served = server::serve::serve(listener, app(state), limits, async move {
        shutdown_signal().await;
        hub.stop_streams();
    })
    .await;
    tracing::info!("stopped accepting requests; closing the database");
    db::close(db).await;
    served.map_err(|error| format!("server error: {error}"))
}

/// Resolves on Ctrl-C or SIGTERM (what `kill` and service managers send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
