//! The meeting rules, tried as a meeting would use them, and properties that must hold after
//! any sequence of commands.

use proptest::prelude::*;

use super::agenda::{Agenda, AgendaStep};
use super::command::{Actor, Command, CommandError, Field, Lang, Target};
use super::ids::{ActionId, AnswerId, ClusterId, ParticipantId};
use super::state::{Change, Event, MeetingSetup, MeetingState, VoteRules};
use super::text::{MeetingTitle, QuestionText, TextError};
use crate::domain::phase::Phase;

const CODE: &str = "K7MP4Q";

fn setup(steps: usize) -> MeetingSetup {
    let steps = (0..steps)
        .map(|i| AgendaStep::typed(QuestionText::parse(&format!("Spørgsmål {i}?")).expect("text")))
        .collect();
    MeetingSetup {
        title: MeetingTitle::parse("Personalemøde").expect("title"),
        agenda: Agenda::new(steps).expect("agenda"),
        names_allowed: false,
        vote_rules: VoteRules::default(),
        shuffle_seed: 7,
    }
}

fn go(state: &mut MeetingState, step: usize, phase: Phase) {
    state
        .handle(Actor::Host, &Command::GoTo { step, phase }, 0)
        .expect("host moves");
}

fn join(state: &mut MeetingState) -> ParticipantId {
    let id = ParticipantId::new();
    state
        .handle(Actor::Participant(id), &Command::Join { name: None }, 0)
        .expect("join");
    id
}

fn answer(
    state: &mut MeetingState,
    who: ParticipantId,
    text: &str,
) -> Result<AnswerId, CommandError> {
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
        .map(|_| id)
}

fn dots(
    state: &mut MeetingState,
    who: ParticipantId,
    target: Target,
    dots: u8,
) -> Result<Event, CommandError> {
    state.handle(
        Actor::Participant(who),
        &Command::SetDots { target, dots },
        0,
    )
}

#[test]
fn a_whole_step_from_question_to_action() {
    let mut state = MeetingState::new(setup(2));
    let people: Vec<_> = (0..3).map(|_| join(&mut state)).collect();
    go(&mut state, 0, Phase::Reflect);
    let a = answer(&mut state, people[0], "Mere tid til samtaler").expect("a");
    let b = answer(&mut state, people[1], "Flere samtaler med forældre").expect("b");
    let c = answer(&mut state, people[2], "Legepladsen").expect("c");
    assert_eq!(state.screen_view(CODE).counts.answered, 3);
    assert!(
        state.screen_view(CODE).step.cards.is_empty(),
        "nothing shown before the reveal"
    );

    go(&mut state, 0, Phase::Reveal);
    assert_eq!(state.screen_view(CODE).step.cards.len(), 3);
    go(&mut state, 0, Phase::Sort);
    let talks = ClusterId::new();
    state
        .handle(
            Actor::Host,
            &Command::MergeAnswers {
                cluster: talks,
                title: "Samtaler".into(),
                answers: vec![a, b],
            },
            0,
        )
        .expect("merge");
    go(&mut state, 0, Phase::Vote);
    dots(&mut state, people[0], Target::Cluster(talks), 2).expect("two dots");
    dots(&mut state, people[0], Target::Answer(c), 1).expect("third dot");
    assert_eq!(
        dots(&mut state, people[0], Target::Answer(c), 2),
        Err(CommandError::OverBudget { budget: 3 })
    );
    assert_eq!(
        dots(&mut state, people[1], Target::Cluster(talks), 3),
        Err(CommandError::OverCap { cap: 2 })
    );
    assert_eq!(
        dots(&mut state, people[1], Target::Answer(a), 1),
        Err(CommandError::HiddenTarget),
        "an answer inside a group is voted on through its group"
    );
    dots(&mut state, people[1], Target::Cluster(talks), 1).expect("vote");
    assert!(
        state
            .screen_view(CODE)
            .step
            .cards
            .iter()
            .all(|c| c.dots.is_none()),
        "tallies stay hidden while voting is open"
    );
    let console = state.console_view(CODE);
    assert!(!console.room_sees_tallies);
    assert_eq!(
        console
            .step
            .cards
            .iter()
            .map(|c| c.dots.unwrap_or(0))
            .sum::<u32>(),
        4,
        "the host sees the tallies while the room votes"
    );

    go(&mut state, 0, Phase::Agree);
    let ranking = state.screen_view(CODE).step.cards;
    assert_eq!(ranking[0].target, Target::Cluster(talks));
    assert_eq!(ranking[0].dots, Some(3));
    assert_eq!(ranking[0].title.as_deref(), Some("Samtaler"));
    assert_eq!(ranking[1].dots, Some(1));
    state
        .handle(
            Actor::Host,
            &Command::RecordAction {
                action: ActionId::new(),
                what: "Samtaleark til efterårets forældresamtaler".into(),
                owner: "Pædagogerne på stuen".into(),
                due: Some("2026-12-15".into()),
                pillar: None,
            },
            0,
        )
        .expect("action");
    let summary = state.summary_view(CODE);
    assert_eq!(summary.steps[0].actions.len(), 1);
    assert_eq!(summary.steps[0].cards.len(), 2);
}

