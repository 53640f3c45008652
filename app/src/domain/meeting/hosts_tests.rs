//! The café's table hosts when too few volunteer: given a café with one volunteer for three
//! tables, when the leader asks Samråd to draw the rest, then every table has a host, the
//! volunteer hosts the first, and no guest without a phone is drawn.

use super::cafe_tests::{cafe, go, join};
use super::command::{Actor, Command};
use super::ids::ParticipantId;
use super::state::MeetingState;
use crate::domain::phase::Phase;

fn set_tables(state: &mut MeetingState, draw_hosts: bool) {
    state
        .handle(
            Actor::Host,
            &Command::SetTables {
                tables: 0,
                per_table: 5,
                draw_hosts,
                stations: false,
            },
            0,
        )
        .expect("the tables");
}

/// Twelve with phones, one of whom volunteers, and a guest: (state, people, volunteer, guest).
fn room() -> (
    MeetingState,
    Vec<ParticipantId>,
    ParticipantId,
    ParticipantId,
) {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..12).map(|_| join(&mut state)).collect();
    let volunteer = people[5];
    state
        .handle(
            Actor::Participant(volunteer),
            &Command::Volunteer { willing: true },
            0,
        )
        .expect("volunteer");
    let guest = ParticipantId::new();
    state
        .handle(
            Actor::Host,
            &Command::AddGuest {
                guest,
                name: "Farmor Inge".into(),
                together: None,
            },
            0,
        )
        .expect("a guest");
    (state, people, volunteer, guest)
}

#[test]
fn missing_hosts_are_drawn_among_the_people_with_a_phone() {
    let (mut state, people, volunteer, guest) = room();
    set_tables(&mut state, true);
    go(&mut state, 0, Phase::Reflect);
    let hosts = &state.cafe.hosts;
    assert_eq!(state.cafe.tables, 3, "13 people, at most 5 a table");
    assert_eq!(hosts.len(), 3, "a host at every table: {hosts:?}");
    assert_eq!(hosts[0], (volunteer, 1), "the volunteer first");
    let tables: Vec<u16> = hosts.iter().map(|(_, t)| *t).collect();
    assert_eq!(tables, vec![1, 2, 3]);
    assert!(
        hosts.iter().all(|(h, _)| *h != guest),
        "a guest is never drawn"
    );
    for (host, table) in hosts {
        assert!(people.contains(host));
        let seat = state.participant_own(Some(*host)).seat.expect("seated");
        assert!(seat.host && seat.table == *table, "the phone says so");
    }
    // The next round: the drawn hosts stay like the volunteer.
    go(&mut state, 1, Phase::Reflect);
    for (host, table) in &state.cafe.hosts.clone() {
        assert_eq!(
            state
                .participant_own(Some(*host))
                .seat
                .expect("seated")
                .table,
            *table
        );
    }
}

#[test]
fn without_the_draw_only_volunteers_host() {
    let (mut state, _, volunteer, _) = room();
    set_tables(&mut state, false);
    go(&mut state, 0, Phase::Reflect);
    assert_eq!(state.cafe.hosts, vec![(volunteer, 1)]);
}
