//! Dates as people in the room write them: "8. december 2026" in Danish, "8 December 2026"
//! in English. Stored and sent as ISO dates (`2026-12-08`); only shown this way.

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `iso` (`YYYY-MM-DD`) written out in full; `None` when it is not such a date.
pub fn long_date(iso: &str, english: bool) -> Option<String> {
    let mut parts = iso.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let year: u32 = year.parse().ok()?;
    let month: usize = month.parse().ok()?;
    let day: u32 = day.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    Some(if english {
        format!("{day} {} {year}", MONTHS_EN.get(month.checked_sub(1)?)?)
    } else {
        format!("{day}. {} {year}", MONTHS_DA.get(month.checked_sub(1)?)?)
    })
}

#[cfg(test)]
mod tests {
    use super::long_date;

    #[test]
    fn a_date_is_written_as_the_room_writes_it() {
        assert_eq!(
            long_date("2026-12-08", false).as_deref(),
            Some("8. december 2026")
        );
        assert_eq!(
            long_date("2027-01-31", true).as_deref(),
            Some("31 January 2027")
        );
    }

    #[test]
    fn anything_but_an_iso_date_is_not_a_date() {
        for bad in [
            "",
            "2026-13-01",
            "2026-00-10",
            "2026-1-1",
            "08-12-2026",
            "2026-12-08-1",
            "2026-12-32",
        ] {
            assert_eq!(long_date(bad, false), None, "{bad}");
        }
    }
}