#[test]
fn each_role_may_only_do_its_own_commands() {
    let mut state = MeetingState::new(setup(1));
    let person = join(&mut state);
    for command in [
        Command::GoTo {
            step: 0,
            phase: Phase::Reflect,
        },
        Command::EndMeeting,
        Command::StartTimer { minutes: 5 },
        Command::HideAnswer {
            answer: AnswerId::new(),
            hidden: true,
        },
    ] {
        assert_eq!(
            state.decide(Actor::Participant(person), &command, 0),
            Err(CommandError::HostOnly)
        );
        assert_eq!(
            state.decide(Actor::Screen, &command, 0),
            Err(CommandError::ReadOnly)
        );
    }
    assert_eq!(
        state.decide(Actor::Host, &Command::Join { name: None }, 0),
        Err(CommandError::ParticipantOnly)
    );
    let stranger = ParticipantId::new();
    go(&mut state, 0, Phase::Reflect);
    assert_eq!(
        answer(&mut state, stranger, "hej"),
        Err(CommandError::NotJoined)
    );
}

#[test]
fn answers_are_taken_only_while_reflecting_and_only_when_acceptable() {
    let mut state = MeetingState::new(setup(1));
    let person = join(&mut state);
    assert_eq!(
        answer(&mut state, person, "for tidligt"),
        Err(CommandError::PhaseClosed {
            phase: Phase::Intro
        })
    );
    go(&mut state, 0, Phase::Reflect);
    assert_eq!(
        answer(&mut state, person, "   "),
        Err(CommandError::Text {
            field: Field::Answer,
            problem: TextError::Empty
        })
    );
    assert_eq!(
        answer(&mut state, person, "Min søns cpr er 010203-1234"),
        Err(CommandError::Text {
            field: Field::Answer,
            problem: TextError::Cpr
        })
    );
    assert!(answer(&mut state, person, "Et godt svar").is_ok());
    go(&mut state, 0, Phase::Reveal);
    assert_eq!(
        answer(&mut state, person, "for sent"),
        Err(CommandError::PhaseClosed {
            phase: Phase::Reveal
        })
    );
    let seq = state.seq;
    assert!(answer(&mut state, person, "for sent").is_err());
    assert_eq!(state.seq, seq, "a refused command changes nothing");
}

#[test]
fn names_show_on_the_cards_only_in_a_meeting_that_uses_them() {
    let mut state = MeetingState::new(MeetingSetup {
        names_allowed: true,
        ..setup(1)
    });
    let named = ParticipantId::new();
    state
        .handle(
            Actor::Participant(named),
            &Command::Join {
                name: Some(" Mette ".into()),
            },
            0,
        )
        .expect("join with a name");
    let anonymous = join(&mut state);
    go(&mut state, 0, Phase::Reflect);
    answer(&mut state, named, "Mere tid til samtaler").expect("named answer");
    answer(&mut state, anonymous, "Flere ture i skoven").expect("anonymous answer");
    go(&mut state, 0, Phase::Reveal);
    let names: Vec<Option<String>> = state
        .screen_view(CODE)
        .step
        .cards
        .iter()
        .flat_map(|card| card.answers.iter().map(|a| a.name.clone()))
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&Some("Mette".into())));
    assert!(names.contains(&None), "no name given, none shown");
}

