//! The database layer against the real engines: in-memory and SurrealKV on disk.

use std::path::PathBuf;

use server::{
    config::{DbConfig, DbTarget},
    db,
};

fn unique_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    std::env::temp_dir().join(format!("samraad-db-{name}-{}-{nanos}", std::process::id()))
}

fn config(target: DbTarget) -> DbConfig {
    DbConfig {
        target,
        namespace: "test".into(),
        database: "test".into(),
    }
}

#[tokio::test]
async fn schema_applies_twice_without_error() {
    let store = db::connect(&config(DbTarget::Memory))
        .await
        .expect("first start");
    db::health(&store).await.expect("healthy");
    // Starting again over an existing schema must be a no-op, not an error.
    let config = config(DbTarget::Memory);
    let again = db::connect(&config).await.expect("second start");
    db::health(&again).await.expect("healthy");
}

#[tokio::test]
async fn in_memory_databases_are_separate() {
    let a = db::connect(&config(DbTarget::Memory)).await.expect("a");
    let b = db::connect(&config(DbTarget::Memory)).await.expect("b");
    a.query("CREATE probe:one SET n = 1")
        .await
        .expect("write")
        .check()
        .expect("ok");
    let mut found = b.query("SELECT VALUE n FROM probe").await.expect("read");
    // SurrealDB 3 reports a table it has never seen as missing; either way, `b` sees nothing.
    match found.take::<Vec<i64>>(0) {
        Ok(values) => assert!(values.is_empty(), "a fresh database per test"),
        Err(error) => assert!(error.to_string().contains("does not exist"), "{error}"),
    }
}

#[tokio::test]
async fn embedded_store_keeps_committed_data_across_a_restart() {
    let dir = unique_dir("restart");
    let target = DbTarget::Embedded(dir.clone());

    let store = db::connect(&config(target.clone())).await.expect("open");
    store
        .query("CREATE probe:kept SET text = 'svar der ikke må gå tabt'")
        .await
        .expect("write")
        .check()
        .expect("committed");
    let mut created = store
        .query("SELECT VALUE created_at FROM ONLY instance:main")
        .await
        .expect("read");
    let created_at: Option<surrealdb::types::Datetime> = created.take(0).expect("created_at");
    db::close(store).await;

    let reopened = db::connect(&config(target)).await.expect("reopen");
    let mut kept = reopened
        .query("SELECT VALUE text FROM ONLY probe:kept; SELECT VALUE created_at FROM ONLY instance:main")
        .await
        .expect("read");
    let text: Option<String> = kept.take(0).expect("text");
    let created_again: Option<surrealdb::types::Datetime> = kept.take(1).expect("created_at");
    assert_eq!(text.as_deref(), Some("svar der ikke må gå tabt"));
    assert_eq!(
        created_again, created_at,
        "the instance keeps its first start time"
    );
    db::close(reopened).await;
    let _ = std::fs::remove_dir_all(dir);
}

/// Each schema file is applied once, and again only when it changes: redefining an index
/// rebuilds it over every row, which made a restart over 10,000 meetings take seconds.
#[tokio::test]
async fn schema_files_are_applied_again_only_when_they_change() {
    let dir = unique_dir("schema");
    let target = DbTarget::Embedded(dir.clone());
    let read = |store: &db::Db| {
        let store = store.clone();
        async move {
            let mut rows = store
                .query("SELECT VALUE [name, hash, <string> id] FROM schema_file ORDER BY name")
                .await
                .expect("read");
            rows.take::<Vec<Vec<String>>>(0).expect("rows")
        }
    };
    let store = db::connect(&config(target.clone())).await.expect("open");
    let first = read(&store).await;
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/schema"))
        .expect("the schema directory")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "surql"))
        })
        .count();
    assert_eq!(first.len(), files, "one row per schema file: {first:?}");
    assert!(
        first.iter().all(|row| row[1].len() == 64),
        "each with its hash"
    );
    // As if a file had changed since: its row's hash no longer matches.
    store
        .query("UPDATE schema_file SET hash = 'old' WHERE name = '0003_agenda_drafts.surql'")
        .await
        .expect("write")
        .check()
        .expect("ok");
    db::close(store).await;

    let reopened = db::connect(&config(target)).await.expect("reopen");
    let second = read(&reopened).await;
    for (before, after) in first.iter().zip(&second) {
        if before[0] == "0003_agenda_drafts.surql" {
            assert_ne!(before[2], after[2], "the changed file was applied again");
            assert_eq!(before[1], after[1], "and its hash recorded");
        } else {
            assert_eq!(before, after, "{} was not applied again", before[0]);
        }
    }
    db::close(reopened).await;
    let _ = std::fs::remove_dir_all(dir);
}
