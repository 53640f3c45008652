//! Sitting together in the café: given a café of parents, when a parent and an interpreter
//! share a code, then the rotation keeps them at one table in every round it seats from then
//! on; a group that cannot be kept together is seated apart and the console says which and
//! why.

use super::agenda::{Agenda, AgendaStep};
use super::cafe_tests::{add_guest, cafe, go, join, table, volunteer};
use super::command::{Actor, Command, CommandError};
use super::ids::ParticipantId;
use super::state::{Change, MeetingSetup, MeetingState, VoteRules};
use super::text::{MeetingTitle, QuestionText};
use super::together::{MAX_TOGETHER, TogetherCode, Unmet};
use crate::domain::phase::Phase;

/// `who` starts a group (`None`) or joins one: the group's code.
pub(super) fn sit(
    state: &mut MeetingState,
    who: ParticipantId,
    code: Option<TogetherCode>,
) -> TogetherCode {
    let event = state
        .handle(Actor::Participant(who), &Command::SitTogether { code }, 0)
        .expect("sits together");
    match event.change {
        Change::TogetherJoined { code, .. } => code,
        other => panic!("not a group: {other:?}"),
    }
}

fn room(people: usize) -> (MeetingState, Vec<ParticipantId>) {
    let mut state = cafe();
    let people = (0..people).map(|_| join(&mut state)).collect();
    (state, people)
}

#[test]
fn a_phone_gets_a_code_and_another_joins_it() {
    let (mut state, people) = room(6);
    let code = sit(&mut state, people[0], None);
    assert!((1000..=9999).contains(&code.0), "four digits: {code}");
    let own = state
        .participant_own(Some(people[0]))
        .together
        .expect("offered");
    assert_eq!((own.code, own.size), (Some(code), 1));
    assert!(!own.from_next_round, "before the first round");

    assert_eq!(sit(&mut state, people[1], Some(code)), code);
    for who in &people[..2] {
        let own = state.participant_own(Some(*who)).together.expect("offered");
        assert_eq!((own.code, own.size), (Some(code), 2));
    }
    let other = state
        .participant_own(Some(people[2]))
        .together
        .expect("offered");
    assert_eq!((other.code, other.size), (None, 1), "others see no code");

    // A second new group gets another code.
    let second = sit(&mut state, people[3], None);
    assert_ne!(second, code);
    let console = state.console_view("K7MP4Q").cafe.expect("a café");
    assert_eq!(
        (console.groups, console.grouped),
        (1, 2),
        "groups of one do not count"
    );
}

#[test]
fn a_wrong_code_and_a_full_group_are_refused() {
    let (mut state, people) = room(6);
    let code = sit(&mut state, people[0], None);
    let wrong = TogetherCode(if code.0 == 9999 { 1000 } else { code.0 + 1 });
    assert_eq!(
        state.handle(
            Actor::Participant(people[1]),
            &Command::SitTogether { code: Some(wrong) },
            0
        ),
        Err(CommandError::NoSuchGroup)
    );
    for who in &people[1..MAX_TOGETHER] {
        sit(&mut state, *who, Some(code));
    }
    assert_eq!(
        state.handle(
            Actor::Participant(people[MAX_TOGETHER]),
            &Command::SitTogether { code: Some(code) },
            0
        ),
        Err(CommandError::GroupFull { max: 3 })
    );
    // Joining one's own group again changes nothing and is not refused.
    assert_eq!(sit(&mut state, people[0], Some(code)), code);
    assert_eq!(state.cafe.groups[&code].len(), MAX_TOGETHER);
}

#[test]
fn codes_are_typed_as_four_digits() {
    assert_eq!(TogetherCode::parse(" 48 21 "), Some(TogetherCode(4821)));
    for wrong in ["", "482", "48211", "0999", "abcd", "４８２１"] {
        assert_eq!(TogetherCode::parse(wrong), None, "{wrong:?}");
    }
}

#[test]
fn a_group_shares_a_table_in_every_round_and_still_moves() {
    let (mut state, people) = room(24);
    for host in &people[..5] {
        volunteer(&mut state, *host);
    }
    let pair = sit(&mut state, people[10], None);
    sit(&mut state, people[11], Some(pair));
    let three = sit(&mut state, people[20], None);
    sit(&mut state, people[21], Some(three));
    sit(&mut state, people[22], Some(three));
    let mut pair_tables = Vec::new();
    for round in 0..4 {
        go(&mut state, round, Phase::Reflect);
        assert_eq!(
            table(&state, people[10]),
            table(&state, people[11]),
            "round {round}"
        );
        assert_eq!(
            table(&state, people[20]),
            table(&state, people[21]),
            "round {round}"
        );
        assert_eq!(
            table(&state, people[21]),
            table(&state, people[22]),
            "round {round}"
        );
        pair_tables.push(table(&state, people[10]));
    }
    pair_tables.dedup();
    assert!(
        pair_tables.len() > 1,
        "the pair moves like everyone: {pair_tables:?}"
    );
    let console = state.console_view("K7MP4Q").cafe.expect("a café");
    assert!(console.unmet.is_empty(), "{:?}", console.unmet);
    // After the last round is seated the offer is gone.
    assert_eq!(state.participant_own(Some(people[10])).together, None);
}

