//! "Slet nu": a meeting, or a whole team, deleted from the database for good, in one
//! transaction each. Nothing is marked deleted and kept: the meeting's event log (where every
//! answer's text is), its devices, its actions on the board and their history go, and with a
//! team its key stops opening anything. A batch of the meeting's writer that was still on its
//! way finds the meeting gone and is refused (`store::append_batch` checks it in the same
//! transaction), so no event outlives its meeting.

use surrealdb::types::SurrealValue;

use crate::db::{Db, DbError};

/// What a deletion removed, to say it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deleted {
    pub meetings: usize,
    /// Answers written (their texts are in the log).
    pub answers: usize,
    pub actions: usize,
}

const COUNT: &str = "\
    RETURN { \
        answers: count(SELECT VALUE meeting_id FROM event WHERE meeting_id IN $meetings \
            AND string::contains(body, '\"type\":\"answer_submitted\"')), \
        actions: count(SELECT VALUE meeting_id FROM action WHERE meeting_id IN $meetings) \
    };";

// One meeting at a time: on SurrealDB 3.3.5 `DELETE event WHERE meeting_id IN $list` (an
// indexed field) removes nothing and says nothing, while `=` does (the deletion test below
// searches every table for what was deleted, so a regression shows).
const DELETE: &str = "\
    FOR $meeting IN $meetings { \
        DELETE event WHERE meeting_id = $meeting RETURN NONE; \
        DELETE participant WHERE meeting_id = $meeting RETURN NONE; \
        DELETE action WHERE meeting_id = $meeting RETURN NONE; \
        DELETE action_change WHERE meeting_id = $meeting RETURN NONE; \
        DELETE meeting WHERE meeting_id = $meeting RETURN NONE; \
    };";

#[derive(Debug, SurrealValue)]
struct Counts {
    answers: i64,
    actions: i64,
}

async fn delete(
    db: &Db,
    meetings: Vec<String>,
    space_id: Option<String>,
) -> Result<Deleted, DbError> {
    // Counted just before, to say what went (the deletion itself is one transaction).
    let mut response = db
        .query(COUNT)
        .bind(("meetings", meetings.clone()))
        .await?
        .check()?;
    let counts: Option<Counts> = response.take(0)?;
    let mut query = format!("BEGIN; {DELETE} ");
    if space_id.is_some() {
        query.push_str("DELETE space WHERE space_id = $space_id RETURN NONE; ");
    }
    query.push_str("COMMIT;");
    let count = meetings.len();
    db.query(query)
        .bind(("meetings", meetings))
        .bind(("space_id", space_id))
        .await?
        .check()?;
    let counts = counts.unwrap_or(Counts {
        answers: 0,
        actions: 0,
    });
    Ok(Deleted {
        meetings: count,
        answers: usize::try_from(counts.answers).unwrap_or(0),
        actions: usize::try_from(counts.actions).unwrap_or(0),
    })
}

/// Deletes one meeting of the team (nothing if it is another team's): `None` when there was
/// no such meeting in the team.
pub async fn delete_meeting(
    db: &Db,
    space_id: &str,
    code: &str,
) -> Result<Option<Deleted>, DbError> {
    let mut response = db
        .query("SELECT VALUE meeting_id FROM meeting WHERE code = $code AND space_id = $space_id;")
        .bind(("code", code.to_owned()))
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let meetings: Vec<String> = response.take(0)?;
    if meetings.is_empty() {
        return Ok(None);
    }
    delete(db, meetings, None).await.map(Some)
}

/// Deletes the team: every meeting of it, and the team itself (its key opens nothing after).
pub async fn delete_team(db: &Db, space_id: &str) -> Result<Deleted, DbError> {
    let mut response = db
        .query("SELECT VALUE meeting_id FROM meeting WHERE space_id = $space_id;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let meetings: Vec<String> = response.take(0)?;
    delete(db, meetings, Some(space_id.to_owned())).await
}
