//! The short code a participant types to join a meeting.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Letters and digits that cannot be mistaken for each other on a projector or a phone
/// keyboard: no 0/O, no 1/I/L.
pub const ALPHABET: &str = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const LENGTH: usize = 6;

/// A well-formed join code: exactly six characters of [`ALPHABET`], upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JoinCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinCodeError {
    #[error("a join code has {LENGTH} characters, got {0}")]
    Length(usize),
    #[error("a join code only uses the characters {ALPHABET}")]
    Characters,
}

impl JoinCode {
    /// Reads what a person typed: case, spaces and dashes are forgiven (`k7m-p4q` is fine).
    pub fn parse(typed: &str) -> Result<Self, JoinCodeError> {
        let code: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        let length = code.chars().count();
        if length != LENGTH {
            return Err(JoinCodeError::Length(length));
        }
        if !code.chars().all(|c| ALPHABET.contains(c)) {
            return Err(JoinCodeError::Characters);
        }
        Ok(JoinCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for JoinCode {
    type Error = JoinCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        JoinCode::parse(&value)
    }
}

impl From<JoinCode> for String {
    fn from(code: JoinCode) -> Self {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(
            JoinCode::parse("k7m-p4q").map(String::from),
            Ok("K7MP4Q".into())
        );
        assert_eq!(
            JoinCode::parse(" K7M P4Q ").map(String::from),
            Ok("K7MP4Q".into())
        );
    }

    #[test]
    fn wrong_lengths_say_how_many_were_typed() {
        assert_eq!(JoinCode::parse(""), Err(JoinCodeError::Length(0)));
        assert_eq!(JoinCode::parse("ABCDE"), Err(JoinCodeError::Length(5)));
        assert_eq!(JoinCode::parse("ABCDEFG"), Err(JoinCodeError::Length(7)));
        // Counted in characters, not bytes.
        assert_eq!(JoinCode::parse("ÆØÅ"), Err(JoinCodeError::Length(3)));
    }

    #[test]
    fn ambiguous_characters_are_refused() {
        for code in ["ABCDE0", "ABCDEO", "ABCDE1", "ABCDEI", "ABCDEL", "ABCDÆ2"] {
            assert_eq!(
                JoinCode::parse(code),
                Err(JoinCodeError::Characters),
                "{code}"
            );
        }
    }

    #[test]
    fn alphabet_has_no_lookalikes() {
        for c in ['0', 'O', '1', 'I', 'L'] {
            assert!(!ALPHABET.contains(c), "{c} must not be in the alphabet");
        }
        assert_eq!(ALPHABET.len(), 31);
    }

    #[test]
    fn serde_round_trip_parses() {
        let code: JoinCode = serde_json::from_str("\"k7mp4q\"").expect("valid code");
        assert_eq!(code.as_str(), "K7MP4Q");
        assert!(serde_json::from_str::<JoinCode>("\"K0MP4Q\"").is_err());
    }
}
