//! The team's calendar subscription in SurrealDB: turn it on (a new generation, which revokes
//! the address before it), off, and find the team whose calendar key this is.

use surrealdb::types::SurrealValue;

use crate::{
    db::{Db, DbError},
    meetings::secret,
};

/// The team's calendar generation, when its calendar is on.
pub async fn generation(db: &Db, space_id: &str) -> Result<Option<i64>, DbError> {
    #[derive(Debug, SurrealValue)]
    struct Row {
        calendar_generation: Option<i64>,
        calendar_key_hash: Option<String>,
    }
    let mut response = db
        .query("SELECT calendar_generation, calendar_key_hash FROM space WHERE space_id = $space_id LIMIT 1;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let rows: Vec<Row> = response.take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .filter(|row| row.calendar_key_hash.is_some())
        .and_then(|row| row.calendar_generation))
}

/// Makes a new calendar address for the team (the old one stops working); returns its key.
pub async fn renew(db: &Db, space_id: &str, team_key: &str) -> Result<String, DbError> {
    let mut response = db
        .query("SELECT VALUE calendar_generation FROM space WHERE space_id = $space_id LIMIT 1;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let current: Vec<Option<i64>> = response.take(0)?;
    let next = current.into_iter().flatten().next().unwrap_or(0) + 1;
    let key = secret::calendar_key(team_key, next);
    db.query(
        "UPDATE space SET calendar_generation = $next, calendar_key_hash = $hash \
         WHERE space_id = $space_id RETURN NONE;",
    )
    .bind(("space_id", space_id.to_owned()))
    .bind(("next", next))
    .bind(("hash", secret::hash(&key)))
    .await?
    .check()?;
    Ok(key)
}

/// Turns the team's calendar off: no address works until a new one is made.
pub async fn stop(db: &Db, space_id: &str) -> Result<(), DbError> {
    db.query("UPDATE space SET calendar_key_hash = NONE WHERE space_id = $space_id RETURN NONE;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    Ok(())
}

/// The team whose current calendar key this is: (space id, name).
pub async fn space_by_calendar_key(
    db: &Db,
    calendar_key: &str,
) -> Result<Option<(String, String)>, DbError> {
    #[derive(Debug, SurrealValue)]
    struct Row {
        space_id: String,
        name: String,
    }
    let mut response = db
        .query("SELECT space_id, name FROM space WHERE calendar_key_hash = $hash LIMIT 1;")
        .bind(("hash", secret::hash(calendar_key)))
        .await?
        .check()?;
    let rows: Vec<Row> = response.take(0)?;
    Ok(rows.into_iter().next().map(|row| (row.space_id, row.name)))
}
