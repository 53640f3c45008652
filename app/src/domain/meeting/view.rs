//! What each role may see, computed from the state. These views are the only thing the
//! server ever sends about a meeting: none of them holds a participant's id, and a
//! participant's view holds no one else's unrevealed or hidden answers, nor anyone's votes.

use serde::{Deserialize, Serialize};

use super::agenda::{AgendaStep, StepQuestion};
use super::apart::{ApartView, NamedPerson, UnmetApartView};
use super::cafe::TableRule;
use super::command::{Lang, Target};
use super::follow_up::{FollowUpView, RoomAnswer};
use super::harvest::{HarvestForm, STANDARD_HEADINGS};
use super::hosts::VolunteerView;
use super::ids::{AnswerId, ParticipantId, shuffle_key};
use super::routes::RouteBreakView;
use super::state::{Action, Answer, MeetingState, StepState, VoteRules};
use super::together::{TogetherCode, UnmetGroup};
use crate::content::model::{Localized, PillarId};
use crate::domain::cafe::rotation::TableNo;
use crate::domain::phase::Phase;

/// The meeting as a whole, the same for every role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingHeader {
    pub title: String,
    pub code: String,
    pub step_count: usize,
    pub names_allowed: bool,
    pub ended: bool,
    /// When the running timer ends, in server milliseconds since 1970.
    pub timer_ends_at_ms: Option<i64>,
    /// Once the meeting has ended: every action it agreed, by item (the closing screen and
    /// every phone show them). Empty before the end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed: Vec<AgreedItem>,
    /// Whether the team's retention erased what people wrote (`domain::retention`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answers_erased: bool,
    /// In a meeting with a café: its rounds, and whether the first has been seated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cafe: Option<CafeHeader>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CafeHeader {
    pub rounds: usize,
    pub started: bool,
}

/// A café round: its number from 1, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub number: usize,
    pub of: usize,
}

/// A phone's place in the café at the current step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneSeat {
    pub table: TableNo,
    /// Whether this person hosts the table (stays for every round).
    pub host: bool,
    /// Whether this is the table's own device (from a table card): it writes for the table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub device: bool,
    /// What others at the table wrote at this step: the table's points, without names.
    pub points: Vec<TablePoint>,
    /// For a table host at a round: the points written at this table in the round before,
    /// to retell to the newcomers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recap: Vec<TablePoint>,
    /// In the café's harvest: how many points the table has under each heading (its own
    /// included), so a full heading can be closed on the phone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filled: Vec<u8>,
    /// At a round with stations: the text this table talks about (an index into the step's
    /// questions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePoint {
    pub text: String,
    pub lang: Lang,
    /// In the café's harvest: the heading it is under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u8>,
}

/// The café's harvest form as every screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HarvestView {
    /// The host's own headings; empty: the usual three, worded in the reader's language.
    pub own: Vec<String>,
    /// At most this many points a table writes under one heading.
    pub limit: u8,
}

impl HarvestView {
    pub fn of(form: &HarvestForm) -> Self {
        Self {
            own: form.headings.iter().map(ToString::to_string).collect(),
            limit: form.limit,
        }
    }

    /// How many headings the form has.
    pub fn count(&self) -> usize {
        if self.own.is_empty() {
            STANDARD_HEADINGS
        } else {
            self.own.len()
        }
    }
}

/// One café table on the projector and the console: numbers only, never who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableView {
    pub table: TableNo,
    pub people: usize,
    pub points: usize,
    pub host: bool,
    /// Whether the table has its own device (from a table card).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub device: bool,
}

/// Where a person without a phone sits: the projector lists them by name, alphabetically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestSeat {
    /// The name the host typed; `None`: shown as *gæst* and `number`.
    pub name: Option<String>,
    /// From 1, in the order the guests were added.
    pub number: usize,
    pub table: TableNo,
}

