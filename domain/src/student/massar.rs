//! The Massar code (also called CNE): the student's national school
//! identifier.

use crate::text::compact_identifier;
use serde::{Deserialize, Serialize};

/// One Latin letter and 9 digits, e.g. `R130123456`; normalised like the
/// CIN (spaces and hyphens dropped, upper case, Arabic-Indic digits).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MassarCode(String);

pub const DIGITS: usize = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MassarError {
    #[error("the Massar code is empty")]
    Empty,
    #[error("the Massar code has characters other than Latin letters and digits")]
    InvalidCharacters,
    #[error("the Massar code must be one letter followed by 9 digits")]
    WrongShape,
    #[error("the Massar code must have 9 digits after its letter")]
    WrongLength,
}

impl MassarError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [MassarError; 4] = [
        MassarError::Empty,
        MassarError::InvalidCharacters,
        MassarError::WrongShape,
        MassarError::WrongLength,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MassarError::Empty => "massar_empty",
            MassarError::InvalidCharacters => "massar_invalid_characters",
            MassarError::WrongShape => "massar_wrong_shape",
            MassarError::WrongLength => "massar_wrong_length",
        }
    }
}

impl MassarCode {
    pub fn parse(input: &str) -> Result<MassarCode, MassarError> {
        let code = compact_identifier(input);
        if code.is_empty() {
            return Err(MassarError::Empty);
        }
        if !code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(MassarError::InvalidCharacters);
        }
        let mut chars = code.chars();
        let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        if !first_is_letter || !chars.all(|c| c.is_ascii_digit()) {
            return Err(MassarError::WrongShape);
        }
        if code.len() != 1 + DIGITS {
            return Err(MassarError::WrongLength);
        }
        Ok(MassarCode(code))
    }
}

crate::text::parsed_text!(MassarCode, MassarError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_letter_and_nine_digits() {
        assert_eq!(
            MassarCode::parse("R130123456").unwrap().as_str(),
            "R130123456"
        );
        assert_eq!(
            MassarCode::parse(" d 166-027-860 ").unwrap().as_str(),
            "D166027860"
        );
        assert_eq!(
            MassarCode::parse("r١٣٠١٢٣٤٥٦").unwrap().as_str(),
            "R130123456"
        );
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(MassarCode::parse(""), Err(MassarError::Empty));
        assert_eq!(
            MassarCode::parse("R13012345_"),
            Err(MassarError::InvalidCharacters)
        );
        assert_eq!(
            MassarCode::parse("1301234567"),
            Err(MassarError::WrongShape)
        );
        assert_eq!(
            MassarCode::parse("RR30123456"),
            Err(MassarError::WrongShape)
        );
        assert_eq!(
            MassarCode::parse("R13012345"),
            Err(MassarError::WrongLength)
        );
        assert_eq!(
            MassarCode::parse("R1301234567"),
            Err(MassarError::WrongLength)
        );
    }

    proptest! {
        #[test]
        fn every_valid_code_parses_to_itself(code in "[A-Z][0-9]{9}") {
            prop_assert_eq!(MassarCode::parse(&code).unwrap().to_string(), code.clone());
            prop_assert_eq!(MassarCode::parse(&code.to_lowercase()).unwrap().to_string(), code.clone());
        }

        #[test]
        fn parsing_is_idempotent(input in "\\PC{0,14}") {
            if let Ok(code) = MassarCode::parse(&input) {
                prop_assert_eq!(MassarCode::parse(code.as_str()), Ok(code.clone()));
                let json = serde_json::to_string(&code).unwrap();
                prop_assert_eq!(serde_json::from_str::<MassarCode>(&json).unwrap(), code);
            }
        }
    }
}
