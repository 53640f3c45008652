//! What the plain HTML forms of meetings send back in the query: a start-form problem, or a
//! refused command, with what was typed.

/// Why the start form came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartProblem {
    TeamName,
    Title,
    Template,
    Questions,
    UnknownTeam,
    Unavailable,
}

impl StartProblem {
    pub const ALL: [StartProblem; 6] = [
        StartProblem::TeamName,
        StartProblem::Title,
        StartProblem::Template,
        StartProblem::Questions,
        StartProblem::UnknownTeam,
        StartProblem::Unavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StartProblem::TeamName => "team",
            StartProblem::Title => "titel",
            StartProblem::Template => "skabelon",
            StartProblem::Questions => "spoergsmaal",
            StartProblem::UnknownTeam => "ukendt-team",
            StartProblem::Unavailable => "utilgaengelig",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
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
    }
}
