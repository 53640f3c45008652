//! The database handle: connecting (embedded, in-memory or remote), applying the schema, and
//! the health check. Every query of the server goes through a `Db`.

use std::time::Duration;

use surrealdb::{
    Surreal,
    engine::any::{self, Any},
    opt::auth::Root,
    types::SurrealValue,
};

use crate::config::{DbConfig, DbTarget};

pub type Db = Surreal<Any>;

/// The schema files of `server/schema`, applied in this order at every start.
const SCHEMA: &[(&str, &str)] = &[
    (
        "0001_instance.surql",
        include_str!("../schema/0001_instance.surql"),
    ),
    (
        "0002_meetings.surql",
        include_str!("../schema/0002_meetings.surql"),
    ),
    (
        "0003_agenda_drafts.surql",
        include_str!("../schema/0003_agenda_drafts.surql"),
    ),
    (
        "0004_draft_start_values.surql",
        include_str!("../schema/0004_draft_start_values.surql"),
    ),
    (
        "0005_action_board.surql",
        include_str!("../schema/0005_action_board.surql"),
    ),
    (
        "0006_retention.surql",
        include_str!("../schema/0006_retention.surql"),
    ),
    (
        "0007_follow_up.surql",
        include_str!("../schema/0007_follow_up.surql"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the database at {0} is in use by another process; stop the other Samråd server or choose another --data-dir"
    )]
    Locked(String),
    #[error("could not open the database at {address}: {source}")]
    Connect {
        address: String,
        source: Box<surrealdb::Error>,
    },
    #[error("schema file {file} failed: {source}")]
    Schema {
        file: &'static str,
        source: Box<surrealdb::Error>,
    },
    #[error("the database answered but its instance record is missing")]
    MissingInstance,
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    #[error("database query failed: {0}")]
    Query(#[source] Box<surrealdb::Error>),
}

// Boxed: SurrealDB's error is large, and every fallible query returns this type.
impl From<surrealdb::Error> for DbError {
    fn from(error: surrealdb::Error) -> Self {
        DbError::Query(Box::new(error))
    }
}

/// Opens the configured database, selects namespace and database, and applies the schema.
pub async fn connect(config: &DbConfig) -> Result<Db, DbError> {
    let address = endpoint(&config.target)?;
    let db = any::connect(address.as_str()).await.map_err(|source| {
        if source.to_string().contains("locked") {
            DbError::Locked(address.clone())
        } else {
            DbError::Connect {
                address: address.clone(),
                source: Box::new(source),
            }
        }
    })?;
    if let DbTarget::Remote {
        credentials: Some(credentials),
        ..
    } = &config.target
    {
        db.signin(Root {
            username: credentials.user.clone(),
            password: credentials.pass.clone(),
        })
        .await
        .map_err(|source| DbError::Connect {
            address: address.clone(),
            source: Box::new(source),
        })?;
    }
    // Names were checked to be plain identifiers by the config parser, so they can be inlined.
    db.query(format!(
        "DEFINE NAMESPACE IF NOT EXISTS {ns}; USE NS {ns}; DEFINE DATABASE IF NOT EXISTS {name};",
        ns = config.namespace,
        name = config.database
    ))
    .await?
    .check()?;
    db.use_ns(&config.namespace)
        .use_db(&config.database)
        .await?;
    apply_schema(&db).await?;
    Ok(db)
}

fn endpoint(target: &DbTarget) -> Result<String, DbError> {
    Ok(match target {
        DbTarget::Memory => "mem://".to_owned(),
        DbTarget::Embedded(path) => {
            std::fs::create_dir_all(path).map_err(|source| DbError::DataDir {
                path: path.display().to_string(),
                source,
            })?;
            // `sync=every`: a commit returns only once SurrealKV has fsynced its log, so an
            // acknowledged answer survives a crash. (It is the engine's default today; saying
            // it here keeps it true if the default changes.)
            format!("surrealkv://{}?sync=every", path.display())
        }
        DbTarget::Remote { url, .. } => url.clone(),
    })
}

/// Applies each schema file that is new or has changed since it was last applied, and
/// remembers what it applied. A definition is applied only when its file changed: an
/// `OVERWRITE` of an index rebuilds it over every row, and doing that at every start made a
/// server holding 10,000 meetings take seconds to come back (docs/performance.md, (f)).
async fn apply_schema(db: &Db) -> Result<(), DbError> {
    db.query(
        "DEFINE TABLE IF NOT EXISTS schema_file SCHEMAFULL; \
         DEFINE FIELD IF NOT EXISTS name ON schema_file TYPE string; \
         DEFINE FIELD IF NOT EXISTS hash ON schema_file TYPE string;",
    )
    .await
    .map_err(|source| DbError::Schema {
        file: "schema_file",
        source: Box::new(source),
    })?;
    let mut response = db
        .query("SELECT name, hash FROM schema_file;")
        .await?
        .check()?;
    #[derive(Debug, SurrealValue)]
    struct Applied {
        name: String,
        hash: String,
    }
    let applied: Vec<Applied> = response.take(0)?;
    for (file, text) in SCHEMA {
        let hash = schema_hash(text);
        if applied.iter().any(|a| a.name == *file && a.hash == hash) {
            continue;
        }
        db.query(*text)
            .await
            .and_then(|response| response.check().map(|_| ()))
            .map_err(|source| DbError::Schema {
                file,
                source: Box::new(source),
            })?;
        db.query(
            "DELETE schema_file WHERE name = $name; \
             CREATE schema_file CONTENT { name: $name, hash: $hash };",
        )
        .bind(("name", (*file).to_owned()))
        .bind(("hash", hash))
        .await?
        .check()?;
    }
    db.query("UPSERT instance:main SET schema_files = $files, started_at = time::now();")
        .bind(("files", SCHEMA.len() as i64))
        .await?
        .check()?;
    Ok(())
}

fn schema_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Proves the database answers by reading a stored record, not just by pinging the engine.
pub async fn health(db: &Db) -> Result<(), DbError> {
    let mut response = db
        .query("SELECT VALUE schema_files FROM ONLY instance:main;")
        .await?
        .check()?;
    let files: Option<i64> = response.take(0)?;
    match files {
        Some(_) => Ok(()),
        None => Err(DbError::MissingInstance),
    }
}

/// Lets go of the database and gives the engine a moment to flush and release its lock.
/// SurrealDB has no explicit close: the last dropped handle shuts the datastore down in the
/// background. Commits are already on disk (`sync=every`); this makes a restart in the same
/// directory find the lock free.
pub async fn close(db: Db) {
    drop(db);
    tokio::time::sleep(Duration::from_millis(300)).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SurrealKV reads `sync=every` as "fsync the log before a commit returns" (its
    /// `cnf.rs`); a crash test alone cannot prove it, since SIGKILL keeps the page cache.
    #[test]
    fn the_embedded_store_syncs_every_commit() {
        let path = std::env::temp_dir().join(format!("samraad-endpoint-{}", std::process::id()));
        let address = endpoint(&DbTarget::Embedded(path.clone())).expect("endpoint");
        let _ = std::fs::remove_dir_all(&path);
        assert!(address.starts_with("surrealkv://"));
        assert!(address.ends_with("?sync=every"), "{address}");
    }
}
