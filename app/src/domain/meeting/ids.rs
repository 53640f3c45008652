//! Identifiers of the things in a meeting. All are UUIDs made where the thing is first named:
//! answers, groups, actions and commands on the client (so a retry names the same thing),
//! participants on the server. All are random (UUID v4): an answer's id is shown to every
//! phone, and a time-ordered id would give back the order and time of writing, and mark
//! every answer of a phone whose clock is wrong. The rules refuse an answer id that is not
//! random (`is_random`).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new random id (UUID v4).
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// Whether the id is a random one (UUID v4), so that it says nothing about when
            /// or where it was made.
            pub fn is_random(&self) -> bool {
                self.0.get_version() == Some(uuid::Version::Random)
            }

            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text.trim()).ok().map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(
    /// A person on a phone. Never sent to anyone but the server.
    ParticipantId
);
uuid_id!(AnswerId);
uuid_id!(
    /// A group of merged answers (glossary: `Cluster`).
    ClusterId
);
uuid_id!(ActionId);
uuid_id!(
    /// Names one command: sending it twice applies it once.
    CommandId
);

/// A deterministic shuffle key: the same meeting shows the same order on every screen and
/// after a restart (answers on the board, tables' hosts drawn), but the order says nothing
/// about who wrote or joined first.
pub fn shuffle_key(seed: u64, id: Uuid) -> u64 {
    // SplitMix64 over the seed and the id's bytes.
    let mut hash = seed;
    for chunk in id.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        hash ^= u64::from_le_bytes(word);
        hash = hash.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        hash = z ^ (z >> 31);
    }
    hash
}
