//! Start-up configuration: one name per setting, as a flag and as an environment variable.
//!
//! Everything is parsed here, once, into types that cannot hold an invalid value, so the rest of
//! the server never re-checks a setting.

use std::{net::SocketAddr, path::PathBuf};

use clap::Parser;

/// Every environment variable the server reads. A `SAMRAAD_*` variable not in this list is a
/// typo and is refused at start, so a misspelt setting never silently falls back to a default.
pub const KNOWN_ENV_VARS: &[&str] = &[
    "SAMRAAD_ADDR",
    "SAMRAAD_DATA_DIR",
    "SAMRAAD_DB",
    "SAMRAAD_DB_NS",
    "SAMRAAD_DB_NAME",
    "SAMRAAD_DB_USER",
    "SAMRAAD_DB_PASS",
    "SAMRAAD_PUBLIC_URL",
    "SAMRAAD_TRUSTED_PROXIES",
    "SAMRAAD_MAX_PARTICIPANTS",
    "SAMRAAD_MAX_CONNECTIONS",
    "SAMRAAD_MAX_CONNECTIONS_PER_CLIENT",
    "SAMRAAD_MAX_STREAMS",
    "SAMRAAD_MAX_STREAMS_PER_CLIENT",
    "SAMRAAD_STARTS_PER_MINUTE",
    "SAMRAAD_JOINS_PER_MINUTE",
    "SAMRAAD_HEADER_TIMEOUT_SECS",
    "SAMRAAD_WRITER_BATCH",
    "SAMRAAD_FANOUT",
];

/// Samråd: live reflection workshops for learning communities.
#[derive(Debug, Parser)]
#[command(name = "samraad", version, about, long_about = None)]
pub struct Args {
    /// Address and port to serve on.
    #[arg(long, env = "SAMRAAD_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,

    /// Directory for the embedded database and other state.
    #[arg(long, env = "SAMRAAD_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database: empty for the embedded engine under the data dir, `mem://` for a throwaway
    /// in-memory instance, `ws://host:port` for a SurrealDB server on a private network.
    #[arg(long, env = "SAMRAAD_DB")]
    pub db: Option<String>,

    /// SurrealDB namespace.
    #[arg(long, env = "SAMRAAD_DB_NS", default_value = "samraad")]
    pub db_ns: String,

    /// SurrealDB database name.
    #[arg(long, env = "SAMRAAD_DB_NAME", default_value = "main")]
    pub db_name: String,

    /// SurrealDB root user (remote server only).
    #[arg(long, env = "SAMRAAD_DB_USER")]
    pub db_user: Option<String>,

    /// SurrealDB root password (remote server only).
    #[arg(long, env = "SAMRAAD_DB_PASS", hide_env_values = true)]
    pub db_pass: Option<String>,

    /// Public address of the site, e.g. `https://samraad.example.dk`, used for links and QR
    /// codes when the server runs behind a proxy. Defaults to `http://<addr>`.
    #[arg(long, env = "SAMRAAD_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Reverse proxies whose `X-Forwarded-For` is believed, as addresses or networks
    /// separated by commas (e.g. `127.0.0.1,10.0.0.0/8`). Empty: the socket's address counts.
    #[arg(long, env = "SAMRAAD_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,

    /// Most participants in one meeting.
    #[arg(long, env = "SAMRAAD_MAX_PARTICIPANTS", default_value_t = 5_000,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_participants: u32,

    /// Most open connections in all.
    #[arg(long, env = "SAMRAAD_MAX_CONNECTIONS", default_value_t = 20_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,

    /// Most open connections from one address (IPv6: one /64).
    #[arg(long, env = "SAMRAAD_MAX_CONNECTIONS_PER_CLIENT", default_value_t = 4_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections_per_client: u64,

    /// Most open live streams in all.
    #[arg(long, env = "SAMRAAD_MAX_STREAMS", default_value_t = 15_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_streams: u64,

    /// Most open live streams from one address.
    #[arg(long, env = "SAMRAAD_MAX_STREAMS_PER_CLIENT", default_value_t = 3_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_streams_per_client: u64,

    /// New meetings one address may start per minute (as many again at once).
    #[arg(long, env = "SAMRAAD_STARTS_PER_MINUTE", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub starts_per_minute: u32,

    /// Joins one address may make per minute (twice as many at once).
    #[arg(long, env = "SAMRAAD_JOINS_PER_MINUTE", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub joins_per_minute: u32,

    /// Seconds a client may take to send a request's headers.
    #[arg(long, env = "SAMRAAD_HEADER_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_timeout_secs: u64,

    /// Most commands one meeting stores in one commit. 1 is the old one-commit-per-command
    /// writer, kept for benchmarks (docs/performance.md).
    #[arg(long, env = "SAMRAAD_WRITER_BATCH", default_value_t = 512,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub writer_batch: u64,

