//! The team's action board in SurrealDB: every query of the `action` and `action_change`
//! tables. Rows are written with the meeting's events (`BoardWrite`, used by
//! `meetings::store::append_batch`), read for the team page, and changed by the board's form.

use app::{
    content::model::{Localized, PillarId},
    domain::{
        board::{
            ActionFate, ActionStatus, BoardAction, BoardChange, BoardEdit, TeamMeeting, due_day,
            fold_actions,
        },
        dates::Day,
        meeting::{
            ids::ActionId,
            state::{Change, Event, MeetingSetup},
            text::DueDate,
        },
    },
};
use surrealdb::{engine::any::Any, method::Query, types::SurrealValue};

use crate::db::{Db, DbError};

/// Who changed an action on the board. The board opens with the team's key and nothing else,
/// so that is all there is to say (and the key itself is never stored).
pub const BY_TEAM_KEY: &str = "team_key";

#[derive(Debug, SurrealValue)]
struct RecordedRow {
    action_id: String,
    step: i64,
    what: String,
    owner: String,
    due: Option<String>,
    pillar: Option<String>,
}

/// A status set in a follow-up step on an earlier meeting's action.
#[derive(Debug, SurrealValue)]
struct FollowUpRow {
    meeting_id: String,
    action_id: String,
    status: String,
    at_ms: i64,
}

/// What a batch of a meeting's events does to the board: rows recorded (again) and removed,
/// and earlier meetings' actions whose status a follow-up step set.
pub struct BoardWrite {
    recorded: Vec<RecordedRow>,
    removed: Vec<String>,
    followed_up: Vec<FollowUpRow>,
}

impl BoardWrite {
    pub fn from_events(events: &[Event]) -> Self {
        let mut recorded = Vec::new();
        let mut removed = Vec::new();
        for (id, fate) in fold_actions(events) {
            match fate {
                ActionFate::Recorded { step, action } => recorded.push(RecordedRow {
                    action_id: id.to_string(),
                    step: step as i64,
                    what: action.what.to_string(),
                    owner: action.owner.to_string(),
                    due: action.due.map(|due| due.to_string()),
                    pillar: action.pillar.map(|p| p.as_str().to_owned()),
                }),
                ActionFate::Removed => removed.push(id.to_string()),
            }
        }
        let followed_up = events
            .iter()
            .filter_map(|event| match &event.change {
                // A meeting brought in from a file points at no action of this server.
                Change::FollowUpStatusSet {
                    meeting_id,
                    action,
                    status,
                    ..
                } if !meeting_id.is_empty() => Some(FollowUpRow {
                    meeting_id: meeting_id.clone(),
                    action_id: action.to_string(),
                    status: status.as_str().to_owned(),
                    at_ms: event.at_ms,
                }),
                _ => None,
            })
            .collect();
        Self {
            recorded,
            removed,
            followed_up,
        }
    }

    /// The statements to run inside the batch's transaction (they use `$meeting_id`).
    pub fn statements(&self) -> String {
        let mut out = String::new();
        if !self.recorded.is_empty() {
            out.push_str(RECORD);
        }
        if !self.removed.is_empty() {
            out.push_str(REMOVE);
        }
        if !self.followed_up.is_empty() {
            out.push_str(FOLLOW_UP);
        }
        out
    }

    pub fn bind<'a>(self, query: Query<'a, Any>) -> Query<'a, Any> {
        query
            .bind(("board_recorded", self.recorded))
            .bind(("board_removed", self.removed))
            .bind(("board_followed_up", self.followed_up))
    }
}

/// Who set a status in a follow-up step (`action_change.by`); `in_meeting` says which meeting.
pub const BY_FOLLOW_UP: &str = "follow_up";

// An action deleted since the meeting started is left alone (no change row without its action).
const FOLLOW_UP: &str = "FOR $f IN $board_followed_up { \
         LET $row = type::record('action', [$f.meeting_id, $f.action_id]); \
         IF $row.status != NONE { \
             UPDATE $row SET status = $f.status RETURN NONE; \
             CREATE action_change CONTENT { space_id: $row.space_id, meeting_id: $f.meeting_id, \
                 action_id: $f.action_id, at_ms: $f.at_ms, by: 'follow_up', status: $f.status, \
                 due_set: false, in_meeting: $meeting_id } RETURN NONE; \
         }; \
     }; ";

