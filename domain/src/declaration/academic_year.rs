//! The academic year a declaration is for, e.g. `2026-2027`.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

/// The year starting in September of [`AcademicYear::start`]. The first
/// day of a year is configuration ([`YearStart`]), 1 September by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AcademicYear {
    start: i32,
}

/// The day an academic year begins (month, day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearStart {
    pub month: Month,
    pub day: u8,
}

impl Default for YearStart {
    fn default() -> Self {
        YearStart {
            month: Month::September,
            day: 1,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an academic year is written like 2026-2027")]
pub struct AcademicYearError;

impl AcademicYear {
    pub fn starting(start: i32) -> AcademicYear {
        AcademicYear { start }
    }

    /// The academic year that `date` falls in.
    pub fn containing(date: Date, year_start: YearStart) -> AcademicYear {
        let started = (date.month() as u8, date.day()) >= (year_start.month as u8, year_start.day);
        AcademicYear {
            start: date.year() - i32::from(!started),
        }
    }

    pub fn start(self) -> i32 {
        self.start
    }

    pub fn next(self) -> AcademicYear {
        AcademicYear {
            start: self.start + 1,
        }
    }

    pub fn parse(input: &str) -> Result<AcademicYear, AcademicYearError> {
        let (first, second) = input.trim().split_once('-').ok_or(AcademicYearError)?;
        let four_digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
        if !four_digits(first) || !four_digits(second) {
            return Err(AcademicYearError);
        }
        let start: i32 = first.parse().map_err(|_| AcademicYearError)?;
        let end: i32 = second.parse().map_err(|_| AcademicYearError)?;
        if end != start + 1 {
            return Err(AcademicYearError);
        }
        Ok(AcademicYear { start })
    }
}

impl TryFrom<String> for AcademicYear {
    type Error = AcademicYearError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        AcademicYear::parse(&value)
    }
}

impl From<AcademicYear> for String {
    fn from(year: AcademicYear) -> String {
        year.to_string()
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn a_new_year_starts_on_1_september() {
        let start = YearStart::default();
        assert_eq!(
            AcademicYear::containing(date!(2026 - 08 - 31), start).to_string(),
            "2025-2026"
        );
        assert_eq!(
            AcademicYear::containing(date!(2026 - 09 - 01), start).to_string(),
            "2026-2027"
        );
        assert_eq!(
            AcademicYear::containing(date!(2027 - 01 - 15), start).to_string(),
            "2026-2027"
        );
    }

    #[test]
    fn the_start_is_configurable() {
        let october = YearStart {
            month: Month::October,
            day: 15,
        };
        assert_eq!(
            AcademicYear::containing(date!(2026 - 10 - 14), october).start(),
            2025
        );
        assert_eq!(
            AcademicYear::containing(date!(2026 - 10 - 15), october).start(),
            2026
        );
    }

    #[test]
    fn parses_only_consecutive_years() {
        assert_eq!(
            AcademicYear::parse("2026-2027"),
            Ok(AcademicYear::starting(2026))
        );
        for bad in ["2026-2028", "2026", "26-27", "2026/2027", "abcd-efgh", ""] {
            assert_eq!(AcademicYear::parse(bad), Err(AcademicYearError), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn written_years_read_back(start in 1900i32..3000) {
            let year = AcademicYear::starting(start);
            prop_assert_eq!(AcademicYear::parse(&year.to_string()), Ok(year));
            prop_assert_eq!(year.next().start(), start + 1);
        }
    }
}
