//! The follow-up step (*Opfølgning*): a new meeting of a team can begin by going through the
//! actions its earlier meetings agreed that are still open or in progress. They are copied
//! into the step when the meeting starts (`FollowUpItem`), so the meeting shows them as they
//! stood. In the step's *Aftaler* phase the host shows them one at a time; the room may answer
//! from phones (udført · ikke endnu · drop, counted, never by whom) and the host sets each
//! one's status, which the server writes to the team's board in the same transaction as the
//! event (`teams::board::BoardWrite`). The record keeps what was set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ids::ActionId, ids::ParticipantId, text::DueDate};
use crate::domain::{board::ActionStatus, dates::Day};

/// An action from an earlier meeting, as it stood when this meeting started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpItem {
    /// The meeting it was agreed in and its id there: where the board keeps it.
    pub meeting_id: String,
    pub action: ActionId,
    pub what: String,
    pub owner: String,
    pub due: Option<DueDate>,
    /// The meeting's title and the day it was held.
    pub from: String,
    pub held: Day,
    pub status: ActionStatus,
}

/// What a phone may answer about the action on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomAnswer {
    Done,
    NotYet,
    Drop,
}

impl RoomAnswer {
    pub const ALL: [RoomAnswer; 3] = [Self::Done, Self::NotYet, Self::Drop];

    /// The name in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::NotYet => "not_yet",
            Self::Drop => "drop",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// Where a follow-up step stands: the action on the screen, the statuses set in this meeting
/// and each person's answer (kept to count them; a view never says whose).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpState {
    pub shown: usize,
    pub statuses: BTreeMap<usize, ActionStatus>,
    pub answers: BTreeMap<(usize, ParticipantId), RoomAnswer>,
}

impl FollowUpState {
    /// How many answered done, not yet and drop about `item`.
    pub fn tally(&self, item: usize) -> [u32; 3] {
        let mut counts = [0; 3];
        for ((answered, _), answer) in &self.answers {
            if *answered == item {
                counts[*answer as usize] += 1;
            }
        }
        counts
    }

    pub fn answer_of(&self, item: usize, participant: ParticipantId) -> Option<RoomAnswer> {
        self.answers.get(&(item, participant)).copied()
    }
}

/// The follow-up step as every screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    /// The action on the screen now (an index into `items`).
    pub shown: usize,
    pub items: Vec<FollowUpItemView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpItemView {
    pub what: String,
    pub owner: String,
    pub due: Option<DueDate>,
    pub from: String,
    pub held: Day,
    /// As set in this meeting, or as it stood before.
    pub status: ActionStatus,
    /// Whether this meeting set it.
    pub set_here: bool,
    /// Answers from phones: done, not yet, drop.
    pub tally: [u32; 3],
}

