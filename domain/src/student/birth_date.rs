//! The date of birth, typed as three fields (day, month, year).

use crate::text::ascii_digit;
use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

/// A real calendar date, not in the future, of someone aged
/// [`MIN_AGE`]–[`MAX_AGE`] on the day it is typed. Written `YYYY-MM-DD`
/// (JSON too; deserialising checks only that the date exists, since the
/// age depends on the day of the declaration).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BirthDate(Date);

pub const MIN_AGE: i32 = 14;
pub const MAX_AGE: i32 = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    #[error("the date of birth is empty")]
    Empty,
    #[error("the date of birth has no day")]
    MissingDay,
    #[error("the date of birth has no month")]
    MissingMonth,
    #[error("the date of birth has no year")]
    MissingYear,
    #[error("the date of birth must be written in numbers")]
    NotANumber,
    #[error("the year must have 4 digits")]
    YearNotFourDigits,
    #[error("the date of birth is not a real date")]
    NotARealDate,
    #[error("the date of birth is in the future")]
    InFuture,
    #[error("the date of birth is too recent")]
    TooYoung,
    #[error("the date of birth is too far in the past")]
    TooOld,
}

impl BirthDateError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [BirthDateError; 10] = [
        BirthDateError::Empty,
        BirthDateError::MissingDay,
        BirthDateError::MissingMonth,
        BirthDateError::MissingYear,
        BirthDateError::NotANumber,
        BirthDateError::YearNotFourDigits,
        BirthDateError::NotARealDate,
        BirthDateError::InFuture,
        BirthDateError::TooYoung,
        BirthDateError::TooOld,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BirthDateError::Empty => "birth_date_empty",
            BirthDateError::MissingDay => "birth_date_missing_day",
            BirthDateError::MissingMonth => "birth_date_missing_month",
            BirthDateError::MissingYear => "birth_date_missing_year",
            BirthDateError::NotANumber => "birth_date_not_a_number",
            BirthDateError::YearNotFourDigits => "birth_date_year_not_four_digits",
            BirthDateError::NotARealDate => "birth_date_not_a_real_date",
            BirthDateError::InFuture => "birth_date_in_future",
            BirthDateError::TooYoung => "birth_date_too_young",
            BirthDateError::TooOld => "birth_date_too_old",
        }
    }
}

/// The digits of a field (Arabic-Indic accepted), or why there are none.
fn number(field: &str) -> Result<Option<(u32, usize)>, BirthDateError> {
    let field = field.trim();
    if field.is_empty() {
        return Ok(None);
    }
    let digits: Option<String> = field.chars().map(ascii_digit).collect();
    let digits = digits.ok_or(BirthDateError::NotANumber)?;
    let value = digits.parse().map_err(|_| BirthDateError::NotANumber)?;
    Ok(Some((value, digits.len())))
}

impl BirthDate {
    /// Parses the three fields as typed on `today`: a real date, in the
    /// past, whatever the age (a university's roster says who is
    /// enrolled; whether they may declare is the declaration's question).
    /// Inlined: the form's [`BirthDate::parse`] stays one function in the
    /// app's bundle.
    #[inline(always)]
    pub fn parse_any_age(
        day: &str,
        month: &str,
        year: &str,
        today: Date,
    ) -> Result<BirthDate, BirthDateError> {
        let (day, month, year) = (number(day)?, number(month)?, number(year)?);
        let (day, month, (year, year_digits)) = match (day, month, year) {
            (None, None, None) => return Err(BirthDateError::Empty),
            (None, _, _) => return Err(BirthDateError::MissingDay),
            (_, None, _) => return Err(BirthDateError::MissingMonth),
            (_, _, None) => return Err(BirthDateError::MissingYear),
            (Some((d, _)), Some((m, _)), Some(y)) => (d, m, y),
        };
        if year_digits != 4 {
            return Err(BirthDateError::YearNotFourDigits);
        }
        let date = calendar_date(year, month, day).ok_or(BirthDateError::NotARealDate)?;
        let birth = BirthDate(date);
        if date > today {
            return Err(BirthDateError::InFuture);
        }
        Ok(birth)
    }

