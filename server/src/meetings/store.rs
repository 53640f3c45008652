//! The meeting tables of SurrealDB: create a team and a meeting, load a meeting with its
//! event log, and append an event. Every write here has committed (and, embedded, been
//! fsynced) when the call returns.

use app::domain::meeting::{
    ids::{CommandId, ParticipantId},
    state::{Event, MeetingSetup},
};
use surrealdb::types::SurrealValue;

use crate::db::{Db, DbError};

/// A meeting as stored, before its events are replayed.
#[derive(Debug, Clone)]
pub struct StoredMeeting {
    pub meeting_id: String,
    pub space_id: String,
    pub space_name: String,
    pub space_key_hash: String,
    pub code: String,
    pub screen_key_hash: String,
    pub setup: MeetingSetup,
    pub events: Vec<(CommandId, Event)>,
    /// Device token hash → participant.
    pub devices: Vec<(String, ParticipantId)>,
}

#[derive(Debug, SurrealValue)]
struct MeetingRow {
    meeting_id: String,
    space_id: String,
    code: String,
    screen_key_hash: String,
    setup: String,
}

#[derive(Debug, SurrealValue)]
struct SpaceRow {
    name: String,
    key_hash: String,
}

#[derive(Debug, SurrealValue)]
struct EventRow {
    command_id: String,
    body: String,
    seq: i64,
}

#[derive(Debug, SurrealValue)]
struct DeviceRow {
    token_hash: String,
    participant_id: String,
}

/// A stored value the app cannot read back: a bug or a hand-edited database.
fn corrupt(what: &str, why: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("{what}: {why}"))
}

pub async fn create_space(
    db: &Db,
    space_id: &str,
    name: &str,
    key_hash: &str,
) -> Result<(), DbError> {
    db.query("CREATE space CONTENT { space_id: $space_id, name: $name, key_hash: $key_hash };")
        .bind(("space_id", space_id.to_owned()))
        .bind(("name", name.to_owned()))
        .bind(("key_hash", key_hash.to_owned()))
        .await?
        .check()?;
    Ok(())
}

/// The team whose key hashes to `key_hash`: (space id, name).
pub async fn space_by_key(db: &Db, key_hash: &str) -> Result<Option<(String, String)>, DbError> {
    let mut response = db
        .query("SELECT space_id, name FROM space WHERE key_hash = $key_hash LIMIT 1;")
        .bind(("key_hash", key_hash.to_owned()))
        .await?
        .check()?;
    #[derive(Debug, SurrealValue)]
    struct Row {
        space_id: String,
        name: String,
    }
    let rows: Vec<Row> = response.take(0)?;
    Ok(rows.into_iter().next().map(|row| (row.space_id, row.name)))
}

