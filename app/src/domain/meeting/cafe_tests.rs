//! The café in a live meeting, tried as a parents' evening would use it: given a café
//! meeting and people in it, when the host moves through the rounds, then each phone has a
//! table, hosts stay, everyone else meets new people, and a table's points stay the table's.

use std::collections::BTreeSet;

use super::agenda::{Agenda, AgendaStep};
use super::cafe::{DEFAULT_TABLE_SIZE, MAX_TABLES};
use super::command::{Actor, Command, CommandError, Lang};
use super::ids::{AnswerId, ParticipantId};
use super::state::{Change, Event, MeetingSetup, MeetingState, VoteRules};
use super::text::{MeetingTitle, QuestionText};
use crate::content::library;
use crate::domain::phase::Phase;

const CAFE_TEMPLATE: &str = "foraeldrecafe-samarbejdspartnere";

/// The library's café template: four rounds, then the harvest.
pub(super) fn cafe() -> MeetingState {
    let library = library().expect("content loads");
    let template = library
        .templates
        .iter()
        .find(|t| t.template.id == CAFE_TEMPLATE)
        .expect("the café template");
    MeetingState::new(MeetingSetup {
        title: MeetingTitle::parse("Forældrecafé").expect("title"),
        agenda: Agenda::from_template(library, template).expect("agenda"),
        names_allowed: false,
        vote_rules: VoteRules::default(),
        shuffle_seed: 11,
    })
}

pub(super) fn join(state: &mut MeetingState) -> ParticipantId {
    let id = ParticipantId::new();
    state
        .handle(Actor::Participant(id), &Command::Join { name: None }, 0)
        .expect("join");
    id
}

pub(super) fn go(state: &mut MeetingState, step: usize, phase: Phase) -> Event {
    state
        .handle(Actor::Host, &Command::GoTo { step, phase }, 0)
        .expect("host moves")
}

pub(super) fn volunteer(state: &mut MeetingState, who: ParticipantId) {
    state
        .handle(
            Actor::Participant(who),
            &Command::Volunteer {
                willing: true,
                name: String::new(),
            },
            0,
        )
        .expect("volunteer");
}

fn write(state: &mut MeetingState, who: ParticipantId, text: &str) -> AnswerId {
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
    id
}

/// The host adds a guest without a phone (with a group's code, if any): the guest's id.
pub(super) fn add_guest(
    state: &mut MeetingState,
    name: &str,
    together: Option<super::together::TogetherCode>,
) -> ParticipantId {
    let guest = ParticipantId::new();
    state
        .handle(
            Actor::Host,
            &Command::AddGuest {
                guest,
                name: name.into(),
                together,
            },
            0,
        )
        .expect("a guest");
    guest
}

pub(super) fn table(state: &MeetingState, who: ParticipantId) -> u16 {
    state.participant_own(Some(who)).seat.expect("a seat").table
}

#[test]
fn only_the_cafe_templates_rounds_are_table_rounds() {
    let state = cafe();
    let agenda = &state.setup.agenda;
    assert_eq!(agenda.rounds(), 4);
    assert_eq!(
        (0..agenda.steps.len())
            .map(|s| agenda.round_of(s))
            .collect::<Vec<_>>(),
        vec![Some(0), Some(1), Some(2), Some(3), None]
    );
    let library = library().expect("content loads");
    for template in library
        .templates
        .iter()
        .filter(|t| t.template.id != CAFE_TEMPLATE)
    {
        let agenda = Agenda::from_template(library, template).expect("agenda");
        assert!(!agenda.has_cafe(), "{} has no café", template.template.id);
    }
}