impl FollowUpView {
    pub fn of(items: &[FollowUpItem], state: &FollowUpState) -> Self {
        Self {
            shown: state.shown,
            items: items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let set = state.statuses.get(&index).copied();
                    FollowUpItemView {
                        what: item.what.clone(),
                        owner: item.owner.clone(),
                        due: item.due,
                        from: item.from.clone(),
                        held: item.held,
                        status: set.unwrap_or(item.status),
                        set_here: set.is_some(),
                        tally: state.tally(index),
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        content::model::Localized,
        domain::{
            meeting::{
                agenda::{Agenda, AgendaStep},
                command::{Actor, Command, CommandError},
                state::{Change, MeetingSetup, MeetingState, VoteRules},
                text::{MeetingTitle, QuestionText},
            },
            phase::Phase,
        },
    };

    fn item(what: &str) -> FollowUpItem {
        FollowUpItem {
            meeting_id: "0197a8f0-0000-7000-8000-000000000001".into(),
            action: ActionId::new(),
            what: what.into(),
            owner: "Stuepædagogerne".into(),
            due: Some(DueDate::parse("2026-12-18").expect("date")),
            from: "Personalemøde i november".into(),
            held: Day::new(2026, 11, 10).expect("day"),
            status: ActionStatus::Open,
        }
    }

    fn meeting() -> (MeetingState, Vec<FollowUpItem>) {
        let items = vec![item("Samtaletid hver fredag"), item("Forældrekaffe")];
        let words = |text: &str| Localized {
            da: text.into(),
            en: text.into(),
        };
        let follow_up = AgendaStep::follow_up(
            words("Opfølgning"),
            words("Hvordan gik det?"),
            items.clone(),
        );
        let typed = AgendaStep::typed(QuestionText::parse("Hvad nu?").expect("text"));
        let state = MeetingState::new(MeetingSetup {
            title: MeetingTitle::parse("Personalemøde i december").expect("title"),
            agenda: Agenda::new(vec![follow_up, typed]).expect("agenda"),
            names_allowed: false,
            vote_rules: VoteRules::default(),
            shuffle_seed: 7,
        });
        (state, items)
    }

    fn join(state: &mut MeetingState) -> ParticipantId {
        let id = ParticipantId::new();
        state
            .handle(Actor::Participant(id), &Command::Join { name: None }, 0)
            .expect("join");
        id
    }

    #[test]
    fn the_room_answers_the_action_on_the_screen_and_the_host_sets_its_status() {
        let (mut state, items) = meeting();
        let (anna, bo) = (join(&mut state), join(&mut state));
        let answer = |state: &mut MeetingState, who, item, answer| {
            state.handle(
                Actor::Participant(who),
                &Command::AnswerFollowUp { item, answer },
                0,
            )
        };
        // Given the step's intro: nothing to answer yet, nothing to show.
        assert!(matches!(
            answer(&mut state, anna, 0, RoomAnswer::Done),
            Err(CommandError::PhaseClosed { .. })
        ));
        assert!(matches!(
            state.handle(Actor::Host, &Command::ShowFollowUp { item: 1 }, 0),
            Err(CommandError::PhaseClosed { .. })
        ));
        state
            .handle(
                Actor::Host,
                &Command::GoTo {
                    step: 0,
                    phase: Phase::Agree,
                },
                0,
            )
            .expect("to the actions");

        // When the host shows the second action, only it can be answered.
        let shown = state
            .handle(Actor::Host, &Command::ShowFollowUp { item: 1 }, 0)
            .expect("show");
        assert_eq!(shown.change, Change::FollowUpShown { step: 0, item: 1 });
        assert_eq!(
            answer(&mut state, anna, 0, RoomAnswer::Done),
            Err(CommandError::FollowUpNotShown)
        );
        assert_eq!(
            state.handle(Actor::Host, &Command::ShowFollowUp { item: 2 }, 0),
            Err(CommandError::UnknownFollowUp)
        );
        answer(&mut state, anna, 1, RoomAnswer::Done).expect("anna");
        answer(&mut state, bo, 1, RoomAnswer::Done).expect("bo");
        answer(&mut state, bo, 1, RoomAnswer::NotYet).expect("bo changes his mind");
        let set = state
            .handle(
                Actor::Host,
                &Command::SetFollowUpStatus {
                    item: 1,
                    status: ActionStatus::Doing,
                },
                0,
            )
            .expect("status");

        // Then the board learns where the action lives, and every view counts, never names.
        assert_eq!(
            set.change,
            Change::FollowUpStatusSet {
                step: 0,
                item: 1,
                meeting_id: items[1].meeting_id.clone(),
                action: items[1].action,
                status: ActionStatus::Doing,
            }
        );
        let view = state
            .screen_view("K7MP4Q")
            .step
            .follow_up
            .expect("a follow-up");
        assert_eq!(view.shown, 1);
        assert_eq!(view.items[1].tally, [1, 1, 0]);
        assert_eq!(
            (view.items[1].status, view.items[1].set_here),
            (ActionStatus::Doing, true)
        );
        assert_eq!(
            (view.items[0].status, view.items[0].set_here),
            (ActionStatus::Open, false)
        );
        let own = state.participant_own(Some(bo));
        assert_eq!(own.my_follow_up, vec![(1, RoomAnswer::NotYet)]);
        let common = serde_json::to_string(&state.participant_common("K7MP4Q")).expect("json");
        for id in [anna, bo] {
            assert!(!common.contains(&id.0.to_string()));
        }
        // The record keeps what was set.
        let record = state.summary_view("K7MP4Q");
        assert_eq!(
            record.steps[0]
                .follow_up
                .as_ref()
                .map(|f| f.items[1].status),
            Some(ActionStatus::Doing)
        );
    }

    #[test]
    fn a_step_that_is_not_a_follow_up_has_nothing_to_show() {
        let (mut state, _) = meeting();
        state
            .handle(
                Actor::Host,
                &Command::GoTo {
                    step: 1,
                    phase: Phase::Agree,
                },
                0,
            )
            .expect("to the second step");
        assert_eq!(
            state.handle(Actor::Host, &Command::ShowFollowUp { item: 0 }, 0),
            Err(CommandError::UnknownFollowUp)
        );
        assert_eq!(state.screen_view("K7MP4Q").step.follow_up, None);
        assert_eq!(RoomAnswer::parse("not_yet"), Some(RoomAnswer::NotYet));
        assert_eq!(RoomAnswer::parse("maybe"), None);
    }
}
