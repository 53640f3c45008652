//! What a meeting's writer answered each command id with, so that a retry gets the first
//! answer. An id is bound to its meeting (each meeting has its own), its sender and its
//! command: the same id from another sender or with another command is not a retry.
//!
//! Applied commands are remembered as long as the meeting is in memory, and after a restart
//! they are read back from the log (each event keeps its command's id and hash); that memory
//! is as large as the log itself. Refusals change nothing and are not stored: the last
//! `MAX_REFUSALS` of them are remembered, and an older refused id sent again is decided
//! afresh, which can at most apply a command that was never applied.

use std::collections::{HashMap, VecDeque};

use app::domain::meeting::{
    command::{Actor, Command, CommandError},
    ids::CommandId,
};

use super::secret;

/// Refusals kept per meeting (a phone that sends refused commands in a loop must not grow
/// the server's memory).
pub const MAX_REFUSALS: usize = 1024;

/// What a command id was first answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub actor: Actor,
    /// The command's hash; `None` for events stored before hashes were kept.
    pub hash: Option<String>,
    pub result: Result<u64, CommandError>,
}

impl Outcome {
    /// Whether `hash` is the command this outcome was given for.
    pub fn same_command(&self, hash: &str) -> bool {
        self.hash.as_deref().is_none_or(|first| first == hash)
    }
}

/// The hash a command is remembered by: its JSON as the server reads it (so spacing and key
/// order in the request do not matter).
pub fn command_hash(command: &Command) -> String {
    // Plain data of strings, numbers and ids: serialising cannot fail.
    secret::hash(&serde_json::to_string(command).unwrap_or_default())
}

#[derive(Debug, Default)]
pub struct Outcomes {
    applied: HashMap<CommandId, Outcome>,
    refused: HashMap<CommandId, Outcome>,
    refused_order: VecDeque<CommandId>,
}

impl Outcomes {
    pub fn get(&self, id: CommandId) -> Option<&Outcome> {
        self.applied.get(&id).or_else(|| self.refused.get(&id))
    }

    pub fn remember(&mut self, id: CommandId, outcome: Outcome) {
        if outcome.result.is_ok() {
            if self.refused.remove(&id).is_some() {
                self.refused_order.retain(|old| *old != id);
            }
            self.applied.insert(id, outcome);
            return;
        }
        if self.refused.insert(id, outcome).is_none() {
            self.refused_order.push_back(id);
        }
        while self.refused_order.len() > MAX_REFUSALS {
            if let Some(oldest) = self.refused_order.pop_front() {
                self.refused.remove(&oldest);
            }
        }
    }

    /// Forgets the applied commands of a batch that was not stored.
    pub fn forget_applied(&mut self, ids: impl IntoIterator<Item = CommandId>) {
        for id in ids {
            self.applied.remove(&id);
        }
    }

    pub fn refusals(&self) -> usize {
        self.refused.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(actor: Actor) -> Outcome {
        Outcome {
            actor,
            hash: Some("h".into()),
            result: Err(CommandError::NotJoined),
        }
    }

    #[test]
    fn refusals_are_bounded_and_applied_ones_are_kept() {
        let mut outcomes = Outcomes::default();
        let applied = CommandId::new();
        outcomes.remember(
            applied,
            Outcome {
                actor: Actor::Host,
                hash: None,
                result: Ok(1),
            },
        );
        let first_refused = CommandId::new();
        outcomes.remember(first_refused, refused(Actor::Screen));
        for _ in 0..MAX_REFUSALS + 10 {
            outcomes.remember(CommandId::new(), refused(Actor::Screen));
        }
        assert_eq!(outcomes.refusals(), MAX_REFUSALS);
        assert!(
            outcomes.get(first_refused).is_none(),
            "the oldest went first"
        );
        assert_eq!(outcomes.get(applied).map(|o| o.result), Some(Ok(1)));
    }

    #[test]
    fn an_outcome_without_a_hash_matches_any_command() {
        let old = Outcome {
            actor: Actor::Host,
            hash: None,
            result: Ok(3),
        };
        assert!(old.same_command("anything"));
        let new = Outcome {
            hash: Some("a".into()),
            ..old
        };
        assert!(new.same_command("a"));
        assert!(!new.same_command("b"));
    }
}