/// The café's setup on the console.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CafeConsole {
    pub rule: TableRule,
    pub volunteers: usize,
    /// Who offered to host, for the leader to keep or pass over (`hosts.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volunteer_list: Vec<VolunteerView>,
    pub hosts: usize,
    /// Tables that the first round would get if seated now (or that are in use).
    pub tables: u16,
    /// The harvest's form; `None` when the agenda has no step after the rounds to harvest in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harvest: Option<HarvestView>,
    /// Whether the harvest's first point is written (its form is fixed from then on).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub harvest_started: bool,
    /// Groups of at least two that sit together, and how many people are in them.
    #[serde(default)]
    pub groups: usize,
    #[serde(default)]
    pub grouped: usize,
    /// The groups a seated round could not keep together, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmet: Vec<UnmetGroup>,
    /// Everyone the console can name, alphabetically: whom it can keep apart (`apart.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<NamedPerson>,
    /// The pairs kept apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apart: Vec<ApartView>,
    /// The pairs a seated round could not keep apart, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmet_apart: Vec<UnmetApartView>,
    /// How many guests have a route card to print (`routes.rs`).
    #[serde(default)]
    pub route_cards: usize,
    /// Rounds in which a guest sat elsewhere than the route card says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_breaks: Vec<RouteBreakView>,
}

/// An item's theme and the actions agreed under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedItem {
    pub theme: Localized,
    pub actions: Vec<Action>,
}

/// One step as everyone may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub index: usize,
    pub theme: Localized,
    pub questions: Vec<StepQuestion>,
    pub pillars: Vec<PillarId>,
    pub phase: Phase,
    pub phases: Vec<Phase>,
    pub rules: VoteRules,
    /// Whether `Card::dots` are filled in.
    pub tallies_visible: bool,
    /// Revealed answers and groups, shuffled (or ranked once voting has closed). Empty
    /// before the reveal.
    pub cards: Vec<Card>,
    pub actions: Vec<Action>,
    /// In a follow-up step: the earlier meetings' actions and where each stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpView>,
    /// In a café round: which round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundInfo>,
    /// In the café's harvest: its form; the cards are in the order of its headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harvest: Option<HarvestView>,
    /// At a seated round with stations: each text with the tables that talk about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stations: Vec<Station>,
}

/// One station of a café round: a text of the step and the tables that talk about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Station {
    /// Index into the step's questions.
    pub question: usize,
    pub tables: Vec<TableNo>,
}

impl StepView {
    /// The step as a table at `station` sees it: only its own text. Out of range or `None`:
    /// the step as it is.
    pub fn at_station(mut self, station: Option<usize>) -> Self {
        if let Some(text) = station.and_then(|i| self.questions.get(i).cloned()) {
            self.questions = vec![text];
        }
        self
    }
}

/// One thing on the board: an answer, or a group of merged answers with its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub target: Target,
    pub title: Option<String>,
    pub answers: Vec<CardAnswer>,
    /// The dots on it, when tallies are visible (the paper's included).
    pub dots: Option<u32>,
    /// Of those, the dots counted on paper or by hands (when tallies are visible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAnswer {
    pub text: String,
    pub lang: Lang,
    /// The writer's display name, only in a meeting that uses names and when they gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The café table it was written at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableNo>,
    /// In the café's harvest: the heading it is under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u8>,
}

/// How many take part: numbers only, never who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub joined: usize,
    /// People who wrote at least one answer to the current step.
    pub answered: usize,
    pub answers: usize,
    /// People who placed at least one dot on the current step.
    pub voted: usize,
}

/// What a phone sees. Views carry no sequence number: the frame that carries a view says
/// which change it shows, so a view that did not change is byte for byte the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub meeting: MeetingHeader,
    pub joined: bool,
    pub name: Option<String>,
    pub step: StepView,
    /// This person's own answers to the current step.
    pub my_answers: Vec<OwnAnswer>,
    /// This person's own dots on the current step.
    pub my_dots: Vec<(Target, u8)>,
    /// In a follow-up step: this person's answers, by action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub my_follow_up: Vec<(usize, RoomAnswer)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<PhoneSeat>,
    /// Whether this person offered to host a café table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub volunteer: bool,
    /// When this device is a café table's own: which table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_for: Option<TableNo>,
    /// In a café with rounds still to seat: sitting together with others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub together: Option<TogetherView>,
}

/// The part of every participant's view that is the same for all of them: the server
/// renders it once per change and every phone's frame shares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantCommon {
    pub meeting: MeetingHeader,
    pub step: StepView,
}

