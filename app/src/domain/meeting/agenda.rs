//! A meeting's agenda: its steps, each a theme with one or more questions. The agenda is a
//! copy taken when the meeting starts, so later edits of the library never change a meeting
//! that was held, and an edited question still remembers where it came from.

use serde::{Deserialize, Serialize};

use super::follow_up::FollowUpItem;
use super::text::QuestionText;
use crate::content::{
    Library,
    model::{Item, ItemKind, Localized, PillarId},
    template::{MeetingFormat, StepMode, Template},
};
use crate::domain::phase::Phase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub steps: Vec<AgendaStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaStep {
    pub theme: Localized,
    pub questions: Vec<StepQuestion>,
    pub pillars: Vec<PillarId>,
    /// The phases this step uses, in order; always starts with intro and ends with done.
    pub phases: Vec<Phase>,
    /// The planned time, when the step comes from a template.
    pub minutes: Option<u32>,
    /// What the host may say; shown on the console only.
    pub notes: Option<Localized>,
    /// In a follow-up step (*Opfølgning*), the earlier meetings' open actions it goes
    /// through (`follow_up.rs`); empty in every other step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up: Vec<FollowUpItem>,
    /// A round of the meeting's café: people sit at tables and move between rounds
    /// (`cafe.rs`). Off in a plenary step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub table_round: bool,
}

/// One question of a step, in both languages where the library has both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepQuestion {
    pub text: Localized,
    /// A statement's reflection questions (Ballerup's "Refleksion"), shown under it.
    pub prompts: Vec<Localized>,
    pub source: Option<QuestionSource>,
    /// What the text is: a question to answer, or a statement or commitment to reflect on.
    /// Meetings started before this was recorded read as questions.
    #[serde(default = "question_kind")]
    pub kind: ItemKind,
}

fn question_kind() -> ItemKind {
    ItemKind::Question
}

/// Where a question comes from, shown small on the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSource {
    pub item_id: String,
    pub document: String,
    pub section: String,
    /// True when the host changed the wording of the copy.
    pub edited: bool,
}

/// Why an agenda could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    #[error("the agenda has no steps")]
    Empty,
    #[error("the agenda has more than {max} steps")]
    TooLong { max: usize },
    #[error("no library text has the id {0}")]
    UnknownItem(String),
}

/// More than this is not one meeting.
pub const MAX_STEPS: usize = 20;

impl AgendaStep {
    /// A step with every phase, for a question the host typed.
    pub fn typed(question: QuestionText) -> Self {
        let text = question.to_string();
        Self {
            theme: Localized {
                da: text.clone(),
                en: text.clone(),
            },
            questions: vec![StepQuestion {
                text: Localized {
                    da: text.clone(),
                    en: text,
                },
                prompts: Vec::new(),
                source: None,
                kind: ItemKind::Question,
            }],
            pillars: Vec::new(),
            phases: Phase::ALL.to_vec(),
            minutes: None,
            notes: None,
            follow_up: Vec::new(),
            table_round: false,
        }
    }

    /// The follow-up step that opens a meeting: the earlier meetings' open actions, gone
    /// through in the *Aftaler* phase. `theme` and `question` come from the locale files.
    pub fn follow_up(theme: Localized, question: Localized, items: Vec<FollowUpItem>) -> Self {
        Self {
            theme,
            questions: vec![StepQuestion {
                text: question,
                prompts: Vec::new(),
                source: None,
                kind: ItemKind::Question,
            }],
            pillars: Vec::new(),
            phases: vec![Phase::Intro, Phase::Agree, Phase::Done],
            minutes: Some(10),
            notes: None,
            follow_up: items,
            table_round: false,
        }
    }

    pub fn is_follow_up(&self) -> bool {
        !self.follow_up.is_empty()
    }

    /// The phase after `phase` in this step, if any.
    pub fn next_phase(&self, phase: Phase) -> Option<Phase> {
        self.phases.iter().copied().find(|p| *p > phase)
    }

    /// The phase before `phase` in this step, if any.
    pub fn previous_phase(&self, phase: Phase) -> Option<Phase> {
        self.phases.iter().rev().copied().find(|p| *p < phase)
    }

