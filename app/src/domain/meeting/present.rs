//! How a step is put before the room: one question that everyone answers, the statements and
//! commitments it rests on as quotes, the other questions as prompts for the talk, and the
//! sources in one line. Pure, so the projector, the phones and the console agree.

use super::agenda::StepQuestion;
use super::view::StepView;
use crate::content::model::{ItemKind, Localized};
use crate::domain::phase::Phase;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    /// The question everyone answers; `None` when the step has only statements or
    /// commitments and no question of its own: then the standard question applies
    /// (a whole sentence in the locale files).
    pub ask: Option<Localized>,
    /// Statements and commitments, without the quotation marks the source put around them.
    pub quotes: Vec<Localized>,
    /// The step's other questions, for the talk once the answers are up.
    pub prompts: Vec<Localized>,
    /// The documents the texts come from, each once, in order.
    pub sources: Vec<String>,
}

/// The first question of a step is the one to answer (the templates' rule: "the first is
/// the main question"); a statement's own reflection questions count as questions.
pub fn present(questions: &[StepQuestion]) -> Presented {
    let mut asks: Vec<Localized> = Vec::new();
    let mut quotes = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for question in questions {
        if question.kind == ItemKind::Question {
            asks.push(question.text.clone());
        } else {
            quotes.push(Localized {
                da: unquoted(&question.text.da).to_owned(),
                en: unquoted(&question.text.en).to_owned(),
            });
        }
        asks.extend(question.prompts.iter().cloned());
        if let Some(source) = &question.source
            && !source.document.is_empty()
            && !sources.contains(&source.document)
        {
            sources.push(source.document.clone());
        }
    }
    let mut asks = asks.into_iter();
    Presented {
        ask: asks.next(),
        quotes,
        prompts: asks.collect(),
        sources,
    }
}