#[test]
fn a_group_with_two_hosts_is_seated_apart_and_the_console_says_why() {
    let (mut state, people) = room(12);
    volunteer(&mut state, people[0]);
    volunteer(&mut state, people[1]);
    let code = sit(&mut state, people[0], None);
    sit(&mut state, people[1], Some(code));
    let other = sit(&mut state, people[5], None);
    sit(&mut state, people[6], Some(other));
    go(&mut state, 0, Phase::Reflect);
    assert_ne!(
        table(&state, people[0]),
        table(&state, people[1]),
        "hosts stay"
    );
    assert_eq!(
        table(&state, people[5]),
        table(&state, people[6]),
        "the other group holds"
    );
    let unmet = state.console_view("K7MP4Q").cafe.expect("a café").unmet;
    assert_eq!(unmet.len(), 1, "{unmet:?}");
    assert_eq!(
        (unmet[0].round, unmet[0].code, unmet[0].why),
        (0, code, Unmet::TwoHosts)
    );
    // Said again for the next round it seats, still not silently.
    go(&mut state, 1, Phase::Reflect);
    let unmet = state.console_view("K7MP4Q").cafe.expect("a café").unmet;
    assert_eq!(
        unmet.iter().map(|u| u.round).collect::<Vec<_>>(),
        vec![0, 1]
    );
}

#[test]
fn joining_during_a_round_moves_no_one_until_the_next() {
    let (mut state, people) = room(15);
    go(&mut state, 0, Phase::Reflect);
    let (a, b) = (people[3], people[9]);
    let before = (table(&state, a), table(&state, b));
    let code = sit(&mut state, a, None);
    sit(&mut state, b, Some(code));
    assert_eq!(
        (table(&state, a), table(&state, b)),
        before,
        "the round in use never moves"
    );
    let own = state.participant_own(Some(b)).together.expect("offered");
    assert!(
        own.from_next_round,
        "the phone says it counts from the next round"
    );
    go(&mut state, 1, Phase::Reflect);
    assert_eq!(table(&state, a), table(&state, b));
}

#[test]
fn a_guest_without_a_phone_sits_with_the_group_at_once() {
    let (mut state, people) = room(15);
    go(&mut state, 0, Phase::Reflect);
    let interpreter = people[4];
    let code = sit(&mut state, interpreter, None);
    let guest = add_guest(&mut state, "Amina", Some(code));
    assert_eq!(
        state.cafe.seat(&state.setup.agenda, state.current, guest),
        Some(table(&state, interpreter)),
        "beside the interpreter now"
    );
    go(&mut state, 1, Phase::Reflect);
    assert_eq!(
        state.cafe.seat(&state.setup.agenda, state.current, guest),
        Some(table(&state, interpreter)),
        "and in the next round"
    );
    // A guest for a code no one has is refused, and nothing is added.
    let before = state.participants.len();
    let wrong = TogetherCode(if code.0 == 9999 { 1000 } else { code.0 + 1 });
    assert_eq!(
        state.handle(
            Actor::Host,
            &Command::AddGuest {
                guest: ParticipantId::new(),
                name: String::new(),
                together: Some(wrong),
            },
            0
        ),
        Err(CommandError::NoSuchGroup)
    );
    assert_eq!(state.participants.len(), before);
}

#[test]
fn leaving_the_group_frees_the_seat_and_keeps_the_code_for_the_others() {
    let (mut state, people) = room(10);
    let code = sit(&mut state, people[0], None);
    sit(&mut state, people[1], Some(code));
    state
        .handle(Actor::Participant(people[1]), &Command::LeaveTogether, 0)
        .expect("leaves");
    let left = state
        .participant_own(Some(people[1]))
        .together
        .expect("offered");
    assert_eq!((left.code, left.size), (None, 1));
    let stays = state
        .participant_own(Some(people[0]))
        .together
        .expect("offered");
    assert_eq!((stays.code, stays.size), (Some(code), 1));
    assert_eq!(
        sit(&mut state, people[1], Some(code)),
        code,
        "the code still works"
    );
}

#[test]
fn a_meeting_without_a_cafe_has_no_groups() {
    let mut state = MeetingState::new(MeetingSetup {
        title: MeetingTitle::parse("Personalemøde").expect("title"),
        agenda: Agenda::new(vec![AgendaStep::typed(
            QuestionText::parse("Hvad virker?").expect("text"),
        )])
        .expect("agenda"),
        names_allowed: false,
        vote_rules: VoteRules::default(),
        shuffle_seed: 3,
    });
    let who = join(&mut state);
    assert_eq!(state.participant_own(Some(who)).together, None);
    assert_eq!(
        state.handle(
            Actor::Participant(who),
            &Command::SitTogether { code: None },
            0
        ),
        Err(CommandError::NotACafe)
    );
}
