//! People who sit together in the café (glossary: *sidder sammen*): a parent and an
//! interpreter, a couple, someone who translates for a friend. One phone gets a four-digit
//! code, the others type it; the host can add a guest without a phone to a code. The
//! rotation keeps each group at one table in every round it seats from then on (a round in
//! use never moves).
//!
//! When a group cannot be kept together (it is larger than a table, it holds two table
//! hosts, or the tables would differ by more than one), the round is seated without that
//! group and the console says which group and why: never silently.
//!
//! The code names a group, never a person: it is drawn from the meeting's seed, and the
//! views show a phone only its own group's code and size.

use serde::{Deserialize, Serialize};

use super::agenda::Agenda;
use super::apart::{ApartUnmet, UnmetApart};
use super::cafe::CafeState;
use super::command::CommandError;
use super::ids::{ParticipantId, shuffle_key};
use crate::domain::cafe::rotation::{self, Conflict, Plan, Setup, TableNo};

/// At most this many sit together in one group: a parent, an interpreter and one more.
pub const MAX_TOGETHER: usize = 3;

/// A group's code: four digits, shown on the phone that asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TogetherCode(pub u16);

impl TogetherCode {
    const FIRST: u16 = 1000;
    const COUNT: u16 = 9000;

    /// A code as a person types it: four digits, spaces ignored.
    pub fn parse(typed: &str) -> Option<Self> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let code: u16 = digits.parse().ok()?;
        (code >= Self::FIRST).then_some(Self(code))
    }

    /// A code as a form sends it: one that cannot be a code becomes 0, which the rules
    /// refuse as no group's (`NoSuchGroup`), said in the person's language.
    pub fn from_typed(typed: &str) -> Self {
        Self::parse(typed).unwrap_or(Self(0))
    }

    fn next(self) -> Self {
        Self(Self::FIRST + (self.0 - Self::FIRST + 1) % Self::COUNT)
    }
}

impl std::fmt::Display for TogetherCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a group was not kept together in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmet {
    /// More people than a table may have.
    TooLarge,
    /// Two table hosts, who each stay at their own table.
    TwoHosts,
    /// Keeping it together would make the tables differ by more than one.
    Unbalanced,
}

/// A group the rotation could not keep together in one seated round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmetGroup {
    /// The round (0-based).
    pub round: usize,
    pub code: TogetherCode,
    pub size: usize,
    pub why: Unmet,
}

impl CafeState {
    /// The group `person` is in.
    pub fn group_of(&self, person: ParticipantId) -> Option<TogetherCode> {
        self.groups
            .iter()
            .find(|(_, members)| members.contains(&person))
            .map(|(code, _)| *code)
    }

    /// A code for a new group that `person` starts: drawn from the meeting's seed, the next
    /// free one when it is taken.
    pub fn new_group_code(&self, seed: u64, person: ParticipantId) -> TogetherCode {
        let drawn =
            shuffle_key(seed ^ 0x5a3d_7e11_c0de_0001, person.0) % u64::from(TogetherCode::COUNT);
        let mut code = TogetherCode(TogetherCode::FIRST + u16::try_from(drawn).unwrap_or(0));
        while self.groups.contains_key(&code) {
            code = code.next();
        }
        code
    }

    /// Whether `person` may join the group `code`.
    pub fn check_join(
        &self,
        person: ParticipantId,
        code: TogetherCode,
    ) -> Result<(), CommandError> {
        let members = self.groups.get(&code).ok_or(CommandError::NoSuchGroup)?;
        if !members.contains(&person) && members.len() >= MAX_TOGETHER {
            return Err(CommandError::GroupFull {
                max: MAX_TOGETHER as u8,
            });
        }
        Ok(())
    }

    /// `person` joins (or starts) the group `code`, leaving any other.
    pub fn join_group(&mut self, person: ParticipantId, code: TogetherCode) {
        self.leave_group(person);
        self.groups.entry(code).or_default().push(person);
    }

    /// `person` sits where the rotation puts them again. The group keeps its code.
    pub fn leave_group(&mut self, person: ParticipantId) {
        for members in self.groups.values_mut() {
            members.retain(|m| *m != person);
        }
    }

    /// The table where the group `code` sits in the round in use at `step` (its first
    /// member's who has a seat).
    pub fn group_table(&self, agenda: &Agenda, step: usize, code: TogetherCode) -> Option<TableNo> {
        self.groups
            .get(&code)?
            .iter()
            .find_map(|member| self.seat(agenda, step, *member))
    }

