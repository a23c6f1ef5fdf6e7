//! The national identity card number (CIN, *carte d'identité nationale*).

use crate::text::compact_identifier;
use serde::{Deserialize, Serialize};

/// 1–2 Latin letters then digits, e.g. `AB123456`, `J123456`, `K45678`.
/// Usually 5–6 digits; up to 8 are accepted rather than turn away a real
/// card. Typed forms are normalised: spaces and hyphens dropped, letters
/// upper-cased, Arabic-Indic digits made ASCII.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cin(String);

pub const MIN_DIGITS: usize = 3;
pub const MAX_DIGITS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CinError {
    #[error("the CIN is empty")]
    Empty,
    #[error("the CIN has characters other than Latin letters and digits")]
    InvalidCharacters,
    #[error("the CIN must start with one or two letters")]
    MissingLetters,
    #[error("the CIN has letters after its digits or more than two letters")]
    WrongShape,
    #[error("the CIN has too few digits")]
    TooShort,
    #[error("the CIN has too many digits")]
    TooLong,
}

impl CinError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [CinError; 6] = [
        CinError::Empty,
        CinError::InvalidCharacters,
        CinError::MissingLetters,
        CinError::WrongShape,
        CinError::TooShort,
        CinError::TooLong,
    ];

    /// Stable code: the API's field error code, and `error-<code>` (with
    /// hyphens) is the Fluent key of its message.
    pub fn code(self) -> &'static str {
        match self {
            CinError::Empty => "cin_empty",
            CinError::InvalidCharacters => "cin_invalid_characters",
            CinError::MissingLetters => "cin_missing_letters",
            CinError::WrongShape => "cin_wrong_shape",
            CinError::TooShort => "cin_too_short",
            CinError::TooLong => "cin_too_long",
        }
    }
}

impl Cin {
    pub fn parse(input: &str) -> Result<Cin, CinError> {
        let cin = compact_identifier(input);
        if cin.is_empty() {
            return Err(CinError::Empty);
        }
        if !cin
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(CinError::InvalidCharacters);
        }
        let letters = cin.chars().take_while(char::is_ascii_uppercase).count();
        let digits = cin.len() - letters;
        if letters == 0 {
            return Err(CinError::MissingLetters);
        }
        if letters > 2 || !cin[letters..].chars().all(|c| c.is_ascii_digit()) {
            return Err(CinError::WrongShape);
        }
        if digits < MIN_DIGITS {
            return Err(CinError::TooShort);
        }
        if digits > MAX_DIGITS {
            return Err(CinError::TooLong);
        }
        Ok(Cin(cin))
    }

    /// The CIN with all but its letters and last two digits hidden, for
    /// receipts and attestations: `AB****56`.
    pub fn masked(&self) -> String {
        let letters = self.0.chars().take_while(char::is_ascii_uppercase).count();
        let shown_tail = 2;
        self.0
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i < letters || i >= self.0.len() - shown_tail {
                    c
                } else {
                    '*'
                }
            })
            .collect()
    }
}

crate::text::parsed_text!(Cin, CinError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_usual_shapes() {
        for cin in ["AB123456", "J123456", "K45678", "BE1234", "X12345678"] {
            assert_eq!(Cin::parse(cin).unwrap().as_str(), cin);
        }
    }

    #[test]
    fn normalises_what_was_typed() {
        assert_eq!(Cin::parse(" ab 123-456 ").unwrap().as_str(), "AB123456");
        assert_eq!(Cin::parse("ab١٢٣٤٥٦").unwrap().as_str(), "AB123456");
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(Cin::parse("   "), Err(CinError::Empty));
        assert_eq!(Cin::parse("AB12.3456"), Err(CinError::InvalidCharacters));
        assert_eq!(Cin::parse("أب123456"), Err(CinError::InvalidCharacters));
        assert_eq!(Cin::parse("123456"), Err(CinError::MissingLetters));
        assert_eq!(Cin::parse("ABC12345"), Err(CinError::WrongShape));
        assert_eq!(Cin::parse("AB1234C"), Err(CinError::WrongShape));
        assert_eq!(Cin::parse("AB"), Err(CinError::TooShort));
        assert_eq!(Cin::parse("AB12"), Err(CinError::TooShort));
        assert_eq!(Cin::parse("AB123456789"), Err(CinError::TooLong));
    }

    #[test]
    fn masks_all_but_letters_and_the_last_two_digits() {
        assert_eq!(Cin::parse("AB123456").unwrap().masked(), "AB****56");
        assert_eq!(Cin::parse("K456").unwrap().masked(), "K*56");
    }

    #[test]
    fn json_goes_through_the_parser() {
        let cin: Cin = serde_json::from_str("\"ab 123456\"").unwrap();
        assert_eq!(cin.as_str(), "AB123456");
        assert!(serde_json::from_str::<Cin>("\"123\"").is_err());
    }

    proptest! {
        #[test]
        fn every_valid_shape_parses_to_itself(cin in "[A-Z]{1,2}[0-9]{3,8}") {
            prop_assert_eq!(Cin::parse(&cin).unwrap().to_string(), cin.clone());
        }

        #[test]
        fn parsing_is_idempotent(input in "\\PC{0,16}") {
            if let Ok(cin) = Cin::parse(&input) {
                prop_assert_eq!(Cin::parse(cin.as_str()), Ok(cin.clone()));
                let json = serde_json::to_string(&cin).unwrap();
                prop_assert_eq!(serde_json::from_str::<Cin>(&json).unwrap(), cin);
            }
        }

        #[test]
        fn lower_case_and_spaces_do_not_matter(cin in "[A-Z]{1,2}[0-9]{3,8}", at in 0usize..10) {
            let mut typed = cin.to_lowercase();
            typed.insert(at.min(typed.len()), ' ');
            prop_assert_eq!(Cin::parse(&typed).unwrap().to_string(), cin.clone());
        }
    }
}
