//! A team's meetings as one JSON file, and back into a new team. The file holds what the
//! host's record holds and nothing that could tell who wrote or voted what: no participant,
//! device, answer or action ids; an answer's name only in a meeting that used names; dots as
//! a total per answer or group. Answers are listed in a fixed order (by their text), so the
//! order says nothing about who wrote first.
//!
//! Import turns each meeting back into the events that make that record (`MeetingFile::
//! import`): made-up participants (as many as took part, one per name), new ids, every event
//! dated at noon of the day it was held. `export(import(file)) == file` for every file that
//! export made (the property test below).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    content::model::PillarId,
    domain::{
        board::ActionStatus,
        dates::Day,
        meeting::{
            agenda::{Agenda, AgendaStep, MAX_STEPS},
            command::{Lang, Target},
            ids::{ActionId, AnswerId, ClusterId, ParticipantId},
            state::{Action, Change, MeetingSetup, MeetingState, VoteRules},
            text::{
                ActionOwner, ActionWhat, AnswerText, ClusterTitle, DisplayName, DueDate,
                MeetingTitle,
            },
        },
        phase::Phase,
    },
};

/// What the file says it is, so another JSON file is told apart.
pub const FORMAT: &str = "samraad-team";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// More than this is not one team's file.
pub const MAX_MEETINGS: usize = 500;
pub const MAX_PARTICIPANTS: u32 = 5_000;
pub const MAX_ANSWERS: usize = 5_000;
pub const MAX_ACTIONS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamFile {
    pub format: String,
    pub version: u32,
    pub team: String,
    pub meetings: Vec<MeetingFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFile {
    pub title: String,
    /// `yyyy-mm-dd`, in Denmark.
    pub held: String,
    /// How many took part (joined from a phone).
    pub participants: u32,
    pub names_allowed: bool,
    pub ended: bool,
    /// The item the meeting was at (from 0).
    pub current: usize,
    pub items: Vec<ItemFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFile {
    /// The item as it was put on the agenda: theme, questions with their source, pillars,
    /// phases, planned minutes, the host's notes.
    pub agenda: AgendaStep,
    /// The phase it got to.
    pub phase: Phase,
    pub rules: VoteRules,
    /// Groups of answers with their titles and dots.
    #[serde(default)]
    pub groups: Vec<GroupFile>,
    #[serde(default)]
    pub answers: Vec<AnswerFile>,
    #[serde(default)]
    pub actions: Vec<ActionFile>,
    /// In a follow-up step: the statuses the meeting set, by the agenda's follow-up item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up_set: Vec<(usize, ActionStatus)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFile {
    pub title: String,
    #[serde(default)]
    pub dots: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AnswerFile {
    pub text: String,
    pub lang: Lang,
    /// Only in a meeting that used names, and when the writer gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Parked by the host (not shown to the room).
    #[serde(default)]
    pub hidden: bool,
    /// The group it is in: an index into `groups`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// Dots on the answer itself (a grouped answer's dots are the group's).
    #[serde(default)]
    pub dots: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFile {
    pub what: String,
    pub owner: String,
    /// `yyyy-mm-dd`
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub pillar: Option<PillarId>,
    pub status: ActionStatus,
}

/// Why a file cannot be imported. Nothing is stored when any meeting of it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not a Samråd team file")]
    NotOurs,
    #[error("the file was written by a newer Samråd (version {0})")]
    Newer(u32),
    #[error("the file holds more than one team's meetings")]
    TooMuch,
    /// Meeting number `meeting` (from 1) is not a meeting Samråd could have held.
    #[error("meeting {meeting} in the file cannot be read")]
    Invalid { meeting: usize },
}

impl TeamFile {
    pub fn new(team: &str, meetings: Vec<MeetingFile>) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            team: team.to_owned(),
            meetings,
        }
    }

    /// Reads a file someone uploads: its kind and version first, then its size.
    pub fn parse(bytes: &[u8]) -> Result<Self, ImportError> {
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        let head: Head = serde_json::from_slice(bytes).map_err(|_| ImportError::NotOurs)?;
        if head.format != FORMAT {
            return Err(ImportError::NotOurs);
        }
        if head.version > VERSION {
            return Err(ImportError::Newer(head.version));
        }
        let file: Self = serde_json::from_slice(bytes).map_err(|_| ImportError::NotOurs)?;
        if file.meetings.len() > MAX_MEETINGS {
            return Err(ImportError::TooMuch);
        }
        Ok(file)
    }
}

/// Whether the record shows an item's dots: once the vote has closed, or live if the host
/// chose so.
fn tallies_visible(phase: Phase, rules: VoteRules) -> bool {
    phase >= Phase::Agree || (phase == Phase::Vote && rules.tallies_live)
}

impl MeetingFile {
    /// The meeting as its record holds it; `status_of` gives each action's status on the
    /// team's board.
    pub fn export(
        state: &MeetingState,
        held: Day,
        status_of: impl Fn(ActionId) -> ActionStatus,
    ) -> Self {
        let items = state
            .setup
            .agenda
            .steps
            .iter()
            .zip(&state.steps)
            .map(|(agenda, step)| {
                let visible = tallies_visible(step.phase, step.rules);
                let total = |target: Target| -> u32 {
                    if !visible {
                        return 0;
                    }
                    // Dots from paper count as any dot (the file does not say whose).
                    step.dots
                        .iter()
                        .filter(|((_, t), _)| *t == target)
                        .map(|(_, n)| u32::from(*n))
                        .sum::<u32>()
                        + u32::from(step.paper.get(&target).copied().unwrap_or(0))
                };
                let title_of = |cluster: ClusterId| {
                    step.clusters
                        .iter()
                        .find(|c| c.id == cluster)
                        .map(|c| c.title.to_string())
                        .unwrap_or_default()
                };
                // Sorted by what they say, so the order tells nothing about who wrote first;
                // then the groups numbered in that order.
                let mut answers: Vec<(AnswerFile, Option<ClusterId>)> = step
                    .answers
                    .iter()
                    .map(|answer| {
                        let name = state
                            .setup
                            .names_allowed
                            .then(|| state.participants.get(&answer.author))
                            .flatten()
                            .and_then(|p| p.name.as_ref())
                            .map(ToString::to_string);
                        let dots = match (answer.cluster, answer.hidden) {
                            (None, false) => total(Target::Answer(answer.id)),
                            _ => 0,
                        };
                        let file = AnswerFile {
                            text: answer.text.to_string(),
                            lang: answer.lang,
                            name,
                            hidden: answer.hidden,
                            group: None,
                            dots,
                        };
                        (file, answer.cluster)
                    })
                    .collect();
                answers
                    .sort_by(|(a, ca), (b, cb)| (a, ca.map(title_of)).cmp(&(b, cb.map(title_of))));
                let mut order: Vec<ClusterId> = Vec::new();
                for (_, cluster) in &answers {
                    if let Some(cluster) = cluster
                        && !order.contains(cluster)
                    {
                        order.push(*cluster);
                    }
                }
                let groups = order
                    .iter()
                    .map(|cluster| GroupFile {
                        title: title_of(*cluster),
                        dots: total(Target::Cluster(*cluster)),
                    })
                    .collect();
                let answers = answers
                    .into_iter()
                    .map(|(mut file, cluster)| {
                        file.group = cluster.and_then(|c| order.iter().position(|o| *o == c));
                        file
                    })
                    .collect();
                let actions = step
                    .actions
                    .iter()
                    .map(|action| ActionFile {
                        what: action.what.to_string(),
                        owner: action.owner.to_string(),
                        due: action.due.map(|due| due.to_string()),
                        pillar: action.pillar,
                        status: status_of(action.id),
                    })
                    .collect();
                // A follow-up item's place on this server's board is no one else's business.
                let mut agenda = agenda.clone();
                for item in &mut agenda.follow_up {
                    item.meeting_id = String::new();
                    item.action = ActionId(uuid::Uuid::nil());
                }
                ItemFile {
                    agenda,
                    phase: step.phase,
                    rules: step.rules,
                    groups,
                    answers,
                    actions,
                    follow_up_set: step
                        .follow_up
                        .statuses
                        .iter()
                        .map(|(item, status)| (*item, *status))
                        .collect(),
                }
            })
            .collect();
        Self {
            title: state.setup.title.to_string(),
            held: held.iso(),
            participants: u32::try_from(state.participants.len()).unwrap_or(u32::MAX),
            names_allowed: state.setup.names_allowed,
            ended: state.ended,
            current: state.current,
            items,
        }
    }

    /// The meeting's setup and the events that make its record, with each action's status
    /// for the board. `number` (from 1) names the meeting in a refusal.
    pub fn import(&self, number: usize, shuffle_seed: u64) -> Result<Imported, ImportError> {
        let invalid = ImportError::Invalid { meeting: number };
        let held = parse_day(&self.held).ok_or(invalid)?;
        let title = MeetingTitle::parse(&self.title).map_err(|_| invalid)?;
        let steps_ok = !self.items.is_empty()
            && self.items.len() <= MAX_STEPS
            && self.current < self.items.len()
            && self.participants <= MAX_PARTICIPANTS
            && self.items.iter().all(|item| {
                item.agenda.phases.first() == Some(&Phase::Intro)
                    && item.agenda.phases.last() == Some(&Phase::Done)
                    && item.agenda.phases.windows(2).all(|w| w[0] < w[1])
                    && item.agenda.phases.contains(&item.phase)
                    && item.answers.len() <= MAX_ANSWERS
                    && item.actions.len() <= MAX_ACTIONS
                    && item.groups.len() <= item.answers.len()
            });
        if !steps_ok {
            return Err(invalid);
        }
        let vote_rules = self.items[0].rules;
        let setup = MeetingSetup {
            title,
            agenda: Agenda {
                steps: self.items.iter().map(|item| item.agenda.clone()).collect(),
            },
            names_allowed: self.names_allowed,
            vote_rules,
            shuffle_seed,
        };

        // Made-up participants: one per name, the rest without; enough to carry every dot
        // (a person holds at most 255 on one target).
        let mut names: Vec<DisplayName> = Vec::new();
        for answer in self.items.iter().flat_map(|item| &item.answers) {
            if let Some(name) = &answer.name {
                if !self.names_allowed {
                    return Err(invalid);
                }
                let name = DisplayName::parse(name).map_err(|_| invalid)?;
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        let most_dots = self
            .items
            .iter()
            .flat_map(|item| {
                item.answers
                    .iter()
                    .map(|a| a.dots)
                    .chain(item.groups.iter().map(|g| g.dots))
            })
            .max()
            .unwrap_or(0);
        let anonymous_answers = self
            .items
            .iter()
            .flat_map(|item| &item.answers)
            .any(|a| a.name.is_none());
        let named = names.len() as u32;
        let anonymous = (self.participants.saturating_sub(named))
            .max(u32::from(anonymous_answers))
            .max(most_dots.div_ceil(255).saturating_sub(named));
        let mut changes = Vec::new();
        let mut people: Vec<ParticipantId> = Vec::new();
        let mut by_name: BTreeMap<String, ParticipantId> = BTreeMap::new();
        for name in names {
            let participant = ParticipantId::new();
            by_name.insert(name.to_string(), participant);
            people.push(participant);
            changes.push(Change::Joined {
                participant,
                name: Some(name),
                table: None,
            });
        }
        let first_anonymous = people.len();
        for _ in 0..anonymous {
            let participant = ParticipantId::new();
            people.push(participant);
            changes.push(Change::Joined {
                participant,
                name: None,
                table: None,
            });
        }

        let mut statuses = Vec::new();
        for (step, item) in self.items.iter().enumerate() {
            changes.push(Change::VoteRulesSet {
                step,
                rules: item.rules,
            });
            let clusters: Vec<ClusterId> = item.groups.iter().map(|_| ClusterId::new()).collect();
            let mut ids = Vec::with_capacity(item.answers.len());
            for answer in &item.answers {
                let id = AnswerId::new();
                ids.push(id);
                let author = match &answer.name {
                    Some(name) => *by_name.get(name.trim()).ok_or(invalid)?,
                    None => *people.get(first_anonymous).ok_or(invalid)?,
                };
                changes.push(Change::AnswerSubmitted {
                    step,
                    answer: id,
                    author,
                    text: AnswerText::parse(&answer.text).map_err(|_| invalid)?,
                    lang: answer.lang,
                    table: None,
                    heading: None,
                });
                if answer.hidden {
                    changes.push(Change::AnswerHidden {
                        step,
                        answer: id,
                        hidden: true,
                    });
                }
                if answer.group.is_some_and(|g| g >= item.groups.len())
                    || (answer.dots > 0 && (answer.group.is_some() || answer.hidden))
                {
                    return Err(invalid);
                }
            }
            for (index, group) in item.groups.iter().enumerate() {
                let members: Vec<AnswerId> = item
                    .answers
                    .iter()
                    .zip(&ids)
                    .filter(|(a, _)| a.group == Some(index))
                    .map(|(_, id)| *id)
                    .collect();
                if members.is_empty() {
                    return Err(invalid);
                }
                changes.push(Change::AnswersMerged {
                    step,
                    cluster: clusters[index],
                    title: ClusterTitle::parse(&group.title).map_err(|_| invalid)?,
                    answers: members,
                });
            }
            let targets = item
                .answers
                .iter()
                .zip(&ids)
                .map(|(a, id)| (Target::Answer(*id), a.dots))
                .chain(
                    item.groups
                        .iter()
                        .zip(&clusters)
                        .map(|(g, id)| (Target::Cluster(*id), g.dots)),
                );
            for (target, total) in targets {
                let mut left = total;
                for participant in &people {
                    if left == 0 {
                        break;
                    }
                    let dots = left.min(255);
                    left -= dots;
                    changes.push(Change::DotsSet {
                        step,
                        participant: *participant,
                        target,
                        dots: dots as u8,
                    });
                }
            }
            for action in &item.actions {
                let id = ActionId::new();
                let due = match &action.due {
                    Some(due) => Some(DueDate::parse(due).map_err(|_| invalid)?),
                    None => None,
                };
                changes.push(Change::ActionRecorded {
                    step,
                    action: Action {
                        id,
                        what: ActionWhat::parse(&action.what).map_err(|_| invalid)?,
                        owner: ActionOwner::parse(&action.owner).map_err(|_| invalid)?,
                        due,
                        pillar: action.pillar,
                    },
                });
                statuses.push((id, action.status));
            }
            for (index, status) in &item.follow_up_set {
                let found = item.agenda.follow_up.get(*index).ok_or(invalid)?;
                changes.push(Change::FollowUpStatusSet {
                    step,
                    item: *index,
                    meeting_id: found.meeting_id.clone(),
                    action: found.action,
                    status: *status,
                });
            }
            changes.push(Change::MovedTo {
                step,
                phase: item.phase,
                seated: None,
            });
        }
        changes.push(Change::MovedTo {
            step: self.current,
            phase: self.items[self.current].phase,
            seated: None,
        });
        if self.ended {
            changes.push(Change::MeetingEnded);
        }
        Ok(Imported {
            setup,
            changes,
            statuses,
            held,
            // Noon in Denmark on the day it was held.
            at_ms: held.days() * 86_400_000 + 11 * 3_600_000,
        })
    }
}

/// One meeting of a file, ready to be stored.
#[derive(Debug, Clone)]
pub struct Imported {
    pub setup: MeetingSetup,
    pub changes: Vec<Change>,
    pub statuses: Vec<(ActionId, ActionStatus)>,
    pub held: Day,
    /// When its events happened (ms since 1970).
    pub at_ms: i64,
}

impl Imported {
    /// The meeting's state after its events: what its record shows.
    pub fn replay(&self) -> MeetingState {
        let mut state = MeetingState::new(self.setup.clone());
        for event in self.events() {
            state.evolve(&event);
        }
        state
    }

    /// The changes numbered from 1, as the log stores them.
    pub fn events(&self) -> Vec<crate::domain::meeting::state::Event> {
        self.changes
            .iter()
            .enumerate()
            .map(|(index, change)| crate::domain::meeting::state::Event {
                seq: index as u64 + 1,
                at_ms: self.at_ms,
                change: change.clone(),
            })
            .collect()
    }
}

fn parse_day(iso: &str) -> Option<Day> {
    let mut parts = iso.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    if parts.next().is_some() || iso.len() != 10 {
        return None;
    }
    Day::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::domain::meeting::{
        command::{Actor, Command},
        text::QuestionText,
    };

    fn agenda(theme: &str) -> AgendaStep {
        AgendaStep::typed(QuestionText::parse(theme).expect("text"))
    }

    /// Import, replay, export: what a second export of an imported file gives.
    fn round(file: &MeetingFile) -> MeetingFile {
        let imported = file.import(1, 7).expect("the file imports");
        let state = imported.replay();
        let statuses: BTreeMap<ActionId, ActionStatus> =
            imported.statuses.iter().copied().collect();
        MeetingFile::export(&state, imported.held, |id| statuses[&id])
    }

    fn sorted_texts(file: &MeetingFile) -> Vec<Vec<String>> {
        file.items
            .iter()
            .map(|item| {
                let mut texts: Vec<String> = item.answers.iter().map(|a| a.text.clone()).collect();
                texts.sort();
                texts
            })
            .collect()
    }

    fn answer_strategy(names: bool, groups: usize) -> impl Strategy<Value = AnswerFile> {
        (
            prop::sample::select(vec![
                "Mere ro i garderoben",
                "Ture i skoven",
                "Færre skift",
                "Tid til samtaler",
                "–",
            ]),
            any::<bool>(),
            prop::option::of(prop::sample::select(vec!["Lene", "Ali", "Mette"])),
            prop::bool::weighted(0.2),
            prop::option::of(0..groups.max(1)),
            0u32..600,
        )
            .prop_map(move |(text, english, name, hidden, group, dots)| {
                let group = group.filter(|_| groups > 0);
                AnswerFile {
                    text: text.into(),
                    lang: if english { Lang::En } else { Lang::Da },
                    name: name.filter(|_| names).map(Into::into),
                    hidden,
                    group,
                    dots: if group.is_some() || hidden { 0 } else { dots },
                }
            })
    }

    fn item_strategy(names: bool) -> impl Strategy<Value = ItemFile> {
        (
            0usize..3,
            prop::sample::select(Phase::ALL.to_vec()),
            any::<bool>(),
        )
            .prop_flat_map(move |(groups, phase, live)| {
                (
                    prop::collection::vec(answer_strategy(names, groups), groups..12),
                    prop::collection::vec(0u32..500, groups),
                    prop::collection::vec(
                        (
                            prop::sample::select(vec!["Samtaletid hver fredag", "Skovdag"]),
                            prop::option::of(Just("2026-12-18".to_owned())),
                            prop::sample::select(ActionStatus::ALL.to_vec()),
                        ),
                        0..3,
                    ),
                )
                    .prop_map(move |(mut answers, group_dots, actions)| {
                        // Every group has at least one answer.
                        for (index, answer) in answers.iter_mut().take(groups).enumerate() {
                            answer.group = Some(index);
                            answer.dots = 0;
                        }
                        ItemFile {
                            agenda: agenda("Hvad fylder hos jer?"),
                            phase,
                            rules: VoteRules {
                                tallies_live: live,
                                ..VoteRules::default()
                            },
                            groups: group_dots
                                .iter()
                                .enumerate()
                                .map(|(i, dots)| GroupFile {
                                    title: format!("Gruppe {i}"),
                                    dots: *dots,
                                })
                                .collect(),
                            answers,
                            actions: actions
                                .into_iter()
                                .map(|(what, due, status)| ActionFile {
                                    what: what.into(),
                                    owner: "Stuepædagogerne".into(),
                                    due,
                                    pillar: Some(PillarId::Collaboration),
                                    status,
                                })
                                .collect(),
                            follow_up_set: Vec::new(),
                        }
                    })
            })
    }

    fn meeting_strategy() -> impl Strategy<Value = MeetingFile> {
        (any::<bool>(), any::<bool>(), 0u32..40).prop_flat_map(|(names, ended, participants)| {
            prop::collection::vec(item_strategy(names), 1..4).prop_flat_map(move |items| {
                let count = items.len();
                (Just(items), 0..count).prop_map(move |(items, current)| MeetingFile {
                    title: "Forældremøde".into(),
                    held: "2026-12-08".into(),
                    participants,
                    names_allowed: names,
                    ended,
                    current,
                    items,
                })
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Export → import → export gives the same file: the content survives and nothing
        /// but ids changes.
        #[test]
        fn a_file_export_made_comes_back_the_same(file in meeting_strategy()) {
            let exported = round(&file);
            prop_assert_eq!(sorted_texts(&exported), sorted_texts(&file));
            prop_assert_eq!(&round(&exported), &exported);
            let statuses = |f: &MeetingFile| -> Vec<ActionStatus> {
                f.items.iter().flat_map(|i| i.actions.iter().map(|a| a.status)).collect()
            };
            prop_assert_eq!(statuses(&exported), statuses(&file));
        }
    }

    #[test]
    fn a_held_meeting_leaves_no_ids_and_names_only_where_it_used_them() {
        let mut setup_steps = vec![agenda("Hvad fylder hos jer?")];
        setup_steps.push(agenda("Hvad gør vi nu?"));
        for names_allowed in [false, true] {
            let mut state = MeetingState::new(MeetingSetup {
                title: MeetingTitle::parse("Forældremøde").expect("title"),
                agenda: Agenda::new(setup_steps.clone()).expect("agenda"),
                names_allowed,
                vote_rules: VoteRules::default(),
                shuffle_seed: 7,
            });
            let host = |state: &mut MeetingState, command: Command| {
                state.handle(Actor::Host, &command, 0).expect("host");
            };
            host(
                &mut state,
                Command::GoTo {
                    step: 0,
                    phase: Phase::Reflect,
                },
            );
            let lene = ParticipantId::new();
            let anonymous = ParticipantId::new();
            state
                .handle(
                    Actor::Participant(lene),
                    &Command::Join {
                        name: names_allowed.then(|| "Lene".to_owned()),
                    },
                    0,
                )
                .expect("join");
            state
                .handle(
                    Actor::Participant(anonymous),
                    &Command::Join { name: None },
                    0,
                )
                .expect("join");
            let mut answers = Vec::new();
            for (who, text) in [
                (lene, "Mere ro"),
                (anonymous, "Ture i skoven"),
                (anonymous, "Ro i garderoben"),
            ] {
                let id = AnswerId::new();
                state
                    .handle(
                        Actor::Participant(who),
                        &Command::SubmitAnswer {
                            answer: id,
                            text: text.into(),
                            lang: Lang::Da,
                            heading: None,
                        },
                        0,
                    )
                    .expect("answer");
                answers.push(id);
            }
            host(
                &mut state,
                Command::GoTo {
                    step: 0,
                    phase: Phase::Sort,
                },
            );
            host(
                &mut state,
                Command::MergeAnswers {
                    cluster: ClusterId::new(),
                    title: "Ro".into(),
                    answers: vec![answers[0], answers[2]],
                },
            );
            host(
                &mut state,
                Command::GoTo {
                    step: 0,
                    phase: Phase::Vote,
                },
            );
            state
                .handle(
                    Actor::Participant(lene),
                    &Command::SetDots {
                        target: Target::Answer(answers[1]),
                        dots: 2,
                    },
                    0,
                )
                .expect("dots");
            host(
                &mut state,
                Command::GoTo {
                    step: 0,
                    phase: Phase::Agree,
                },
            );
            let action = ActionId::new();
            host(
                &mut state,
                Command::RecordAction {
                    action,
                    what: "Skovdag i maj".into(),
                    owner: "Forældrerådet".into(),
                    due: Some("2027-05-01".into()),
                    pillar: None,
                },
            );
            host(&mut state, Command::EndMeeting);

            let held = Day::new(2026, 12, 8).expect("day");
            let file = MeetingFile::export(&state, held, |_| ActionStatus::Doing);
            let json = serde_json::to_string(&TeamFile::new("Skolen ved Søen", vec![file.clone()]))
                .expect("json");
            for id in [lene.0, anonymous.0, answers[0].0, answers[1].0, action.0] {
                assert!(!json.contains(&id.to_string()), "an id in the file: {json}");
            }
            assert_eq!(json.contains("\"name\":\"Lene\""), names_allowed, "{json}");
            let item = &file.items[0];
            assert_eq!(
                item.groups,
                vec![GroupFile {
                    title: "Ro".into(),
                    dots: 0
                }]
            );
            assert_eq!(
                item.answers
                    .iter()
                    .map(|a| (a.text.as_str(), a.group, a.dots))
                    .collect::<Vec<_>>(),
                vec![
                    ("Mere ro", Some(0), 0),
                    ("Ro i garderoben", Some(0), 0),
                    ("Ture i skoven", None, 2)
                ]
            );
            assert_eq!(file.participants, 2);
            assert_eq!(item.actions[0].status, ActionStatus::Doing);
            assert_eq!(round(&file), file);
            assert_eq!(
                TeamFile::parse(json.as_bytes()).expect("parses").meetings,
                vec![file]
            );
        }
    }

    #[test]
    fn files_that_are_not_ours_or_not_possible_are_refused() {
        assert_eq!(TeamFile::parse(b"{}"), Err(ImportError::NotOurs));
        assert_eq!(TeamFile::parse(b"not json"), Err(ImportError::NotOurs));
        assert_eq!(
            TeamFile::parse(br#"{"format":"samraad-team","version":99,"team":"x","meetings":[]}"#),
            Err(ImportError::Newer(99))
        );
        let base = MeetingFile {
            title: "Møde".into(),
            held: "2026-12-08".into(),
            participants: 1,
            names_allowed: false,
            ended: false,
            current: 0,
            items: vec![ItemFile {
                agenda: agenda("Hvad?"),
                phase: Phase::Agree,
                rules: VoteRules::default(),
                groups: Vec::new(),
                answers: vec![AnswerFile {
                    text: "Mere ro".into(),
                    lang: Lang::Da,
                    name: None,
                    hidden: false,
                    group: None,
                    dots: 1,
                }],
                actions: Vec::new(),
                follow_up_set: Vec::new(),
            }],
        };
        assert!(base.import(1, 7).is_ok());
        let mut done = base.clone();
        done.items[0].phase = Phase::Done;
        assert!(done.import(1, 7).is_ok(), "done is a phase every item has");
        let broken: [fn(&mut MeetingFile); 7] = [
            |f| f.held = "2026-02-30".into(),
            |f| f.current = 5,
            |f| f.items[0].answers[0].name = Some("Lene".into()),
            |f| f.items[0].answers[0].group = Some(0),
            |f| f.items[0].answers[0].text = "Mit CPR er 010203-1234".into(),
            |f| f.items[0].agenda.phases = vec![Phase::Agree],
            |f| f.items.clear(),
        ];
        for (index, breaks) in broken.iter().enumerate() {
            let mut file = base.clone();
            breaks(&mut file);
            assert_eq!(
                file.import(3, 7).err(),
                Some(ImportError::Invalid { meeting: 3 }),
                "case {index}"
            );
        }
    }
}