#[test]
fn the_first_round_seats_everyone_with_volunteers_as_hosts() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..24).map(|_| join(&mut state)).collect();
    for who in &people[..3] {
        volunteer(&mut state, *who);
    }
    // Before the café nobody has a table.
    assert!(state.participant_own(Some(people[0])).seat.is_none());

    let event = go(&mut state, 0, Phase::Intro);
    let Change::MovedTo {
        seated: Some(seated),
        ..
    } = &event.change
    else {
        panic!("moving to the first round seats it: {event:?}");
    };
    // 24 people, at most 5 at a table: 5 tables, of 4 or 5 people.
    assert_eq!(seated.tables, 5);
    assert_eq!(seated.hosts.len(), 3);
    let sizes = state.cafe.table_sizes(&state.setup.agenda, 0);
    assert_eq!(sizes.iter().sum::<usize>(), 24);
    assert!(sizes.iter().max().expect("tables") - sizes.iter().min().expect("tables") <= 1);
    for (host, at) in &seated.hosts {
        let own = state.participant_own(Some(*host));
        let seat = own.seat.expect("a host's seat");
        assert!(seat.host);
        assert_eq!(seat.table, *at);
    }
    // Volunteering closes once the tables are set.
    assert_eq!(
        state.handle(
            Actor::Participant(people[5]),
            &Command::Volunteer {
                willing: true,
                name: String::new(),
            },
            0
        ),
        Err(CommandError::CafeStarted)
    );
}

#[test]
fn each_round_moves_everyone_but_the_hosts_to_a_table_they_have_not_sat_at() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..24).map(|_| join(&mut state)).collect();
    for who in &people[..5] {
        volunteer(&mut state, *who);
    }
    let mut history: Vec<Vec<u16>> = Vec::new();
    for round in 0..4 {
        go(&mut state, round, Phase::Intro);
        go(&mut state, round, Phase::Reflect);
        history.push(people.iter().map(|p| table(&state, *p)).collect());
    }
    for (i, person) in people.iter().enumerate() {
        let tables: Vec<u16> = history.iter().map(|round| round[i]).collect();
        if state.cafe.is_host(*person) {
            assert!(tables.windows(2).all(|w| w[0] == w[1]), "a host stays");
        } else {
            let distinct: BTreeSet<u16> = tables.iter().copied().collect();
            assert_eq!(distinct.len(), 4, "four rounds, four tables: {tables:?}");
        }
    }
    // Going back to an earlier round shows that round's seating, not a new one.
    let back = go(&mut state, 1, Phase::Reflect);
    assert!(matches!(back.change, Change::MovedTo { seated: None, .. }));
    assert_eq!(
        people.iter().map(|p| table(&state, *p)).collect::<Vec<_>>(),
        history[1]
    );
}

#[test]
fn a_replay_of_the_events_gives_the_same_tables_without_planning_again() {
    let mut state = cafe();
    let mut events = Vec::new();
    let people: Vec<ParticipantId> = (0..13).map(|_| join(&mut state)).collect();
    volunteer(&mut state, people[0]);
    events.push(go(&mut state, 0, Phase::Reflect));
    // A newcomer's join carries the table they sit down at.
    let late = ParticipantId::new();
    let joined = state
        .handle(Actor::Participant(late), &Command::Join { name: None }, 0)
        .expect("join");
    assert!(matches!(
        joined.change,
        Change::Joined { table: Some(_), .. }
    ));
    events.push(joined);
    events.push(go(&mut state, 1, Phase::Reflect));
    // Replaying the events from the seating on, onto a state that had the earlier joins:
    // the rounds come from the events, not from a new plan.
    let mut replay = cafe();
    for who in &people {
        replay
            .participants
            .insert(*who, super::state::Participant { name: None });
    }
    replay.cafe.volunteers = vec![people[0]];
    for event in &events {
        replay.evolve(event);
    }
    assert_eq!(replay.cafe.rounds, state.cafe.rounds);
    assert_eq!(replay.cafe.hosts, state.cafe.hosts);
}

#[test]
fn a_newcomer_sits_at_the_smallest_table_and_nobody_else_moves() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..9).map(|_| join(&mut state)).collect();
    go(&mut state, 0, Phase::Reflect);
    let before: Vec<u16> = people.iter().map(|p| table(&state, *p)).collect();
    // 9 people, at most 5 a table: 2 tables of 5 and 4.
    assert_eq!(state.cafe.table_sizes(&state.setup.agenda, 0), vec![5, 4]);
    let late = join(&mut state);
    assert_eq!(table(&state, late), 2);
    assert_eq!(
        people.iter().map(|p| table(&state, *p)).collect::<Vec<_>>(),
        before
    );
    // Every table is full now: the next newcomer opens table 3.
    let later = join(&mut state);
    assert_eq!(table(&state, later), 3);
    assert_eq!(state.cafe.tables, 3);
    // Joining again (a second tab, a reload) keeps the seat.
    state
        .handle(Actor::Participant(later), &Command::Join { name: None }, 0)
        .expect("join again");
    assert_eq!(table(&state, later), 3);
    // The next round plans the newcomers in as everyone else.
    go(&mut state, 1, Phase::Reflect);
    let sizes = state.cafe.table_sizes(&state.setup.agenda, 1);
    assert_eq!(sizes.iter().sum::<usize>(), 11);
    assert!(sizes.iter().max().expect("tables") - sizes.iter().min().expect("tables") <= 1);
}

