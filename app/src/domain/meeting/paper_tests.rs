//! Dots from paper, tried as a room with people without a phone would use them: given a
//! step in its vote, when the host types the dots counted on paper or by hands, then they are
//! added to the phones' dots, shown as the paper's share, fixed like any dot, and only the
//! host can type them.

use super::agenda::{Agenda, AgendaStep};
use super::cafe_tests::{cafe, go, join};
use super::command::{Actor, Command, CommandError, Lang, Target};
use super::ids::{AnswerId, ParticipantId};
use super::state::{MAX_PAPER_DOTS, MeetingSetup, MeetingState};
use super::text::QuestionText;
use crate::domain::phase::Phase;

/// A one-question meeting with two answers, at its vote: (state, voter, the two answers).
fn voting() -> (MeetingState, ParticipantId, [AnswerId; 2]) {
    let mut state = MeetingState::new(MeetingSetup {
        agenda: Agenda::new(vec![AgendaStep::typed(
            QuestionText::parse("Hvad gør vi nu?").expect("text"),
        )])
        .expect("agenda"),
        ..cafe().setup
    });
    let writer = join(&mut state);
    go(&mut state, 0, Phase::Reflect);
    let answers = [AnswerId::new(), AnswerId::new()];
    for (answer, text) in answers.iter().zip(["Madklub", "Legeaftaler"]) {
        state
            .handle(
                Actor::Participant(writer),
                &Command::SubmitAnswer {
                    answer: *answer,
                    text: text.into(),
                    lang: Lang::Da,
                    heading: None,
                },
                0,
            )
            .expect("answer");
    }
    go(&mut state, 0, Phase::Reveal);
    go(&mut state, 0, Phase::Vote);
    (state, writer, answers)
}

fn paper(
    state: &mut MeetingState,
    actor: Actor,
    answer: AnswerId,
    dots: u16,
) -> Result<(), CommandError> {
    state
        .handle(
            actor,
            &Command::SetPaperDots {
                target: Target::Answer(answer),
                dots,
            },
            0,
        )
        .map(|_| ())
}

fn tally(state: &MeetingState, answer: AnswerId) -> (Option<u32>, Option<u16>) {
    let card = state
        .console_view("K7MP4Q")
        .step
        .cards
        .into_iter()
        .find(|c| c.target == Target::Answer(answer))
        .expect("the card");
    (card.dots, card.paper)
}

#[test]
fn paper_dots_are_added_to_the_phones_and_shown_as_their_share() {
    let (mut state, voter, [first, second]) = voting();
    state
        .handle(
            Actor::Participant(voter),
            &Command::SetDots {
                target: Target::Answer(second),
                dots: 1,
            },
            0,
        )
        .expect("a phone's dot");
    paper(&mut state, Actor::Host, second, 4).expect("four hands");
    paper(&mut state, Actor::Host, first, 2).expect("two ballots");
    assert_eq!(tally(&state, second), (Some(5), Some(4)));
    assert_eq!(tally(&state, first), (Some(2), Some(2)));
    paper(&mut state, Actor::Host, second, 3).expect("counted again");
    assert_eq!(
        tally(&state, second),
        (Some(4), Some(3)),
        "typed again, not added"
    );
    paper(&mut state, Actor::Host, first, 0).expect("taken away");
    assert_eq!(tally(&state, first), (Some(0), None));

    go(&mut state, 0, Phase::Agree);
    let ranked = state.screen_view("K7MP4Q").step.cards;
    assert_eq!(
        ranked[0].target,
        Target::Answer(second),
        "the paper counts in the ranking"
    );
    assert_eq!((ranked[0].dots, ranked[0].paper), (Some(4), Some(3)));
}

#[test]
fn only_the_host_types_paper_dots_within_the_limit_while_the_room_votes() {
    let (mut state, voter, [first, _]) = voting();
    assert_eq!(
        paper(&mut state, Actor::Participant(voter), first, 2),
        Err(CommandError::HostOnly)
    );
    assert_eq!(
        paper(&mut state, Actor::Host, first, MAX_PAPER_DOTS + 1),
        Err(CommandError::PaperDots {
            max: MAX_PAPER_DOTS
        })
    );
    assert_eq!(
        paper(&mut state, Actor::Host, AnswerId::new(), 2),
        Err(CommandError::UnknownTarget)
    );
    paper(&mut state, Actor::Host, first, 2).expect("while the room votes");
    // Dots from paper fix the answer like a phone's: back in the sorting, it can no longer
    // be hidden.
    go(&mut state, 0, Phase::Sort);
    assert_eq!(
        state.handle(
            Actor::Host,
            &Command::HideAnswer {
                answer: first,
                hidden: true
            },
            0
        ),
        Err(CommandError::AlreadyVoted)
    );
    go(&mut state, 0, Phase::Agree);
    assert_eq!(
        paper(&mut state, Actor::Host, first, 3),
        Err(CommandError::PhaseClosed {
            phase: Phase::Agree
        })
    );
}
