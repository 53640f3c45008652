//! The café's harvest, tried as a parents' evening would use it: given the café template
//! after its four rounds, when the tables write their points, then each goes under a
//! heading of the harvest form, no table writes more than the limit under one, and the
//! harvest wall shows them heading by heading.

use super::agenda::{Agenda, AgendaStep};
use super::cafe_tests::{cafe, go, join, table};
use super::command::{Actor, Command, CommandError, Field, Lang};
use super::harvest::{DEFAULT_LIMIT, MAX_HEADINGS, MAX_LIMIT};
use super::ids::{AnswerId, ParticipantId};
use super::state::{Change, Event, MeetingSetup, MeetingState};
use super::text::{QuestionText, TextError};
use crate::domain::phase::Phase;

/// The template's harvest: the step after its four rounds.
const HARVEST: usize = 4;

fn write(
    state: &mut MeetingState,
    who: ParticipantId,
    heading: Option<u8>,
) -> Result<Event, CommandError> {
    state.handle(
        Actor::Participant(who),
        &Command::SubmitAnswer {
            answer: AnswerId::new(),
            text: format!("Pointe under {heading:?}"),
            lang: Lang::Da,
            heading,
        },
        0,
    )
}

fn set_form(state: &mut MeetingState, headings: &[&str], limit: u8) -> Result<Event, CommandError> {
    state.handle(
        Actor::Host,
        &Command::SetHarvest {
            headings: headings.iter().map(|h| (*h).to_owned()).collect(),
            limit,
        },
        0,
    )
}

/// Eight people through the four rounds, then at the harvest's writing.
fn at_the_harvest(state: &mut MeetingState) -> Vec<ParticipantId> {
    let people: Vec<ParticipantId> = (0..8).map(|_| join(state)).collect();
    for round in 0..4 {
        go(state, round, Phase::Reflect);
    }
    go(state, HARVEST, Phase::Reflect);
    people
}

#[test]
fn the_harvest_is_the_first_step_after_the_rounds_that_collects_answers() {
    let state = cafe();
    assert_eq!(state.setup.agenda.harvest_step(), Some(HARVEST));
    let plenary = Agenda::new(vec![AgendaStep::typed(
        QuestionText::parse("Hvad?").expect("text"),
    )])
    .expect("agenda");
    assert_eq!(plenary.harvest_step(), None);
}

#[test]
fn each_table_writes_at_most_the_limit_under_each_heading() {
    let mut state = cafe();
    let people = at_the_harvest(&mut state);
    let writer = people[0];
    let here = table(&state, writer);
    let neighbour = people[1..]
        .iter()
        .copied()
        .find(|p| table(&state, *p) == here)
        .expect("someone else at the table");
    let elsewhere = people
        .iter()
        .copied()
        .find(|p| table(&state, *p) != here)
        .expect("someone at another table");

    for _ in 0..DEFAULT_LIMIT {
        write(&mut state, writer, Some(1)).expect("room under the heading");
    }
    let full = Err(CommandError::HarvestFull {
        limit: DEFAULT_LIMIT,
    });
    assert_eq!(write(&mut state, writer, Some(1)), full);
    assert_eq!(
        write(&mut state, neighbour, Some(1)),
        full,
        "the limit is the table's, not each person's"
    );
    write(&mut state, elsewhere, Some(1)).expect("another table has its own room");
    assert_eq!(
        write(&mut state, writer, Some(3)),
        Err(CommandError::NoSuchHeading)
    );
    let first = write(&mut state, neighbour, None).expect("no heading: the first");
    assert!(matches!(
        first.change,
        Change::AnswerSubmitted {
            heading: Some(0),
            ..
        }
    ));

    let seat = state.participant_own(Some(writer)).seat.expect("seated");
    assert_eq!(seat.filled, vec![1, 3, 0], "the table's count under each");
    let step = state.participant_view("K7MP4Q", Some(writer)).step;
    assert_eq!(step.harvest.expect("the form").count(), 3);

    go(&mut state, HARVEST, Phase::Reveal);
    let cards = state.screen_view("K7MP4Q").step.cards;
    let order: Vec<(Option<u8>, Option<u16>)> = cards
        .iter()
        .map(|c| (c.answers[0].heading, c.answers[0].table))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "heading by heading, then table by table");
    assert_eq!(order.len(), 5);
}

