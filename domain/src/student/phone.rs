//! A Moroccan phone number (optional in a declaration).

use crate::text::ascii_digit;
use serde::{Deserialize, Serialize};

/// A Moroccan number, stored in international form `+212XXXXXXXXX`: nine
/// digits after the country code, the first 5 (fixed), 6 or 7 (mobile) or 8
/// (VoIP). Typed as `06 12 34 56 78`, `+212 6 12 34 56 78`, `00212…` or
/// `(0)6…`, with spaces, dots or hyphens, in Western or Arabic-Indic digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the phone number has characters other than digits, spaces, dots and hyphens")]
    InvalidCharacters,
    #[error("the phone number is not a Moroccan number (06…, 07…, 05… or +212…)")]
    NotMoroccan,
    #[error("the phone number must have 10 digits (06 12 34 56 78)")]
    WrongLength,
}

impl PhoneError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [PhoneError; 3] = [
        PhoneError::InvalidCharacters,
        PhoneError::NotMoroccan,
        PhoneError::WrongLength,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PhoneError::InvalidCharacters => "phone_invalid_characters",
            PhoneError::NotMoroccan => "phone_not_moroccan",
            PhoneError::WrongLength => "phone_wrong_length",
        }
    }
}

impl Phone {
    /// `Ok(None)` for an empty field: the phone is optional.
    pub fn parse_optional(input: &str) -> Result<Option<Phone>, PhoneError> {
        if input.trim().is_empty() {
            return Ok(None);
        }
        Phone::parse(input).map(Some)
    }

    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let mut digits = String::new();
        let mut plus = false;
        for (i, c) in input.trim().chars().enumerate() {
            if let Some(d) = ascii_digit(c) {
                digits.push(d);
            } else if c == '+' && i == 0 {
                plus = true;
            } else if !(c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')')) {
                return Err(PhoneError::InvalidCharacters);
            }
        }
        let national = if plus {
            digits.strip_prefix("212").ok_or(PhoneError::NotMoroccan)?
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.strip_prefix("212").ok_or(PhoneError::NotMoroccan)?
        } else {
            digits.strip_prefix('0').ok_or(PhoneError::NotMoroccan)?
        };
        // "+212 (0)6…": the trunk 0 written after the country code.
        let national = if national.len() == 10 {
            national.strip_prefix('0').unwrap_or(national)
        } else {
            national
        };
        if national.len() != 9 {
            return Err(PhoneError::WrongLength);
        }
        if !matches!(national.as_bytes()[0], b'5'..=b'8') {
            return Err(PhoneError::NotMoroccan);
        }
        Ok(Phone(format!("+212{national}")))
    }
}

crate::text::parsed_text!(Phone, PhoneError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_ways_moroccans_write_numbers() {
        for typed in [
            "0612345678",
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "+212612345678",
            "+212 6 12 34 56 78",
            "00212612345678",
            "+212 (0)6 12 34 56 78",
            "٠٦١٢٣٤٥٦٧٨",
        ] {
            assert_eq!(
                Phone::parse(typed).unwrap().as_str(),
                "+212612345678",
                "{typed}"
            );
        }
        assert_eq!(
            Phone::parse("0712345678").unwrap().as_str(),
            "+212712345678"
        );
        assert_eq!(
            Phone::parse("0522123456").unwrap().as_str(),
            "+212522123456"
        );
    }

    #[test]
    fn empty_is_no_phone() {
        assert_eq!(Phone::parse_optional("  "), Ok(None));
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(
            Phone::parse("06 12 34 56 7x"),
            Err(PhoneError::InvalidCharacters)
        );
        assert_eq!(Phone::parse("+33612345678"), Err(PhoneError::NotMoroccan));
        assert_eq!(Phone::parse("612345678"), Err(PhoneError::NotMoroccan));
        assert_eq!(Phone::parse("0912345678"), Err(PhoneError::NotMoroccan));
        assert_eq!(Phone::parse("061234567"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("06123456789"), Err(PhoneError::WrongLength));
    }

    proptest! {
        #[test]
        fn every_national_number_round_trips(first in 5u8..=8, rest in "[0-9]{8}") {
            let typed = format!("0{first}{rest}");
            let phone = Phone::parse(&typed).unwrap();
            prop_assert_eq!(phone.as_str(), format!("+212{first}{rest}"));
            prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone.clone()));
        }

        #[test]
        fn parsing_is_idempotent(input in "[0-9 +.()-]{0,20}") {
            if let Ok(phone) = Phone::parse(&input) {
                prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone.clone()));
            }
        }
    }
}