// The status is not in the MERGE: a new row takes the field's default (`open`), and an action
// the meeting records again keeps what the team set on the board.
macro_rules! record {
    () => {
        "LET $board_space = (SELECT VALUE space_id FROM meeting WHERE meeting_id = $meeting_id LIMIT 1)[0]; \
         FOR $a IN $board_recorded { \
             UPSERT type::record('action', [$meeting_id, $a.action_id]) MERGE { \
                 space_id: $board_space, meeting_id: $meeting_id, action_id: $a.action_id, \
                 step: $a.step, what: $a.what, owner: $a.owner, due: $a.due, pillar: $a.pillar \
             } RETURN NONE; \
         }; "
    };
}
macro_rules! remove {
    () => {
        "DELETE action WHERE meeting_id = $meeting_id AND action_id IN $board_removed RETURN NONE; "
    };
}
const RECORD: &str = record!();
const REMOVE: &str = remove!();

/// Puts the actions of meetings stored before the board existed on it, once per meeting, each
/// in one transaction with the mark that it is done. Returns how many meetings it did.
pub async fn backfill(db: &Db) -> Result<usize, DbError> {
    let mut response = db
        .query("SELECT VALUE meeting_id FROM meeting WHERE actions_on_board != true;")
        .await?
        .check()?;
    let meetings: Vec<String> = response.take(0)?;
    for meeting_id in &meetings {
        let mut response = db
            .query("SELECT VALUE body FROM event WHERE meeting_id = $meeting_id ORDER BY seq;")
            .bind(("meeting_id", meeting_id.clone()))
            .await?
            .check()?;
        let bodies: Vec<String> = response.take(0)?;
        let events = bodies
            .iter()
            .map(|body| serde_json::from_str::<Event>(body))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| DbError::Corrupt(format!("event: {e}")))?;
        let write = BoardWrite::from_events(&events);
        let query = format!(
            "BEGIN; {} UPDATE meeting SET actions_on_board = true WHERE meeting_id = $meeting_id RETURN NONE; COMMIT;",
            write.statements()
        );
        let request = db.query(query).bind(("meeting_id", meeting_id.clone()));
        write.bind(request).await?.check()?;
    }
    Ok(meetings.len())
}

#[derive(Debug, SurrealValue)]
struct ActionRowOut {
    meeting_id: String,
    action_id: String,
    step: i64,
    what: String,
    owner: String,
    due: Option<String>,
    pillar: Option<String>,
    status: String,
}

#[derive(Debug, SurrealValue)]
struct ChangeRowOut {
    meeting_id: String,
    action_id: String,
    at_ms: i64,
    status: Option<String>,
    owner: Option<String>,
    due_set: bool,
    due: Option<String>,
    in_meeting: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct MeetingRowOut {
    meeting_id: String,
    code: String,
    setup: String,
}

/// The team's board: its meetings (newest first) and every action they agreed.
pub async fn team_board(
    db: &Db,
    space_id: &str,
) -> Result<(Vec<TeamMeeting>, Vec<BoardAction>), DbError> {
    let mut response = db
        .query(
            "SELECT meeting_id, code, setup FROM meeting WHERE space_id = $space_id ORDER BY meeting_id DESC; \
             SELECT meeting_id, action_id, step, what, owner, due, pillar, status FROM action WHERE space_id = $space_id; \
             SELECT meeting_id, action_id, at_ms, status, owner, due_set, due, in_meeting FROM action_change WHERE space_id = $space_id ORDER BY at_ms;",
        )
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let meeting_rows: Vec<MeetingRowOut> = response.take(0)?;
    let action_rows: Vec<ActionRowOut> = response.take(1)?;
    let change_rows: Vec<ChangeRowOut> = response.take(2)?;
    let mut meetings = Vec::new();
    let mut setups = std::collections::HashMap::new();
    for row in meeting_rows {
        let setup: MeetingSetup = serde_json::from_str(&row.setup)
            .map_err(|e| DbError::Corrupt(format!("meeting setup: {e}")))?;
        meetings.push(TeamMeeting {
            code: row.code.clone(),
            title: setup.title.to_string(),
            held: crate::meetings::store::held(&row.meeting_id),
            actions: 0,
            active: 0,
            item_pillars: setup
                .agenda
                .steps
                .iter()
                .map(|step| step.pillars.first().copied())
                .collect(),
        });
        setups.insert(row.meeting_id, (row.code, setup));
    }
    let mut actions = Vec::new();
    for row in action_rows {
        let Some((code, setup)) = setups.get(&row.meeting_id) else {
            continue;
        };
        let step = setup.agenda.steps.get(row.step.max(0) as usize);
        let status = ActionStatus::parse(&row.status)
            .ok_or_else(|| DbError::Corrupt(format!("action status {}", row.status)))?;
        let history = change_rows
            .iter()
            .filter(|c| c.meeting_id == row.meeting_id && c.action_id == row.action_id)
            .map(|c| BoardChange {
                at_ms: c.at_ms,
                status: c.status.as_deref().and_then(ActionStatus::parse),
                owner: c.owner.clone(),
                due: c.due_set.then(|| c.due.as_deref().and_then(parse_day)),
                in_meeting: c
                    .in_meeting
                    .as_ref()
                    .and_then(|id| setups.get(id))
                    .map(|(_, setup)| setup.title.to_string()),
            })
            .collect();
        actions.push(BoardAction {
            action: ActionId::parse(&row.action_id)
                .ok_or_else(|| DbError::Corrupt(format!("action id {}", row.action_id)))?,
            meeting_code: code.clone(),
            meeting_title: setup.title.to_string(),
            held: crate::meetings::store::held(&row.meeting_id),
            item: row.step.max(0) as usize + 1,
            theme: step.map(|s| s.theme.clone()).unwrap_or_else(empty),
            question: step
                .and_then(|s| s.questions.first())
                .map(|q| q.text.clone())
                .unwrap_or_else(empty),
            what: row.what,
            owner: row.owner,
            due: row.due.as_deref().and_then(parse_day),
            pillar: row
                .pillar
                .as_deref()
                .and_then(parse_pillar)
                .or_else(|| step.and_then(|s| s.pillars.first().copied())),
            status,
            history,
        });
        if let Some(meeting) = meetings.iter_mut().find(|m| m.code == *code) {
            meeting.actions += 1;
            meeting.active += usize::from(status.is_active());
        }
    }
    Ok((meetings, actions))
}

fn empty() -> Localized {
    Localized {
        da: String::new(),
        en: String::new(),
    }
}

fn parse_day(text: &str) -> Option<Day> {
    DueDate::parse(text).ok().map(due_day)
}

fn parse_pillar(text: &str) -> Option<PillarId> {
    PillarId::ALL.into_iter().find(|p| p.as_str() == text)
}

/// What became of a change asked for on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    Changed,
    /// The form sent what was already there: nothing is written.
    Unchanged,
    /// No such action in this team (removed in the meeting, or another team's).
    NotFound,
}