#[test]
fn a_tables_points_are_seen_at_that_table_only_and_never_with_a_name() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..10).map(|_| join(&mut state)).collect();
    volunteer(&mut state, people[0]);
    go(&mut state, 0, Phase::Reflect);
    let host = people[0];
    let host_table = table(&state, host);
    let mate = *people[1..]
        .iter()
        .find(|p| table(&state, **p) == host_table)
        .expect("someone at the host's table");
    let other = *people
        .iter()
        .find(|p| table(&state, **p) != host_table)
        .expect("someone at another table");
    write(
        &mut state,
        mate,
        "Mere tid til at tale sammen ved afhentning",
    );
    let point = state.steps[0].answers.last().expect("the point");
    assert_eq!(point.table, Some(host_table));
    // A table's point changes the own view of everyone at it, so every own view is sent.
    let seat = state.participant_own(Some(host)).seat.expect("seat");
    assert_eq!(seat.points.len(), 1);
    assert!(
        state
            .participant_own(Some(mate))
            .seat
            .expect("seat")
            .points
            .is_empty()
    );
    assert!(
        state
            .participant_own(Some(other))
            .seat
            .expect("seat")
            .points
            .is_empty()
    );
    // The screen counts it for the table, without text.
    let screen = state.screen_view("K7MP4Q");
    let at = &screen.tables[usize::from(host_table) - 1];
    assert_eq!(at.points, 1);
    assert!(at.host);
    // In the next round the host sees the table's points from the round before.
    go(&mut state, 1, Phase::Intro);
    let seat = state.participant_own(Some(host)).seat.expect("seat");
    assert_eq!(seat.table, host_table);
    assert_eq!(seat.recap.len(), 1);
    assert!(
        state
            .participant_own(Some(mate))
            .seat
            .expect("seat")
            .recap
            .is_empty()
    );
}

#[test]
fn a_table_point_touches_every_phone_and_a_plenary_answer_only_its_writer() {
    let mut state = cafe();
    let someone = join(&mut state);
    go(&mut state, 0, Phase::Reflect);
    let at_table = state
        .decide(
            Actor::Participant(someone),
            &Command::SubmitAnswer {
                answer: AnswerId::new(),
                text: "Pointe".into(),
                lang: Lang::Da,
                heading: None,
            },
            0,
        )
        .expect("decided");
    assert_eq!(state.own_view_touched(&at_table), None);

    let mut plenary = MeetingState::new(MeetingSetup {
        agenda: Agenda::new(vec![AgendaStep::typed(
            QuestionText::parse("Hvad?").expect("text"),
        )])
        .expect("agenda"),
        ..cafe().setup
    });
    let writer = join(&mut plenary);
    go(&mut plenary, 0, Phase::Reflect);
    let own = plenary
        .decide(
            Actor::Participant(writer),
            &Command::SubmitAnswer {
                answer: AnswerId::new(),
                text: "Svar".into(),
                lang: Lang::Da,
                heading: None,
            },
            0,
        )
        .expect("decided");
    assert_eq!(plenary.own_view_touched(&own), Some(writer));
    assert_eq!(
        plenary.handle(
            Actor::Participant(writer),
            &Command::Volunteer {
                willing: true,
                name: String::new(),
            },
            0
        ),
        Err(CommandError::NotACafe)
    );
}

