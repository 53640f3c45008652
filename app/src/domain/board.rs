//! The team's action board: every action the team's meetings agreed, with a status that the
//! team keeps up after the meeting. Pure: the server keeps the rows in its `action` table
//! (written in the same transaction as the meeting's events, from `fold_actions`) and the
//! page filters them here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    content::model::{Localized, PillarId},
    domain::{
        dates::Day,
        meeting::{
            ids::ActionId,
            state::{Action, Change, Event},
            text::{ActionOwner, DueDate, TextError},
        },
    },
};

/// Where an agreed action stands (glossary: åben · i gang · udført · droppet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [Self::Open, Self::Doing, Self::Done, Self::Dropped];

    /// The name in the database, in forms and in addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Doing => "doing",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    /// Still to be done: it can be overdue and belongs in a follow-up.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Open | Self::Doing)
    }
}

/// What became of each action a batch of events touched, in the order they happened: the last
/// word about an action wins (recorded again after a change, or removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionFate {
    Recorded { step: usize, action: Action },
    Removed,
}

/// The actions a run of events recorded or removed. The board's rows follow from this alone,
/// so the server can write them in the same transaction as the events.
pub fn fold_actions(events: &[Event]) -> BTreeMap<ActionId, ActionFate> {
    let mut fates = BTreeMap::new();
    for event in events {
        match &event.change {
            Change::ActionRecorded { step, action } => {
                fates.insert(
                    action.id,
                    ActionFate::Recorded {
                        step: *step,
                        action: action.clone(),
                    },
                );
            }
            Change::ActionRemoved { action, .. } => {
                fates.insert(*action, ActionFate::Removed);
            }
            _ => {}
        }
    }
    fates
}

/// One action on the board, with the meeting and item it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardAction {
    pub action: ActionId,
    pub meeting_code: String,
    pub meeting_title: String,
    /// The day the meeting was held.
    pub held: Day,
    /// The item's number on its meeting's agenda, from 1.
    pub item: usize,
    /// The item's theme and the question it put to the room.
    pub theme: Localized,
    pub question: Localized,
    pub what: String,
    pub owner: String,
    pub due: Option<Day>,
    /// The action's own pillar, or else its item's first.
    pub pillar: Option<PillarId>,
    pub status: ActionStatus,
    /// Every change made on the board, oldest first.
    pub history: Vec<BoardChange>,
}

impl BoardAction {
    /// Past its due date and not done or dropped.
    pub fn is_overdue(&self, today: Day) -> bool {
        self.status.is_active() && self.due.is_some_and(|due| due < today)
    }
}

/// One of the team's meetings, as the team page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMeeting {
    pub code: String,
    pub title: String,
    pub held: Day,
    /// Actions it agreed, and how many of them are still open or in progress.
    pub actions: usize,
    pub active: usize,
    /// The first pillar of each item on its agenda, for the pillar balance.
    pub item_pillars: Vec<Option<PillarId>>,
}

/// One change made on the board: when, and what it set. Who is always the team's key (the
/// board opens with nothing else); the server records it as such.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardChange {
    /// Milliseconds since 1970 (UTC).
    pub at_ms: i64,
    pub status: Option<ActionStatus>,
    pub owner: Option<String>,
    /// `Some(None)`: the due date was taken away.
    pub due: Option<Option<Day>>,
    /// Set in this meeting's follow-up step (its title), not on the board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_meeting: Option<String>,
}

/// Which actions the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardFilter {
    /// `None`: open and in progress (what a team follows up on).
    pub status: StatusFilter,
    pub pillar: Option<PillarId>,
    /// One owner, compared without regard to case and surrounding spaces.
    pub owner: Option<String>,
    pub due: DueFilter,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Active,
    All,
    Only(ActionStatus),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DueFilter {
    #[default]
    Any,
    Overdue,
    /// Due within the next 14 days (today included).
    Soon,
    NoDate,
}

