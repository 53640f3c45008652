//! A team's meetings as one JSON file, and such a file brought in as a new team. What the file
//! holds and how a meeting becomes events again is the pure `app::domain::export::json`; here
//! the meetings are read through the hub (each replayed from its log) and the board's
//! statuses added, or a new team is stored with each meeting's events and statuses.

use std::collections::HashMap;

use app::domain::{
    board::ActionStatus,
    export::json::{ImportError, Imported, MeetingFile, TeamFile},
    join_code::JoinCode,
    meeting::{
        ids::{ActionId, CommandId},
        text::SpaceName,
    },
};
use surrealdb::types::SurrealValue;

use crate::{
    db::{Db, DbError},
    meetings::{
        hub::{Hub, StartError},
        secret,
        store::{self, NewEvent},
    },
    teams::{board::team_board, delete::delete_team},
};

/// Why a team file could not be made or brought in.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Refused(#[from] ImportError),
    #[error("the team's name in the file cannot be used")]
    TeamName,
    #[error(transparent)]
    Start(#[from] StartError),
    #[error(transparent)]
    Database(#[from] DbError),
}

/// Every meeting of the team, newest first, with each action's status on the board.
pub async fn team_file(
    db: &Db,
    hub: &Hub,
    space_id: &str,
    team: &str,
) -> Result<TeamFile, ArchiveError> {
    let (_, actions) = team_board(db, space_id).await?;
    let statuses: HashMap<(String, ActionId), ActionStatus> = actions
        .into_iter()
        .map(|a| ((a.meeting_code, a.action), a.status))
        .collect();
    let mut meetings = Vec::new();
    for (code, _) in store::meetings_of_space(db, space_id).await? {
        let Ok(join_code) = JoinCode::parse(&code) else {
            continue;
        };
        // A meeting deleted while the file is made is left out.
        let Some(meeting) = hub.meeting(&join_code).await? else {
            continue;
        };
        let held = store::held(&meeting.meeting_id);
        meetings.push(meeting.read(|state| {
            MeetingFile::export(state, held, |action| {
                statuses
                    .get(&(code.clone(), action))
                    .copied()
                    .unwrap_or(ActionStatus::Open)
            })
        }));
    }
    Ok(TeamFile::new(team, meetings))
}

/// A new team made from a file: its key (shown once, like a new team's) and how many meetings
/// it has. Every meeting is checked before anything is stored; if storing fails half way, the
/// new team is deleted again, so nothing half-made is left.
pub async fn import_team(
    db: &Db,
    hub: &Hub,
    file: &TeamFile,
) -> Result<(String, usize), ArchiveError> {
    let name = SpaceName::parse(&file.team).map_err(|_| ArchiveError::TeamName)?;
    let mut imported = Vec::with_capacity(file.meetings.len());
    for (index, meeting) in file.meetings.iter().enumerate() {
        let seed = secret::random_u64()
            .map_err(|e| ArchiveError::Start(StartError::Random(e.to_string())))?;
        imported.push(meeting.import(index + 1, seed)?);
    }
    let key =
        secret::new_secret().map_err(|e| ArchiveError::Start(StartError::Random(e.to_string())))?;
    let space_id = uuid::Uuid::now_v7().to_string();
    store::create_space(db, &space_id, name.as_str(), &secret::hash(&key)).await?;
    let count = imported.len();
    for (index, meeting) in imported.iter().enumerate() {
        // The file lists the newest first; on one day the order is kept by the millisecond.
        let started_ms = meeting.at_ms + (count - index) as i64;
        if let Err(error) = store_one(db, hub, &space_id, &key, meeting, started_ms).await {
            if let Err(cleanup) = delete_team(db, &space_id).await {
                tracing::error!(error = %cleanup, "a half-imported team could not be deleted");
            }
            return Err(error);
        }
    }
    Ok((key, count))
}

#[derive(Debug, SurrealValue)]
struct StatusRow {
    action_id: String,
    status: String,
}

async fn store_one(
    db: &Db,
    hub: &Hub,
    space_id: &str,
    key: &str,
    meeting: &Imported,
    started_ms: i64,
) -> Result<(), ArchiveError> {
    let seconds = started_ms.div_euclid(1000) as u64;
    let nanos = (started_ms.rem_euclid(1000) * 1_000_000) as u32;
    let meeting_id =
        uuid::Uuid::new_v7(uuid::Timestamp::from_unix(uuid::NoContext, seconds, nanos)).to_string();
    hub.store_meeting(&meeting_id, space_id, key, &meeting.setup)
        .await?;
    let events: Vec<NewEvent> = meeting
        .events()
        .into_iter()
        .map(|event| {
            let body = serde_json::to_string(&event).unwrap_or_default();
            NewEvent {
                command_id: CommandId::new(),
                command_hash: secret::hash(&body),
                event,
            }
        })
        .collect();
    store::append_batch(db, &meeting_id, &events, &[]).await?;
    let statuses: Vec<StatusRow> = meeting
        .statuses
        .iter()
        .filter(|(_, status)| *status != ActionStatus::Open)
        .map(|(action, status)| StatusRow {
            action_id: action.to_string(),
            status: status.as_str().to_owned(),
        })
        .collect();
    if !statuses.is_empty() {
        db.query(
            "FOR $s IN $statuses { \
                 UPDATE type::record('action', [$meeting_id, $s.action_id]) SET status = $s.status RETURN NONE; \
             };",
        )
        .bind(("statuses", statuses))
        .bind(("meeting_id", meeting_id))
        .await
        .map_err(DbError::from)?
        .check()
        .map_err(DbError::from)?;
    }
    Ok(())
}