#[test]
fn the_harvest_keeps_the_last_rounds_tables_on_its_cards() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..8).map(|_| join(&mut state)).collect();
    for round in 0..4 {
        go(&mut state, round, Phase::Reflect);
    }
    let last: Vec<u16> = people.iter().map(|p| table(&state, *p)).collect();
    go(&mut state, 4, Phase::Reflect);
    assert_eq!(
        people.iter().map(|p| table(&state, *p)).collect::<Vec<_>>(),
        last,
        "everyone stays at their table for the harvest"
    );
    write(
        &mut state,
        people[0],
        "Fælles kalender for forældre og personale",
    );
    go(&mut state, 4, Phase::Reveal);
    let screen = state.screen_view("K7MP4Q");
    assert_eq!(screen.step.round, None);
    assert_eq!(screen.step.cards[0].answers[0].table, Some(last[0]));
}

#[test]
fn the_host_sets_the_tables_before_the_first_round_only() {
    let mut state = cafe();
    for bad in [(MAX_TABLES + 1, 5), (0, 1), (4, 13)] {
        assert_eq!(
            state.handle(
                Actor::Host,
                &Command::SetTables {
                    tables: bad.0,
                    per_table: bad.1,
                    draw_hosts: false,
                    stations: false,
                },
                0
            ),
            Err(CommandError::TableRule { max: MAX_TABLES })
        );
    }
    let people: Vec<ParticipantId> = (0..12).map(|_| join(&mut state)).collect();
    assert_eq!(
        state.console_view("K7MP4Q").cafe.expect("café").tables,
        3,
        "12 people at most {DEFAULT_TABLE_SIZE} a table"
    );
    state
        .handle(
            Actor::Host,
            &Command::SetTables {
                tables: 4,
                per_table: 5,
                draw_hosts: false,
                stations: false,
            },
            0,
        )
        .expect("four tables");
    go(&mut state, 0, Phase::Reflect);
    assert_eq!(
        state.cafe.table_sizes(&state.setup.agenda, 0),
        vec![3, 3, 3, 3]
    );
    assert!(people.iter().all(|p| table(&state, *p) <= 4));
    assert_eq!(
        state.handle(
            Actor::Host,
            &Command::SetTables {
                tables: 6,
                per_table: 5,
                draw_hosts: false,
                stations: false,
            },
            0
        ),
        Err(CommandError::CafeStarted)
    );
}

#[test]
fn events_written_before_the_cafe_existed_still_read() {
    let moved: Change =
        serde_json::from_str(r#"{"type":"moved_to","step":1,"phase":"reflect"}"#).expect("old");
    assert_eq!(
        moved,
        Change::MovedTo {
            step: 1,
            phase: Phase::Reflect,
            seated: None
        }
    );
    let joined: Change = serde_json::from_str(
        r#"{"type":"joined","participant":"6f1c1d52-5b1e-4e8a-9d0e-3a6c1f2b7c11","name":null}"#,
    )
    .expect("old");
    assert!(matches!(joined, Change::Joined { table: None, .. }));
    // And a plain move still writes exactly what it wrote before.
    assert_eq!(
        serde_json::to_string(&moved).expect("json"),
        r#"{"type":"moved_to","step":1,"phase":"reflect"}"#
    );
}

#[test]
fn a_tables_own_device_stays_at_its_table_writes_for_it_and_is_not_counted() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..8).map(|_| join(&mut state)).collect();
    // A shared tablet joins from table 2's card before the café begins.
    let tablet = join(&mut state);
    state
        .handle(
            Actor::Participant(tablet),
            &Command::TableDevice { table: 2 },
            0,
        )
        .expect("the table's own");
    assert_eq!(state.participant_own(Some(tablet)).device_for, Some(2));
    assert!(
        state.participant_own(Some(tablet)).seat.is_none(),
        "no round yet"
    );
    for round in 0..3 {
        go(&mut state, round, Phase::Reflect);
        let seat = state.participant_own(Some(tablet)).seat.expect("a seat");
        assert_eq!((seat.table, seat.device), (2, true));
        // Eight people at two tables of four: the tablet is not one of them.
        assert_eq!(
            state.cafe.table_sizes(&state.setup.agenda, round),
            vec![4, 4]
        );
    }
    write(
        &mut state,
        tablet,
        "Bordet ønsker flere arrangementer for hele klassen",
    );
    assert_eq!(
        state.steps[2].answers.last().expect("a point").table,
        Some(2)
    );
    let mate = *people
        .iter()
        .find(|p| table(&state, **p) == 2)
        .expect("someone at table 2");
    assert_eq!(
        state
            .participant_own(Some(mate))
            .seat
            .expect("seat")
            .points
            .len(),
        1,
        "the table sees the tablet's point as its own"
    );
    let screen = state.screen_view("K7MP4Q");
    assert!(screen.tables[1].device && !screen.tables[0].device);
    // Once the tables are fixed, only their numbers can be chosen.
    let late = join(&mut state);
    assert_eq!(
        state.handle(
            Actor::Participant(late),
            &Command::TableDevice { table: 3 },
            0
        ),
        Err(CommandError::NoSuchTable { table: 3 })
    );
    // A device that was a person leaves the seating from the round in use on, not before.
    let before = state.cafe.rounds[2].get(&late).copied();
    assert!(before.is_some(), "the newcomer was seated");
    state
        .handle(
            Actor::Participant(late),
            &Command::TableDevice { table: 1 },
            0,
        )
        .expect("becomes table 1's");
    assert!(!state.cafe.rounds[2].contains_key(&late));
    assert_eq!(table(&state, late), 1);
}