    /// The groups with at least two of `people` in them, as the rotation takes them.
    pub(super) fn groups_present(
        &self,
        people: &[ParticipantId],
    ) -> Vec<(TogetherCode, Vec<ParticipantId>)> {
        self.groups
            .iter()
            .map(|(code, members)| {
                let here: Vec<ParticipantId> = members
                    .iter()
                    .filter(|m| people.contains(m))
                    .copied()
                    .collect();
                (*code, here)
            })
            .filter(|(_, here)| here.len() >= 2)
            .collect()
    }
}

/// A plan with the wishes it could not keep, or the conflicts that name no wish.
type Planned = Result<(Plan<ParticipantId>, Unkept), Vec<Conflict<ParticipantId>>>;

/// The groups and keep-apart pairs a plan could not keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Unkept {
    pub groups: Vec<UnmetGroup>,
    pub apart: Vec<UnmetApart>,
}

/// Plans the rounds with every group kept together and every pair kept apart where it can
/// be: a wish that a conflict names is left out (and returned with the reason), and the rest
/// is planned again. Conflicts that name no wish are the caller's to report.
pub(super) fn plan_with_wishes(
    mut setup: Setup<ParticipantId>,
    groups: Vec<(TogetherCode, Vec<ParticipantId>)>,
    apart: Vec<(ParticipantId, ParticipantId)>,
    first_round: usize,
) -> Planned {
    let mut kept = groups;
    let mut kept_apart = apart;
    let mut left_out: Vec<(TogetherCode, usize, Unmet)> = Vec::new();
    let mut apart_out: Vec<(ParticipantId, ParticipantId, ApartUnmet)> = Vec::new();
    loop {
        setup.together = kept.iter().map(|(_, members)| members.clone()).collect();
        setup.apart.clone_from(&kept_apart);
        let conflicts = match rotation::plan(&setup) {
            Ok(plan) => {
                let rounds = first_round..plan.rounds.len();
                let groups = rounds
                    .clone()
                    .flat_map(|round| {
                        left_out.iter().map(move |&(code, size, why)| UnmetGroup {
                            round,
                            code,
                            size,
                            why,
                        })
                    })
                    .collect();
                let apart = rounds
                    .flat_map(|round| {
                        apart_out
                            .iter()
                            .map(move |&(a, b, why)| UnmetApart { round, a, b, why })
                    })
                    .collect();
                return Ok((plan, Unkept { groups, apart }));
            }
            Err(conflicts) => conflicts,
        };
        let before = (kept.len(), kept_apart.len());
        for conflict in &conflicts {
            let (named, why): (Vec<ParticipantId>, Unmet) = match conflict {
                Conflict::HostsKeptTogether { hosts } => (vec![hosts.0, hosts.1], Unmet::TwoHosts),
                Conflict::GroupTooLarge { group, .. } => (group.clone(), Unmet::TooLarge),
                Conflict::Unbalanced { groups } => (groups.concat(), Unmet::Unbalanced),
                Conflict::ApartButTogether { pair } => {
                    drop_pairs(
                        &mut kept_apart,
                        &mut apart_out,
                        &[*pair],
                        ApartUnmet::Together,
                    );
                    continue;
                }
                Conflict::CannotKeepApart { pairs } => {
                    drop_pairs(
                        &mut kept_apart,
                        &mut apart_out,
                        pairs,
                        ApartUnmet::TooFewTables,
                    );
                    continue;
                }
                _ => continue,
            };
            kept.retain(|(code, members)| {
                let hit = members.iter().any(|m| named.contains(m));
                if hit {
                    left_out.push((*code, members.len(), why));
                }
                !hit
            });
        }
        if (kept.len(), kept_apart.len()) == before {
            return Err(conflicts);
        }
    }
}

fn drop_pairs(
    kept: &mut Vec<(ParticipantId, ParticipantId)>,
    out: &mut Vec<(ParticipantId, ParticipantId, ApartUnmet)>,
    pairs: &[(ParticipantId, ParticipantId)],
    why: ApartUnmet,
) {
    kept.retain(|&(a, b)| {
        let hit = pairs.contains(&(a, b)) || pairs.contains(&(b, a));
        if hit {
            out.push((a, b, why));
        }
        !hit
    });
}