#[test]
fn names_are_refused_when_the_meeting_does_not_use_them() {
    let state = MeetingState::new(setup(1));
    let who = Actor::Participant(ParticipantId::new());
    assert_eq!(
        state.decide(
            who,
            &Command::Join {
                name: Some("Mette".into())
            },
            0
        ),
        Err(CommandError::NamesOff)
    );
    assert!(
        state
            .decide(
                who,
                &Command::Join {
                    name: Some("  ".into())
                },
                0
            )
            .is_ok()
    );
}

#[test]
fn hidden_and_voted_answers_are_protected() {
    let mut state = MeetingState::new(setup(1));
    let person = join(&mut state);
    go(&mut state, 0, Phase::Reflect);
    let kept = answer(&mut state, person, "Relevant").expect("kept");
    let off = answer(&mut state, person, "Uden for emnet").expect("off");
    go(&mut state, 0, Phase::Reveal);
    state
        .handle(
            Actor::Host,
            &Command::HideAnswer {
                answer: off,
                hidden: true,
            },
            0,
        )
        .expect("hide");
    let view = state.participant_view(CODE, Some(person));
    assert_eq!(
        view.step.cards.len(),
        1,
        "hidden answers are not sent to phones"
    );
    assert!(
        !serde_json::to_string(&state.screen_view(CODE))
            .expect("json")
            .contains("Uden for emnet")
    );
    go(&mut state, 0, Phase::Vote);
    assert_eq!(
        dots(&mut state, person, Target::Answer(off), 1),
        Err(CommandError::HiddenTarget)
    );
    dots(&mut state, person, Target::Answer(kept), 1).expect("vote");
    go(&mut state, 0, Phase::Sort);
    assert_eq!(
        state.decide(
            Actor::Host,
            &Command::HideAnswer {
                answer: kept,
                hidden: true
            },
            0
        ),
        Err(CommandError::AlreadyVoted),
        "hiding would throw away a vote"
    );
    assert_eq!(
        state
            .decide(
                Actor::Host,
                &Command::SetVoteRules {
                    budget: 3,
                    cap: 2,
                    tallies_live: true
                },
                0
            )
            .map(|_| ()),
        Ok(())
    );
}

#[test]
fn no_view_names_a_participant() {
    let mut state = MeetingState::new(setup(1));
    let people: Vec<_> = (0..3).map(|_| join(&mut state)).collect();
    go(&mut state, 0, Phase::Reflect);
    let mut answers = Vec::new();
    for (i, person) in people.iter().enumerate() {
        answers.push(answer(&mut state, *person, &format!("Svar {i}")).expect("answer"));
    }
    for phase in [Phase::Reveal, Phase::Vote, Phase::Agree] {
        go(&mut state, 0, phase);
        if phase == Phase::Vote {
            dots(&mut state, people[0], Target::Answer(answers[1]), 1).expect("vote");
        }
        let mut frames = vec![
            serde_json::to_string(&state.screen_view(CODE)).expect("json"),
            serde_json::to_string(&state.console_view(CODE)).expect("json"),
            serde_json::to_string(&state.summary_view(CODE)).expect("json"),
        ];
        for person in &people {
            frames.push(
                serde_json::to_string(&state.participant_view(CODE, Some(*person))).expect("json"),
            );
        }
        for frame in &frames {
            for person in &people {
                assert!(!frame.contains(&person.to_string()), "{frame}");
            }
        }
    }
    // Before the reveal a phone sees its own answers only.
    go(&mut state, 0, Phase::Reflect);
    let view = serde_json::to_string(&state.participant_view(CODE, Some(people[0]))).expect("json");
    assert!(view.contains("Svar 0"));
    assert!(!view.contains("Svar 1") && !view.contains("Svar 2"));
}

#[test]
fn a_timer_is_set_from_server_time_and_ends_with_the_phase() {
    let mut state = MeetingState::new(setup(1));
    state
        .handle(Actor::Host, &Command::StartTimer { minutes: 3 }, 1_000)
        .expect("timer");
    assert_eq!(state.timer_ends_at_ms, Some(181_000));
    assert_eq!(
        state.decide(Actor::Host, &Command::StartTimer { minutes: 31 }, 0),
        Err(CommandError::TimerMinutes)
    );
    go(&mut state, 0, Phase::Reflect);
    assert_eq!(state.timer_ends_at_ms, None);
}