/// A quote as the source printed it, without its own quotation marks (the page sets them).
fn unquoted(text: &str) -> &str {
    const MARKS: &[char] = &['"', '“', '”', '„', '»', '«', '\''];
    let trimmed = text.trim();
    match (trimmed.chars().next(), trimmed.chars().last()) {
        (Some(first), Some(last)) if MARKS.contains(&first) && MARKS.contains(&last) => {
            trimmed.trim_matches(MARKS).trim()
        }
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::agenda::QuestionSource;

    fn text(da: &str) -> Localized {
        Localized {
            da: da.to_owned(),
            en: da.to_owned(),
        }
    }

    fn item(kind: ItemKind, da: &str, prompts: &[&str], document: &str) -> StepQuestion {
        StepQuestion {
            text: text(da),
            prompts: prompts.iter().map(|p| text(p)).collect(),
            source: Some(QuestionSource {
                item_id: da.to_owned(),
                document: document.to_owned(),
                section: "Afsnit".to_owned(),
                edited: false,
            }),
            kind,
        }
    }

    #[test]
    fn given_three_questions_when_presented_then_the_first_is_asked_and_the_others_are_prompts() {
        let presented = present(&[
            item(ItemKind::Question, "Hvad skal børnene lære?", &[], "Aarhus"),
            item(ItemKind::Question, "Hvordan ser vi det?", &[], "Aarhus"),
            item(ItemKind::Question, "Hvad gør vi så?", &[], "Aarhus"),
        ]);
        assert_eq!(presented.ask, Some(text("Hvad skal børnene lære?")));
        assert_eq!(
            presented.prompts,
            vec![text("Hvordan ser vi det?"), text("Hvad gør vi så?")]
        );
        assert!(presented.quotes.is_empty());
        assert_eq!(
            presented.sources,
            vec!["Aarhus".to_owned()],
            "the source once"
        );
    }

    #[test]
    fn given_a_statement_with_its_question_when_presented_then_it_is_a_quote_and_its_question_is_asked()
     {
        let presented = present(&[
            item(
                ItemKind::Statement,
                "\"Forældre påpeger vigtigheden af god stemning.\"",
                &["Hvilke værdier ligger til grund?"],
                "Ballerup",
            ),
            item(
                ItemKind::Commitment,
                "Vi er gode rollemodeller.",
                &[],
                "Randers",
            ),
        ]);
        assert_eq!(
            presented.ask,
            Some(text("Hvilke værdier ligger til grund?"))
        );
        assert_eq!(
            presented.quotes,
            vec![
                text("Forældre påpeger vigtigheden af god stemning."),
                text("Vi er gode rollemodeller.")
            ]
        );
        assert!(presented.prompts.is_empty());
        assert_eq!(
            presented.sources,
            vec!["Ballerup".to_owned(), "Randers".to_owned()]
        );
    }

    #[test]
    fn given_only_commitments_when_presented_then_the_standard_question_applies() {
        let presented = present(&[
            item(
                ItemKind::Commitment,
                "Vi har et fælles ansvar.",
                &[],
                "Randers",
            ),
            item(
                ItemKind::Commitment,
                "Den, der erfarer en udfordring …",
                &[],
                "Randers",
            ),
        ]);
        assert_eq!(presented.ask, None);
        assert_eq!(presented.quotes.len(), 2);
    }

    #[test]
    fn quotation_marks_are_taken_off_only_when_they_wrap_the_whole_text() {
        assert_eq!(unquoted("\"Et udsagn.\""), "Et udsagn.");
        assert_eq!(unquoted("»Et udsagn.«"), "Et udsagn.");
        assert_eq!(
            unquoted("Vi siger \"ja\" og \"nej\""),
            "Vi siger \"ja\" og \"nej\""
        );
    }
}

/// Places in a ranking where equal tallies share a place ("1, 2, 2, 4"): four answers with 7
/// dots each are not first to fourth. `dots` is in ranked order, most first.
pub fn shared_places(dots: &[u32]) -> Vec<usize> {
    dots.iter()
        .map(|mine| 1 + dots.iter().filter(|other| *other > mine).count())
        .collect()
}

/// A bar's length in a ranking: `part` of `whole` in per cent with one decimal ("57.1"), in
/// whole-number arithmetic (no float formatting in the phone's bundle). An empty whole is 0.
pub fn percent_tenths(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "0.0".to_owned();
    }
    let (part, whole) = (u64::from(part), u64::from(whole));
    let tenths = (2000 * part + whole) / (2 * whole);
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod place_tests {
    use super::{percent_tenths, shared_places};

    #[test]
    fn a_bar_is_a_per_cent_rounded_to_the_nearest_tenth() {
        assert_eq!(percent_tenths(7, 7), "100.0");
        assert_eq!(percent_tenths(0, 7), "0.0");
        assert_eq!(percent_tenths(4, 7), "57.1");
        assert_eq!(percent_tenths(2, 3), "66.7");
        assert_eq!(percent_tenths(1, 0), "0.0");
        for whole in 1..=60u32 {
            for part in 0..=whole {
                // The nearest tenth (a half rounds up, where float formatting may round down).
                let exact = 100.0 * f64::from(part) / f64::from(whole);
                let ours: f64 = percent_tenths(part, whole).parse().unwrap();
                assert!((ours - exact).abs() <= 0.05 + 1e-9, "{part}/{whole}");
            }
        }
    }

    #[test]
    fn equal_tallies_share_a_place_and_the_next_place_skips() {
        assert_eq!(shared_places(&[9, 7, 7, 7, 7, 2]), vec![1, 2, 2, 2, 2, 6]);
        assert_eq!(shared_places(&[3, 3]), vec![1, 1]);
        assert_eq!(shared_places(&[]), Vec::<usize>::new());
    }
}

/// A place in the agenda: a step and one of its phases.
pub type Position = (usize, Phase);

/// Where "Næste" and "Tilbage" (and a clicker's keys) lead from this step and phase. Once an
/// item's actions are agreed, "Næste" goes on to the next item: a last click on "Færdig"
/// would add nothing (the item keeps its actions, and the agenda shows it as agreed). Only
/// the last item ends on "Færdig".
pub fn neighbours(step: &StepView, step_count: usize) -> (Option<Position>, Option<Position>) {
    let has_next_step = step.index + 1 < step_count;
    let next = step
        .phases
        .iter()
        .copied()
        .find(|p| *p > step.phase && !(has_next_step && *p == Phase::Done))
        .map(|p| (step.index, p))
        .or_else(|| has_next_step.then_some((step.index + 1, Phase::Intro)));
    let previous = step
        .phases
        .iter()
        .rev()
        .copied()
        .find(|p| *p < step.phase)
        .map(|p| (step.index, p))
        .or_else(|| step.index.checked_sub(1).map(|i| (i, Phase::Done)));
    (next, previous)
}

#[cfg(test)]
mod neighbour_tests {
    use super::*;
    use crate::content::model::Localized;
    use crate::domain::meeting::state::VoteRules;

    fn step(index: usize, phase: Phase) -> StepView {
        StepView {
            index,
            theme: Localized {
                da: String::new(),
                en: String::new(),
            },
            questions: Vec::new(),
            pillars: Vec::new(),
            phase,
            phases: Phase::ALL.to_vec(),
            rules: VoteRules::default(),
            tallies_visible: false,
            cards: Vec::new(),
            actions: Vec::new(),
            follow_up: None,
            round: None,
            harvest: None,
            stations: Vec::new(),
        }
    }

    #[test]
    fn after_the_actions_next_goes_on_to_the_next_item() {
        assert_eq!(
            neighbours(&step(0, Phase::Agree), 3).0,
            Some((1, Phase::Intro))
        );
        assert_eq!(
            neighbours(&step(0, Phase::Vote), 3).0,
            Some((0, Phase::Agree))
        );
        assert_eq!(
            neighbours(&step(1, Phase::Intro), 3).1,
            Some((0, Phase::Done))
        );
    }

    #[test]
    fn the_last_item_ends_on_done_and_the_first_has_nothing_before() {
        assert_eq!(
            neighbours(&step(2, Phase::Agree), 3).0,
            Some((2, Phase::Done))
        );
        assert_eq!(neighbours(&step(2, Phase::Done), 3).0, None);
        assert_eq!(neighbours(&step(0, Phase::Intro), 3).1, None);
    }
}

/// Whole minutes used of an item: its earlier visits and, for the current item, the visit
/// going on (`running_since` to `now`, server ms). Rounded down, as a clock shows it.
pub fn minutes_used(spent_ms: i64, running_since: Option<i64>, now_ms: i64) -> i64 {
    let running = running_since.map_or(0, |since| (now_ms - since).max(0));
    (spent_ms + running) / 60_000
}

#[cfg(test)]
mod time_tests {
    use super::minutes_used;

    #[test]
    fn the_running_visit_counts_with_the_earlier_ones() {
        assert_eq!(minutes_used(5 * 60_000, None, 0), 5);
        assert_eq!(
            minutes_used(5 * 60_000, Some(1_000), 1_000 + 3 * 60_000 + 59_000),
            8
        );
        assert_eq!(
            minutes_used(0, Some(10_000), 0),
            0,
            "a clock behind the server is not negative"
        );
    }
}
