//! People the leader keeps apart in the café (glossary: *hold adskilt*): two people who
//! should not sit at one table (a conflict between two parents, two who always talk over
//! the others). The console names them by the names it knows (a meeting with names, a
//! guest's name, a volunteer's name), each by a `PersonRef`; every round seated from then
//! on keeps them apart. A pair that cannot be kept apart (they sit together by their own
//! wish, or there are too few tables) is seated anyway, and the console says which pair,
//! in which round and why.

use serde::{Deserialize, Serialize};

use super::cafe::CafeState;
use super::command::CommandError;
use super::hosts::PersonRef;
use super::ids::ParticipantId;
use super::state::MeetingState;

/// Why a pair was not kept apart in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApartUnmet {
    /// They sit together by their own wish (one group).
    Together,
    /// Not every pair fits apart at this many tables.
    TooFewTables,
}

/// A pair the rotation could not keep apart in one seated round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmetApart {
    /// The round (0-based).
    pub round: usize,
    pub a: ParticipantId,
    pub b: ParticipantId,
    pub why: ApartUnmet,
}

/// Someone the console can name: with a name from the meeting, a guest's or a volunteer's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPerson {
    pub person: PersonRef,
    pub name: String,
}

/// A pair on the console: whom it keeps apart, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApartView {
    pub a: NamedPerson,
    pub b: NamedPerson,
}

/// A pair a seated round could not keep apart, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmetApartView {
    pub round: usize,
    pub a: String,
    pub b: String,
    pub why: ApartUnmet,
}

/// A pair in one order, whichever order it was given in.
pub fn pair(a: ParticipantId, b: ParticipantId) -> (ParticipantId, ParticipantId) {
    if a <= b { (a, b) } else { (b, a) }
}

impl CafeState {
    /// The pairs kept apart with both present.
    pub(super) fn apart_present(
        &self,
        people: &[ParticipantId],
    ) -> Vec<(ParticipantId, ParticipantId)> {
        self.apart
            .iter()
            .filter(|(a, b)| people.contains(a) && people.contains(b))
            .copied()
            .collect()
    }

    pub fn set_apart(&mut self, a: ParticipantId, b: ParticipantId, apart: bool) {
        let pair = pair(a, b);
        self.apart.retain(|p| *p != pair);
        if apart {
            self.apart.push(pair);
        }
    }
}

impl MeetingState {
    /// The name the console knows someone by, if any.
    pub fn console_name(&self, person: ParticipantId) -> Option<String> {
        self.participants
            .get(&person)
            .and_then(|p| p.name.as_ref())
            .or_else(|| self.cafe.volunteer_names.get(&person))
            .map(ToString::to_string)
    }

    /// Everyone the console can name, alphabetically: whom it can keep apart.
    pub fn named_people(&self) -> Vec<NamedPerson> {
        let mut named: Vec<NamedPerson> = self
            .participants
            .keys()
            .filter(|id| !self.cafe.devices.contains_key(id))
            .filter_map(|id| {
                self.console_name(*id).map(|name| NamedPerson {
                    person: self.person_ref(*id),
                    name,
                })
            })
            .collect();
        named.sort_by_key(|x| x.name.to_lowercase());
        named
    }

    /// The two people a console's pair names, both with a name the console shows.
    pub(super) fn apart_pair(
        &self,
        a: PersonRef,
        b: PersonRef,
    ) -> Result<(ParticipantId, ParticipantId), CommandError> {
        let named = |person| {
            self.person_of(person)
                .filter(|id| self.console_name(*id).is_some())
                .ok_or(CommandError::UnknownPerson)
        };
        let (a, b) = (named(a)?, named(b)?);
        if a == b {
            return Err(CommandError::UnknownPerson);
        }
        Ok(pair(a, b))
    }

    /// The pairs kept apart, each by its two names in alphabetical order.
    pub fn apart_views(&self) -> Vec<ApartView> {
        let named = |id: ParticipantId| NamedPerson {
            person: self.person_ref(id),
            name: self.console_name(id).unwrap_or_default(),
        };
        // Each pair's names alphabetically, however it was chosen.
        self.cafe
            .apart
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (named(a), named(b));
                if a.name.to_lowercase() <= b.name.to_lowercase() {
                    ApartView { a, b }
                } else {
                    ApartView { a: b, b: a }
                }
            })
            .collect()
    }

    pub fn unmet_apart_views(&self) -> Vec<UnmetApartView> {
        self.cafe
            .unmet_apart
            .iter()
            .map(|u| UnmetApartView {
                round: u.round,
                a: self.console_name(u.a).unwrap_or_default(),
                b: self.console_name(u.b).unwrap_or_default(),
                why: u.why,
            })
            .collect()
    }
}