#[test]
fn ending_the_meeting_closes_it_to_phones_and_moving_reopens_it() {
    let mut state = MeetingState::new(setup(1));
    let person = join(&mut state);
    go(&mut state, 0, Phase::Reflect);
    state
        .handle(Actor::Host, &Command::EndMeeting, 0)
        .expect("end");
    assert_eq!(
        answer(&mut state, person, "hej"),
        Err(CommandError::MeetingEnded)
    );
    go(&mut state, 0, Phase::Reflect);
    assert!(answer(&mut state, person, "hej").is_ok());
}

#[test]
fn every_phase_of_every_step_can_be_reached_and_left() {
    let mut state = MeetingState::new(setup(3));
    for step in 0..3 {
        for phase in Phase::ALL {
            go(&mut state, step, phase);
            assert_eq!((state.current, state.phase()), (step, phase));
            let agenda = &state.setup.agenda.steps[step];
            let next = agenda
                .next_phase(phase)
                .map(|p| (step, p))
                .unwrap_or(((step + 1) % 3, Phase::Intro));
            go(&mut state, next.0, next.1);
            assert_eq!((state.current, state.phase()), next);
        }
    }
}

// Property tests: random meetings of a few people doing anything in any order.

#[derive(Debug, Clone)]
enum Move {
    Host(Command),
    Person(usize, Command),
}

const PEOPLE: usize = 4;
const POOL: usize = 6;

fn pool_answer(i: usize) -> AnswerId {
    AnswerId(uuid::Builder::from_random_bytes((1000 + i as u128).to_le_bytes()).into_uuid())
}

fn pool_cluster(i: usize) -> ClusterId {
    ClusterId(uuid::Uuid::from_u128(2000 + i as u128))
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        (0..POOL).prop_map(|i| Target::Answer(pool_answer(i))),
        (0..2usize).prop_map(|i| Target::Cluster(pool_cluster(i))),
    ]
}

fn a_move() -> impl Strategy<Value = Move> {
    let phase = proptest::sample::select(Phase::ALL.to_vec());
    prop_oneof![
        3 => (0..2usize, phase).prop_map(|(step, phase)| Move::Host(Command::GoTo { step, phase })),
        4 => (0..PEOPLE, 0..POOL).prop_map(|(p, i)| Move::Person(p, Command::SubmitAnswer {
            answer: pool_answer(i), text: format!("svar {i}"), lang: Lang::Da, heading: None })),
        6 => (0..PEOPLE, target(), 0..4u8).prop_map(|(p, target, dots)| Move::Person(p, Command::SetDots { target, dots })),
        1 => (0..POOL, any::<bool>()).prop_map(|(i, hidden)| Move::Host(Command::HideAnswer { answer: pool_answer(i), hidden })),
        1 => (0..2usize, proptest::collection::vec(0..POOL, 0..3)).prop_map(|(c, ids)| Move::Host(Command::MergeAnswers {
            cluster: pool_cluster(c), title: "Gruppe".into(), answers: ids.into_iter().map(pool_answer).collect() })),
        1 => (0..POOL).prop_map(|i| Move::Host(Command::Ungroup { answer: pool_answer(i) })),
        1 => (0..PEOPLE, 0..POOL).prop_map(|(p, i)| Move::Person(p, Command::WithdrawAnswer { answer: pool_answer(i) })),
        1 => (1..5u8, 1..5u8, any::<bool>()).prop_map(|(budget, cap, tallies_live)| Move::Host(Command::SetVoteRules { budget, cap, tallies_live })),
    ]
}

