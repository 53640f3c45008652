//! An agenda being composed before a meeting: steps taken from a template, texts picked from
//! the library, the host's own questions; reordered, removed and reworded. Every step holds a
//! copy, so rewording never touches the library, and a copy remembers where it came from.

use serde::{Deserialize, Serialize};

use super::{
    agenda::{Agenda, AgendaError, AgendaStep, MAX_STEPS, StepQuestion},
    state::VoteRules,
    text::{QuestionText, TextError},
};
use crate::content::{Library, model::Localized, template::Template};
use crate::domain::phase::Phase;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgendaDraft {
    pub steps: Vec<AgendaStep>,
    /// The template's vote rules when the draft began from one.
    pub vote_rules: VoteRules,
}

/// One change to a draft. Steps and questions are named by their position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftEdit {
    AddItem {
        item_id: String,
    },
    AddOwn {
        text: String,
    },
    MoveUp {
        step: usize,
    },
    MoveDown {
        step: usize,
    },
    Remove {
        step: usize,
    },
    Reword {
        step: usize,
        question: usize,
        text: String,
    },
    /// Back to the library's wording.
    Restore {
        step: usize,
        question: usize,
    },
    /// Makes a step a round of the café (people talk at tables and move between rounds), or
    /// a plenary step again.
    SetRound {
        step: usize,
        round: bool,
    },
    /// Puts a step's texts into the step above it (one round with two texts: stations, or a
    /// statement with its question), and removes the step.
    JoinAbove {
        step: usize,
    },
}

/// More rounds than this is not one evening (the composer's refusal, `compose_error_too_many_rounds`, says 5).
pub const MAX_ROUNDS: usize = 5;

/// Why an edit was refused; the draft is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("no library text has the id {0}")]
    UnknownItem(String),
    #[error("the agenda already has {max} steps")]
    Full { max: usize },
    #[error("the agenda has no such step or question")]
    NoSuchPlace,
    #[error("a café has at most {max} rounds")]
    TooManyRounds { max: usize },
    #[error("the question: {0}")]
    Text(#[from] TextError),
}

impl AgendaDraft {
    /// A draft of a template's steps, to adapt before the meeting.
    pub fn from_template(library: &Library, template: &Template) -> Result<Self, AgendaError> {
        let agenda = Agenda::from_template(library, template)?;
        Ok(Self {
            steps: agenda.steps,
            vote_rules: VoteRules {
                budget: template.template.vote_budget,
                cap: template.template.vote_cap,
                ..VoteRules::default()
            },
        })
    }

    /// A draft of questions the host typed, one step each.
    pub fn from_typed(questions: Vec<QuestionText>) -> Self {
        Self {
            steps: questions.into_iter().map(AgendaStep::typed).collect(),
            vote_rules: VoteRules::default(),
        }
    }

    /// Applies one edit, or refuses it and leaves the draft as it was.
    pub fn apply(&mut self, library: &Library, edit: DraftEdit) -> Result<(), DraftError> {
        match edit {
            DraftEdit::AddItem { item_id } => {
                self.ensure_room()?;
                let step =
                    step_from_item(library, &item_id).ok_or(DraftError::UnknownItem(item_id))?;
                self.steps.push(step);
            }
            DraftEdit::AddOwn { text } => {
                self.ensure_room()?;
                self.steps
                    .push(AgendaStep::typed(QuestionText::parse(&text)?));
            }
            DraftEdit::MoveUp { step } => {
                if step == 0 || step >= self.steps.len() {
                    return Err(DraftError::NoSuchPlace);
                }
                self.steps.swap(step - 1, step);
            }
            DraftEdit::MoveDown { step } => {
                // `step` comes from a form: the largest number must not overflow.
                if step.saturating_add(1) >= self.steps.len() {
                    return Err(DraftError::NoSuchPlace);
                }
                self.steps.swap(step, step + 1);
            }
            DraftEdit::Remove { step } => {
                if step >= self.steps.len() {
                    return Err(DraftError::NoSuchPlace);
                }
                self.steps.remove(step);
            }
            DraftEdit::Reword {
                step,
                question,
                text,
            } => {
                let text = QuestionText::parse(&text)?.to_string();
                let target = self.question_mut(step, question)?;
                if target.text.da == text || target.text.en == text {
                    return Ok(());
                }
                // The host writes one wording; everyone sees it, whatever their language.
                target.text = Localized {
                    da: text.clone(),
                    en: text,
                };
                if let Some(source) = &mut target.source {
                    source.edited = true;
                }
            }
            DraftEdit::Restore { step, question } => {
                let target = self.question_mut(step, question)?;
                let Some(item_id) = target.source.as_ref().map(|s| s.item_id.clone()) else {
                    return Err(DraftError::NoSuchPlace);
                };
                let (_, item) = library
                    .item(&item_id)
                    .ok_or(DraftError::UnknownItem(item_id))?;
                *target = StepQuestion::from_item(library, item);
            }
            DraftEdit::SetRound { step, round } => {
                let rounds = self.steps.iter().filter(|s| s.table_round).count();
                let target = self.steps.get_mut(step).ok_or(DraftError::NoSuchPlace)?;
                if round && !target.table_round && rounds >= MAX_ROUNDS {
                    return Err(DraftError::TooManyRounds { max: MAX_ROUNDS });
                }
                target.table_round = round;
                // A round is table talk; the room sees, sorts and votes in plenary.
                target.phases = if round {
                    vec![Phase::Intro, Phase::Reflect, Phase::Done]
                } else {
                    Phase::ALL.to_vec()
                };
            }
            DraftEdit::JoinAbove { step } => {
                if step == 0 || step >= self.steps.len() {
                    return Err(DraftError::NoSuchPlace);
                }
                let joined = self.steps.remove(step);
                let above = &mut self.steps[step - 1];
                above.questions.extend(joined.questions);
                for pillar in joined.pillars {
                    if !above.pillars.contains(&pillar) {
                        above.pillars.push(pillar);
                    }
                }
                if let (Some(a), Some(b)) = (above.minutes, joined.minutes) {
                    above.minutes = Some(a + b);
                }
            }
        }
        Ok(())
    }

