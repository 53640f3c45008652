//! How long a team keeps what people wrote: answers (and names, in a meeting that used names)
//! are erased a number of days after the meeting; actions stay until the team deletes them.
//! Pure: which meetings are due, and what an event looks like once erased. The server
//! rewrites the stored events (`server/src/teams/retention.rs`).

use crate::domain::meeting::{
    state::{Change, Event},
    text::AnswerText,
};

/// What an erased answer's text becomes: the event keeps its place in the log (its id, step,
/// order and dots still add up), only the words are gone.
pub const ERASED_TEXT: &str = "–";

/// Days after a meeting that its answers are kept: 1 to 365, 30 unless the team chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AnswerDays(u16);

impl Default for AnswerDays {
    fn default() -> Self {
        Self(30)
    }
}

impl AnswerDays {
    pub const MAX: u16 = 365;

    pub fn parse(typed: &str) -> Option<Self> {
        typed
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|days| (1..=Self::MAX).contains(days))
            .map(Self)
    }

    pub fn days(self) -> u16 {
        self.0
    }

    /// Whether a meeting that started at `started_ms` is due for erasure at `now_ms`.
    pub fn expired(self, started_ms: i64, now_ms: i64) -> bool {
        now_ms - started_ms >= i64::from(self.0) * 86_400_000
    }
}

/// The event with what a person wrote taken out, or `None` if it holds nothing to erase (or
/// was erased already). Answers keep their ids, authors' random ids and order; names go.
pub fn erase(event: &Event) -> Option<Event> {
    let change = match &event.change {
        Change::AnswerSubmitted {
            step,
            answer,
            author,
            text,
            lang,
            table,
            heading,
        } if text.as_str() != ERASED_TEXT => Change::AnswerSubmitted {
            step: *step,
            answer: *answer,
            author: *author,
            text: AnswerText::parse(ERASED_TEXT).ok()?,
            lang: *lang,
            table: *table,
            heading: *heading,
        },
        Change::Joined {
            participant,
            name: Some(_),
            table,
        } => Change::Joined {
            participant: *participant,
            name: None,
            table: *table,
        },
        Change::VolunteerSet {
            participant,
            willing,
            name: Some(_),
        } => Change::VolunteerSet {
            participant: *participant,
            willing: *willing,
            name: None,
        },
        Change::GuestAdded {
            participant,
            name: Some(_),
            table,
            together,
            route,
        } => Change::GuestAdded {
            participant: *participant,
            name: None,
            table: *table,
            together: *together,
            route: route.clone(),
        },
        _ => return None,
    };
    Some(Event {
        seq: event.seq,
        at_ms: event.at_ms,
        change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{
        command::Lang,
        ids::{AnswerId, ParticipantId},
        text::DisplayName,
    };

    fn event(change: Change) -> Event {
        Event {
            seq: 7,
            at_ms: 1_000,
            change,
        }
    }

    #[test]
    fn answers_and_names_lose_their_words_and_keep_their_place() {
        let answer = AnswerId::new();
        let author = ParticipantId::new();
        let written = event(Change::AnswerSubmitted {
            step: 1,
            answer,
            author,
            text: AnswerText::parse("Min søn er ked af det").expect("text"),
            lang: Lang::Da,
            table: Some(3),
            heading: None,
        });
        let erased = erase(&written).expect("an answer is erased");
        match &erased.change {
            Change::AnswerSubmitted {
                step,
                answer: id,
                author: by,
                text,
                table,
                ..
            } => {
                assert_eq!((*step, *id, *by), (1, answer, author));
                assert_eq!(*table, Some(3), "the table stays: it says nothing of who");
                assert_eq!(text.as_str(), ERASED_TEXT);
            }
            other => panic!("still an answer, not {other:?}"),
        }
        assert_eq!((erased.seq, erased.at_ms), (7, 1_000));
        assert_eq!(erase(&erased), None, "erasing twice changes nothing");

        let named = event(Change::Joined {
            participant: author,
            name: Some(DisplayName::parse("Lene").expect("name")),
            table: None,
        });
        assert!(matches!(
            erase(&named).map(|e| e.change),
            Some(Change::Joined { name: None, .. })
        ));
        // A café guest's name, typed by the host, goes like any other name; the seat and
        // the group stay.
        let guest = event(Change::GuestAdded {
            participant: author,
            name: Some(DisplayName::parse("Farmor Inge").expect("name")),
            table: Some(2),
            together: None,
            route: Vec::new(),
        });
        match erase(&guest).map(|e| e.change) {
            Some(Change::GuestAdded {
                name: None,
                table: Some(2),
                participant,
                ..
            }) => assert_eq!(participant, author),
            other => panic!("the guest's name is still there: {other:?}"),
        }
        // So does the name a volunteer gave the leader.
        let volunteer = event(Change::VolunteerSet {
            participant: author,
            willing: true,
            name: Some(DisplayName::parse("Lene").expect("name")),
        });
        assert!(matches!(
            erase(&volunteer).map(|e| e.change),
            Some(Change::VolunteerSet {
                name: None,
                willing: true,
                ..
            })
        ));
        assert_eq!(erase(&event(Change::MeetingEnded)), None);
    }

    #[test]
    fn days_are_parsed_and_counted_from_the_start() {
        assert_eq!(AnswerDays::default().days(), 30);
        assert_eq!(AnswerDays::parse(" 7 ").map(AnswerDays::days), Some(7));
        for bad in ["0", "366", "-1", "tredive", ""] {
            assert_eq!(AnswerDays::parse(bad), None, "{bad}");
        }
        let week = AnswerDays::parse("7").expect("days");
        assert!(!week.expired(0, 7 * 86_400_000 - 1));
        assert!(week.expired(0, 7 * 86_400_000));
    }
}