fn run(moves: &[Move]) -> (MeetingState, Vec<Event>, Vec<ParticipantId>) {
    let mut state = MeetingState::new(setup(2));
    let people: Vec<ParticipantId> = (0..PEOPLE)
        .map(|i| ParticipantId(uuid::Uuid::from_u128(i as u128 + 1)))
        .collect();
    let mut events = Vec::new();
    for person in &people {
        events.push(
            state
                .handle(
                    Actor::Participant(*person),
                    &Command::Join { name: None },
                    0,
                )
                .expect("join"),
        );
    }
    for (at, m) in moves.iter().enumerate() {
        let (actor, command) = match m {
            Move::Host(command) => (Actor::Host, command),
            Move::Person(p, command) => (Actor::Participant(people[*p]), command),
        };
        if let Ok(event) = state.handle(actor, command, at as i64) {
            events.push(event);
        }
    }
    (state, events, people)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_sequence_of_commands_breaks_the_vote(moves in proptest::collection::vec(a_move(), 0..80)) {
        let (state, _, people) = run(&moves);
        for step in &state.steps {
            for person in &people {
                prop_assert!(step.dots_of(*person) <= u32::from(step.rules.budget));
                let scanned: Vec<(Target, u8)> = step.dots.iter()
                    .filter(|((p, _), _)| p == person)
                    .map(|((_, t), n)| (*t, *n))
                    .collect();
                prop_assert_eq!(step.dots_by(*person).collect::<Vec<_>>(), scanned);
            }
            for (&(_, target), &n) in &step.dots {
                prop_assert!(n >= 1 && n <= step.rules.cap);
                prop_assert!(step.is_votable(target), "dots only on visible answers and groups");
            }
        }
    }

    #[test]
    fn tallies_always_equal_the_dots_cast(moves in proptest::collection::vec(a_move(), 0..80)) {
        let (state, _, _) = run(&moves);
        let summary = state.summary_view(CODE);
        for (view, step) in summary.steps.iter().zip(&state.steps) {
            if view.tallies_visible {
                let shown: u32 = view.cards.iter().map(|c| c.dots.unwrap_or(0)).sum();
                let cast: u32 = step.dots.values().map(|n| u32::from(*n)).sum();
                prop_assert_eq!(shown, cast);
            }
        }
    }

    #[test]
    fn replaying_the_events_gives_the_same_state(moves in proptest::collection::vec(a_move(), 0..80)) {
        let (state, events, _) = run(&moves);
        let mut replayed = MeetingState::new(setup(2));
        for (i, event) in events.iter().enumerate() {
            prop_assert_eq!(event.seq, i as u64 + 1, "sequence numbers have no gaps");
            let json = serde_json::to_string(event).expect("event to json");
            let event: Event = serde_json::from_str(&json).expect("event from json");
            replayed.evolve(&event);
        }
        prop_assert_eq!(replayed, state);
    }
    #[test]
    fn a_participants_change_alters_only_their_own_part_of_the_view(
        moves in proptest::collection::vec(a_move(), 0..80)
    ) {
        let (_, events, people) = run(&moves);
        let mut state = MeetingState::new(setup(2));
        for event in &events {
            let touched = state.own_view_touched(&event.change);
            let before: Vec<_> = people.iter().map(|p| state.participant_own(Some(*p))).collect();
            state.evolve(event);
            if let Some(toucher) = touched {
                for (person, before) in people.iter().zip(before) {
                    if *person != toucher {
                        prop_assert_eq!(&state.participant_own(Some(*person)), &before);
                    }
                }
            }
        }
    }
}

#[test]
fn each_item_keeps_the_time_the_meeting_spent_at_it() {
    let mut state = MeetingState::new(setup(3));
    let at = |seq: u64, minutes: i64, change: Change| Event {
        seq,
        at_ms: minutes * 60_000,
        change,
    };
    state.evolve(&at(
        1,
        0,
        Change::MovedTo {
            step: 0,
            phase: Phase::Reflect,
            seated: None,
        },
    ));
    state.evolve(&at(
        2,
        7,
        Change::MovedTo {
            step: 1,
            phase: Phase::Intro,
            seated: None,
        },
    ));
    state.evolve(&at(
        3,
        10,
        Change::MovedTo {
            step: 0,
            phase: Phase::Agree,
            seated: None,
        },
    ));
    state.evolve(&at(
        4,
        12,
        Change::MovedTo {
            step: 0,
            phase: Phase::Done,
            seated: None,
        },
    ));
    state.evolve(&at(5, 15, Change::MeetingEnded));
    assert_eq!(
        state.steps[0].spent_ms,
        (7 + 5) * 60_000,
        "two visits: 7 and 5 minutes"
    );
    assert_eq!(state.steps[1].spent_ms, 3 * 60_000);
    assert_eq!(state.steps[2].spent_ms, 0);
    assert_eq!(state.entered_at_ms, None, "no clock runs after the end");
    let later = state.console_view(CODE);
    assert_eq!(later.agenda[0].spent_ms, 12 * 60_000);
}
