//! A meeting's state and its two pure functions: `decide` (may this actor do this now, and
//! what changes?) and `evolve` (apply a change that was decided). The server stores every
//! decided change as a numbered event; the state is the replay of those events.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::agenda::Agenda;
use super::cafe::{CafeState, Seated, TableRule};
use super::command::{Actor, Command, CommandError, Field, Lang, Target};
use super::follow_up::{FollowUpState, RoomAnswer};
use super::harvest::HarvestForm;
use super::ids::{ActionId, AnswerId, ClusterId, ParticipantId};
use super::text::{
    ActionOwner, ActionWhat, AnswerText, ClusterTitle, DisplayName, DueDate, MeetingTitle,
    TextError,
};
use super::together::TogetherCode;
use crate::content::model::PillarId;
use crate::domain::cafe::rotation::TableNo;
use crate::domain::{board::ActionStatus, phase::Phase};

/// A person may write this many answers to one step; more is a stuck key, not reflection.
pub const MAX_ANSWERS_PER_PERSON: usize = 20;
/// The most dots from paper the host can type for one answer or group: more than a hall.
pub const MAX_PAPER_DOTS: u16 = 999;
pub const MAX_VOTE_BUDGET: u8 = 20;
pub const MAX_TIMER_MINUTES: u8 = 30;

/// How a meeting was set up; fixed when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSetup {
    pub title: MeetingTitle,
    pub agenda: Agenda,
    /// Off by default: answers and votes are anonymous and people have no names.
    pub names_allowed: bool,
    pub vote_rules: VoteRules,
    /// Seeds the shuffled order in which answers are revealed.
    pub shuffle_seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRules {
    /// Dots per person.
    pub budget: u8,
    /// Most dots one person may put on one answer or group.
    pub cap: u8,
    /// Whether the tallies show while voting is open (off: only after it closes).
    pub tallies_live: bool,
}

impl Default for VoteRules {
    fn default() -> Self {
        Self {
            budget: 3,
            cap: 2,
            tallies_live: false,
        }
    }
}

/// One applied change, numbered in the order the meeting's authority applied it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u64,
    /// Server time in milliseconds since 1970 when the change was applied.
    pub at_ms: i64,
    pub change: Change,
}

/// What a decided command changes. Holds parsed values only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    Joined {
        participant: ParticipantId,
        name: Option<DisplayName>,
        /// Joining during the café: the table the newcomer sits at.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<TableNo>,
    },
    AnswerSubmitted {
        step: usize,
        answer: AnswerId,
        author: ParticipantId,
        text: AnswerText,
        lang: Lang,
        /// Written at a café table: the answer is that table's point.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<TableNo>,
        /// In the café's harvest: the heading of the harvest form it is under.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        heading: Option<u8>,
    },
    AnswerWithdrawn {
        step: usize,
        answer: AnswerId,
    },
    DotsSet {
        step: usize,
        participant: ParticipantId,
        target: Target,
        dots: u8,
    },
    MovedTo {
        step: usize,
        phase: Phase,
        /// Moving to a café round not seated yet seats it (and any skipped before it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seated: Option<Seated>,
    },
    /// Someone offers to host a café table, or takes the offer back.
    VolunteerSet {
        participant: ParticipantId,
        willing: bool,
        /// The name given for the leader to see.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<DisplayName>,
    },
    /// The leader keeps two people apart (or no longer).
    ApartSet {
        a: ParticipantId,
        b: ParticipantId,
        apart: bool,
    },
    /// The leader keeps a volunteer as a host, or passes them over.
    HostChosen {
        participant: ParticipantId,
        host: bool,
    },
    TablesSet {
        rule: TableRule,
    },
    /// The café's harvest form.
    HarvestSet {
        form: HarvestForm,
    },
    /// A person without a phone joined the café (the host added them).
    GuestAdded {
        participant: ParticipantId,
        name: Option<DisplayName>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<TableNo>,
        /// The group the guest sits together with.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        together: Option<TogetherCode>,
        /// Added during the café: the guest's table in every round, for the route card.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        route: Vec<TableNo>,
    },
    /// Someone sits together with a group in the café (started it when it is new).
    TogetherJoined {
        participant: ParticipantId,
        code: TogetherCode,
    },
    /// Someone no longer sits together with their group.
    TogetherLeft {
        participant: ParticipantId,
    },
    /// A device became a café table's own: it sits at that table from now on.
    TableDeviceSet {
        participant: ParticipantId,
        table: TableNo,
    },
    VoteRulesSet {
        step: usize,
        rules: VoteRules,
    },
    /// The dots counted on paper or by hands for one target, as the host typed them.
    PaperDotsSet {
        step: usize,
        target: Target,
        dots: u16,
    },
    AnswerHidden {
        step: usize,
        answer: AnswerId,
        hidden: bool,
    },
    AnswersMerged {
        step: usize,
        cluster: ClusterId,
        title: ClusterTitle,
        answers: Vec<AnswerId>,
    },
    Ungrouped {
        step: usize,
        answer: AnswerId,
    },
    ActionRecorded {
        step: usize,
        action: Action,
    },
    ActionRemoved {
        step: usize,
        action: ActionId,
    },
    FollowUpShown {
        step: usize,
        item: usize,
    },
    /// Carries where the board keeps the action, so the board's write needs nothing else.
    FollowUpStatusSet {
        step: usize,
        item: usize,
        meeting_id: String,
        action: ActionId,
        status: ActionStatus,
    },
    FollowUpAnswered {
        step: usize,
        item: usize,
        participant: ParticipantId,
        answer: RoomAnswer,
    },
    TimerStarted {
        ends_at_ms: i64,
    },
    TimerStopped,
    MeetingEnded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: Option<DisplayName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub id: AnswerId,
    pub author: ParticipantId,
    pub text: AnswerText,
    pub lang: Lang,
    pub hidden: bool,
    pub cluster: Option<ClusterId>,
    /// The café table it was written at: a point of the table.
    pub table: Option<TableNo>,
    /// In the café's harvest: the heading it is under.
    pub heading: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: ClusterId,
    pub title: ClusterTitle,
}

