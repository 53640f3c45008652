//! What the plain HTML forms of meetings send back in the query: a start-form problem, or a
//! refused command, with what was typed.

use crate::domain::meeting::{draft::DraftError, text::TextError};

/// Why the start form came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartProblem {
    TeamName,
    Title,
    Template,
    Questions,
    UnknownTeam,
    /// Started from a composed agenda that has no steps yet.
    EmptyAgenda,
    UnknownDraft,
    Unavailable,
}

impl StartProblem {
    pub const ALL: [StartProblem; 8] = [
        StartProblem::TeamName,
        StartProblem::Title,
        StartProblem::Template,
        StartProblem::Questions,
        StartProblem::UnknownTeam,
        StartProblem::EmptyAgenda,
        StartProblem::UnknownDraft,
        StartProblem::Unavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StartProblem::TeamName => "team",
            StartProblem::Title => "titel",
            StartProblem::Template => "skabelon",
            StartProblem::Questions => "spoergsmaal",
            StartProblem::UnknownTeam => "ukendt-team",
            StartProblem::EmptyAgenda => "tom-dagsorden",
            StartProblem::UnknownDraft => "ukendt-dagsorden",
            StartProblem::Unavailable => "utilgaengelig",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Why an edit of a composed agenda came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftProblem {
    EmptyText,
    TooLong,
    Cpr,
    Full,
    UnknownItem,
    /// A step that is no longer there (another tab removed it), or a tampered form.
    NoSuchPlace,
    TooManyRounds,
    Unavailable,
}

impl DraftProblem {
    pub const ALL: [DraftProblem; 8] = [
        DraftProblem::EmptyText,
        DraftProblem::TooLong,
        DraftProblem::Cpr,
        DraftProblem::Full,
        DraftProblem::UnknownItem,
        DraftProblem::NoSuchPlace,
        DraftProblem::TooManyRounds,
        DraftProblem::Unavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DraftProblem::EmptyText => "tom-tekst",
            DraftProblem::TooLong => "for-lang",
            DraftProblem::Cpr => "cpr",
            DraftProblem::Full => "fuld",
            DraftProblem::UnknownItem => "ukendt-tekst",
            DraftProblem::NoSuchPlace => "ukendt-punkt",
            DraftProblem::TooManyRounds => "for-mange-runder",
            DraftProblem::Unavailable => "utilgaengelig",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }

    pub fn of(error: &DraftError) -> Self {
        match error {
            DraftError::UnknownItem(_) => DraftProblem::UnknownItem,
            DraftError::Full { .. } => DraftProblem::Full,
            DraftError::NoSuchPlace => DraftProblem::NoSuchPlace,
            DraftError::TooManyRounds { .. } => DraftProblem::TooManyRounds,
            DraftError::Text(TextError::Empty) => DraftProblem::EmptyText,
            DraftError::Text(TextError::TooLong { .. }) => DraftProblem::TooLong,
            DraftError::Text(TextError::Cpr) => DraftProblem::Cpr,
        }
    }
}

/// Percent-encodes a value for a URL query.
pub fn query_value(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_survive_any_text() {
        assert_eq!(
            query_value("Æble & pære?"),
            "%C3%86ble%20%26%20p%C3%A6re%3F"
        );
        for problem in StartProblem::ALL {
            assert_eq!(StartProblem::parse(problem.as_str()), Some(problem));
        }
        for problem in DraftProblem::ALL {
            assert_eq!(DraftProblem::parse(problem.as_str()), Some(problem));
        }
    }
}
