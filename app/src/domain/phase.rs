//! The phases a step of a meeting moves through (glossary: `Phase`).

use serde::{Deserialize, Serialize};

/// In their natural order. A step may skip phases; it never reorders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The question on the projector.
    Intro,
    /// Phones write answers; the projector shows only how many have answered.
    Reflect,
    /// Answers appear on the projector, shuffled, without names.
    Reveal,
    /// The host hides off-topic answers and merges similar ones.
    Sort,
    /// Dot voting.
    Vote,
    /// The top results ranked; actions are agreed.
    Agree,
    Done,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Intro,
        Phase::Reflect,
        Phase::Reveal,
        Phase::Sort,
        Phase::Vote,
        Phase::Agree,
        Phase::Done,
    ];
}