impl BoardFilter {
    /// From the board's address: `status`, `soejle`, `ansvarlig`, `frist`. Unknown values are
    /// ignored (an old bookmark still opens the board).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let status = match get("status").as_deref().map(str::trim) {
            Some("alle") => StatusFilter::All,
            Some(other) => ActionStatus::parse(other)
                .map(StatusFilter::Only)
                .unwrap_or_default(),
            None => StatusFilter::Active,
        };
        let pillar = get("soejle").and_then(|p| {
            PillarId::ALL
                .into_iter()
                .find(|pillar| pillar.as_str() == p.trim())
        });
        let owner = get("ansvarlig")
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty());
        let due = match get("frist").as_deref().map(str::trim) {
            Some("overskredet") => DueFilter::Overdue,
            Some("snart") => DueFilter::Soon,
            Some("ingen") => DueFilter::NoDate,
            _ => DueFilter::Any,
        };
        Self {
            status,
            pillar,
            owner,
            due,
        }
    }

    /// The address's query for this filter (without `k`), the inverse of `from_query`.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        match self.status {
            StatusFilter::Active => {}
            StatusFilter::All => pairs.push(("status", "alle".to_owned())),
            StatusFilter::Only(status) => pairs.push(("status", status.as_str().to_owned())),
        }
        if let Some(pillar) = self.pillar {
            pairs.push(("soejle", pillar.as_str().to_owned()));
        }
        if let Some(owner) = &self.owner {
            pairs.push(("ansvarlig", owner.clone()));
        }
        let due = match self.due {
            DueFilter::Any => None,
            DueFilter::Overdue => Some("overskredet"),
            DueFilter::Soon => Some("snart"),
            DueFilter::NoDate => Some("ingen"),
        };
        if let Some(due) = due {
            pairs.push(("frist", due.to_owned()));
        }
        pairs
    }

    pub fn keeps(&self, action: &BoardAction, today: Day) -> bool {
        let status = match self.status {
            StatusFilter::Active => action.status.is_active(),
            StatusFilter::All => true,
            StatusFilter::Only(status) => action.status == status,
        };
        let pillar = self.pillar.is_none_or(|p| action.pillar == Some(p));
        let owner = self
            .owner
            .as_deref()
            .is_none_or(|o| same_owner(o, &action.owner));
        let due = match self.due {
            DueFilter::Any => true,
            DueFilter::Overdue => action.is_overdue(today),
            DueFilter::Soon => action
                .due
                .is_some_and(|due| (today.days()..today.days() + 14).contains(&due.days())),
            DueFilter::NoDate => action.due.is_none(),
        };
        status && pillar && owner && due
    }

    /// The actions this filter keeps, overdue first, then by due date (none last), then
    /// newest meeting first.
    pub fn apply<'a>(&self, actions: &'a [BoardAction], today: Day) -> Vec<&'a BoardAction> {
        let mut kept: Vec<&BoardAction> = actions.iter().filter(|a| self.keeps(a, today)).collect();
        kept.sort_by(|a, b| {
            b.is_overdue(today)
                .cmp(&a.is_overdue(today))
                .then_with(|| match (a.due, b.due) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| b.held.cmp(&a.held))
                .then_with(|| a.item.cmp(&b.item))
        });
        kept
    }
}

fn same_owner(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The owners on the board, each once (first spelling wins), in alphabetical order.
pub fn owners(actions: &[BoardAction]) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for action in actions {
        seen.entry(action.owner.trim().to_lowercase())
            .or_insert_with(|| action.owner.trim().to_owned());
    }
    seen.into_values().collect()
}

/// A change asked for on the board, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardEdit {
    pub status: ActionStatus,
    pub owner: ActionOwner,
    pub due: Option<Day>,
}

/// Why a change on the board was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    Status,
    Owner(TextError),
    Due,
}

impl BoardEdit {
    /// From the board's form: a status name, the owner as typed, a date as the browser's
    /// date field sends it (`yyyy-mm-dd`, empty for none).
    pub fn parse(status: &str, owner: &str, due: &str) -> Result<Self, EditError> {
        let status = ActionStatus::parse(status).ok_or(EditError::Status)?;
        let owner = ActionOwner::parse(owner).map_err(EditError::Owner)?;
        let due = match due.trim() {
            "" => None,
            typed => Some(due_day(DueDate::parse(typed).map_err(|_| EditError::Due)?)),
        };
        Ok(Self { status, owner, due })
    }

