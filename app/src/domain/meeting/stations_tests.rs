//! Stations in the café: given the café template (rounds 1 and 3 have two texts, rounds 2
//! and 4 one), when the leader turns stations on, then at a round with two texts the odd
//! tables talk about the first and the even tables about the second, each phone sees only
//! its table's text, and people who move meet the other text.

use super::cafe_tests::{cafe, go, join, table};
use super::command::{Actor, Command};
use super::ids::ParticipantId;
use super::state::MeetingState;
use super::view::Station;
use crate::domain::phase::Phase;

fn room(stations: bool) -> (MeetingState, Vec<ParticipantId>) {
    let mut state = cafe();
    let people = (0..16).map(|_| join(&mut state)).collect();
    state
        .handle(
            Actor::Host,
            &Command::SetTables {
                tables: 4,
                per_table: 5,
                draw_hosts: false,
                stations,
            },
            0,
        )
        .expect("the tables");
    (state, people)
}

#[test]
fn each_table_talks_about_its_station_and_sees_only_that_text() {
    let (mut state, people) = room(true);
    go(&mut state, 0, Phase::Intro);
    let step = &state.setup.agenda.steps[0];
    assert_eq!(step.questions.len(), 2, "round 1 has two statements");
    let screen = state.screen_view("K7MP4Q").step;
    assert_eq!(
        screen.stations,
        vec![
            Station {
                question: 0,
                tables: vec![1, 3]
            },
            Station {
                question: 1,
                tables: vec![2, 4]
            },
        ]
    );
    for who in &people {
        let own = state.participant_own(Some(*who));
        let seat = own.seat.expect("seated");
        let expected = usize::from(seat.table - 1) % 2;
        assert_eq!(seat.station, Some(expected), "table {}", seat.table);
        let seen = screen.clone().at_station(seat.station);
        assert_eq!(seen.questions, vec![step.questions[expected].clone()]);
    }
    // Round 2 has one text: no stations, everyone the same.
    go(&mut state, 1, Phase::Intro);
    assert!(state.screen_view("K7MP4Q").step.stations.is_empty());
    assert_eq!(
        state
            .participant_own(Some(people[0]))
            .seat
            .expect("seated")
            .station,
        None
    );
}

#[test]
fn people_who_move_meet_the_other_text() {
    let (mut state, people) = room(true);
    go(&mut state, 0, Phase::Reflect);
    let first: Vec<usize> = people
        .iter()
        .map(|p| usize::from(table(&state, *p) - 1) % 2)
        .collect();
    go(&mut state, 2, Phase::Reflect);
    let third: Vec<usize> = people
        .iter()
        .map(|p| usize::from(table(&state, *p) - 1) % 2)
        .collect();
    let changed = first.iter().zip(&third).filter(|(a, b)| a != b).count();
    assert!(changed > 0, "someone meets the other text in round 3");
}

#[test]
fn without_stations_every_table_has_every_text() {
    let (mut state, people) = room(false);
    go(&mut state, 0, Phase::Intro);
    assert!(state.screen_view("K7MP4Q").step.stations.is_empty());
    let seat = state.participant_own(Some(people[3])).seat.expect("seated");
    assert_eq!(seat.station, None);
}
