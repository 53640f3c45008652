//! Agenda drafts in SurrealDB: create one, read it, and save an edit. An edit is saved only
//! over the version it was made on, so two tabs editing one draft never overwrite each other.

use app::{
    content::Library,
    domain::meeting::draft::{AgendaDraft, DraftEdit, DraftError},
};
use surrealdb::types::SurrealValue;

use super::secret;
use crate::db::{Db, DbError};

#[derive(Debug, SurrealValue)]
struct DraftRow {
    body: String,
    version: i64,
}

/// What the start form held when the leader began composing: kept with the draft, so the
/// composer's address carries no typed text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StartValues {
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub title: String,
}

#[derive(Debug, SurrealValue)]
struct StartValuesRow {
    start_values: Option<String>,
}

/// Why an edit was not saved.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("no draft has this link")]
    Unknown,
    #[error(transparent)]
    Refused(#[from] DraftError),
    #[error(transparent)]
    Database(#[from] DbError),
}

/// Stores a new draft and returns its link id (shown to the leader, never stored).
pub async fn create(db: &Db, draft: &AgendaDraft, start: &StartValues) -> Result<String, DbError> {
    let id = secret::new_secret().map_err(|e| DbError::Corrupt(format!("randomness: {e}")))?;
    let body = serde_json::to_string(draft).map_err(|e| DbError::Corrupt(format!("draft: {e}")))?;
    let start =
        serde_json::to_string(start).map_err(|e| DbError::Corrupt(format!("start values: {e}")))?;
    db.query(
        "CREATE agenda_draft CONTENT \
         { draft_hash: $hash, body: $body, version: 0, start_values: $start };",
    )
    .bind(("hash", secret::hash(&id)))
    .bind(("body", body))
    .bind(("start", start))
    .await?
    .check()?;
    Ok(id)
}

/// The start form's values kept with a draft (empty for a draft made before they were kept).
pub async fn start_values(db: &Db, id: &str) -> Result<StartValues, DbError> {
    let mut response = db
        .query("SELECT start_values FROM agenda_draft WHERE draft_hash = $hash LIMIT 1;")
        .bind(("hash", secret::hash(id)))
        .await?
        .check()?;
    let rows: Vec<StartValuesRow> = response.take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|row| row.start_values)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The draft behind a link, if there is one.
pub async fn load(db: &Db, id: &str) -> Result<Option<AgendaDraft>, DbError> {
    Ok(load_row(db, id).await?.map(|(draft, _)| draft))
}

async fn load_row(db: &Db, id: &str) -> Result<Option<(AgendaDraft, i64)>, DbError> {
    let mut response = db
        .query("SELECT body, version FROM agenda_draft WHERE draft_hash = $hash LIMIT 1;")
        .bind(("hash", secret::hash(id)))
        .await?
        .check()?;
    let rows: Vec<DraftRow> = response.take(0)?;
    rows.into_iter()
        .next()
        .map(|row| {
            let draft = serde_json::from_str(&row.body)
                .map_err(|e| DbError::Corrupt(format!("draft: {e}")))?;
            Ok((draft, row.version))
        })
        .transpose()
}

/// Applies one edit and saves it; a concurrent save makes it start over on the newer draft.
pub async fn edit(
    db: &Db,
    library: &Library,
    id: &str,
    edit: DraftEdit,
) -> Result<AgendaDraft, EditError> {
    const ATTEMPTS: usize = 5;
    for _ in 0..ATTEMPTS {
        let Some((mut draft, version)) = load_row(db, id).await? else {
            return Err(EditError::Unknown);
        };
        draft.apply(library, edit.clone())?;
        let body =
            serde_json::to_string(&draft).map_err(|e| DbError::Corrupt(format!("draft: {e}")))?;
        let mut response = db
            .query(
                "UPDATE agenda_draft SET body = $body, version = version + 1 \
                 WHERE draft_hash = $hash AND version = $version RETURN version;",
            )
            .bind(("hash", secret::hash(id)))
            .bind(("body", body))
            .bind(("version", version))
            .await
            .map_err(DbError::from)?
            .check()
            .map_err(DbError::from)?;
        #[derive(Debug, SurrealValue)]
        struct Saved {
            #[allow(dead_code)]
            version: i64,
        }
        let saved: Vec<Saved> = response.take(0).map_err(DbError::from)?;
        if !saved.is_empty() {
            return Ok(draft);
        }
    }
    Err(EditError::Database(DbError::Corrupt(
        "the draft kept changing while it was saved".into(),
    )))
}