    /// Whether a library text is already on the agenda.
    pub fn contains_item(&self, item_id: &str) -> bool {
        self.steps.iter().any(|step| {
            step.questions
                .iter()
                .any(|q| q.source.as_ref().is_some_and(|s| s.item_id == item_id))
        })
    }

    /// The agenda a meeting starts with.
    pub fn to_agenda(&self) -> Result<Agenda, AgendaError> {
        Agenda::new(self.steps.clone())
    }

    fn ensure_room(&self) -> Result<(), DraftError> {
        if self.steps.len() >= MAX_STEPS {
            return Err(DraftError::Full { max: MAX_STEPS });
        }
        Ok(())
    }

    fn question_mut(
        &mut self,
        step: usize,
        question: usize,
    ) -> Result<&mut StepQuestion, DraftError> {
        self.steps
            .get_mut(step)
            .and_then(|s| s.questions.get_mut(question))
            .ok_or(DraftError::NoSuchPlace)
    }
}

/// A step of one library text: its theme (the document's, or its section), its pillars,
/// every phase.
pub fn step_from_item(library: &Library, item_id: &str) -> Option<AgendaStep> {
    let (document, item) = library.item(item_id)?;
    let theme = document
        .themes
        .iter()
        .find(|theme| theme.id == item.theme)
        .map(|theme| theme.title.clone())
        .unwrap_or_else(|| Localized {
            da: item.section.clone(),
            en: item.section.clone(),
        });
    Some(AgendaStep {
        theme,
        questions: vec![StepQuestion::from_item(library, item)],
        pillars: item.pillars.clone(),
        phases: Phase::ALL.to_vec(),
        minutes: None,
        notes: None,
        follow_up: Vec::new(),
        table_round: false,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::content::library;

    fn lib() -> &'static Library {
        library().expect("content loads")
    }

    fn first_item_ids(n: usize) -> Vec<String> {
        lib()
            .items()
            .take(n)
            .map(|(_, item)| item.id.clone())
            .collect()
    }

    #[test]
    fn a_picked_text_keeps_its_source_and_rewording_leaves_the_library_alone() {
        let mut draft = AgendaDraft::default();
        let id = first_item_ids(1).remove(0);
        let library_text = lib().item(&id).map(|(_, item)| item.da.clone());
        draft
            .apply(
                lib(),
                DraftEdit::AddItem {
                    item_id: id.clone(),
                },
            )
            .expect("added");
        assert!(draft.contains_item(&id));
        assert!(
            !draft.steps[0].pillars.is_empty(),
            "the text's pillars come along"
        );
        draft
            .apply(
                lib(),
                DraftEdit::Reword {
                    step: 0,
                    question: 0,
                    text: "Hvad lærer børnene hos os?".into(),
                },
            )
            .expect("reworded");
        let question = &draft.steps[0].questions[0];
        assert_eq!(question.text.da, "Hvad lærer børnene hos os?");
        let source = question.source.as_ref().expect("source kept");
        assert_eq!(source.item_id, id);
        assert!(source.edited);
        assert_eq!(
            lib().item(&id).map(|(_, item)| item.da.clone()),
            library_text
        );

        draft
            .apply(
                lib(),
                DraftEdit::Restore {
                    step: 0,
                    question: 0,
                },
            )
            .expect("restored");
        let restored = &draft.steps[0].questions[0];
        assert!(!restored.source.as_ref().expect("source").edited);
        assert_ne!(restored.text.da, "Hvad lærer børnene hos os?");
    }

    #[test]
    fn a_template_draft_keeps_its_steps_and_vote_rules() {
        let template = &lib().templates[0];
        let draft = AgendaDraft::from_template(lib(), template).expect("draft");
        assert_eq!(draft.steps.len(), template.steps.len());
        assert_eq!(draft.vote_rules.budget, template.template.vote_budget);
        assert_eq!(draft.to_agenda().expect("agenda").steps, draft.steps);
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let mut draft =
            AgendaDraft::from_typed(vec![QuestionText::parse("Hvad virker?").expect("text")]);
        let before = draft.clone();
        let refused = [
            DraftEdit::AddItem {
                item_id: "findes-ikke".into(),
            },
            DraftEdit::AddOwn { text: "   ".into() },
            DraftEdit::AddOwn {
                text: "Mit cpr er 010190-1234".into(),
            },
            DraftEdit::MoveUp { step: 0 },
            DraftEdit::MoveDown { step: 0 },
            DraftEdit::MoveDown { step: usize::MAX },
            DraftEdit::MoveUp { step: usize::MAX },
            DraftEdit::Remove { step: 3 },
            DraftEdit::Reword {
                step: 0,
                question: 2,
                text: "Hvad?".into(),
            },
            DraftEdit::Reword {
                step: 0,
                question: 0,
                text: "x".repeat(501),
            },
            DraftEdit::Restore {
                step: 0,
                question: 0,
            },
        ];
        for edit in refused {
            assert!(
                draft.apply(lib(), edit.clone()).is_err(),
                "{edit:?} was accepted"
            );
            assert_eq!(draft, before, "{edit:?} changed the draft");
        }
        assert_eq!(AgendaDraft::default().to_agenda(), Err(AgendaError::Empty));
    }

    #[test]
    fn a_full_agenda_takes_no_more_steps() {
        let mut draft = AgendaDraft::default();
        for n in 0..MAX_STEPS {
            draft
                .apply(
                    lib(),
                    DraftEdit::AddOwn {
                        text: format!("Spørgsmål {n}?"),
                    },
                )
                .expect("room");
        }
        assert_eq!(
            draft.apply(
                lib(),
                DraftEdit::AddOwn {
                    text: "Én til?".into()
                }
            ),
            Err(DraftError::Full { max: MAX_STEPS })
        );
    }

    fn any_edit() -> impl Strategy<Value = DraftEdit> {
        let ids = first_item_ids(6);
        prop_oneof![
            prop::sample::select(ids).prop_map(|item_id| DraftEdit::AddItem { item_id }),
            "[a-zæøå ?]{0,12}".prop_map(|text| DraftEdit::AddOwn { text }),
            (0usize..8).prop_map(|step| DraftEdit::MoveUp { step }),
            prop_oneof![Just(usize::MAX), 0usize..8].prop_map(|step| DraftEdit::MoveDown { step }),
            (0usize..8).prop_map(|step| DraftEdit::Remove { step }),
            (0usize..8, 0usize..2, "[a-zæøå ?]{0,12}").prop_map(|(step, question, text)| {
                DraftEdit::Reword {
                    step,
                    question,
                    text,
                }
            }),
            (0usize..8, 0usize..2)
                .prop_map(|(step, question)| DraftEdit::Restore { step, question }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever the host does, nothing is lost silently: only a removal drops a step,
        /// every library copy keeps its source, and a non-empty draft is a valid agenda.
        #[test]
        fn edits_never_lose_a_step_or_a_source(edits in prop::collection::vec(any_edit(), 0..40)) {
            let mut draft = AgendaDraft::default();
            for edit in edits {
                let before = draft.steps.len();
                let removal = matches!(edit, DraftEdit::Remove { .. });
                let adding = matches!(edit, DraftEdit::AddItem { .. } | DraftEdit::AddOwn { .. });
                match draft.apply(lib(), edit) {
                    Ok(()) if removal => prop_assert_eq!(draft.steps.len(), before - 1),
                    Ok(()) if adding => prop_assert_eq!(draft.steps.len(), before + 1),
                    _ => prop_assert_eq!(draft.steps.len(), before),
                }
                prop_assert!(draft.steps.len() <= MAX_STEPS);
                for step in &draft.steps {
                    for question in &step.questions {
                        if let Some(source) = &question.source {
                            prop_assert!(lib().item(&source.item_id).is_some());
                        }
                    }
                }
                prop_assert_eq!(draft.to_agenda().is_ok(), !draft.steps.is_empty());
            }
        }
    }

    fn typed(questions: &[&str]) -> AgendaDraft {
        AgendaDraft::from_typed(
            questions
                .iter()
                .map(|q| QuestionText::parse(q).expect("text"))
                .collect(),
        )
    }

    #[test]
    fn a_step_becomes_a_round_of_the_cafe_and_plenary_again() {
        let mut draft = typed(&["Hvad taler vi om ved bordene?", "Hvad tager vi med?"]);
        draft
            .apply(
                lib(),
                DraftEdit::SetRound {
                    step: 0,
                    round: true,
                },
            )
            .expect("a round");
        assert!(draft.steps[0].table_round);
        assert_eq!(
            draft.steps[0].phases,
            vec![Phase::Intro, Phase::Reflect, Phase::Done],
            "table talk; the room votes in plenary"
        );
        let agenda = draft.to_agenda().expect("agenda");
        assert_eq!(agenda.rounds(), 1);
        assert_eq!(
            agenda.harvest_step(),
            Some(1),
            "the plenary step after it harvests"
        );
        draft
            .apply(
                lib(),
                DraftEdit::SetRound {
                    step: 0,
                    round: false,
                },
            )
            .expect("plenary");
        assert!(!draft.steps[0].table_round);
        assert_eq!(draft.steps[0].phases, Phase::ALL.to_vec());
        assert_eq!(
            draft.apply(
                lib(),
                DraftEdit::SetRound {
                    step: 2,
                    round: true
                }
            ),
            Err(DraftError::NoSuchPlace)
        );
    }

    #[test]
    fn a_sixth_round_is_refused_and_the_draft_is_unchanged() {
        let mut draft = typed(&["1?", "2?", "3?", "4?", "5?", "6?"]);
        for step in 0..MAX_ROUNDS {
            draft
                .apply(lib(), DraftEdit::SetRound { step, round: true })
                .expect("a round");
        }
        let before = draft.clone();
        assert_eq!(
            draft.apply(
                lib(),
                DraftEdit::SetRound {
                    step: 5,
                    round: true
                }
            ),
            Err(DraftError::TooManyRounds { max: MAX_ROUNDS })
        );
        assert_eq!(draft, before);
        // Marking a round again is no new round.
        draft
            .apply(
                lib(),
                DraftEdit::SetRound {
                    step: 0,
                    round: true,
                },
            )
            .expect("still a round");
    }

    #[test]
    fn joining_puts_the_texts_in_the_step_above() {
        let mut draft = typed(&["Først?"]);
        for item_id in ["ballerup-t1-udsagn-1", "ballerup-t3-udsagn-1"] {
            draft
                .apply(
                    lib(),
                    DraftEdit::AddItem {
                        item_id: item_id.into(),
                    },
                )
                .expect("added");
        }
        let pillars: Vec<_> = draft.steps[1]
            .pillars
            .iter()
            .chain(&draft.steps[2].pillars)
            .copied()
            .collect();
        draft
            .apply(lib(), DraftEdit::JoinAbove { step: 2 })
            .expect("joined");
        assert_eq!(draft.steps.len(), 2);
        let ids: Vec<_> = draft.steps[1]
            .questions
            .iter()
            .map(|q| q.source.as_ref().expect("source").item_id.as_str())
            .collect();
        assert_eq!(ids, ["ballerup-t1-udsagn-1", "ballerup-t3-udsagn-1"]);
        for pillar in pillars {
            assert_eq!(
                draft.steps[1]
                    .pillars
                    .iter()
                    .filter(|p| **p == pillar)
                    .count(),
                1,
                "each pillar once"
            );
        }
        for step in [0, 2, usize::MAX] {
            assert_eq!(
                draft.apply(lib(), DraftEdit::JoinAbove { step }),
                Err(DraftError::NoSuchPlace),
                "{step}"
            );
        }
    }
}
