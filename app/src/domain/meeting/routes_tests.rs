//! Route cards: given a café with guests without a phone, when the first round is seated,
//! then each guest has a table for every round, and every later round seats the guest at
//! the card's table while the tables stay within one person of each other.

use super::cafe_tests::{add_guest, cafe, go, join};
use super::ids::ParticipantId;
use super::state::MeetingState;
use super::together_tests::sit;
use crate::domain::phase::Phase;

fn seat(state: &MeetingState, who: ParticipantId) -> u16 {
    state
        .cafe
        .seat(&state.setup.agenda, state.current, who)
        .expect("seated")
}

fn sizes_even(state: &MeetingState) {
    let sizes = state.cafe.table_sizes(&state.setup.agenda, state.current);
    let (low, high) = (sizes.iter().min(), sizes.iter().max());
    assert!(high.zip(low).is_some_and(|(h, l)| h - l <= 1), "{sizes:?}");
}

#[test]
fn guests_sit_where_their_cards_say_in_every_round() {
    let mut state = cafe();
    for _ in 0..14 {
        join(&mut state);
    }
    let guests = [
        add_guest(&mut state, "Yusuf", None),
        add_guest(&mut state, "Amina", None),
        add_guest(&mut state, "", None),
    ];
    assert!(
        state.route_cards().is_empty(),
        "no cards before the café begins"
    );
    go(&mut state, 0, Phase::Intro);
    let cards = state.route_cards();
    assert_eq!(cards.len(), 3);
    let names: Vec<Option<&str>> = cards.iter().map(|c| c.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("Amina"), Some("Yusuf"), None],
        "alphabetically, the unnamed last"
    );
    assert_eq!(cards[2].number, 3, "shown as Gæst 3");
    assert!(
        cards.iter().all(|c| c.tables.len() == 4),
        "a table for every round"
    );
    for round in 0..4 {
        go(&mut state, round, Phase::Intro);
        for guest in guests {
            assert_eq!(
                seat(&state, guest),
                state.cafe.routes[&guest][round],
                "round {round}: as on the card"
            );
        }
        sizes_even(&state);
    }
    assert!(
        state
            .console_view("K7MP4Q")
            .cafe
            .expect("café")
            .route_breaks
            .is_empty()
    );
    // The guests moved like everyone.
    let route = &state.cafe.routes[&guests[0]];
    assert!(route.windows(2).any(|w| w[0] != w[1]), "{route:?}");
}

#[test]
fn a_guest_added_during_the_cafe_gets_a_card_from_then_on() {
    let mut state = cafe();
    for _ in 0..12 {
        join(&mut state);
    }
    go(&mut state, 0, Phase::Reflect);
    let guest = add_guest(&mut state, "Farmor Inge", None);
    let route = state.cafe.routes[&guest].clone();
    assert_eq!(route.len(), 4);
    assert_eq!(route[0], seat(&state, guest), "the table now");
    for (round, table) in route.iter().enumerate().skip(1) {
        go(&mut state, round, Phase::Intro);
        assert_eq!(seat(&state, guest), *table, "round {round}");
        sizes_even(&state);
    }
}

#[test]
fn a_guest_with_a_group_follows_the_group_and_has_no_card() {
    let mut state = cafe();
    let people: Vec<ParticipantId> = (0..10).map(|_| join(&mut state)).collect();
    let code = sit(&mut state, people[0], None);
    let guest = add_guest(&mut state, "Amina", Some(code));
    go(&mut state, 0, Phase::Intro);
    assert!(state.route_cards().is_empty());
    assert_eq!(seat(&state, guest), seat(&state, people[0]));
}
