//! Days (`YYYY-MM-DD`) and Morocco's date: the one place that writes, reads
//! and computes them, for the app and the API alike.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// Morocco's civil time (UTC+1; the Ramadan switch to UTC+0 moves the
/// date at most one hour, around midnight).
pub const MOROCCO: UtcOffset = match UtcOffset::from_hms(1, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("a valid offset"),
};

/// A calendar day, written `YYYY-MM-DD` in JSON, the database and files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(Date);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a day is written YYYY-MM-DD, such as 2026-11-25")]
pub struct DayError;

impl Day {
    /// The date in Morocco at the instant `now`: what decides the academic
    /// year and ages, whatever clock the server or the phone runs on.
    pub fn in_morocco(now: OffsetDateTime) -> Day {
        Day(now.to_offset(MOROCCO).date())
    }

    /// Exactly `YYYY-MM-DD` (surrounding spaces aside), a day that exists.
    pub fn parse(text: &str) -> Result<Day, DayError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DayError);
        }
        let number =
            |range: std::ops::Range<usize>| text[range].parse::<u16>().map_err(|_| DayError);
        let month = Month::try_from(number(5..7)? as u8).map_err(|_| DayError)?;
        Date::from_calendar_date(i32::from(number(0..4)?), month, number(8..10)? as u8)
            .map(Day)
            .map_err(|_| DayError)
    }

    /// The day an RFC 3339 time (`2026-11-25T10:00:00Z`) or a day starts
    /// with, as written there (UTC for a time).
    pub fn of_timestamp(text: &str) -> Result<Day, DayError> {
        Day::parse(text.get(..10).ok_or(DayError)?)
    }

    pub fn from_date(date: Date) -> Day {
        Day(date)
    }

    pub fn date(self) -> Date {
        self.0
    }

    /// Day, month (1–12) and year, for writing the day out in words.
    pub fn parts(self) -> (u8, u8, i32) {
        (self.0.day(), self.0.month() as u8, self.0.year())
    }
}

impl TryFrom<String> for Day {
    type Error = DayError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Day::parse(&value)
    }
}

impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month() as u8,
            self.0.day()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    #[test]
    fn morocco_is_an_hour_ahead_of_utc() {
        assert_eq!(
            Day::in_morocco(datetime!(2026-08-31 22:59 UTC)).to_string(),
            "2026-08-31"
        );
        assert_eq!(
            Day::in_morocco(datetime!(2026-08-31 23:00 UTC)).to_string(),
            "2026-09-01"
        );
    }

    #[test]
    fn reads_only_real_days_written_in_full() {
        assert_eq!(Day::parse(" 2026-02-28 "), Ok(Day(date!(2026 - 02 - 28))));
        for bad in [
            "2026-02-29",
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "2026-13-01",
            "+026-02-28",
            "",
            "2026-02-28T10:00:00Z",
        ] {
            assert_eq!(Day::parse(bad), Err(DayError), "{bad}");
        }
        assert_eq!(
            Day::of_timestamp("2026-11-25T23:30:00.5Z").map(Day::parts),
            Ok((25, 11, 2026))
        );
    }

    proptest! {
        #[test]
        fn written_days_read_back(julian in 2_400_000i32..2_500_000) {
            let day = Day(Date::from_julian_day(julian).unwrap());
            prop_assert_eq!(Day::parse(&day.to_string()), Ok(day));
            let json = serde_json::to_string(&day).unwrap();
            prop_assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), day);
        }
    }
}