/// An agreed action: what, who, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub what: ActionWhat,
    pub owner: ActionOwner,
    pub due: Option<DueDate>,
    pub pillar: Option<PillarId>,
}

// The state is never sent or stored as such (views and events are), so it has no serde.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepState {
    pub phase: Phase,
    pub answers: Vec<Answer>,
    pub clusters: Vec<Cluster>,
    /// Dots per person and target; a zero is never stored.
    pub dots: BTreeMap<(ParticipantId, Target), u8>,
    /// Dots counted on paper or by hands in the room, per target, as the host typed them
    /// (for people without a phone); a zero is never stored.
    pub paper: BTreeMap<Target, u16>,
    pub actions: Vec<Action>,
    pub rules: VoteRules,
    /// Time the meeting spent at this step on earlier visits, in milliseconds (the visit
    /// going on now is counted from `MeetingState::entered_at_ms`).
    pub spent_ms: i64,
    /// In a follow-up step: the action shown, the statuses set, the room's answers.
    pub follow_up: FollowUpState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingState {
    pub setup: MeetingSetup,
    /// The number of the last applied event (0: none yet).
    pub seq: u64,
    pub current: usize,
    pub steps: Vec<StepState>,
    pub participants: BTreeMap<ParticipantId, Participant>,
    pub timer_ends_at_ms: Option<i64>,
    pub ended: bool,
    /// When the meeting came to the current step (server ms); `None` before the first event
    /// and after the end, when no step's clock runs.
    pub entered_at_ms: Option<i64>,
    /// The café's tables and rounds (empty in a meeting without one).
    pub cafe: CafeState,
}

fn text_error(field: Field) -> impl Fn(TextError) -> CommandError {
    move |problem| CommandError::Text { field, problem }
}

impl StepState {
    pub fn answer(&self, id: AnswerId) -> Option<&Answer> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// Whether dots can go on this target: it exists and something in it is visible.
    pub fn is_votable(&self, target: Target) -> bool {
        match target {
            Target::Answer(id) => self
                .answer(id)
                .is_some_and(|a| !a.hidden && a.cluster.is_none()),
            Target::Cluster(id) => self
                .answers
                .iter()
                .any(|a| a.cluster == Some(id) && !a.hidden),
        }
    }

    /// Every target that can be voted on, in a stable order.
    pub fn votable_targets(&self) -> Vec<Target> {
        let mut targets = Vec::new();
        for answer in &self.answers {
            if answer.hidden {
                continue;
            }
            let target = match answer.cluster {
                Some(cluster) => Target::Cluster(cluster),
                None => Target::Answer(answer.id),
            };
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        targets
    }

    pub fn has_dots(&self, target: Target) -> bool {
        self.paper.contains_key(&target) || self.dots.keys().any(|(_, t)| *t == target)
    }

    pub fn dots_of(&self, participant: ParticipantId) -> u32 {
        self.dots_by(participant).map(|(_, n)| u32::from(n)).sum()
    }

    /// One person's dots, found by range in the map (keyed by person first) rather than by
    /// reading everyone's: a vote storm of thousands must not cost thousands per vote.
    pub fn dots_by(&self, participant: ParticipantId) -> impl Iterator<Item = (Target, u8)> + '_ {
        let lowest = Target::Answer(AnswerId(uuid::Uuid::nil()));
        let highest = Target::Cluster(ClusterId(uuid::Uuid::max()));
        self.dots
            .range((participant, lowest)..=(participant, highest))
            .map(|((_, target), n)| (*target, *n))
    }