    /// Parses the three fields as typed on `today`, and checks the age a
    /// student declaring may have.
    pub fn parse(
        day: &str,
        month: &str,
        year: &str,
        today: Date,
    ) -> Result<BirthDate, BirthDateError> {
        let birth = BirthDate::parse_any_age(day, month, year, today)?;
        let age = birth.age_on(today);
        if age < MIN_AGE {
            return Err(BirthDateError::TooYoung);
        }
        if age > MAX_AGE {
            return Err(BirthDateError::TooOld);
        }
        Ok(birth)
    }

    /// Full years of age on `date`.
    pub fn age_on(&self, date: Date) -> i32 {
        let had_birthday = (date.month() as u8, date.day()) >= (self.0.month() as u8, self.0.day());
        date.year() - self.0.year() - i32::from(!had_birthday)
    }

    pub fn date(&self) -> Date {
        self.0
    }
}

fn calendar_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

impl TryFrom<String> for BirthDate {
    type Error = BirthDateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        crate::Day::parse(&value)
            .map(|day| BirthDate(day.date()))
            .map_err(|_| BirthDateError::NotARealDate)
    }
}

impl From<BirthDate> for String {
    fn from(date: BirthDate) -> String {
        date.to_string()
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::Day::from_date(self.0).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 25);

    #[test]
    fn accepts_a_real_plausible_date() {
        let birth = BirthDate::parse("7", "03", "2004", TODAY).unwrap();
        assert_eq!(birth.to_string(), "2004-03-07");
        assert_eq!(birth.age_on(TODAY), 22);
        let arabic = BirthDate::parse("٧", "٣", "٢٠٠٤", TODAY).unwrap();
        assert_eq!(arabic, birth);
    }

    #[test]
    fn says_which_part_is_missing() {
        assert_eq!(
            BirthDate::parse("", " ", "", TODAY),
            Err(BirthDateError::Empty)
        );
        assert_eq!(
            BirthDate::parse("", "3", "2004", TODAY),
            Err(BirthDateError::MissingDay)
        );
        assert_eq!(
            BirthDate::parse("7", "", "2004", TODAY),
            Err(BirthDateError::MissingMonth)
        );
        assert_eq!(
            BirthDate::parse("7", "3", "", TODAY),
            Err(BirthDateError::MissingYear)
        );
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(
            BirthDate::parse("7", "mars", "2004", TODAY),
            Err(BirthDateError::NotANumber)
        );
        assert_eq!(
            BirthDate::parse("7", "-3", "2004", TODAY),
            Err(BirthDateError::NotANumber)
        );
        assert_eq!(
            BirthDate::parse("7", "3", "04", TODAY),
            Err(BirthDateError::YearNotFourDigits)
        );
        assert_eq!(
            BirthDate::parse("31", "4", "2004", TODAY),
            Err(BirthDateError::NotARealDate)
        );
        assert_eq!(
            BirthDate::parse("29", "2", "2005", TODAY),
            Err(BirthDateError::NotARealDate)
        );
        assert_eq!(
            BirthDate::parse("1", "13", "2004", TODAY),
            Err(BirthDateError::NotARealDate)
        );
        assert_eq!(
            BirthDate::parse("26", "11", "2026", TODAY),
            Err(BirthDateError::InFuture)
        );
        assert_eq!(
            BirthDate::parse("1", "1", "2020", TODAY),
            Err(BirthDateError::TooYoung)
        );
        assert_eq!(
            BirthDate::parse("1", "1", "1900", TODAY),
            Err(BirthDateError::TooOld)
        );
    }

    #[test]
    fn a_leap_day_is_real_in_a_leap_year() {
        assert!(BirthDate::parse("29", "2", "2004", TODAY).is_ok());
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let birth = BirthDate::parse("25", "11", "1996", TODAY).unwrap();
        assert_eq!(birth.age_on(TODAY), 30);
        assert_eq!(birth.age_on(date!(2026 - 11 - 24)), 29);
    }

    proptest! {
        #[test]
        fn written_dates_read_back(days in 0i64..(60 * 365)) {
            let birth_day = TODAY - time::Duration::days(days + 15 * 366);
            let typed = BirthDate::parse(
                &birth_day.day().to_string(),
                &(birth_day.month() as u8).to_string(),
                &birth_day.year().to_string(),
                TODAY,
            ).unwrap();
            prop_assert_eq!(typed.date(), birth_day);
            let json = serde_json::to_string(&typed).unwrap();
            prop_assert_eq!(serde_json::from_str::<BirthDate>(&json).unwrap(), typed);
        }
    }
}
