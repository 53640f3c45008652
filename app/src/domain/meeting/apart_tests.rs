//! Keeping two people apart in the café: given a café in which people have names, when the
//! leader keeps two apart, then no round seated from then on puts them at one table; a pair
//! that cannot be kept apart is seated anyway and the console says which and why.

use super::agenda::Agenda;
use super::apart::ApartUnmet;
use super::cafe_tests::{go, table};
use super::command::{Actor, Command, CommandError};
use super::ids::ParticipantId;
use super::state::{MeetingSetup, MeetingState, VoteRules};
use super::text::MeetingTitle;
use super::together_tests::sit;
use crate::content::library;
use crate::domain::phase::Phase;

const NAMES: [&str; 12] = [
    "Ahmed", "Birgit", "Cecilie", "Dorte", "Emil", "Fatima", "Gustav", "Hanne", "Ida", "Jonas",
    "Karin", "Lars",
];

/// The café template in a meeting with names, and twelve people who gave theirs.
fn named_cafe() -> (MeetingState, Vec<ParticipantId>) {
    let library = library().expect("content loads");
    let template = library
        .templates
        .iter()
        .find(|t| t.template.id == "foraeldrecafe-samarbejdspartnere")
        .expect("the café template");
    let mut state = MeetingState::new(MeetingSetup {
        title: MeetingTitle::parse("Forældrecafé").expect("title"),
        agenda: Agenda::from_template(library, template).expect("agenda"),
        names_allowed: true,
        vote_rules: VoteRules::default(),
        shuffle_seed: 5,
    });
    let people = NAMES
        .iter()
        .map(|name| {
            let id = ParticipantId::new();
            state
                .handle(
                    Actor::Participant(id),
                    &Command::Join {
                        name: Some((*name).into()),
                    },
                    0,
                )
                .expect("join");
            id
        })
        .collect();
    (state, people)
}

fn keep_apart(
    state: &mut MeetingState,
    a: ParticipantId,
    b: ParticipantId,
) -> Result<(), CommandError> {
    let (a, b) = (state.person_ref(a), state.person_ref(b));
    state
        .handle(Actor::Host, &Command::KeepApart { a, b, apart: true }, 0)
        .map(|_| ())
}

#[test]
fn a_pair_kept_apart_never_shares_a_table() {
    let (mut state, people) = named_cafe();
    let console = state.console_view("K7MP4Q").cafe.expect("a café");
    let names: Vec<&str> = console.named.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, NAMES, "everyone with a name, alphabetically");
    keep_apart(&mut state, people[0], people[1]).expect("apart");
    keep_apart(&mut state, people[2], people[3]).expect("apart");
    let console = state.console_view("K7MP4Q").cafe.expect("a café");
    let pairs: Vec<(&str, &str)> = console
        .apart
        .iter()
        .map(|p| (p.a.name.as_str(), p.b.name.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [("Ahmed", "Birgit"), ("Cecilie", "Dorte")],
        "by name, alphabetically"
    );
    for round in 0..4 {
        go(&mut state, round, Phase::Intro);
        assert_ne!(
            table(&state, people[0]),
            table(&state, people[1]),
            "round {round}"
        );
        assert_ne!(
            table(&state, people[2]),
            table(&state, people[3]),
            "round {round}"
        );
    }
    assert!(
        state
            .console_view("K7MP4Q")
            .cafe
            .expect("café")
            .unmet_apart
            .is_empty()
    );
}

#[test]
fn a_pair_that_sits_together_by_its_own_wish_is_said_not_kept_apart() {
    let (mut state, people) = named_cafe();
    let code = sit(&mut state, people[4], None);
    sit(&mut state, people[5], Some(code));
    keep_apart(&mut state, people[4], people[5]).expect("apart");
    go(&mut state, 0, Phase::Intro);
    assert_eq!(
        table(&state, people[4]),
        table(&state, people[5]),
        "their own wish holds"
    );
    let unmet = state.console_view("K7MP4Q").cafe.expect("café").unmet_apart;
    assert_eq!(unmet.len(), 1, "{unmet:?}");
    assert_eq!(unmet[0].round, 0);
    assert_eq!(unmet[0].why, ApartUnmet::Together);
    let mut names = [unmet[0].a.as_str(), unmet[0].b.as_str()];
    names.sort_unstable();
    assert_eq!(names, ["Emil", "Fatima"]);
}

#[test]
fn three_pairs_at_two_tables_cannot_all_hold_and_the_console_says_so() {
    let (mut state, people) = named_cafe();
    state
        .handle(
            Actor::Host,
            &Command::SetTables {
                tables: 2,
                per_table: 12,
                draw_hosts: false,
                stations: false,
            },
            0,
        )
        .expect("two tables");
    // Ahmed, Birgit and Cecilie pairwise apart: three people, two tables.
    keep_apart(&mut state, people[0], people[1]).expect("apart");
    keep_apart(&mut state, people[1], people[2]).expect("apart");
    keep_apart(&mut state, people[0], people[2]).expect("apart");
    go(&mut state, 0, Phase::Intro);
    let unmet = state.console_view("K7MP4Q").cafe.expect("café").unmet_apart;
    assert!(!unmet.is_empty(), "said, not silently broken");
    assert!(unmet.iter().all(|u| u.why == ApartUnmet::TooFewTables));
    // Everyone is still seated.
    for who in &people {
        table(&state, *who);
    }
}

#[test]
fn only_two_different_named_people_can_be_kept_apart() {
    let (mut state, people) = named_cafe();
    assert_eq!(
        keep_apart(&mut state, people[0], people[0]),
        Err(CommandError::UnknownPerson)
    );
    let nameless = ParticipantId::new();
    state
        .handle(
            Actor::Participant(nameless),
            &Command::Join { name: None },
            0,
        )
        .expect("join without a name");
    assert_eq!(
        keep_apart(&mut state, people[0], nameless),
        Err(CommandError::UnknownPerson),
        "the console cannot name them"
    );
    let (a, b) = (state.person_ref(people[0]), state.person_ref(people[1]));
    assert_eq!(
        state.handle(
            Actor::Participant(people[3]),
            &Command::KeepApart { a, b, apart: true },
            0
        ),
        Err(CommandError::HostOnly)
    );
    // Undone: the pair is gone.
    keep_apart(&mut state, people[0], people[1]).expect("apart");
    state
        .handle(
            Actor::Host,
            &Command::KeepApart {
                a: b,
                b: a,
                apart: false,
            },
            0,
        )
        .expect("no longer");
    assert!(
        state
            .console_view("K7MP4Q")
            .cafe
            .expect("café")
            .apart
            .is_empty()
    );
}