/// Changes an action of the team's board and records the change, in one transaction.
pub async fn edit_action(
    db: &Db,
    space_id: &str,
    meeting_code: &str,
    action: ActionId,
    edit: &BoardEdit,
    at_ms: i64,
) -> Result<EditOutcome, DbError> {
    let (_, actions) = team_board(db, space_id).await?;
    let Some(current) = actions
        .iter()
        .find(|a| a.action == action && a.meeting_code == meeting_code)
    else {
        return Ok(EditOutcome::NotFound);
    };
    let Some(change) = edit.change_from(current, at_ms) else {
        return Ok(EditOutcome::Unchanged);
    };
    db.query(
        "BEGIN; \
         LET $meeting_id = (SELECT VALUE meeting_id FROM meeting WHERE code = $code AND space_id = $space_id LIMIT 1)[0]; \
         UPDATE action SET status = $status, owner = $owner, due = $due \
             WHERE meeting_id = $meeting_id AND action_id = $action_id AND space_id = $space_id RETURN NONE; \
         CREATE action_change CONTENT { space_id: $space_id, meeting_id: $meeting_id, action_id: $action_id, \
             at_ms: $at_ms, by: $by, status: $change_status, owner: $change_owner, due_set: $due_set, due: $change_due } RETURN NONE; \
         COMMIT;",
    )
    .bind(("code", meeting_code.to_owned()))
    .bind(("space_id", space_id.to_owned()))
    .bind(("action_id", action.to_string()))
    .bind(("status", edit.status.as_str().to_owned()))
    .bind(("owner", edit.owner.to_string()))
    .bind(("due", edit.due.map(Day::iso)))
    .bind(("at_ms", at_ms))
    .bind(("by", BY_TEAM_KEY.to_owned()))
    .bind(("change_status", change.status.map(|s| s.as_str().to_owned())))
    .bind(("change_owner", change.owner.clone()))
    .bind(("due_set", change.due.is_some()))
    .bind(("change_due", change.due.flatten().map(Day::iso)))
    .await?
    .check()?;
    Ok(EditOutcome::Changed)
}

/// Each action of one meeting with its status on the board.
pub async fn statuses_of_meeting(
    db: &Db,
    meeting_id: &str,
) -> Result<std::collections::HashMap<ActionId, ActionStatus>, DbError> {
    #[derive(Debug, SurrealValue)]
    struct Row {
        action_id: String,
        status: String,
    }
    let mut response = db
        .query("SELECT action_id, status FROM action WHERE meeting_id = $meeting_id;")
        .bind(("meeting_id", meeting_id.to_owned()))
        .await?
        .check()?;
    let rows: Vec<Row> = response.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let id = uuid::Uuid::parse_str(&row.action_id).ok()?;
            Some((ActionId(id), ActionStatus::parse(&row.status)?))
        })
        .collect())
}