    /// The target an answer's dots would land on.
    fn target_of(answer: &Answer) -> Target {
        match answer.cluster {
            Some(cluster) => Target::Cluster(cluster),
            None => Target::Answer(answer.id),
        }
    }
}

impl MeetingState {
    /// Who gave the command that decided `change` (read before the change is applied): the
    /// participant for a join, an answer, a withdrawal or dots; the host for everything else
    /// (the screen can change nothing). The server binds a command id to this actor, so a
    /// replayed id under another credential is not answered as the first was.
    pub fn actor_of(&self, change: &Change) -> Actor {
        match change {
            Change::Joined { participant, .. }
            | Change::DotsSet { participant, .. }
            | Change::VolunteerSet { participant, .. }
            | Change::TableDeviceSet { participant, .. }
            | Change::TogetherJoined { participant, .. }
            | Change::TogetherLeft { participant }
            | Change::FollowUpAnswered { participant, .. } => Actor::Participant(*participant),
            Change::AnswerSubmitted { author, .. } => Actor::Participant(*author),
            // Looked up in its own step: an id seen in one step may be sent again in another.
            Change::AnswerWithdrawn { step, answer } => self
                .steps
                .get(*step)
                .and_then(|state| state.answer(*answer))
                .map_or(Actor::Host, |found| Actor::Participant(found.author)),
            _ => Actor::Host,
        }
    }

    /// Whose own part of the participant view (`ParticipantOwn`) `change` can alter: the
    /// participant's own commands alter only theirs; the host's may move the meeting to
    /// another step and so alter everyone's. The server renders a phone's own part only
    /// after a change that touched it.
    pub fn own_view_touched(&self, change: &Change) -> Option<ParticipantId> {
        // A table's points are in the own part of everyone at the table.
        let table_point = match change {
            Change::AnswerSubmitted { table, .. } => table.is_some(),
            Change::AnswerWithdrawn { step, answer } => self
                .steps
                .get(*step)
                .and_then(|state| state.answer(*answer))
                .is_some_and(|found| found.table.is_some()),
            // The others in the group see how many they are.
            Change::TogetherJoined { .. } | Change::TogetherLeft { .. } => true,
            _ => false,
        };
        if table_point {
            return None;
        }
        match self.actor_of(change) {
            Actor::Participant(id) => Some(id),
            _ => None,
        }
    }

    pub fn new(setup: MeetingSetup) -> Self {
        let steps = setup
            .agenda
            .steps
            .iter()
            .map(|step| StepState {
                phase: step.first_phase(),
                answers: Vec::new(),
                clusters: Vec::new(),
                dots: BTreeMap::new(),
                paper: BTreeMap::new(),
                actions: Vec::new(),
                rules: setup.vote_rules,
                spent_ms: 0,
                follow_up: FollowUpState::default(),
            })
            .collect();
        Self {
            setup,
            seq: 0,
            current: 0,
            steps,
            participants: BTreeMap::new(),
            timer_ends_at_ms: None,
            ended: false,
            entered_at_ms: None,
            cafe: CafeState::default(),
        }
    }

    /// Adds the running visit of the current step to its time, up to `at_ms`.
    fn close_visit(&mut self, at_ms: i64) {
        if let Some(entered) = self.entered_at_ms.take()
            && let Some(state) = self.steps.get_mut(self.current)
        {
            state.spent_ms += (at_ms - entered).max(0);
        }
    }

    pub fn current_step(&self) -> &StepState {
        &self.steps[self.current]
    }

    pub fn phase(&self) -> Phase {
        self.current_step().phase
    }