    /// What this edit changes of `current`; `None` when it changes nothing.
    pub fn change_from(&self, current: &BoardAction, at_ms: i64) -> Option<BoardChange> {
        let change = BoardChange {
            at_ms,
            status: (self.status != current.status).then_some(self.status),
            owner: (self.owner.as_str() != current.owner).then(|| self.owner.to_string()),
            due: (self.due != current.due).then_some(self.due),
            in_meeting: None,
        };
        (change.status.is_some() || change.owner.is_some() || change.due.is_some())
            .then_some(change)
    }
}

/// A meeting's due date as a day of the calendar.
pub fn due_day(due: DueDate) -> Day {
    Day {
        year: i32::from(due.year),
        month: due.month,
        day: due.day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::text::ActionWhat;
    use proptest::prelude::*;

    fn action(what: &str) -> Action {
        Action {
            id: ActionId::new(),
            what: ActionWhat::parse(what).expect("what"),
            owner: ActionOwner::parse("Mette").expect("owner"),
            due: None,
            pillar: None,
        }
    }

    fn event(seq: u64, change: Change) -> Event {
        Event {
            seq,
            at_ms: 0,
            change,
        }
    }

    fn board(status: ActionStatus, owner: &str, due: Option<Day>, pillar: PillarId) -> BoardAction {
        BoardAction {
            action: ActionId::new(),
            meeting_code: "ABC123".into(),
            meeting_title: "Personalemøde".into(),
            held: Day::new(2026, 11, 30).expect("day"),
            item: 1,
            theme: Localized {
                da: "Tema".into(),
                en: "Theme".into(),
            },
            question: Localized {
                da: "Spørgsmål".into(),
                en: "Question".into(),
            },
            what: "Noget".into(),
            owner: owner.into(),
            due,
            pillar: Some(pillar),
            status,
            history: vec![],
        }
    }

    fn day(text: &str) -> Day {
        due_day(DueDate::parse(text).expect("date"))
    }

    #[test]
    fn the_last_word_about_an_action_wins() {
        let first = action("Lave en plan");
        let mut changed = first.clone();
        changed.what = ActionWhat::parse("Lave en bedre plan").expect("what");
        let gone = action("Glemt");
        let events = [
            event(
                1,
                Change::ActionRecorded {
                    step: 0,
                    action: first.clone(),
                },
            ),
            event(
                2,
                Change::ActionRecorded {
                    step: 2,
                    action: gone.clone(),
                },
            ),
            event(
                3,
                Change::ActionRecorded {
                    step: 0,
                    action: changed.clone(),
                },
            ),
            event(
                4,
                Change::ActionRemoved {
                    step: 2,
                    action: gone.id,
                },
            ),
            event(5, Change::MeetingEnded),
        ];
        let fates = fold_actions(&events);
        assert_eq!(fates.len(), 2);
        assert_eq!(
            fates[&first.id],
            ActionFate::Recorded {
                step: 0,
                action: changed
            }
        );
        assert_eq!(fates[&gone.id], ActionFate::Removed);
    }

    #[test]
    fn overdue_means_active_and_past_its_day() {
        let today = day("2026-12-10");
        let due = Some(day("2026-12-09"));
        assert!(board(ActionStatus::Open, "A", due, PillarId::Learning).is_overdue(today));
        assert!(board(ActionStatus::Doing, "A", due, PillarId::Learning).is_overdue(today));
        assert!(!board(ActionStatus::Done, "A", due, PillarId::Learning).is_overdue(today));
        assert!(!board(ActionStatus::Open, "A", Some(today), PillarId::Learning).is_overdue(today));
        assert!(!board(ActionStatus::Open, "A", None, PillarId::Learning).is_overdue(today));
    }

    #[test]
    fn the_filter_shows_what_is_asked_and_overdue_first() {
        let today = day("2026-12-10");
        let actions = vec![
            board(
                ActionStatus::Open,
                "Mette",
                Some(day("2026-12-20")),
                PillarId::Learning,
            ),
            board(
                ActionStatus::Done,
                "mette ",
                Some(day("2026-12-01")),
                PillarId::Learning,
            ),
            board(
                ActionStatus::Doing,
                "Ali",
                Some(day("2026-12-01")),
                PillarId::Values,
            ),
            board(ActionStatus::Open, "Ali", None, PillarId::Dialogue),
        ];
        let default = BoardFilter::default().apply(&actions, today);
        assert_eq!(default.len(), 3, "done is not shown by default");
        assert_eq!(default[0].owner, "Ali", "the overdue one comes first");
        assert!(default[2].due.is_none(), "no date comes last");

        let query = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            BoardFilter::from_query(move |key| {
                pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
            })
        };
        let mette = query(&[("status", "alle"), ("ansvarlig", "METTE")]);
        assert_eq!(mette.apply(&actions, today).len(), 2);
        let overdue = query(&[("frist", "overskredet")]);
        assert_eq!(overdue.apply(&actions, today).len(), 1);
        let values = query(&[("soejle", "values"), ("status", "doing")]);
        assert_eq!(values.apply(&actions, today).len(), 1);
        let soon = query(&[("frist", "snart")]);
        assert_eq!(soon.apply(&actions, today).len(), 1);
        let none = query(&[("frist", "ingen"), ("status", "nonsense")]);
        assert_eq!(
            none.status,
            StatusFilter::Active,
            "an unknown status is ignored"
        );
        assert_eq!(none.apply(&actions, today).len(), 1);
        assert_eq!(owners(&actions), vec!["Ali".to_owned(), "Mette".to_owned()]);
    }

    #[test]
    fn an_edit_records_only_what_it_changes() {
        let current = board(
            ActionStatus::Open,
            "Mette",
            Some(day("2026-12-20")),
            PillarId::Learning,
        );
        let same = BoardEdit::parse("open", " Mette ", "2026-12-20").expect("valid");
        assert_eq!(same.change_from(&current, 5), None);
        let done = BoardEdit::parse("done", "Mette", "").expect("valid");
        let change = done.change_from(&current, 5).expect("a change");
        assert_eq!(change.status, Some(ActionStatus::Done));
        assert_eq!(change.owner, None);
        assert_eq!(change.due, Some(None));
        assert_eq!(
            BoardEdit::parse("finished", "Mette", ""),
            Err(EditError::Status)
        );
        assert_eq!(
            BoardEdit::parse("open", "Mette", "31-12-2026"),
            Err(EditError::Due)
        );
        assert!(matches!(
            BoardEdit::parse("open", "  ", ""),
            Err(EditError::Owner(_))
        ));
    }

    fn any_filter() -> impl Strategy<Value = BoardFilter> {
        let status = prop_oneof![
            Just(StatusFilter::Active),
            Just(StatusFilter::All),
            proptest::sample::select(ActionStatus::ALL.to_vec()).prop_map(StatusFilter::Only),
        ];
        let pillar = proptest::option::of(proptest::sample::select(PillarId::ALL.to_vec()));
        let owner = proptest::option::of("[A-Za-zæøå][A-Za-zæøå ]{0,10}[a-zæøå]");
        let due = proptest::sample::select(vec![
            DueFilter::Any,
            DueFilter::Overdue,
            DueFilter::Soon,
            DueFilter::NoDate,
        ]);
        (status, pillar, owner, due).prop_map(|(status, pillar, owner, due)| BoardFilter {
            status,
            pillar,
            owner,
            due,
        })
    }

    proptest! {
        #[test]
        fn a_filter_survives_its_address(filter in any_filter()) {
            let pairs = filter.to_query();
            let back = BoardFilter::from_query(|key| {
                pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
            });
            prop_assert_eq!(back, filter);
        }
    }
}