/// Stores a new meeting. `Ok(false)` when the join code is taken (the caller draws another).
pub async fn create_meeting(
    db: &Db,
    meeting_id: &str,
    space_id: &str,
    code: &str,
    screen_key_hash: &str,
    setup: &MeetingSetup,
) -> Result<bool, DbError> {
    let setup = serde_json::to_string(setup).map_err(|e| corrupt("meeting setup", e))?;
    let result = db
        .query(
            "CREATE meeting CONTENT { meeting_id: $meeting_id, space_id: $space_id, code: $code, \
             screen_key_hash: $screen_key_hash, setup: $setup };",
        )
        .bind(("meeting_id", meeting_id.to_owned()))
        .bind(("space_id", space_id.to_owned()))
        .bind(("code", code.to_owned()))
        .bind(("screen_key_hash", screen_key_hash.to_owned()))
        .bind(("setup", setup))
        .await?
        .check();
    match result {
        Ok(_) => Ok(true),
        Err(error) if error.to_string().contains("meeting_code") => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// The meeting with this join code and everything that happened in it.
pub async fn load_meeting(db: &Db, code: &str) -> Result<Option<StoredMeeting>, DbError> {
    let mut response = db
        .query("SELECT meeting_id, space_id, code, screen_key_hash, setup FROM meeting WHERE code = $code LIMIT 1;")
        .bind(("code", code.to_owned()))
        .await?
        .check()?;
    let rows: Vec<MeetingRow> = response.take(0)?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let setup: MeetingSetup =
        serde_json::from_str(&row.setup).map_err(|e| corrupt("meeting setup", e))?;
    let mut response = db
        .query(
            "SELECT name, key_hash FROM space WHERE space_id = $space_id LIMIT 1; \
             SELECT command_id, body, seq FROM event WHERE meeting_id = $meeting_id ORDER BY seq; \
             SELECT token_hash, participant_id FROM participant WHERE meeting_id = $meeting_id;",
        )
        .bind(("space_id", row.space_id.clone()))
        .bind(("meeting_id", row.meeting_id.clone()))
        .await?
        .check()?;
    let spaces: Vec<SpaceRow> = response.take(0)?;
    let space = spaces
        .into_iter()
        .next()
        .ok_or_else(|| corrupt("meeting", "its team is missing"))?;
    let event_rows: Vec<EventRow> = response.take(1)?;
    let device_rows: Vec<DeviceRow> = response.take(2)?;
    let events = event_rows
        .into_iter()
        .map(|row| {
            let id = CommandId::parse(&row.command_id)
                .ok_or_else(|| corrupt("command id", &row.command_id))?;
            let event: Event = serde_json::from_str(&row.body).map_err(|e| corrupt("event", e))?;
            if i64::try_from(event.seq).ok() != Some(row.seq) {
                return Err(corrupt("event", "its number differs from its row"));
            }
            Ok((id, event))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let devices = device_rows
        .into_iter()
        .map(|row| {
            let id = ParticipantId::parse(&row.participant_id)
                .ok_or_else(|| corrupt("participant id", &row.participant_id))?;
            Ok((row.token_hash, id))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Some(StoredMeeting {
        meeting_id: row.meeting_id,
        space_id: row.space_id,
        space_name: space.name,
        space_key_hash: space.key_hash,
        code: row.code,
        screen_key_hash: row.screen_key_hash,
        setup,
        events,
        devices,
    }))
}

/// Appends one event, and for a first join the device that joined, in one transaction.
pub async fn append_event(
    db: &Db,
    meeting_id: &str,
    command_id: CommandId,
    event: &Event,
    new_device: Option<(&str, ParticipantId)>,
) -> Result<(), DbError> {
    let body = serde_json::to_string(event).map_err(|e| corrupt("event", e))?;
    let seq = i64::try_from(event.seq).map_err(|e| corrupt("sequence number", e))?;
    let query = if new_device.is_some() {
        "BEGIN; \
         CREATE event CONTENT { meeting_id: $meeting_id, seq: $seq, command_id: $command_id, body: $body }; \
         CREATE participant CONTENT { meeting_id: $meeting_id, participant_id: $participant_id, token_hash: $token_hash }; \
         COMMIT;"
    } else {
        "CREATE event CONTENT { meeting_id: $meeting_id, seq: $seq, command_id: $command_id, body: $body };"
    };
    let (token_hash, participant) = new_device
        .map(|(hash, id)| (hash.to_owned(), id.to_string()))
        .unwrap_or_default();
    db.query(query)
        .bind(("meeting_id", meeting_id.to_owned()))
        .bind(("seq", seq))
        .bind(("command_id", command_id.to_string()))
        .bind(("body", body))
        .bind(("participant_id", participant))
        .bind(("token_hash", token_hash))
        .await?
        .check()?;
    Ok(())
}

/// The meetings of a team, newest first: (code, title).
pub async fn meetings_of_space(db: &Db, space_id: &str) -> Result<Vec<(String, String)>, DbError> {
    let mut response = db
        // Meeting ids are UUID v7, so their order is the order the meetings were started in.
        .query("SELECT meeting_id, code, setup FROM meeting WHERE space_id = $space_id ORDER BY meeting_id DESC;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    #[derive(Debug, SurrealValue)]
    struct Row {
        #[allow(dead_code)]
        meeting_id: String,
        code: String,
        setup: String,
    }
    let rows: Vec<Row> = response.take(0)?;
    rows.into_iter()
        .map(|row| {
            let setup: MeetingSetup =
                serde_json::from_str(&row.setup).map_err(|e| corrupt("meeting setup", e))?;
            Ok((row.code, setup.title.to_string()))
        })
        .collect()
}