    /// Decides whether `actor` may give `command` now, and what it changes. Pure: the state
    /// is not touched, so a refused command leaves nothing behind.
    pub fn decide(
        &self,
        actor: Actor,
        command: &Command,
        now_ms: i64,
    ) -> Result<Change, CommandError> {
        let participant = match actor {
            Actor::Screen => return Err(CommandError::ReadOnly),
            Actor::Host if !command.is_host_command() => return Err(CommandError::ParticipantOnly),
            Actor::Participant(_) if command.is_host_command() => {
                return Err(CommandError::HostOnly);
            }
            Actor::Participant(id) => Some(id),
            Actor::Host => None,
        };
        if let Some(id) = participant {
            if self.ended {
                return Err(CommandError::MeetingEnded);
            }
            if !matches!(command, Command::Join { .. }) && !self.participants.contains_key(&id) {
                return Err(CommandError::NotJoined);
            }
        }
        let step = self.current;
        let state = self.current_step();
        match (command, participant) {
            (Command::Join { name }, Some(participant)) => {
                let name = match name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                    None => None,
                    Some(_) if !self.setup.names_allowed => return Err(CommandError::NamesOff),
                    Some(typed) => {
                        Some(DisplayName::parse(typed).map_err(text_error(Field::Name))?)
                    }
                };
                let table = if self.participants.contains_key(&participant) {
                    // Joining again keeps one's seat.
                    self.cafe.seat(&self.setup.agenda, step, participant)
                } else {
                    self.cafe.newcomer_table(&self.setup.agenda, step)
                };
                Ok(Change::Joined {
                    participant,
                    name,
                    table,
                })
            }
            (
                Command::SubmitAnswer {
                    answer,
                    text,
                    lang,
                    heading,
                },
                Some(author),
            ) => {
                self.require_phase(&[Phase::Reflect])?;
                let text = AnswerText::parse(text).map_err(text_error(Field::Answer))?;
                if !answer.is_random() {
                    return Err(CommandError::IdNotRandom);
                }
                if state.answer(*answer).is_some() {
                    return Err(CommandError::DuplicateId);
                }
                let mine = state.answers.iter().filter(|a| a.author == author).count();
                if mine >= MAX_ANSWERS_PER_PERSON {
                    return Err(CommandError::TooManyAnswers {
                        max: MAX_ANSWERS_PER_PERSON,
                    });
                }
                let table = self.cafe.seat(&self.setup.agenda, step, author);
                let heading = self.harvest_heading(state, step, table, *heading)?;
                Ok(Change::AnswerSubmitted {
                    step,
                    answer: *answer,
                    author,
                    text,
                    lang: *lang,
                    table,
                    heading,
                })
            }
            (Command::WithdrawAnswer { answer }, Some(author)) => {
                self.require_phase(&[Phase::Reflect])?;
                let found = state.answer(*answer).ok_or(CommandError::UnknownAnswer)?;
                if found.author != author {
                    return Err(CommandError::NotYourAnswer);
                }
                if state.has_dots(StepState::target_of(found)) {
                    return Err(CommandError::AlreadyVoted);
                }
                Ok(Change::AnswerWithdrawn {
                    step,
                    answer: *answer,
                })
            }
            (Command::SetDots { target, dots }, Some(participant)) => {
                self.require_phase(&[Phase::Vote])?;
                self.check_target(*target)?;
                let rules = state.rules;
                if *dots > rules.cap {
                    return Err(CommandError::OverCap { cap: rules.cap });
                }
                let current = state
                    .dots
                    .get(&(participant, *target))
                    .copied()
                    .unwrap_or(0);
                let total = state.dots_of(participant) - u32::from(current) + u32::from(*dots);
                if total > u32::from(rules.budget) {
                    return Err(CommandError::OverBudget {
                        budget: rules.budget,
                    });
                }
                Ok(Change::DotsSet {
                    step,
                    participant,
                    target: *target,
                    dots: *dots,
                })
            }
            (Command::SetPaperDots { target, dots }, None) => {
                self.require_phase(&[Phase::Vote])?;
                self.check_target(*target)?;
                if *dots > MAX_PAPER_DOTS {
                    return Err(CommandError::PaperDots {
                        max: MAX_PAPER_DOTS,
                    });
                }
                Ok(Change::PaperDotsSet {
                    step,
                    target: *target,
                    dots: *dots,
                })
            }
            (Command::GoTo { step, phase }, None) => {
                let agenda_step = self
                    .setup
                    .agenda
                    .steps
                    .get(*step)
                    .ok_or(CommandError::UnknownStep { step: *step })?;
                if !agenda_step.phases.contains(phase) {
                    return Err(CommandError::PhaseNotInStep { phase: *phase });
                }
                // A table's own device is not a person who moves.
                let people: Vec<ParticipantId> = self
                    .participants
                    .keys()
                    .filter(|p| !self.cafe.devices.contains_key(p))
                    .copied()
                    .collect();
                let seated = self.cafe.seat_for_move(
                    &self.setup.agenda,
                    *step,
                    &people,
                    self.setup.shuffle_seed,
                )?;
                Ok(Change::MovedTo {
                    step: *step,
                    phase: *phase,
                    seated,
                })
            }
            (
                Command::SetVoteRules {
                    budget,
                    cap,
                    tallies_live,
                },
                None,
            ) => {
                if *budget == 0 || *budget > MAX_VOTE_BUDGET || *cap == 0 || cap > budget {
                    return Err(CommandError::VoteRules);
                }
                let most_by_one = self
                    .participants
                    .keys()
                    .map(|p| state.dots_of(*p))
                    .max()
                    .unwrap_or(0);
                if most_by_one > u32::from(*budget) {
                    return Err(CommandError::BudgetBelowCast {
                        used: u8::try_from(most_by_one).unwrap_or(u8::MAX),
                    });
                }
                let most_on_one = state.dots.values().copied().max().unwrap_or(0);
                if most_on_one > *cap {
                    return Err(CommandError::CapBelowCast { used: most_on_one });
                }
                Ok(Change::VoteRulesSet {
                    step,
                    rules: VoteRules {
                        budget: *budget,
                        cap: *cap,
                        tallies_live: *tallies_live,
                    },
                })
            }
            (Command::HideAnswer { answer, hidden }, None) => {
                self.require_phase(&[Phase::Reflect, Phase::Reveal, Phase::Sort])?;
                let found = state.answer(*answer).ok_or(CommandError::UnknownAnswer)?;
                if state.has_dots(StepState::target_of(found)) {
                    return Err(CommandError::AlreadyVoted);
                }
                Ok(Change::AnswerHidden {
                    step,
                    answer: *answer,
                    hidden: *hidden,
                })
            }
            (
                Command::MergeAnswers {
                    cluster,
                    title,
                    answers,
                },
                None,
            ) => {
                self.require_phase(&[Phase::Reflect, Phase::Reveal, Phase::Sort])?;
                let title = ClusterTitle::parse(title).map_err(text_error(Field::ClusterTitle))?;
                let exists = state.clusters.iter().any(|c| c.id == *cluster);
                if answers.is_empty() && !exists {
                    return Err(CommandError::EmptyCluster);
                }
                if state.answers.iter().any(|a| a.id.0 == cluster.0) {
                    return Err(CommandError::DuplicateId);
                }
                if state.has_dots(Target::Cluster(*cluster)) {
                    return Err(CommandError::AlreadyVoted);
                }
                let mut merged = Vec::new();
                for id in answers {
                    let found = state.answer(*id).ok_or(CommandError::UnknownAnswer)?;
                    if state.has_dots(StepState::target_of(found)) {
                        return Err(CommandError::AlreadyVoted);
                    }
                    if !merged.contains(id) {
                        merged.push(*id);
                    }
                }
                Ok(Change::AnswersMerged {
                    step,
                    cluster: *cluster,
                    title,
                    answers: merged,
                })
            }
            (Command::Ungroup { answer }, None) => {
                self.require_phase(&[Phase::Reflect, Phase::Reveal, Phase::Sort])?;
                let found = state.answer(*answer).ok_or(CommandError::UnknownAnswer)?;
                let Some(cluster) = found.cluster else {
                    return Err(CommandError::UnknownCluster);
                };
                if state.has_dots(Target::Cluster(cluster)) {
                    return Err(CommandError::AlreadyVoted);
                }
                Ok(Change::Ungrouped {
                    step,
                    answer: *answer,
                })
            }
            (
                Command::RecordAction {
                    action,
                    what,
                    owner,
                    due,
                    pillar,
                },
                None,
            ) => {
                self.require_phase(&[Phase::Agree, Phase::Done])?;
                let due = match due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                    None => None,
                    Some(typed) => Some(DueDate::parse(typed).map_err(|_| CommandError::DueDate)?),
                };
                Ok(Change::ActionRecorded {
                    step,
                    action: Action {
                        id: *action,
                        what: ActionWhat::parse(what).map_err(text_error(Field::ActionWhat))?,
                        owner: ActionOwner::parse(owner).map_err(text_error(Field::ActionOwner))?,
                        due,
                        pillar: *pillar,
                    },
                })
            }
            (Command::RemoveAction { action }, None) => {
                let (step, _) = self
                    .steps
                    .iter()
                    .enumerate()
                    .find(|(_, s)| s.actions.iter().any(|a| a.id == *action))
                    .ok_or(CommandError::UnknownAction)?;
                Ok(Change::ActionRemoved {
                    step,
                    action: *action,
                })
            }
            (Command::AnswerFollowUp { item, answer }, Some(participant)) => {
                self.require_phase(&[Phase::Agree])?;
                self.follow_up_item(*item)?;
                if state.follow_up.shown != *item {
                    return Err(CommandError::FollowUpNotShown);
                }
                Ok(Change::FollowUpAnswered {
                    step,
                    item: *item,
                    participant,
                    answer: *answer,
                })
            }
            (Command::ShowFollowUp { item }, None) => {
                self.require_phase(&[Phase::Agree])?;
                self.follow_up_item(*item)?;
                Ok(Change::FollowUpShown { step, item: *item })
            }
            (Command::SetFollowUpStatus { item, status }, None) => {
                let found = self.follow_up_item(*item)?;
                Ok(Change::FollowUpStatusSet {
                    step,
                    item: *item,
                    meeting_id: found.meeting_id.clone(),
                    action: found.action,
                    status: *status,
                })
            }
            (Command::StartTimer { minutes }, None) => {
                if *minutes == 0 || *minutes > MAX_TIMER_MINUTES {
                    return Err(CommandError::TimerMinutes);
                }
                Ok(Change::TimerStarted {
                    ends_at_ms: now_ms + i64::from(*minutes) * 60_000,
                })
            }
            (Command::Volunteer { willing, name }, Some(participant)) => {
                if !self.setup.agenda.has_cafe() {
                    return Err(CommandError::NotACafe);
                }
                if self.cafe.started() {
                    return Err(CommandError::CafeStarted);
                }
                let name = match name.trim() {
                    "" => None,
                    _ if !*willing => None,
                    typed => Some(DisplayName::parse(typed).map_err(text_error(Field::Name))?),
                };
                Ok(Change::VolunteerSet {
                    participant,
                    willing: *willing,
                    name,
                })
            }
            (Command::KeepApart { a, b, apart }, None) => {
                if !self.setup.agenda.has_cafe() {
                    return Err(CommandError::NotACafe);
                }
                let (a, b) = self.apart_pair(*a, *b)?;
                Ok(Change::ApartSet {
                    a,
                    b,
                    apart: *apart,
                })
            }
            (Command::ChooseHost { person, host }, None) => {
                if !self.setup.agenda.has_cafe() {
                    return Err(CommandError::NotACafe);
                }
                if self.cafe.started() {
                    return Err(CommandError::CafeStarted);
                }
                let participant = self
                    .person_of(*person)
                    .filter(|p| self.cafe.volunteers.contains(p))
                    .ok_or(CommandError::NotAVolunteer)?;
                Ok(Change::HostChosen {
                    participant,
                    host: *host,
                })
            }
            (Command::TableDevice { table }, Some(participant)) => {
                if !self.setup.agenda.has_cafe() {
                    return Err(CommandError::NotACafe);
                }
                let highest = if self.cafe.started() {
                    self.cafe.tables
                } else {
                    super::cafe::MAX_TABLES
                };
                if *table == 0 || *table > highest {
                    return Err(CommandError::NoSuchTable { table: *table });
                }
                Ok(Change::TableDeviceSet {
                    participant,
                    table: *table,
                })
            }
            (Command::SitTogether { code }, Some(participant)) => {
                self.check_together()?;
                let code = match code {
                    Some(code) => {
                        self.cafe.check_join(participant, *code)?;
                        *code
                    }
                    None => self
                        .cafe
                        .new_group_code(self.setup.shuffle_seed, participant),
                };
                Ok(Change::TogetherJoined { participant, code })
            }
            (Command::LeaveTogether, Some(participant)) => {
                self.check_together()?;
                Ok(Change::TogetherLeft { participant })
            }
            (
                Command::AddGuest {
                    guest,
                    name,
                    together,
                },
                None,
            ) => {
                if !self.setup.agenda.has_cafe() {
                    return Err(CommandError::NotACafe);
                }
                if !guest
                    .0
                    .get_version()
                    .is_some_and(|v| v == uuid::Version::Random)
                {
                    return Err(CommandError::IdNotRandom);
                }
                if self.participants.contains_key(guest) {
                    return Err(CommandError::DuplicateId);
                }
                let name = match name.trim() {
                    "" => None,
                    typed => Some(DisplayName::parse(typed).map_err(text_error(Field::Name))?),
                };
                if let Some(code) = together {
                    self.cafe.check_join(*guest, *code)?;
                }
                let agenda = &self.setup.agenda;
                let table = together
                    .and_then(|code| self.cafe.group_table(agenda, step, code))
                    .or_else(|| self.cafe.newcomer_table(agenda, step));
                // During the café a guest without a group gets a route card from now on.
                let route = match (table, self.cafe.round_in_use(agenda, step), together) {
                    (Some(table), Some(round), None) => self.cafe.late_route(agenda, round, table),
                    _ => Vec::new(),
                };
                Ok(Change::GuestAdded {
                    participant: *guest,
                    name,
                    table,
                    together: *together,
                    route,
                })
            }
            (
                Command::SetTables {
                    tables,
                    per_table,
                    draw_hosts,
                    stations,
                },
                None,
            ) => {
                if !self.setup.agenda.has_cafe() {
                    return Err(CommandError::NotACafe);
                }
                if self.cafe.started() {
                    return Err(CommandError::CafeStarted);
                }
                Ok(Change::TablesSet {
                    rule: TableRule {
                        draw_hosts: *draw_hosts,
                        stations: *stations,
                        ..TableRule::parse(*tables, *per_table)?
                    },
                })
            }
            (Command::SetHarvest { headings, limit }, None) => {
                let harvest = self
                    .setup
                    .agenda
                    .harvest_step()
                    .ok_or(CommandError::NotACafe)?;
                if !self.steps[harvest].answers.is_empty() {
                    return Err(CommandError::HarvestStarted);
                }
                Ok(Change::HarvestSet {
                    form: HarvestForm::parse(headings, *limit)?,
                })
            }
            (Command::StopTimer, None) => Ok(Change::TimerStopped),
            (Command::EndMeeting, None) => Ok(Change::MeetingEnded),
            // The role checks above leave no other pairing.
            (_, Some(_)) => Err(CommandError::HostOnly),
            (_, None) => Err(CommandError::ParticipantOnly),
        }
    }

    /// The heading of the harvest form an answer goes under, in the café's harvest (none
    /// elsewhere); refused when the writer's table has filled it.
    fn harvest_heading(
        &self,
        state: &StepState,
        step: usize,
        table: Option<TableNo>,
        chosen: Option<u8>,
    ) -> Result<Option<u8>, CommandError> {
        if self.setup.agenda.harvest_step() != Some(step) {
            return Ok(None);
        }
        let form = &self.cafe.harvest;
        let heading = form.heading(chosen)?;
        let written = state
            .answers
            .iter()
            .filter(|a| table.is_some() && a.table == table)
            .filter(|a| a.heading == Some(heading) && !a.hidden)
            .count();
        if written >= usize::from(form.limit) {
            return Err(CommandError::HarvestFull { limit: form.limit });
        }
        Ok(Some(heading))
    }

    /// Sitting together is for cafés only. (A table's own device may join a group; it stays
    /// at its table all the same, as the rotation never seats it.)
    fn check_together(&self) -> Result<(), CommandError> {
        if self.setup.agenda.has_cafe() {
            Ok(())
        } else {
            Err(CommandError::NotACafe)
        }
    }

    fn require_phase(&self, allowed: &[Phase]) -> Result<(), CommandError> {
        let phase = self.phase();
        if allowed.contains(&phase) {
            Ok(())
        } else {
            Err(CommandError::PhaseClosed { phase })
        }
    }

    fn check_target(&self, target: Target) -> Result<(), CommandError> {
        let state = self.current_step();
        let exists = match target {
            Target::Answer(id) => state.answer(id).is_some(),
            Target::Cluster(id) => state.clusters.iter().any(|c| c.id == id),
        };
        if !exists {
            return Err(CommandError::UnknownTarget);
        }
        if !state.is_votable(target) {
            return Err(CommandError::HiddenTarget);
        }
        Ok(())
    }

    /// The current step's follow-up item `item`, if the step is a follow-up and has it.
    fn follow_up_item(&self, item: usize) -> Result<&super::follow_up::FollowUpItem, CommandError> {
        self.setup.agenda.steps[self.current]
            .follow_up
            .get(item)
            .ok_or(CommandError::UnknownFollowUp)
    }

    /// Applies a decided change. Never fails: everything that could go wrong was refused
    /// by `decide` against this same state.
    pub fn evolve(&mut self, event: &Event) {
        self.seq = event.seq;
        // A step's clock runs from the meeting's first event until it moves on or ends.
        if self.entered_at_ms.is_none() && !self.ended {
            self.entered_at_ms = Some(event.at_ms);
        }
        match &event.change {
            Change::Joined {
                participant,
                name,
                table,
            } => {
                let new = self
                    .participants
                    .insert(*participant, Participant { name: name.clone() })
                    .is_none();
                if new && let Some(table) = table {
                    self.cafe
                        .seat_newcomer(&self.setup.agenda, self.current, *participant, *table);
                }
            }
            Change::AnswerSubmitted {
                step,
                answer,
                author,
                text,
                lang,
                table,
                heading,
            } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state.answers.push(Answer {
                        id: *answer,
                        author: *author,
                        text: text.clone(),
                        lang: *lang,
                        hidden: false,
                        cluster: None,
                        table: *table,
                        heading: *heading,
                    });
                }
            }
            Change::AnswerWithdrawn { step, answer } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state.answers.retain(|a| a.id != *answer);
                    state
                        .dots
                        .retain(|(_, target), _| *target != Target::Answer(*answer));
                    drop_empty_clusters(state);
                }
            }
            Change::PaperDotsSet { step, target, dots } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    if *dots == 0 {
                        state.paper.remove(target);
                    } else {
                        state.paper.insert(*target, *dots);
                    }
                }
            }
            Change::DotsSet {
                step,
                participant,
                target,
                dots,
            } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    if *dots == 0 {
                        state.dots.remove(&(*participant, *target));
                    } else {
                        state.dots.insert((*participant, *target), *dots);
                    }
                }
            }
            Change::MovedTo {
                step,
                phase,
                seated,
            } => {
                if let Some(seated) = seated {
                    self.cafe.apply_seated(seated);
                }
                if *step != self.current && *step < self.steps.len() {
                    self.close_visit(event.at_ms);
                    self.entered_at_ms = Some(event.at_ms);
                }
                if self.ended {
                    self.entered_at_ms = Some(event.at_ms);
                }
                if let Some(state) = self.steps.get_mut(*step) {
                    state.phase = *phase;
                    self.current = *step;
                }
                // A timer belongs to the phase it was started for; reopening a step reopens
                // the meeting.
                self.timer_ends_at_ms = None;
                self.ended = false;
            }
            Change::VoteRulesSet { step, rules } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state.rules = *rules;
                }
            }
            Change::AnswerHidden {
                step,
                answer,
                hidden,
            } => {
                if let Some(found) = self
                    .steps
                    .get_mut(*step)
                    .and_then(|s| s.answers.iter_mut().find(|a| a.id == *answer))
                {
                    found.hidden = *hidden;
                }
            }
            Change::AnswersMerged {
                step,
                cluster,
                title,
                answers,
            } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    match state.clusters.iter_mut().find(|c| c.id == *cluster) {
                        Some(existing) => existing.title = title.clone(),
                        None => state.clusters.push(Cluster {
                            id: *cluster,
                            title: title.clone(),
                        }),
                    }
                    for answer in state.answers.iter_mut().filter(|a| answers.contains(&a.id)) {
                        answer.cluster = Some(*cluster);
                    }
                    drop_empty_clusters(state);
                }
            }
            Change::Ungrouped { step, answer } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    if let Some(found) = state.answers.iter_mut().find(|a| a.id == *answer) {
                        found.cluster = None;
                    }
                    drop_empty_clusters(state);
                }
            }
            Change::ActionRecorded { step, action } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    match state.actions.iter_mut().find(|a| a.id == action.id) {
                        Some(existing) => *existing = action.clone(),
                        None => state.actions.push(action.clone()),
                    }
                }
            }
            Change::ActionRemoved { step, action } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state.actions.retain(|a| a.id != *action);
                }
            }
            Change::FollowUpShown { step, item } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state.follow_up.shown = *item;
                }
            }
            Change::FollowUpStatusSet {
                step, item, status, ..
            } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state.follow_up.statuses.insert(*item, *status);
                }
            }
            Change::FollowUpAnswered {
                step,
                item,
                participant,
                answer,
            } => {
                if let Some(state) = self.steps.get_mut(*step) {
                    state
                        .follow_up
                        .answers
                        .insert((*item, *participant), *answer);
                }
            }
            Change::VolunteerSet {
                participant,
                willing,
                name,
            } => {
                self.cafe.volunteers.retain(|v| v != participant);
                self.cafe.volunteer_names.remove(participant);
                self.cafe.passed_over.remove(participant);
                if *willing {
                    self.cafe.volunteers.push(*participant);
                    if let Some(name) = name {
                        self.cafe.volunteer_names.insert(*participant, name.clone());
                    }
                }
            }
            Change::ApartSet { a, b, apart } => self.cafe.set_apart(*a, *b, *apart),
            Change::HostChosen { participant, host } => {
                if *host {
                    self.cafe.passed_over.remove(participant);
                } else {
                    self.cafe.passed_over.insert(*participant);
                }
            }
            Change::TablesSet { rule } => self.cafe.rule = *rule,
            Change::HarvestSet { form } => self.cafe.harvest = form.clone(),
            Change::GuestAdded {
                participant,
                name,
                table,
                together,
                route,
            } => {
                self.participants
                    .insert(*participant, Participant { name: name.clone() });
                self.cafe.guests.push(*participant);
                if !route.is_empty() {
                    self.cafe.routes.insert(*participant, route.clone());
                }
                if let Some(code) = together {
                    self.cafe.join_group(*participant, *code);
                }
                if let Some(table) = table {
                    self.cafe
                        .seat_newcomer(&self.setup.agenda, self.current, *participant, *table);
                }
            }
            Change::TogetherJoined { participant, code } => {
                self.cafe.join_group(*participant, *code);
            }
            Change::TogetherLeft { participant } => self.cafe.leave_group(*participant),
            Change::TableDeviceSet { participant, table } => {
                self.cafe
                    .set_device(&self.setup.agenda, self.current, *participant, *table);
            }
            Change::TimerStarted { ends_at_ms } => self.timer_ends_at_ms = Some(*ends_at_ms),
            Change::TimerStopped => self.timer_ends_at_ms = None,
            Change::MeetingEnded => {
                self.close_visit(event.at_ms);
                self.ended = true;
                self.timer_ends_at_ms = None;
            }
        }
    }

    /// Decides and, if allowed, applies: the whole rule in one call, for tests and replay
    /// checks. The server splits it to store the event between the two halves.
    pub fn handle(
        &mut self,
        actor: Actor,
        command: &Command,
        now_ms: i64,
    ) -> Result<Event, CommandError> {
        let change = self.decide(actor, command, now_ms)?;
        let event = Event {
            seq: self.seq + 1,
            at_ms: now_ms,
            change,
        };
        self.evolve(&event);
        Ok(event)
    }
}

fn drop_empty_clusters(state: &mut StepState) {
    let StepState {
        clusters, answers, ..
    } = state;
    clusters.retain(|c| answers.iter().any(|a| a.cluster == Some(c.id)));
}