    /// `shared` (views rendered once per change and audience) or `per-stream` (the old way,
    /// kept for benchmarks).
    #[arg(long, env = "SAMRAAD_FANOUT", default_value = "shared",
          value_parser = ["shared", "per-stream"])]
    pub fanout: String,
}

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// The embedded SurrealKV engine in this directory, syncing every commit to disk.
    Embedded(PathBuf),
    /// An in-memory engine: everything is gone when the process stops.
    Memory,
    /// A SurrealDB server at this `ws://` address. TLS (`wss://`) is not compiled in: it would add a
    /// TLS stack to every build for a setup where the database sits on the app's private network.
    Remote {
        url: String,
        credentials: Option<Credentials>,
    },
}

impl DbTarget {
    /// A word for logs and `/healthz`; never the address, which may carry secrets.
    pub fn kind(&self) -> &'static str {
        match self {
            DbTarget::Embedded(_) => "embedded",
            DbTarget::Memory => "memory",
            DbTarget::Remote { .. } => "remote",
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub pass: String,
}

impl std::fmt::Debug for Credentials {
    // The password must never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("pass", &"…")
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct DbConfig {
    pub target: DbTarget,
    pub namespace: String,
    pub database: String,
}

/// The validated configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub db: DbConfig,
    pub public_url: String,
    pub limits: crate::security::limits::Limits,
    pub trusted_proxies: crate::security::client::TrustedProxies,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("unknown setting {0}; known settings are: {known}", known = KNOWN_ENV_VARS.join(", "))]
    UnknownEnvVar(String),
    #[error(
        "invalid --addr / SAMRAAD_ADDR {0:?}: expected an address and port such as 127.0.0.1:3000"
    )]
    Addr(String),
    #[error(
        "invalid --db / SAMRAAD_DB {0:?}: expected nothing (embedded), mem://, surrealkv://<path> or ws://host:port"
    )]
    Db(String),
    #[error("SAMRAAD_DB_USER and SAMRAAD_DB_PASS must be given together")]
    PartialCredentials,
    #[error("SAMRAAD_DB_USER / SAMRAAD_DB_PASS only apply to a remote server (ws://)")]
    CredentialsWithoutServer,
    #[error("invalid {0}: {1:?} must be 1–64 letters, digits, '_' or '-'")]
    Name(&'static str, String),
    #[error(
        "invalid --public-url / SAMRAAD_PUBLIC_URL {0:?}: expected an http:// or https:// address without a query, such as https://samraad.example.dk"
    )]
    PublicUrl(String),
    #[error("invalid --trusted-proxies / SAMRAAD_TRUSTED_PROXIES: {0}")]
    TrustedProxies(String),
}

impl Config {
    /// Parses flags and environment, refusing unknown `SAMRAAD_*` variables.
    pub fn from_env_and_args() -> Result<Self, ConfigError> {
        reject_unknown_env(std::env::vars().map(|(name, _)| name))?;
        Self::from_args(Args::parse())
    }

    pub fn from_args(args: Args) -> Result<Self, ConfigError> {
        let addr: SocketAddr = args
            .addr
            .trim()
            .parse()
            .map_err(|_| ConfigError::Addr(args.addr.clone()))?;
        let credentials = match (args.db_user, args.db_pass) {
            (Some(user), Some(pass)) => Some(Credentials { user, pass }),
            (None, None) => None,
            _ => return Err(ConfigError::PartialCredentials),
        };
        let target = parse_db_target(args.db.as_deref(), &args.data_dir, credentials)?;
        let db = DbConfig {
            target,
            namespace: parse_name("--db-ns / SAMRAAD_DB_NS", args.db_ns)?,
            database: parse_name("--db-name / SAMRAAD_DB_NAME", args.db_name)?,
        };
        let public_url = match args.public_url {
            Some(url) => parse_public_url(&url)?,
            None => format!("http://{addr}"),
        };
        let trusted_proxies = args
            .trusted_proxies
            .split(',')
            .filter(|part| !part.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(ConfigError::TrustedProxies)?;
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let limits = crate::security::limits::Limits {
            starts_burst: args.starts_per_minute,
            starts_per_minute: args.starts_per_minute,
            joins_burst: args.joins_per_minute.saturating_mul(2),
            joins_per_minute: args.joins_per_minute,
            max_participants: args.max_participants,
            max_connections: count(args.max_connections),
            max_connections_per_client: count(args.max_connections_per_client),
            max_streams: count(args.max_streams),
            max_streams_per_client: count(args.max_streams_per_client),
            header_read_timeout: std::time::Duration::from_secs(args.header_timeout_secs),
            writer_batch: count(args.writer_batch),
            fanout: if args.fanout == "per-stream" {
                crate::meetings::live::Fanout::PerStream
            } else {
                crate::meetings::live::Fanout::Shared
            },
        };
        Ok(Config {
            addr,
            data_dir: args.data_dir,
            db,
            public_url,
            limits,
            trusted_proxies: crate::security::client::TrustedProxies::new(trusted_proxies),
        })
    }
}

pub fn reject_unknown_env(names: impl Iterator<Item = String>) -> Result<(), ConfigError> {
    for name in names {
        if name.starts_with("SAMRAAD_") && !KNOWN_ENV_VARS.contains(&name.as_str()) {
            return Err(ConfigError::UnknownEnvVar(name));
        }
    }
    Ok(())
}

fn parse_db_target(
    db: Option<&str>,
    data_dir: &std::path::Path,
    credentials: Option<Credentials>,
) -> Result<DbTarget, ConfigError> {
    let db = db.map(str::trim).unwrap_or_default();
    let target = if db.is_empty() {
        DbTarget::Embedded(data_dir.join("db"))
    } else if db == "mem://" || db == "memory" {
        DbTarget::Memory
    } else if let Some(path) = db.strip_prefix("surrealkv://") {
        if path.is_empty() {
            return Err(ConfigError::Db(db.to_owned()));
        }
        DbTarget::Embedded(PathBuf::from(path))
    } else if let Some(host) = db.strip_prefix("ws://") {
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(ConfigError::Db(db.to_owned()));
        }
        return Ok(DbTarget::Remote {
            url: db.to_owned(),
            credentials,
        });
    } else {
        return Err(ConfigError::Db(db.to_owned()));
    };
    if credentials.is_some() {
        return Err(ConfigError::CredentialsWithoutServer);
    }
    Ok(target)
}

