//! The leader's choice of table hosts among the volunteers (glossary: *bordvært*): a phone
//! that offers to host may give a name, so the leader can see who offered; the console lists
//! the volunteers and lets the leader pass one over. When the first round is seated the
//! chosen volunteers host tables 1, 2, … in the order they offered (then, if the rule says
//! so, hosts are drawn for the tables still without one: `CafeState::first_hosts`).
//!
//! The console names a person by a `PersonRef`, drawn from the meeting's seed: a
//! participant's id never leaves the server.

use serde::{Deserialize, Serialize};

use super::cafe::CafeState;
use super::ids::{ParticipantId, shuffle_key};
use super::state::MeetingState;

/// A person as the console refers to them: 48 bits, so a JavaScript number holds it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonRef(pub u64);

const PERSON_SALT: u64 = 0x7e57_a11e_90de_0002;
const PERSON_BITS: u64 = (1 << 48) - 1;

/// A volunteer on the console: how they are named, and whether the leader keeps them as a
/// host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerView {
    pub person: PersonRef,
    /// From 1, in the order they offered.
    pub number: usize,
    /// The name the phone gave (or its name in a meeting with names); `None`: shown as
    /// *Frivillig 2*.
    pub name: Option<String>,
    /// Whether the leader keeps this volunteer as a host (all are, until passed over).
    pub chosen: bool,
}

impl MeetingState {
    pub fn person_ref(&self, person: ParticipantId) -> PersonRef {
        PersonRef(shuffle_key(self.setup.shuffle_seed ^ PERSON_SALT, person.0) & PERSON_BITS)
    }

    /// The participant a console's reference names, if any.
    pub fn person_of(&self, person: PersonRef) -> Option<ParticipantId> {
        self.participants
            .keys()
            .copied()
            .find(|id| self.person_ref(*id) == person)
    }

    /// The volunteers as the console lists them.
    pub fn volunteer_views(&self) -> Vec<VolunteerView> {
        self.cafe
            .volunteers
            .iter()
            .enumerate()
            .map(|(index, id)| VolunteerView {
                person: self.person_ref(*id),
                number: index + 1,
                name: self
                    .cafe
                    .volunteer_names
                    .get(id)
                    .or_else(|| self.participants.get(id).and_then(|p| p.name.as_ref()))
                    .map(ToString::to_string),
                chosen: !self.cafe.passed_over.contains(id),
            })
            .collect()
    }
}

impl CafeState {
    /// The volunteers the leader has not passed over, in the order they offered.
    pub fn chosen_volunteers(&self) -> impl Iterator<Item = &ParticipantId> {
        self.volunteers
            .iter()
            .filter(|v| !self.passed_over.contains(v))
    }
}
