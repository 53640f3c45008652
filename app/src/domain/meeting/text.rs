//! The texts people type, parsed into types that can only hold an acceptable value:
//! trimmed, not empty, not too long, and (for answers) without a Danish CPR number.

use serde::{Deserialize, Serialize};

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
    ($(#[$doc:meta])* $name:ident, $max:expr, $check_cpr:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(typed: &str) -> Result<Self, TextError> {
                parse_bounded(typed, Self::MAX_CHARS, $check_cpr).map(Self)
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
    AnswerText, 500, true
);
bounded_text!(
    /// The title the host gives a group of merged answers.
    ClusterTitle, 120, true
);
bounded_text!(
    /// What an action is about.
    ActionWhat, 300, true
);
bounded_text!(
    /// Who carries an action: a person or a role ("kontaktforældre").
    ActionOwner, 100, true
);
bounded_text!(
    /// A participant's optional display name, when the meeting allows names.
    DisplayName, 40, true
);
bounded_text!(
    /// A team's name, e.g. "Børnehuset Solsikken – personale".
    SpaceName, 100, false
);
bounded_text!(
    /// A meeting's title.
    MeetingTitle, 120, false
);
bounded_text!(
    /// A question the host typed, or edited from the library.
    QuestionText, 500, true
);

fn parse_bounded(typed: &str, max: usize, check_cpr: bool) -> Result<String, TextError> {
    // Line breaks are kept (answers may be lists); other whitespace runs are left as typed.
    let text = typed.trim();
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    let length = text.chars().count();
    if length > max {
        return Err(TextError::TooLong { length, max });
    }
    if check_cpr && contains_cpr(text) {
        return Err(TextError::Cpr);
    }
    Ok(text.to_owned())
}

/// True when the text holds something shaped like a Danish CPR number with a real date:
/// `ddmmyy-xxxx` or `ddmmyyxxxx`, not part of a longer run of digits.
pub fn contains_cpr(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|start| cpr_at(&chars, start))
}

fn cpr_at(chars: &[char], start: usize) -> bool {
    let digit = |i: usize| chars.get(i).and_then(|c| c.to_digit(10));
    if start > 0 && digit(start - 1).is_some() {
        return false;
    }
    let Some(date) = (0..6)
        .map(|i| digit(start + i))
        .collect::<Option<Vec<u32>>>()
    else {
        return false;
    };
    let serial_start = if chars.get(start + 6) == Some(&'-') {
        start + 7
    } else {
        start + 6
    };
    let serial_complete = (0..4).all(|i| digit(serial_start + i).is_some());
    let followed_by_digit = digit(serial_start + 4).is_some();
    if !serial_complete || followed_by_digit {
        return false;
    }
    let day = date[0] * 10 + date[1];
    let month = date[2] * 10 + date[3];
    let year = date[4] * 10 + date[5];
    valid_day(day, month, year)
}

/// The two-digit year leaves the century open, so 29 February is allowed in every year
/// divisible by four (00 included: 2000 was a leap year).
fn valid_day(day: u32, month: u32, year: u32) -> bool {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
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
    fn cpr_numbers_with_a_real_date_are_found() {
        assert!(contains_cpr("Mit barn har cpr 010203-1234"));
        assert!(contains_cpr("0102031234"));
        assert!(contains_cpr("født 290200-1234 i Aarhus"));
        assert!(contains_cpr("311299-0001."));
        assert!(AnswerText::parse("ring på 311299-0001").is_err());
    }

    #[test]
    fn numbers_that_are_not_cpr_numbers_pass() {
        assert!(!contains_cpr("Tlf. 12 34 56 78"));
        assert!(!contains_cpr("320199-1234"), "day 32");
        assert!(!contains_cpr("011399-1234"), "month 13");
        assert!(
            !contains_cpr("290201-1234"),
            "29 February in a year not divisible by four"
        );
        assert!(!contains_cpr("01020312345"), "eleven digits");
        assert!(!contains_cpr("9010203-1234"), "a digit before");
        assert!(!contains_cpr("010203-123"), "short serial");
        assert!(!contains_cpr("Vi mødes 2026-12-01 kl. 1400"));
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
