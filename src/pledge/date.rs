//! Calendar dates for the card ("26 November 2026") and for NIP checks. The core has no clock:
//! callers pass `today` (the CLI from the system clock, the app from `Date.now()`), so tests and
//! renders are deterministic.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::Lang;

/// A proleptic Gregorian calendar date. Always valid when made by this module's constructors.
// Serializable so the batch worker can send fields and reports to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateError {
    #[error("date {0:?} is not in the form YYYY-MM-DD")]
    Format(String),
    #[error("date {0:?} does not exist")]
    NoSuchDay(String),
}

impl DateError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DateError::Format(s), Lang::Id) => {
                format!("Tanggal \"{s}\" harus ditulis TTTT-BB-HH, misalnya 2026-11-26.")
            }
            (DateError::Format(s), Lang::En) => {
                format!("The date \"{s}\" must be written YYYY-MM-DD, e.g. 2026-11-26.")
            }
            (DateError::NoSuchDay(s), Lang::Id) => format!("Tanggal \"{s}\" tidak ada."),
            (DateError::NoSuchDay(s), Lang::En) => format!("The date \"{s}\" does not exist."),
        }
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
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

impl Date {
    /// A checked date, or None when that day does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD` (what `<input type=date>` gives and the CLI takes).
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let t = s.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let ok_shape = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !ok_shape {
            return Err(DateError::Format(t.to_string()));
        }
        let num = |p: &str| {
            p.parse::<u32>()
                .map_err(|_| DateError::Format(t.to_string()))
        };
        let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
        Date::new(y as i32, m, d).ok_or_else(|| DateError::NoSuchDay(t.to_string()))
    }

    /// `2026-11-26`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The Indonesian long date: "26 November 2026".
    pub fn long_id(&self) -> String {
        format!("{} {} {}", self.day, MONTHS_ID[self.month0()], self.year)
    }

    /// The English long date: "26 November 2026" (day-first, as on Indonesian documents).
    pub fn long_en(&self) -> String {
        format!("{} {} {}", self.day, MONTHS_EN[self.month0()], self.year)
    }

    pub fn long(&self, lang: Lang) -> String {
        match lang {
            Lang::Id => self.long_id(),
            Lang::En => self.long_en(),
        }
    }

    /// The date `days` days after 1970-01-01 (negative before). Both the CLI (system clock) and
    /// the app (`Date.now() / 86_400_000`) get "today" through here.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    fn month0(&self) -> usize {
        (self.month.clamp(1, 12) - 1) as usize
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let d = Date::parse_iso("2026-11-26").unwrap();
        assert_eq!(d.long_id(), "26 November 2026");
        assert_eq!(
            Date::parse_iso("2026-08-01").unwrap().long_id(),
            "1 Agustus 2026"
        );
        assert_eq!(
            Date::parse_iso("2026-08-01").unwrap().long_en(),
            "1 August 2026"
        );
        assert_eq!(d.iso(), "2026-11-26");
    }

    #[test]
    fn refuses_bad_dates() {
        assert!(matches!(
            Date::parse_iso("2026-02-29"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(Date::parse_iso("2024-02-29").is_ok());
        for bad in [
            "",
            "26-11-2026",
            "2026/11/26",
            "2026-1-26",
            "２０２６-11-26",
            "2026-11-26x",
        ] {
            assert!(
                matches!(Date::parse_iso(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Date::parse_iso("2026-13-01"),
            Err(DateError::NoSuchDay(_))
        ));
    }

    #[test]
    fn unix_days() {
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(
            Date::from_unix_days(20_418),
            Date::new(2025, 11, 26).unwrap()
        );
        assert_eq!(Date::from_unix_days(-1), Date::new(1969, 12, 31).unwrap());
    }
}
