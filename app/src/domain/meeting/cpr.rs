//! Finding a Danish CPR number in typed text, however it is written: `010203-1234`,
//! `0102031234`, `010203 1234`, `010203–1234` (any dash), `01.02.03-1234`, `010203/1234`,
//! full-width or other Unicode digits. Only a real date of birth counts, and the ten digits
//! must not be part of a longer run of digits, so phone numbers, years and times pass.

/// A character as a digit, from any script's decimal digits that phones may type.
fn digit(c: char) -> Option<u32> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}', // full-width
        '\u{0660}'..='\u{0669}' => '\u{0660}', // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}', // Persian
        '\u{0966}'..='\u{096F}' => '\u{0966}', // Devanagari
        '\u{1D7CE}'..='\u{1D7FF}' => return Some((c as u32 - 0x1D7CE) % 10), // mathematical
        _ => return None,
    };
    Some(c as u32 - zero as u32)
}

/// Separators between the day, month and year pairs (the same one both times, or none).
fn is_date_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '/' | ' ' | '\u{00A0}')
}

/// Separators between the date and the four last digits.
fn is_serial_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' | '/' | '.' | '_'
    )
}

/// True when the text holds something shaped like a CPR number with a real date.
pub fn contains_cpr(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|start| cpr_at(&chars, start))
}

/// Reads `count` digits from `at`; returns their value and the next position.
fn digits(chars: &[char], at: usize, count: usize) -> Option<(u32, usize)> {
    let mut value = 0;
    for i in 0..count {
        value = value * 10 + digit(*chars.get(at + i)?)?;
    }
    Some((value, at + count))
}

fn cpr_at(chars: &[char], start: usize) -> bool {
    if start > 0 && digit(chars[start - 1]).is_some() {
        return false;
    }
    let Some((day, at)) = digits(chars, start, 2) else {
        return false;
    };
    // `010203`, or `01.02.03` with one separator used twice.
    let separator = chars
        .get(at)
        .copied()
        .filter(|c| is_date_separator(*c) && digit(*c).is_none());
    let at = at + usize::from(separator.is_some());
    let Some((month, at)) = digits(chars, at, 2) else {
        return false;
    };
    let at = match separator {
        Some(sep) if chars.get(at) == Some(&sep) => at + 1,
        Some(_) => return false,
        None => at,
    };
    let Some((year, at)) = digits(chars, at, 2) else {
        return false;
    };
    let Some(serial_start) = serial_start(chars, at) else {
        return false;
    };
    if digits(chars, serial_start, 4).is_none() {
        return false;
    }
    let followed_by_digit = chars
        .get(serial_start + 4)
        .is_some_and(|c| digit(*c).is_some());
    !followed_by_digit && valid_day(day, month, year)
}

/// Where the four last digits begin after the date: directly, after one separator, after
/// one space, or after a dash with a space on either side (`010203 - 1234`).
fn serial_start(chars: &[char], at: usize) -> Option<usize> {
    let is_space = |i: usize| chars.get(i).is_some_and(|c| *c == ' ' || *c == '\u{00A0}');
    let is_sep = |i: usize| chars.get(i).is_some_and(|c| is_serial_separator(*c));
    let is_digit = |i: usize| chars.get(i).is_some_and(|c| digit(*c).is_some());
    if is_digit(at) {
        return Some(at);
    }
    if is_sep(at) || is_space(at) {
        if is_digit(at + 1) {
            return Some(at + 1);
        }
        if is_space(at) && is_sep(at + 1) {
            return Some(if is_space(at + 2) { at + 3 } else { at + 2 });
        }
        if is_sep(at) && is_space(at + 1) {
            return Some(at + 2);
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::contains_cpr;

    #[test]
    fn cpr_numbers_are_found_however_they_are_written() {
        for text in [
            "Mit barn har cpr 010203-1234",
            "0102031234",
            "født 290200-1234 i Aarhus",
            "311299-0001.",
            "010203 1234",
            "010203–1234",
            "010203—1234",
            "010203‑1234",
            "01.02.03-1234",
            "01-02-03-1234",
            "01/02/03/1234",
            "010203/1234",
            "010203 - 1234",
            "010203- 1234",
            "０１０２０３－１２３４",
            "０１０２０３１２３４",
            "٠١٠٢٠٣-١٢٣٤",
            "cpr:010203.1234!",
        ] {
            assert!(contains_cpr(text), "{text}");
        }
    }

    #[test]
    fn ordinary_numbers_pass() {
        for text in [
            "Tlf. 12 34 56 78",
            "ring 12345678",
            "+45 20 30 40 50",
            "320199-1234",  // day 32
            "011399-1234",  // month 13
            "290201-1234",  // 29 February in a year not divisible by four
            "01020312345",  // eleven digits
            "9010203-1234", // a digit before
            "010203-123",   // short serial
            "Vi mødes 2026-12-01 kl. 1400",
            "I 2025 og 2026 var vi 120 forældre",
            "Mødet 01.12.2026 kl. 17-19",
            "01.02-03 1234", // mixed date separators
            "Børnehuset har 12 stuer og 140 børn",
        ] {
            assert!(!contains_cpr(text), "{text}");
        }
    }
}
