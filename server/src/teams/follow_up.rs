//! A new meeting's follow-up step (*Opfølgning*, `app::domain::meeting::follow_up`): the team's
//! open and in-progress actions, in the board's order (overdue first), copied into a first
//! step when the leader asks for it on the start form. The statuses the meeting sets go back
//! to the board with its events (`board::BoardWrite`).

use app::domain::{
    board::BoardFilter,
    dates::Day,
    meeting::{
        agenda::{Agenda, AgendaStep, MAX_STEPS},
        follow_up::FollowUpItem,
        text::DueDate,
    },
};

use crate::{
    db::{Db, DbError},
    meetings::{hub::now_ms, secret, store},
    teams::board::team_board,
};

/// At most this many actions in one follow-up: more is not one meeting's first step.
pub const MAX_ITEMS: usize = 30;

/// `agenda` with a follow-up step in front, when the team whose key this is has open or
/// in-progress actions (and the agenda has room for one more step); else `agenda` as it is.
pub async fn with_follow_up(db: &Db, key: &str, agenda: Agenda) -> Result<Agenda, DbError> {
    let Some((space_id, _)) = store::space_by_key(db, &secret::hash(key)).await? else {
        return Ok(agenda);
    };
    let (_, actions) = team_board(db, &space_id).await?;
    let today = Day::in_denmark(now_ms());
    let open = BoardFilter::default().apply(&actions, today);
    if open.is_empty() || agenda.steps.len() >= MAX_STEPS {
        return Ok(agenda);
    }
    let ids = store::meeting_ids_of_space(db, &space_id).await?;
    let items: Vec<FollowUpItem> = open
        .into_iter()
        .take(MAX_ITEMS)
        .filter_map(|action| {
            let meeting_id = ids.get(&action.meeting_code)?.clone();
            Some(FollowUpItem {
                meeting_id,
                action: action.action,
                what: action.what.clone(),
                owner: action.owner.clone(),
                due: action.due.and_then(|day| DueDate::parse(&day.iso()).ok()),
                from: action.meeting_title.clone(),
                held: action.held,
                status: action.status,
            })
        })
        .collect();
    if items.is_empty() {
        return Ok(agenda);
    }
    let (theme, question) = app::live::messages::follow_up_words();
    let mut steps = vec![AgendaStep::follow_up(theme, question, items)];
    steps.extend(agenda.steps.iter().cloned());
    Ok(Agenda::new(steps).unwrap_or(agenda))
}