    pub fn first_phase(&self) -> Phase {
        self.phases.first().copied().unwrap_or(Phase::Intro)
    }

    pub fn last_phase(&self) -> Phase {
        self.phases.last().copied().unwrap_or(Phase::Done)
    }
}

impl StepQuestion {
    /// A copy of a library item, remembering its source.
    pub fn from_item(library: &Library, item: &Item) -> Self {
        let document = library
            .documents
            .iter()
            .find(|document| document.items.iter().any(|i| i.id == item.id))
            .map(|document| document.document.title.clone())
            .unwrap_or_default();
        let text = match &item.lead_in {
            Some(lead_in) => Localized {
                da: format!("{} {}", lead_in.da, item.da),
                en: format!("{} {}", lead_in.en, item.en),
            },
            None => Localized {
                da: item.da.clone(),
                en: item.en.clone(),
            },
        };
        Self {
            text,
            prompts: item.reflection.clone(),
            kind: item.kind,
            source: Some(QuestionSource {
                item_id: item.id.clone(),
                document,
                section: item.section.clone(),
                edited: false,
            }),
        }
    }
}

impl Agenda {
    /// The agenda a template describes, with every item copied from the library.
    pub fn from_template(library: &Library, template: &Template) -> Result<Self, AgendaError> {
        let steps = template
            .steps
            .iter()
            .map(|step| {
                let questions = step
                    .items
                    .iter()
                    .map(|id| {
                        library
                            .item(id)
                            .map(|(_, item)| StepQuestion::from_item(library, item))
                            .ok_or_else(|| AgendaError::UnknownItem(id.clone()))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(AgendaStep {
                    theme: step.theme.clone(),
                    questions,
                    pillars: step.pillars.clone(),
                    phases: with_ends(&step.phases),
                    minutes: Some(step.minutes),
                    notes: Some(step.notes.clone()),
                    follow_up: Vec::new(),
                    table_round: template.template.format == MeetingFormat::Cafe
                        && step.mode == StepMode::TableRound,
                })
            })
            .collect::<Result<Vec<_>, AgendaError>>()?;
        Self::new(steps)
    }

    pub fn new(steps: Vec<AgendaStep>) -> Result<Self, AgendaError> {
        if steps.is_empty() {
            return Err(AgendaError::Empty);
        }
        if steps.len() > MAX_STEPS {
            return Err(AgendaError::TooLong { max: MAX_STEPS });
        }
        Ok(Self { steps })
    }
}

/// Every step can be introduced and closed, whatever a template lists.
fn with_ends(phases: &[Phase]) -> Vec<Phase> {
    let mut all: Vec<Phase> = phases.to_vec();
    all.push(Phase::Intro);
    all.push(Phase::Done);
    all.sort();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::library;

    #[test]
    fn every_template_becomes_an_agenda_with_sources() {
        let library = library().expect("content loads");
        for template in &library.templates {
            let agenda = Agenda::from_template(library, template).expect("agenda");
            assert_eq!(agenda.steps.len(), template.steps.len());
            for step in &agenda.steps {
                assert_eq!(step.first_phase(), Phase::Intro);
                assert_eq!(step.last_phase(), Phase::Done);
                for question in &step.questions {
                    let source = question.source.as_ref().expect("source");
                    assert!(library.item(&source.item_id).is_some());
                    assert!(!source.document.is_empty());
                }
            }
        }
    }

    #[test]
    fn phases_move_within_the_step_only() {
        let step = AgendaStep {
            phases: vec![Phase::Intro, Phase::Reflect, Phase::Reveal, Phase::Done],
            ..AgendaStep::typed(QuestionText::parse("Hvad?").expect("text"))
        };
        assert_eq!(step.next_phase(Phase::Reveal), Some(Phase::Done));
        assert_eq!(step.next_phase(Phase::Done), None);
        assert_eq!(step.previous_phase(Phase::Done), Some(Phase::Reveal));
        assert_eq!(step.previous_phase(Phase::Intro), None);
    }
}
