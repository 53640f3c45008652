//! The café's table hosts: given a café with one volunteer for three tables, when the leader
//! asks Samråd to draw the rest, then every table has a host, the volunteer hosts the first,
//! and no guest without a phone is drawn; and the leader sees who offered (by the name they
//! gave) and can pass one over.

use super::cafe_tests::{add_guest, cafe, go, join};
use super::command::{Actor, Command, CommandError};
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
            &Command::Volunteer {
                willing: true,
                name: String::new(),
            },
            0,
        )
        .expect("volunteer");
    let guest = add_guest(&mut state, "Farmor Inge", None);
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

fn offer(state: &mut MeetingState, who: ParticipantId, name: &str) {
    state
        .handle(
            Actor::Participant(who),
            &Command::Volunteer {
                willing: true,
                name: name.into(),
            },
            0,
        )
        .expect("offers");
}

fn choose(state: &mut MeetingState, who: ParticipantId, host: bool) -> Result<(), CommandError> {
    let person = state.person_ref(who);
    state
        .handle(Actor::Host, &Command::ChooseHost { person, host }, 0)
        .map(|_| ())
}

#[test]
fn the_leader_sees_who_offered_and_passes_one_over() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..10).map(|_| join(&mut state)).collect();
    offer(&mut state, people[2], "Lene");
    offer(&mut state, people[4], "");
    offer(&mut state, people[7], "Ahmed");
    let list = state
        .console_view("K7MP4Q")
        .cafe
        .expect("a café")
        .volunteer_list;
    let names: Vec<Option<&str>> = list.iter().map(|v| v.name.as_deref()).collect();
    assert_eq!(names, [Some("Lene"), None, Some("Ahmed")]);
    assert_eq!(list.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(list.iter().all(|v| v.chosen));
    // The reference names no one else, and says nothing of the id.
    assert_ne!(list[0].person, list[1].person);
    assert!(list[0].person.0 < 1 << 48, "whole in a JavaScript number");

    choose(&mut state, people[2], false).expect("passed over");
    let list = state
        .console_view("K7MP4Q")
        .cafe
        .expect("a café")
        .volunteer_list;
    assert!(!list[0].chosen && list[1].chosen);
    go(&mut state, 0, Phase::Reflect);
    let hosts: Vec<ParticipantId> = state.cafe.hosts.iter().map(|(h, _)| *h).collect();
    assert_eq!(
        hosts,
        [people[4], people[7]],
        "Lene is not a host; the others in order"
    );
    // Once seated the choice is fixed.
    assert_eq!(
        choose(&mut state, people[2], true),
        Err(CommandError::CafeStarted)
    );
}

#[test]
fn only_a_volunteer_can_be_chosen_and_a_withdrawn_offer_forgets_the_name() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..6).map(|_| join(&mut state)).collect();
    assert_eq!(
        choose(&mut state, people[1], true),
        Err(CommandError::NotAVolunteer)
    );
    offer(&mut state, people[1], "Lene");
    choose(&mut state, people[1], false).expect("passed over");
    state
        .handle(
            Actor::Participant(people[1]),
            &Command::Volunteer {
                willing: false,
                name: "Lene".into(),
            },
            0,
        )
        .expect("withdraws");
    assert!(state.cafe.volunteer_names.is_empty() && state.cafe.passed_over.is_empty());
    assert_eq!(
        choose(&mut state, people[1], true),
        Err(CommandError::NotAVolunteer)
    );
    // A phone cannot choose hosts.
    offer(&mut state, people[2], "");
    let person = state.person_ref(people[2]);
    assert_eq!(
        state.handle(
            Actor::Participant(people[3]),
            &Command::ChooseHost {
                person,
                host: false
            },
            0
        ),
        Err(CommandError::HostOnly)
    );
}
