//! The meeting tables of SurrealDB: create a team and a meeting, load a meeting with its
//! event log, and append a batch of events. Every write here has committed (and, embedded,
//! been fsynced) when the call returns.
//!
//! The live core reaches the log through `EventLog`, so that a test can put a store that
//! fails behind it, and a later message bus can sit beside it.

use std::{future::Future, pin::Pin};

use app::domain::meeting::{
    ids::{CommandId, ParticipantId},
    state::{Event, MeetingSetup},
};
use surrealdb::types::SurrealValue;

use crate::db::{Db, DbError};
use app::domain::dates::Day;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One decided command, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub command_id: CommandId,
    /// `secret::hash` of the command's JSON: a repeated id must carry the same command.
    pub command_hash: String,
    pub event: Event,
}

/// A device that joined (or got a new cookie after a lost answer): its token's hash.
#[derive(Debug, Clone)]
pub struct NewDevice {
    pub token_hash: String,
    pub participant: ParticipantId,
}

/// Where the live core keeps meetings' logs.
pub trait EventLog: Send + Sync {
    /// The meeting with this join code and everything that happened in it.
    fn load<'a>(&'a self, code: &'a str) -> BoxFuture<'a, Result<Option<StoredMeeting>, DbError>>;

    /// Stores a batch of events and devices of one meeting in one transaction: all of it
    /// or none of it, durable when this returns `Ok`.
    fn append<'a>(
        &'a self,
        meeting_id: &'a str,
        events: &'a [NewEvent],
        devices: &'a [NewDevice],
    ) -> BoxFuture<'a, Result<(), DbError>>;
}

/// The log in SurrealDB.
pub struct SurrealLog(pub Db);

impl EventLog for SurrealLog {
    fn load<'a>(&'a self, code: &'a str) -> BoxFuture<'a, Result<Option<StoredMeeting>, DbError>> {
        Box::pin(load_meeting(&self.0, code))
    }

    fn append<'a>(
        &'a self,
        meeting_id: &'a str,
        events: &'a [NewEvent],
        devices: &'a [NewDevice],
    ) -> BoxFuture<'a, Result<(), DbError>> {
        Box::pin(append_batch(&self.0, meeting_id, events, devices))
    }
}

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
    /// Each event with the command that decided it: (id, hash of the command if known).
    pub events: Vec<(CommandId, Option<String>, Event)>,
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
    command_hash: Option<String>,
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
             screen_key_hash: $screen_key_hash, setup: $setup, actions_on_board: true };",
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
             SELECT command_id, command_hash, body, seq FROM event WHERE meeting_id = $meeting_id ORDER BY seq; \
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
            Ok((id, row.command_hash, event))
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

#[derive(Debug, SurrealValue)]
struct EventRowIn {
    meeting_id: String,
    seq: i64,
    command_id: String,
    command_hash: String,
    body: String,
}

#[derive(Debug, SurrealValue)]
struct DeviceRowIn {
    meeting_id: String,
    participant_id: String,
    token_hash: String,
}

/// Appends a batch in one transaction: one commit (one fsync) for every command in it. The
/// team's action board (`crate::teams::board`) is written in the same transaction, from the
/// same events, so it never disagrees with the log.
pub async fn append_batch(
    db: &Db,
    meeting_id: &str,
    events: &[NewEvent],
    devices: &[NewDevice],
) -> Result<(), DbError> {
    let rows = events
        .iter()
        .map(|new| {
            Ok(EventRowIn {
                meeting_id: meeting_id.to_owned(),
                seq: i64::try_from(new.event.seq).map_err(|e| corrupt("sequence number", e))?,
                command_id: new.command_id.to_string(),
                command_hash: new.command_hash.clone(),
                body: serde_json::to_string(&new.event).map_err(|e| corrupt("event", e))?,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let devices: Vec<DeviceRowIn> = devices
        .iter()
        .map(|device| DeviceRowIn {
            meeting_id: meeting_id.to_owned(),
            participant_id: device.participant.to_string(),
            token_hash: device.token_hash.clone(),
        })
        .collect();
    if rows.is_empty() && devices.is_empty() {
        return Ok(());
    }
    let events: Vec<Event> = events.iter().map(|new| new.event.clone()).collect();
    let board = crate::teams::board::BoardWrite::from_events(&events);
    // A meeting deleted while a batch was on its way keeps no events (teams/delete.rs).
    let mut query = String::from(
        "BEGIN; \
         IF !(SELECT VALUE meeting_id FROM meeting WHERE meeting_id = $meeting_id LIMIT 1)[0] \
         { THROW 'the meeting was deleted' }; ",
    );
    if !rows.is_empty() {
        query.push_str("INSERT INTO event $events RETURN NONE; ");
    }
    if !devices.is_empty() {
        query.push_str("INSERT INTO participant $devices RETURN NONE; ");
    }
    query.push_str(&board.statements());
    query.push_str("COMMIT;");
    let request = db
        .query(query)
        .bind(("events", rows))
        .bind(("devices", devices))
        .bind(("meeting_id", meeting_id.to_owned()));
    board.bind(request).await?.check()?;
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

/// The team's meetings: join code → meeting id.
pub async fn meeting_ids_of_space(
    db: &Db,
    space_id: &str,
) -> Result<std::collections::HashMap<String, String>, DbError> {
    #[derive(Debug, SurrealValue)]
    struct Row {
        meeting_id: String,
        code: String,
    }
    let mut response = db
        .query("SELECT meeting_id, code FROM meeting WHERE space_id = $space_id;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let rows: Vec<Row> = response.take(0)?;
    Ok(rows.into_iter().map(|r| (r.code, r.meeting_id)).collect())
}

/// The day a meeting was held: its id is a UUID v7, which begins with the moment it started.
pub fn held(meeting_id: &str) -> Day {
    Day::in_denmark(started_ms(meeting_id).unwrap_or_else(super::hub::now_ms))
}

/// When a meeting started, in milliseconds since 1970: read from its UUID v7 id.
pub fn started_ms(meeting_id: &str) -> Option<i64> {
    uuid::Uuid::parse_str(meeting_id)
        .ok()
        .and_then(|id| id.get_timestamp())
        .map(|t| {
            let (seconds, nanos) = t.to_unix();
            seconds as i64 * 1000 + i64::from(nanos / 1_000_000)
        })
}
