//! Answers kept for a number of days: the team's setting, and the job that erases what
//! people wrote in meetings older than that. The event log is rewritten in place (each
//! answer's text becomes `ERASED_TEXT`, each name goes; see `app::domain::retention`), in one
//! transaction per meeting that also marks the meeting as erased, and the hub lets go of the
//! meeting so that the next visit replays what is stored now. Actions are not touched: they
//! stay until the team deletes them. How this fits an append-only log: docs/architecture.md.

use std::{sync::Arc, time::Duration};

use app::domain::{
    meeting::state::Event,
    retention::{AnswerDays, erase},
};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{
    db::{Db, DbError},
    meetings::{hub::Hub, store::started_ms},
};

/// How often the job looks for meetings whose answers have expired.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// How many days the team keeps answers.
pub async fn answer_days(db: &Db, space_id: &str) -> Result<AnswerDays, DbError> {
    let mut response = db
        .query("SELECT VALUE answer_days FROM space WHERE space_id = $space_id LIMIT 1;")
        .bind(("space_id", space_id.to_owned()))
        .await?
        .check()?;
    let days: Vec<Option<i64>> = response.take(0)?;
    Ok(from_stored(days.into_iter().flatten().next()))
}

pub async fn set_answer_days(db: &Db, space_id: &str, days: AnswerDays) -> Result<(), DbError> {
    db.query("UPDATE space SET answer_days = $days WHERE space_id = $space_id RETURN NONE;")
        .bind(("space_id", space_id.to_owned()))
        .bind(("days", i64::from(days.days())))
        .await?
        .check()?;
    Ok(())
}

fn from_stored(days: Option<i64>) -> AnswerDays {
    days.and_then(|days| AnswerDays::parse(&days.to_string()))
        .unwrap_or_default()
}

#[derive(Debug, SurrealValue)]
struct MeetingRow {
    meeting_id: String,
    code: String,
    answer_days: Option<i64>,
}

#[derive(Debug, SurrealValue)]
struct EventRow {
    id: RecordId,
    body: String,
}

#[derive(Debug, SurrealValue)]
struct Rewrite {
    id: RecordId,
    body: String,
}

/// What one run of the job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    pub meetings: usize,
    /// Answers and names taken out.
    pub texts: usize,
}

/// Erases what people wrote in every meeting older than its team's days, as of `now_ms`.
/// Safe to run again: an erased meeting is marked and skipped.
pub async fn erase_expired(db: &Db, hub: &Hub, now_ms: i64) -> Result<Erased, DbError> {
    let mut response = db
        .query(
            "SELECT meeting_id, code, \
                 (SELECT VALUE answer_days FROM space WHERE space_id = $parent.space_id LIMIT 1)[0] AS answer_days \
             FROM meeting WHERE answers_erased_ms = NONE;",
        )
        .await?
        .check()?;
    let meetings: Vec<MeetingRow> = response.take(0)?;
    let mut erased = Erased::default();
    for meeting in meetings {
        let Some(started) = started_ms(&meeting.meeting_id) else {
            continue;
        };
        if !from_stored(meeting.answer_days).expired(started, now_ms) {
            continue;
        }
        let texts = erase_meeting(db, &meeting.meeting_id, now_ms).await?;
        hub.forget(&meeting.code);
        erased.meetings += 1;
        erased.texts += texts;
    }
    Ok(erased)
}

/// Rewrites one meeting's answers and names and marks it, in one transaction.
async fn erase_meeting(db: &Db, meeting_id: &str, now_ms: i64) -> Result<usize, DbError> {
    let mut response = db
        .query(
            "SELECT id, body FROM event WHERE meeting_id = $meeting_id \
             AND (string::contains(body, '\"type\":\"answer_submitted\"') \
                  OR string::contains(body, '\"type\":\"joined\"'));",
        )
        .bind(("meeting_id", meeting_id.to_owned()))
        .await?
        .check()?;
    let rows: Vec<EventRow> = response.take(0)?;
    let mut rewrites = Vec::new();
    for row in rows {
        let event: Event =
            serde_json::from_str(&row.body).map_err(|e| DbError::Corrupt(format!("event: {e}")))?;
        if let Some(erased_event) = erase(&event) {
            rewrites.push(Rewrite {
                id: row.id,
                body: serde_json::to_string(&erased_event)
                    .map_err(|e| DbError::Corrupt(format!("event: {e}")))?,
            });
        }
    }
    let count = rewrites.len();
    db.query(
        "BEGIN; \
         FOR $rewrite IN $rewrites { UPDATE $rewrite.id SET body = $rewrite.body RETURN NONE; }; \
         UPDATE meeting SET answers_erased_ms = $now WHERE meeting_id = $meeting_id RETURN NONE; \
         COMMIT;",
    )
    .bind(("rewrites", rewrites))
    .bind(("now", now_ms))
    .bind(("meeting_id", meeting_id.to_owned()))
    .await?
    .check()?;
    Ok(count)
}

/// Runs the job now and then every [`EVERY`] until the process ends. A failed run is logged
/// and tried again at the next turn; nothing is half-erased (one transaction per meeting).
pub fn run_every(db: Arc<Db>, hub: Arc<Hub>) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match erase_expired(&db, &hub, crate::meetings::hub::now_ms()).await {
                Ok(erased) if erased.meetings > 0 => tracing::info!(
                    meetings = erased.meetings,
                    texts = erased.texts,
                    "answers erased after the teams' retention days"
                ),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "erasing expired answers failed"),
            }
        }
    });
}