#[test]
fn guests_without_a_phone_are_seated_moved_and_listed_by_name_on_the_screen() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..7).map(|_| join(&mut state)).collect();
    let add = |state: &mut MeetingState, name: &str| {
        let guest = ParticipantId::new();
        state
            .handle(
                Actor::Host,
                &Command::AddGuest {
                    guest,
                    name: name.into(),
                    together: None,
                },
                0,
            )
            .map(|_| guest)
    };
    let zoe = add(&mut state, "Zoë").expect("a guest");
    let anna = add(&mut state, "Anna").expect("a guest");
    let unnamed = add(&mut state, "  ").expect("a guest without a name");
    assert_eq!(
        add(&mut state, &"x".repeat(41)).map(|_| ()),
        Err(CommandError::Text {
            field: super::command::Field::Name,
            problem: super::text::TextError::TooLong {
                length: 41,
                max: 40
            }
        })
    );
    assert_eq!(
        state.handle(
            Actor::Host,
            &Command::AddGuest {
                guest: zoe,
                name: "Igen".into(),
                together: None,
            },
            0
        ),
        Err(CommandError::DuplicateId)
    );
    assert_eq!(
        state.handle(
            Actor::Participant(people[0]),
            &Command::AddGuest {
                guest: ParticipantId::new(),
                name: String::new(),
                together: None,
            },
            0
        ),
        Err(CommandError::HostOnly)
    );
    // Before the café the screen lists nobody; the console lists them, not seated yet.
    assert!(state.screen_view("K7MP4Q").guests.is_empty());
    assert!(
        state
            .console_view("K7MP4Q")
            .guests
            .iter()
            .all(|g| g.table == 0)
    );

    go(&mut state, 0, Phase::Intro);
    let screen = state.screen_view("K7MP4Q");
    let names: Vec<Option<String>> = screen.guests.iter().map(|g| g.name.clone()).collect();
    assert_eq!(
        names,
        vec![Some("Anna".into()), Some("Zoë".into()), None],
        "alphabetically, the unnamed after"
    );
    assert_eq!(screen.guests[2].number, 3);
    // Ten people (seven phones, three guests) at two tables of five.
    assert_eq!(state.cafe.table_sizes(&state.setup.agenda, 0), vec![5, 5]);
    let first: Vec<u16> = [zoe, anna, unnamed]
        .iter()
        .map(|g| state.cafe.seat(&state.setup.agenda, 0, *g).expect("seated"))
        .collect();
    go(&mut state, 1, Phase::Intro);
    let second: Vec<u16> = [zoe, anna, unnamed]
        .iter()
        .map(|g| state.cafe.seat(&state.setup.agenda, 1, *g).expect("seated"))
        .collect();
    assert!(
        first.iter().zip(&second).all(|(a, b)| a != b),
        "guests move like everyone: {first:?} then {second:?}"
    );
    // A guest who comes late sits at the smallest table at once.
    let late = add(&mut state, "Bo").expect("a late guest");
    let sizes = state.cafe.table_sizes(&state.setup.agenda, 1);
    assert_eq!(sizes.iter().sum::<usize>(), 11);
    assert!(state.cafe.seat(&state.setup.agenda, 1, late).is_some());
}
