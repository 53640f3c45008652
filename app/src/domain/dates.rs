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

/// A day of the calendar (proleptic Gregorian).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// `None` for a day that does not exist (31 April, 29 February 2027).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let candidate = Self { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && Self::from_days(candidate.days()) == candidate)
            .then_some(candidate)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    pub fn next(self) -> Self {
        Self::from_days(self.days() + 1)
    }

    /// The day in Denmark at `ms` milliseconds since 1970 (UTC): CET, and CEST from the last
    /// Sunday of March to the last Sunday of October, 01:00 UTC both times (EU rule).
    pub fn in_denmark(ms: i64) -> Self {
        let utc_day = Self::from_days(ms.div_euclid(86_400_000));
        let summer_from = last_sunday(utc_day.year, 3) * 86_400_000 + 3_600_000;
        let summer_to = last_sunday(utc_day.year, 10) * 86_400_000 + 3_600_000;
        let offset = if (summer_from..summer_to).contains(&ms) {
            2
        } else {
            1
        };
        Self::from_days((ms + offset * 3_600_000).div_euclid(86_400_000))
    }

    /// `2026-12-08`
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `08-12-2026`: how Danish Excel reads a date in a CSV file.
    pub fn danish_numeric(self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }

    /// `20261208`: a date in a calendar file.
    pub fn basic(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

/// Days since 1970 of the last Sunday of `month`.
fn last_sunday(year: i32, month: u8) -> i64 {
    let first_of_next = if month == 12 {
        Day {
            year: year + 1,
            month: 1,
            day: 1,
        }
    } else {
        Day {
            year,
            month: month + 1,
            day: 1,
        }
    };
    let last = first_of_next.days() - 1;
    // 1970-01-01 was a Thursday: weekday 0 = Monday … 6 = Sunday.
    let weekday = (last + 3).rem_euclid(7);
    last - (weekday + 1) % 7
}

#[cfg(test)]
mod tests {
    use super::{Day, long_date};
    use proptest::prelude::*;

    #[test]
    fn days_count_from_1970() {
        assert_eq!(Day::new(1970, 1, 1).map(Day::days), Some(0));
        assert_eq!(Day::new(2026, 12, 8).map(Day::days), Some(20_795));
        assert_eq!(Day::new(2027, 2, 29), None);
        assert_eq!(
            Day::new(2028, 2, 29).map(|d| d.next().iso()).as_deref(),
            Some("2028-03-01")
        );
        assert_eq!(
            Day::new(2026, 12, 31).map(|d| d.next().iso()).as_deref(),
            Some("2027-01-01")
        );
        assert_eq!(Day::new(2026, 4, 31), None);
    }

    #[test]
    fn a_meeting_is_dated_by_the_danish_clock() {
        // 2026-12-08 23:30 UTC is 00:30 on the 9th in Copenhagen (winter, UTC+1).
        let late = (Day::new(2026, 12, 8).unwrap().days() * 24 * 60 + 23 * 60 + 30) * 60_000;
        assert_eq!(Day::in_denmark(late).iso(), "2026-12-09");
        // 2026-06-10 22:30 UTC is 00:30 on the 11th (summer, UTC+2), but 22:30 on the 10th is
        // not yet the 11th in winter.
        let june = (Day::new(2026, 6, 10).unwrap().days() * 24 * 60 + 22 * 60 + 30) * 60_000;
        assert_eq!(Day::in_denmark(june).iso(), "2026-06-11");
        let jan = (Day::new(2026, 1, 10).unwrap().days() * 24 * 60 + 22 * 60 + 30) * 60_000;
        assert_eq!(Day::in_denmark(jan).iso(), "2026-01-10");
        // Summer time in 2026: from 29 March to 25 October, 01:00 UTC.
        let switch = (Day::new(2026, 3, 29).unwrap().days() * 24 + 1) * 3_600_000;
        assert_eq!(
            Day::in_denmark(switch + 22 * 3_600_000 + 30 * 60_000).iso(),
            "2026-03-30"
        );
        // The evening before, still winter: 22:30 UTC is 23:30 on the 28th.
        let before = (Day::new(2026, 3, 28).unwrap().days() * 24 + 22) * 3_600_000 + 30 * 60_000;
        assert_eq!(Day::in_denmark(before).iso(), "2026-03-28");
    }

    proptest! {
        #[test]
        fn a_day_and_its_count_agree(days in -800_000i64..800_000) {
            let day = Day::from_days(days);
            prop_assert_eq!(day.days(), days);
            prop_assert_eq!(Day::new(day.year, day.month, day.day), Some(day));
            prop_assert_eq!(day.next().days(), days + 1);
        }
    }

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