#[test]
fn a_round_has_no_headings() {
    let mut state = cafe();
    let someone = join(&mut state);
    go(&mut state, 0, Phase::Reflect);
    let event = write(&mut state, someone, Some(2)).expect("a round's point");
    assert!(matches!(
        event.change,
        Change::AnswerSubmitted { heading: None, .. }
    ));
    assert_eq!(
        state.participant_view("K7MP4Q", Some(someone)).step.harvest,
        None
    );
    let seat = state.participant_own(Some(someone)).seat.expect("seated");
    assert!(seat.filled.is_empty());
}

#[test]
fn the_host_sets_the_form_until_the_harvests_first_point() {
    let mut state = cafe();
    let too_many = ["a", "b", "c", "d", "e"];
    let refused = Err(CommandError::HarvestForm {
        headings: MAX_HEADINGS as u8,
        limit: MAX_LIMIT,
    });
    assert_eq!(set_form(&mut state, &too_many, 3), refused);
    assert_eq!(set_form(&mut state, &[], 0), refused);
    assert_eq!(set_form(&mut state, &[], MAX_LIMIT + 1), refused);
    assert_eq!(
        set_form(&mut state, &["Ring på 010203-1234"], 2),
        Err(CommandError::Text {
            field: Field::Heading,
            problem: TextError::Cpr
        })
    );

    set_form(
        &mut state,
        &["Det tager vi med hjem", "  ", "Spørgsmål til ledelsen"],
        2,
    )
    .expect("two headings, blanks left out");
    let console = state.console_view("K7MP4Q").cafe.expect("café");
    let form = console.harvest.expect("a harvest");
    assert_eq!(
        form.own,
        vec!["Det tager vi med hjem", "Spørgsmål til ledelsen"]
    );
    assert_eq!((form.limit, form.count()), (2, 2));
    assert!(!console.harvest_started);

    let people = at_the_harvest(&mut state);
    assert_eq!(
        write(&mut state, people[0], Some(2)),
        Err(CommandError::NoSuchHeading)
    );
    write(&mut state, people[0], Some(1)).expect("under the host's own heading");
    write(&mut state, people[0], Some(1)).expect("the second");
    assert_eq!(
        write(&mut state, people[0], Some(1)),
        Err(CommandError::HarvestFull { limit: 2 })
    );
    assert_eq!(
        set_form(&mut state, &[], 3),
        Err(CommandError::HarvestStarted)
    );
    assert!(
        state
            .console_view("K7MP4Q")
            .cafe
            .expect("café")
            .harvest_started
    );

    let mut plenary = MeetingState::new(MeetingSetup {
        agenda: Agenda::new(vec![AgendaStep::typed(
            QuestionText::parse("Hvad?").expect("text"),
        )])
        .expect("agenda"),
        ..cafe().setup
    });
    assert_eq!(set_form(&mut plenary, &[], 3), Err(CommandError::NotACafe));
}

#[test]
fn events_without_headings_still_read_and_the_form_replays() {
    let old = serde_json::json!({
        "type": "answer_submitted", "step": 4, "answer": AnswerId::new(),
        "author": ParticipantId::new(), "text": "Før overskrifterne", "lang": "da", "table": 2
    });
    let change: Change = serde_json::from_value(old).expect("an old event reads");
    assert!(matches!(
        change,
        Change::AnswerSubmitted {
            heading: None,
            table: Some(2),
            ..
        }
    ));
    let mut state = cafe();
    let event = set_form(&mut state, &["Én ting"], 1).expect("set");
    let stored = serde_json::to_string(&event).expect("stored");
    let mut replayed = cafe();
    replayed.evolve(&serde_json::from_str(&stored).expect("read back"));
    assert_eq!(replayed.cafe.harvest, state.cafe.harvest);
}