/// The part of a participant's view that is that person's own. It changes only with the
/// person's own commands and with the host's (who can move the meeting to another step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantOwn {
    pub joined: bool,
    pub name: Option<String>,
    pub my_answers: Vec<OwnAnswer>,
    pub my_dots: Vec<(Target, u8)>,
    /// In a follow-up step: this person's answers, by action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub my_follow_up: Vec<(usize, RoomAnswer)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<PhoneSeat>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub volunteer: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_for: Option<TableNo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub together: Option<TogetherView>,
}

/// A phone's group in the café (`together.rs`): only its own code and how many are in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TogetherView {
    /// The group's code; `None`: this person sits with no group.
    pub code: Option<TogetherCode>,
    /// How many are in the group, this person included.
    pub size: usize,
    /// Whether a round is in use: a change counts from the next round.
    pub from_next_round: bool,
}

impl ParticipantView {
    pub fn from_parts(common: ParticipantCommon, own: ParticipantOwn) -> Self {
        Self {
            meeting: common.meeting,
            joined: own.joined,
            name: own.name,
            step: common.step,
            my_answers: own.my_answers,
            my_dots: own.my_dots,
            my_follow_up: own.my_follow_up,
            seat: own.seat,
            volunteer: own.volunteer,
            device_for: own.device_for,
            together: own.together,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAnswer {
    pub id: AnswerId,
    pub text: String,
    pub lang: Lang,
    /// In the café's harvest: the heading it is under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenView {
    pub meeting: MeetingHeader,
    pub step: StepView,
    pub counts: Counts,
    /// In the café: each table of the round in use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableView>,
    /// In the café: where each person without a phone sits, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<GuestSeat>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub meeting: MeetingHeader,
    pub step: StepView,
    pub counts: Counts,
    /// Every answer to the current step as it comes in, hidden ones too, for moderation.
    pub answers: Vec<ModerationAnswer>,
    pub clusters: Vec<ClusterView>,
    pub notes: Option<Localized>,
    pub agenda: Vec<AgendaEntry>,
    /// Whether the room sees the tallies now. The host always sees them while voting is
    /// open (in `step.cards`), to know where the room is heading; the room may not.
    #[serde(default)]
    pub room_sees_tallies: bool,
    /// When the meeting came to the current step (server ms), while its clock runs.
    #[serde(default)]
    pub entered_at_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cafe: Option<CafeConsole>,
    /// The café's guests without a phone, seated or not yet (then `table` is 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<GuestSeat>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationAnswer {
    pub id: AnswerId,
    pub text: String,
    pub lang: Lang,
    pub hidden: bool,
    pub cluster: Option<super::ids::ClusterId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterView {
    pub id: super::ids::ClusterId,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    pub theme: Localized,
    /// Whether the meeting has been at this step (a step not yet reached is still at its
    /// first phase, which says nothing).
    #[serde(default)]
    pub started: bool,
    pub phase: Phase,
    pub phases: Vec<Phase>,
    pub minutes: Option<u32>,
    /// Time spent at this step on earlier visits (ms); the current step's running visit
    /// began at `ConsoleView::entered_at_ms`.
    #[serde(default)]
    pub spent_ms: i64,
    pub answers: usize,
    pub actions: usize,
}

/// The record of a meeting: every step with its question, answers, ranking and actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryView {
    pub seq: u64,
    pub meeting: MeetingHeader,
    pub steps: Vec<StepView>,
    /// Per step (same order as `steps`): the answers the host parked as off-topic, kept for
    /// a later meeting. Only in the host's record.
    #[serde(default)]
    pub parked: Vec<Vec<CardAnswer>>,
}

impl MeetingState {
    fn header(&self, code: &str) -> MeetingHeader {
        MeetingHeader {
            title: self.setup.title.to_string(),
            code: code.to_owned(),
            step_count: self.steps.len(),
            names_allowed: self.setup.names_allowed,
            ended: self.ended,
            timer_ends_at_ms: self.timer_ends_at_ms,
            agreed: if self.ended {
                self.setup
                    .agenda
                    .steps
                    .iter()
                    .zip(&self.steps)
                    .filter(|(_, state)| !state.actions.is_empty())
                    .map(|(agenda, state)| AgreedItem {
                        theme: agenda.theme.clone(),
                        actions: state.actions.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            answers_erased: self.steps.iter().any(|step| {
                step.answers
                    .iter()
                    .any(|answer| answer.text.as_str() == crate::domain::retention::ERASED_TEXT)
            }),
            cafe: self.setup.agenda.has_cafe().then(|| CafeHeader {
                rounds: self.setup.agenda.rounds(),
                started: self.cafe.started(),
            }),
        }
    }

    fn step_view(&self, index: usize) -> StepView {
        let agenda: &AgendaStep = &self.setup.agenda.steps[index];
        let state = &self.steps[index];
        let tallies_visible =
            state.phase >= Phase::Agree || (state.phase == Phase::Vote && state.rules.tallies_live);
        let revealed = state.phase >= Phase::Reveal;
        let harvest = (self.setup.agenda.harvest_step() == Some(index))
            .then(|| HarvestView::of(&self.cafe.harvest));
        let mut cards = if revealed {
            self.cards(index, tallies_visible)
        } else {
            Vec::new()
        };
        if state.phase >= Phase::Agree {
            // Stable: equal tallies keep their shuffled order.
            cards.sort_by_key(|card| std::cmp::Reverse(card.dots.unwrap_or(0)));
        }
        StepView {
            index,
            theme: agenda.theme.clone(),
            questions: agenda.questions.clone(),
            pillars: agenda.pillars.clone(),
            phase: state.phase,
            phases: agenda.phases.clone(),
            rules: state.rules,
            tallies_visible,
            cards,
            actions: state.actions.clone(),
            follow_up: agenda
                .is_follow_up()
                .then(|| FollowUpView::of(&agenda.follow_up, &state.follow_up)),
            round: self.setup.agenda.round_of(index).map(|round| RoundInfo {
                number: round + 1,
                of: self.setup.agenda.rounds(),
            }),
            harvest,
            stations: self.stations(index),
        }
    }

    /// At a seated round with stations: which tables talk about which text.
    fn stations(&self, index: usize) -> Vec<Station> {
        let agenda = &self.setup.agenda;
        if self.cafe.round_in_use(agenda, index).is_none() {
            return Vec::new();
        }
        let mut stations: Vec<Station> = Vec::new();
        for table in 1..=self.cafe.tables {
            let Some(question) = self.cafe.station(agenda, index, table) else {
                return Vec::new();
            };
            match stations.iter_mut().find(|s| s.question == question) {
                Some(station) => station.tables.push(table),
                None => stations.push(Station {
                    question,
                    tables: vec![table],
                }),
            }
        }
        stations.sort_by_key(|s| s.question);
        stations
    }

    /// Visible answers and groups in the meeting's shuffled order: the order people wrote
    /// in would tell who wrote what to anyone who watched the room. The café's harvest wall
    /// goes heading by heading, each table's points side by side (a table's points are the
    /// table's, so its order tells of no one).
    fn cards(&self, index: usize, with_dots: bool) -> Vec<Card> {
        let mut cards = self.shuffled_cards(&self.steps[index], with_dots);
        if self.setup.agenda.harvest_step() == Some(index) {
            cards.sort_by_key(|card| {
                let first = card.answers.first();
                (
                    first.and_then(|a| a.heading).unwrap_or(u8::MAX),
                    first.and_then(|a| a.table).unwrap_or(TableNo::MAX),
                )
            });
        }
        cards
    }

    fn shuffled_cards(&self, state: &StepState, with_dots: bool) -> Vec<Card> {
        let seed = self.setup.shuffle_seed;
        let mut visible: Vec<&Answer> = state.answers.iter().filter(|a| !a.hidden).collect();
        visible.sort_by_key(|a| shuffle_key(seed, a.id.0));
        let mut cards: Vec<Card> = Vec::new();
        for answer in visible {
            let target = match answer.cluster {
                Some(cluster) => Target::Cluster(cluster),
                None => Target::Answer(answer.id),
            };
            let text = CardAnswer {
                text: answer.text.to_string(),
                lang: answer.lang,
                name: self.author_name(answer),
                table: answer.table,
                heading: answer.heading,
            };
            if let Some(card) = cards.iter_mut().find(|c| c.target == target) {
                card.answers.push(text);
                continue;
            }
            let title = answer.cluster.and_then(|id| {
                state
                    .clusters
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.title.to_string())
            });
            let paper = state.paper.get(&target).copied().unwrap_or(0);
            let dots = with_dots.then(|| {
                state
                    .dots
                    .iter()
                    .filter(|((_, t), _)| *t == target)
                    .map(|(_, n)| u32::from(*n))
                    .sum::<u32>()
                    + u32::from(paper)
            });
            cards.push(Card {
                target,
                title,
                answers: vec![text],
                dots,
                paper: (with_dots && paper > 0).then_some(paper),
            });
        }
        cards
    }

    /// A name is shown only where the host chose names; anywhere else answers are anonymous.
    fn author_name(&self, answer: &Answer) -> Option<String> {
        if !self.setup.names_allowed {
            return None;
        }
        self.participants
            .get(&answer.author)
            .and_then(|p| p.name.as_ref())
            .map(ToString::to_string)
    }

    fn counts(&self) -> Counts {
        let state = self.current_step();
        let mut authors: Vec<ParticipantId> = state.answers.iter().map(|a| a.author).collect();
        authors.sort();
        authors.dedup();
        // Keyed by person first: one person's dots are next to each other.
        let mut voters: Vec<ParticipantId> = state.dots.keys().map(|(p, _)| *p).collect();
        voters.dedup();
        Counts {
            joined: self.participants.len(),
            answered: authors.len(),
            answers: state.answers.len(),
            voted: voters.len(),
        }
    }

    pub fn participant_view(&self, code: &str, me: Option<ParticipantId>) -> ParticipantView {
        ParticipantView::from_parts(self.participant_common(code), self.participant_own(me))
    }

    pub fn participant_common(&self, code: &str) -> ParticipantCommon {
        ParticipantCommon {
            meeting: self.header(code),
            step: self.step_view(self.current),
        }
    }

    pub fn participant_own(&self, me: Option<ParticipantId>) -> ParticipantOwn {
        let state = self.current_step();
        let joined = me.and_then(|id| self.participants.get(&id).map(|p| (id, p)));
        let my_answers = joined
            .map(|(id, _)| {
                state
                    .answers
                    .iter()
                    .filter(|a| a.author == id)
                    .map(|a| OwnAnswer {
                        id: a.id,
                        text: a.text.to_string(),
                        lang: a.lang,
                        heading: a.heading,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let my_dots = joined
            .map(|(id, _)| state.dots_by(id).collect())
            .unwrap_or_default();
        let my_follow_up = joined
            .map(|(id, _)| {
                state
                    .follow_up
                    .answers
                    .iter()
                    .filter(|((_, who), _)| *who == id)
                    .map(|((item, _), answer)| (*item, *answer))
                    .collect()
            })
            .unwrap_or_default();
        ParticipantOwn {
            joined: joined.is_some(),
            name: joined.and_then(|(_, p)| p.name.as_ref().map(ToString::to_string)),
            my_answers,
            my_dots,
            my_follow_up,
            seat: joined.and_then(|(id, _)| self.phone_seat(id)),
            volunteer: joined.is_some_and(|(id, _)| self.cafe.volunteers.contains(&id)),
            device_for: joined.and_then(|(id, _)| self.cafe.devices.get(&id).copied()),
            together: joined.and_then(|(id, _)| self.together_view(id)),
        }
    }

    /// The offer to sit together, while the café has rounds to seat (not for a table's own
    /// device, not after the meeting).
    fn together_view(&self, me: ParticipantId) -> Option<TogetherView> {
        let agenda = &self.setup.agenda;
        if self.ended
            || self.cafe.devices.contains_key(&me)
            || self.cafe.rounds.len() >= agenda.rounds()
        {
            return None;
        }
        let code = self.cafe.group_of(me);
        Some(TogetherView {
            code,
            size: code
                .and_then(|c| self.cafe.groups.get(&c))
                .map_or(1, Vec::len),
            from_next_round: self.cafe.round_in_use(agenda, self.current).is_some(),
        })
    }

    /// Where a person sits now, with the table's points (others' only: one's own are in
    /// `my_answers`), and for a table host the points of the round before.
    fn phone_seat(&self, me: ParticipantId) -> Option<PhoneSeat> {
        let agenda = &self.setup.agenda;
        let table = self.cafe.seat(agenda, self.current, me)?;
        let points_at = |step: usize| -> Vec<TablePoint> {
            self.steps[step]
                .answers
                .iter()
                .filter(|a| a.table == Some(table) && !a.hidden)
                .map(|a| TablePoint {
                    text: a.text.to_string(),
                    lang: a.lang,
                    heading: a.heading,
                })
                .collect()
        };
        let host = self.cafe.is_host(me);
        let device = self.cafe.devices.contains_key(&me);
        let points = self.steps[self.current]
            .answers
            .iter()
            .filter(|a| a.table == Some(table) && a.author != me && !a.hidden)
            .map(|a| TablePoint {
                text: a.text.to_string(),
                lang: a.lang,
                heading: a.heading,
            })
            .collect();
        let filled = if agenda.harvest_step() == Some(self.current) {
            (0..self.cafe.harvest.count())
                .map(|heading| {
                    let written = self.steps[self.current]
                        .answers
                        .iter()
                        .filter(|a| a.table == Some(table) && !a.hidden)
                        .filter(|a| a.heading.map(usize::from) == Some(heading))
                        .count();
                    u8::try_from(written).unwrap_or(u8::MAX)
                })
                .collect()
        } else {
            Vec::new()
        };
        let recap = match agenda.round_of(self.current) {
            Some(round) if (host || device) && round > 0 => agenda
                .steps
                .iter()
                .enumerate()
                .filter(|(_, step)| step.table_round)
                .nth(round - 1)
                .map(|(step, _)| points_at(step))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        Some(PhoneSeat {
            table,
            host,
            device,
            points,
            recap,
            filled,
            station: self.cafe.station(agenda, self.current, table),
        })
    }

    /// Each table of the round in use: how many sit there and how many points it wrote.
    fn tables(&self) -> Vec<TableView> {
        let agenda = &self.setup.agenda;
        let state = self.current_step();
        self.cafe
            .table_sizes(agenda, self.current)
            .into_iter()
            .zip(1..)
            .map(|(people, table)| TableView {
                table,
                people,
                points: state
                    .answers
                    .iter()
                    .filter(|a| a.table == Some(table) && !a.hidden)
                    .count(),
                host: self.cafe.hosts.iter().any(|(_, t)| *t == table),
                device: self.cafe.devices.values().any(|t| *t == table),
            })
            .collect()
    }

    pub fn screen_view(&self, code: &str) -> ScreenView {
        ScreenView {
            meeting: self.header(code),
            step: self.step_view(self.current),
            counts: self.counts(),
            tables: self.tables(),
            guests: self
                .guest_seats()
                .into_iter()
                .filter(|guest| guest.table > 0)
                .collect(),
        }
    }

    /// The guests without a phone and their tables now (0: not seated yet), by name: named
    /// ones alphabetically, then *gæst N* in order.
    fn guest_seats(&self) -> Vec<GuestSeat> {
        let mut seats: Vec<GuestSeat> = self
            .cafe
            .guests
            .iter()
            .enumerate()
            .map(|(index, guest)| GuestSeat {
                name: self
                    .participants
                    .get(guest)
                    .and_then(|p| p.name.as_ref())
                    .map(ToString::to_string),
                number: index + 1,
                table: self
                    .cafe
                    .seat(&self.setup.agenda, self.current, *guest)
                    .unwrap_or(0),
            })
            .collect();
        seats.sort_by(|a, b| match (&a.name, &b.name) {
            (Some(x), Some(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.number.cmp(&b.number),
        });
        seats
    }

    pub fn console_view(&self, code: &str) -> ConsoleView {
        let state = self.current_step();
        let mut step = self.step_view(self.current);
        let room_sees_tallies = step.tallies_visible;
        if step.phase == Phase::Vote && !step.tallies_visible {
            step.cards = self.cards(self.current, true);
            step.tallies_visible = true;
        }
        ConsoleView {
            meeting: self.header(code),
            room_sees_tallies,
            entered_at_ms: self.entered_at_ms,
            step,
            counts: self.counts(),
            tables: self.tables(),
            guests: self.guest_seats(),
            cafe: self.setup.agenda.has_cafe().then(|| CafeConsole {
                rule: self.cafe.rule,
                volunteers: self.cafe.volunteers.len(),
                volunteer_list: self.volunteer_views(),
                hosts: self.cafe.hosts.len(),
                tables: if self.cafe.started() {
                    self.cafe.tables
                } else {
                    self.cafe.rule.tables_for(self.participants.len())
                },
                harvest: self
                    .setup
                    .agenda
                    .harvest_step()
                    .map(|_| HarvestView::of(&self.cafe.harvest)),
                harvest_started: self
                    .setup
                    .agenda
                    .harvest_step()
                    .is_some_and(|step| !self.steps[step].answers.is_empty()),
                groups: self.cafe.groups.values().filter(|m| m.len() >= 2).count(),
                grouped: self
                    .cafe
                    .groups
                    .values()
                    .filter(|m| m.len() >= 2)
                    .map(Vec::len)
                    .sum(),
                unmet: self.cafe.unmet.clone(),
                named: self.named_people(),
                apart: self.apart_views(),
                unmet_apart: self.unmet_apart_views(),
                route_cards: self.cafe.routes.len(),
                route_breaks: self.route_break_views(),
            }),
            answers: state
                .answers
                .iter()
                .map(|a| ModerationAnswer {
                    id: a.id,
                    text: a.text.to_string(),
                    lang: a.lang,
                    hidden: a.hidden,
                    cluster: a.cluster,
                })
                .collect(),
            clusters: state
                .clusters
                .iter()
                .map(|c| ClusterView {
                    id: c.id,
                    title: c.title.to_string(),
                })
                .collect(),
            notes: self.setup.agenda.steps[self.current].notes.clone(),
            agenda: self
                .setup
                .agenda
                .steps
                .iter()
                .zip(&self.steps)
                .enumerate()
                .map(|(index, (agenda, state))| AgendaEntry {
                    theme: agenda.theme.clone(),
                    started: index <= self.current
                        || state.phase > agenda.first_phase()
                        || !state.answers.is_empty()
                        || !state.actions.is_empty(),
                    phase: state.phase,
                    phases: agenda.phases.clone(),
                    minutes: agenda.minutes,
                    spent_ms: state.spent_ms,
                    answers: state.answers.len(),
                    actions: state.actions.len(),
                })
                .collect(),
        }
    }

    /// What the room saw, for anyone who took part: each item that was shown with its
    /// answers (revealed ones only, as the room saw them, names only in a meeting with
    /// names), its ranking and its actions. Parked answers and items the room never saw
    /// answers for are left out, unless actions were agreed under them.
    pub fn room_record(&self, code: &str) -> SummaryView {
        SummaryView {
            seq: self.seq,
            meeting: self.header(code),
            steps: (0..self.steps.len())
                .map(|index| self.step_view(index))
                .filter(|step| {
                    !step.cards.is_empty() || !step.actions.is_empty() || step.follow_up.is_some()
                })
                .collect(),
            parked: Vec::new(),
        }
    }

    pub fn summary_view(&self, code: &str) -> SummaryView {
        SummaryView {
            seq: self.seq,
            meeting: self.header(code),
            steps: (0..self.steps.len())
                .map(|index| {
                    let mut step = self.step_view(index);
                    // The record shows every visible answer, revealed in the room or not.
                    if step.cards.is_empty() {
                        step.cards = self.cards(index, step.tallies_visible);
                    }
                    step
                })
                .collect(),
            parked: self
                .steps
                .iter()
                .map(|state| {
                    state
                        .answers
                        .iter()
                        .filter(|a| a.hidden)
                        .map(|a| CardAnswer {
                            text: a.text.to_string(),
                            lang: a.lang,
                            name: self.author_name(a),
                            table: a.table,
                            heading: a.heading,
                        })
                        .collect()
                })
                .collect(),
        }
    }
}
