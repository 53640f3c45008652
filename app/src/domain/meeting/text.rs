//! The texts people type, parsed into types that can only hold an acceptable value:
//! cleaned (`clean.rs`: no control, bidi-override or zero-width characters), not empty, not
//! too long, and (for what others read) without a Danish CPR number (`cpr.rs`).

use serde::{Deserialize, Serialize};

use super::clean::clean;
pub use super::cpr::contains_cpr;

/// Why a typed text was refused. The UI turns this into a sentence in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum TextError {
    #[error("the text is empty")]
    Empty,
    #[error("the text has {length} characters; at most {max} are allowed")]
    TooLong { length: usize, max: usize },
    #[error("the text looks like it contains a CPR number")]
    Cpr,
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $max:expr, $check_cpr:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(typed: &str) -> Result<Self, TextError> {
                parse_bounded(typed, Self::MAX_CHARS, $check_cpr, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

bounded_text!(
    /// A participant's answer: up to 500 characters, never a CPR number.
    AnswerText, 500, true, true
);
bounded_text!(
    /// The title the host gives a group of merged answers.
    ClusterTitle, 120, true, false
);
bounded_text!(
    /// What an action is about.
    ActionWhat, 300, true, true
);
bounded_text!(
    /// Who carries an action: a person or a role ("kontaktforældre").
    ActionOwner, 100, true, false
);
bounded_text!(
    /// A heading of the café's harvest form that the host wrote.
    HeadingText, 80, true, false
);
bounded_text!(
    /// A participant's optional display name, when the meeting allows names.
    DisplayName, 40, true, false
);
bounded_text!(
    /// A team's name, e.g. "Børnehuset Solsikken – personale".
    SpaceName, 100, false, false
);
bounded_text!(
    /// A meeting's title.
    MeetingTitle, 120, false, false
);
bounded_text!(
    /// A question the host typed, or edited from the library.
    QuestionText, 500, true, true
);

fn parse_bounded(
    typed: &str,
    max: usize,
    check_cpr: bool,
    multiline: bool,
) -> Result<String, TextError> {
    // Line breaks are kept where a text may have several lines (answers may be lists).
    let text = clean(typed, multiline);
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    let length = text.chars().count();
    if length > max {
        return Err(TextError::TooLong { length, max });
    }
    if check_cpr && contains_cpr(&text) {
        return Err(TextError::Cpr);
    }
    Ok(text)
}

/// A calendar date typed as `YYYY-MM-DD` (what `<input type="date">` sends).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DueDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a date is written YYYY-MM-DD, e.g. 2026-12-01")]
pub struct DueDateError;

impl DueDate {
    pub fn parse(typed: &str) -> Result<Self, DueDateError> {
        let mut parts = typed.trim().split('-');
        let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DueDateError);
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(DueDateError);
        }
        let year: u16 = year.parse().map_err(|_| DueDateError)?;
        let month: u8 = month.parse().map_err(|_| DueDateError)?;
        let day: u8 = day.parse().map_err(|_| DueDateError)?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(DueDateError),
        };
        if !(2000..=2200).contains(&year) || day == 0 || day > days {
            return Err(DueDateError);
        }
        Ok(Self { year, month, day })
    }
}

impl std::fmt::Display for DueDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for DueDate {
    type Error = DueDateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DueDate> for String {
    fn from(value: DueDate) -> String {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_trimmed_and_bounded() {
        assert_eq!(
            AnswerText::parse("  hej  ").map(String::from),
            Ok("hej".into())
        );
        assert_eq!(AnswerText::parse(" \n "), Err(TextError::Empty));
        let long = "æ".repeat(501);
        assert_eq!(
            AnswerText::parse(&long),
            Err(TextError::TooLong {
                length: 501,
                max: 500
            })
        );
        assert!(AnswerText::parse(&"æ".repeat(500)).is_ok());
    }

    #[test]
    fn answers_are_cleaned_and_checked_for_cpr_numbers() {
        assert!(AnswerText::parse("ring på 311299-0001").is_err());
        assert_eq!(
            AnswerText::parse("\u{200B} \u{202E}"),
            Err(TextError::Empty)
        );
        assert_eq!(
            AnswerText::parse("evil\u{202E}txt.exe").map(String::from),
            Ok("eviltxt.exe".into())
        );
        assert_eq!(
            MeetingTitle::parse("Møde\npå to linjer").map(String::from),
            Ok("Møde på to linjer".into())
        );
        assert_eq!(
            AnswerText::parse("1. leg\r\n2. ro").map(String::from),
            Ok("1. leg\n2. ro".into())
        );
    }

    #[test]
    fn due_dates_parse_only_real_dates() {
        assert_eq!(
            DueDate::parse("2026-12-01").map(|d| d.to_string()),
            Ok("2026-12-01".into())
        );
        assert!(DueDate::parse("2028-02-29").is_ok());
        assert!(DueDate::parse("2027-02-29").is_err());
        assert!(DueDate::parse("2100-02-29").is_err());
        assert!(DueDate::parse("1.12.2026").is_err());
        assert!(DueDate::parse("2026-13-01").is_err());
        assert!(DueDate::parse("").is_err());
    }
}
