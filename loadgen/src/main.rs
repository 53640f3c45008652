//! `samraad-load`: drives a running Samråd server over loopback as phones, a projector and a
//! host do (docs/protocol.md), and prints and writes what it measured as JSON.
//! `make bench` runs the fixed scenarios and writes docs/performance.md (`report`).

mod measure;
mod pages;
mod proto;
mod report;
mod storm;

use std::{
    path::PathBuf,
    process::Stdio,
    time::{Duration, Instant},
};

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Drives a Samråd server as a hall of phones would")]
struct Cli {
    #[command(subcommand)]
    command: Mode,
}

#[derive(Subcommand)]
enum Mode {
    /// Meetings fill with phones that join, open their streams, answer and vote.
    Storm {
        #[arg(long, default_value = "http://127.0.0.1:3000")]
        url: String,
        #[arg(long, default_value_t = 1)]
        meetings: usize,
        /// Phones per meeting.
        #[arg(long, default_value_t = 200)]
        phones: usize,
        /// Answers written per meeting (each by another phone).
        #[arg(long, default_value_t = 60)]
        answers: usize,
        /// Dots each phone places.
        #[arg(long, default_value_t = 3)]
        votes: usize,
        /// Seconds over which the phones join.
        #[arg(long, default_value_t = 10.0)]
        ramp: f64,
        /// Seconds within which every phone places its dots.
        #[arg(long, default_value_t = 10.0)]
        window: f64,
        /// Only the projector opens a stream.
        #[arg(long)]
        no_phone_streams: bool,
        /// Phones drop and reopen their stream about this often.
        #[arg(long)]
        reconnect_ms: Option<u64>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The server's process id, to read its CPU and memory from /proc.
        #[arg(long)]
        server_pid: Option<u32>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Many phones load their meeting page at once.
    Pages {
        #[arg(long, default_value = "http://127.0.0.1:3000")]
        url: String,
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Stores many meetings (one phone and one answer each); prints their codes.
    Fill {
        #[arg(long, default_value = "http://127.0.0.1:3000")]
        url: String,
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Starts the server binary on a data directory and times it until a stored meeting's
    /// page answers; then stops it.
    Restart {
        #[arg(long)]
        server: PathBuf,
        #[arg(long)]
        data_dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1:3999")]
        addr: String,
        /// A stored meeting's code.
        #[arg(long)]
        code: String,
        #[arg(long)]
        meetings: usize,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes docs/performance.md from a directory of results.
    Report {
        #[arg(long)]
        results: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

fn write(out: Option<&PathBuf>, value: &impl serde::Serialize) -> Result<(), String> {
    let json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{json}");
    if let Some(path) = out {
        std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Mode::Storm {
            url,
            meetings,
            phones,
            answers,
            votes,
            ramp,
            window,
            no_phone_streams,
            reconnect_ms,
            seed,
            server_pid,
            out,
        } => {
            let outcome = storm::run(storm::Options {
                base: url,
                meetings,
                phones,
                answers: answers.min(phones),
                votes,
                ramp_secs: ramp,
                vote_secs: window,
                phone_streams: !no_phone_streams,
                reconnect_ms,
                seed,
                server_pid,
            })
            .await;
            write(out.as_ref(), &outcome)
        }
        Mode::Pages {
            url,
            concurrency,
            seconds,
            out,
        } => write(
            out.as_ref(),
            &pages::phone_page(&url, concurrency, seconds).await?,
        ),
        Mode::Fill {
            url,
            count,
            concurrency,
            out,
        } => {
            let codes = pages::fill(&url, count, concurrency).await?;
            write(out.as_ref(), &codes)
        }
        Mode::Restart {
            server,
            data_dir,
            addr,
            code,
            meetings,
            out,
        } => {
            let since = Instant::now();
            let mut child = tokio::process::Command::new(&server)
                .env("SAMRAAD_ADDR", &addr)
                .env("SAMRAAD_DATA_DIR", &data_dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("{}: {e}", server.display()))?;
            let waited = pages::wait_for(
                &format!("http://{addr}/m/{code}"),
                since,
                Duration::from_secs(120),
            )
            .await;
            let _ = child.kill().await;
            let ms = waited?;
            write(
                out.as_ref(),
                &serde_json::json!({ "stored_meetings": meetings, "first_page_ms": measure::round(ms) }),
            )
        }
        Mode::Report { results, out } => report::write(&results, &out),
    }
}

fn main() {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("samraad-load: cannot start the async runtime: {error}");
            std::process::exit(1);
        }
    };
    if let Err(error) = runtime.block_on(run(cli)) {
        eprintln!("samraad-load: {error}");
        std::process::exit(1);
    }
}