fn parse_name(setting: &'static str, value: String) -> Result<String, ConfigError> {
    let valid = (1..=64).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(value)
    } else {
        Err(ConfigError::Name(setting, value))
    }
}

fn parse_public_url(url: &str) -> Result<String, ConfigError> {
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['?', '#', ' ']) => Ok(trimmed.to_owned()),
        _ => Err(ConfigError::PublicUrl(url.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        let mut argv = vec!["samraad"];
        argv.extend_from_slice(extra);
        Args::try_parse_from(argv).expect("flags parse")
    }

    #[test]
    fn defaults_serve_locally_with_the_embedded_engine() {
        // Built from flags only: the test must not depend on the caller's environment.
        let config = Config::from_args(args(&["--addr", "127.0.0.1:3000", "--data-dir", "./data"]))
            .expect("valid");
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(
            config.db.target,
            DbTarget::Embedded(PathBuf::from("./data/db"))
        );
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
    }

    #[test]
    fn memory_and_remote_targets_parse() {
        let mem = Config::from_args(args(&["--db", "mem://"])).expect("valid");
        assert_eq!(mem.db.target, DbTarget::Memory);
        let remote = Config::from_args(args(&[
            "--db",
            "ws://db.local:8000",
            "--db-user",
            "root",
            "--db-pass",
            "secret",
        ]))
        .expect("valid");
        assert!(
            matches!(remote.db.target, DbTarget::Remote { ref url, credentials: Some(_) } if url == "ws://db.local:8000")
        );
    }

    #[test]
    fn invalid_values_name_the_setting() {
        let cases: &[(&[&str], &str)] = &[
            (&["--addr", "localhost"], "SAMRAAD_ADDR"),
            (&["--db", "postgres://x"], "SAMRAAD_DB"),
            (&["--db", "ws://"], "SAMRAAD_DB"),
            (&["--db", "wss://db.example:8000"], "SAMRAAD_DB"),
            (&["--db-ns", "has space"], "SAMRAAD_DB_NS"),
            (&["--public-url", "samraad.dk"], "SAMRAAD_PUBLIC_URL"),
            (&["--db-user", "root"], "SAMRAAD_DB_USER"),
            (&["--db-user", "a", "--db-pass", "b"], "SAMRAAD_DB_USER"),
        ];
        for (flags, setting) in cases {
            let error = Config::from_args(args(flags)).expect_err("must be refused");
            assert!(
                error.to_string().contains(setting),
                "{flags:?} gave {error}, which does not name {setting}"
            );
        }
    }

    #[test]
    fn a_misspelt_env_var_is_refused_by_name() {
        let error = reject_unknown_env(["PATH", "SAMRAAD_ADR"].map(String::from).into_iter())
            .expect_err("typo");
        assert_eq!(error, ConfigError::UnknownEnvVar("SAMRAAD_ADR".into()));
        assert!(
            error.to_string().contains("SAMRAAD_ADDR"),
            "lists the known names"
        );
        assert!(reject_unknown_env(KNOWN_ENV_VARS.iter().map(|s| s.to_string())).is_ok());
    }

    #[test]
    fn unknown_flags_are_refused_by_clap() {
        let error = Args::try_parse_from(["samraad", "--adress", "x"]).expect_err("unknown flag");
        assert!(error.to_string().contains("--adress"));
    }

    #[test]
    fn public_url_is_normalised_without_trailing_slash() {
        let config = Config::from_args(args(&["--public-url", "https://samraad.example.dk/"]))
            .expect("valid");
        assert_eq!(config.public_url, "https://samraad.example.dk");
    }
}
