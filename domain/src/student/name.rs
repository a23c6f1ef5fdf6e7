//! A last or first name, in Latin or Arabic letters.

use crate::text::collapse_spaces;
use serde::{Deserialize, Serialize};

/// Letters of the Latin or Arabic scripts (with Arabic diacritics), spaces,
/// hyphens and apostrophes; inner spaces collapsed; 1 to [`MAX_CHARS`]
/// characters, at least one of them a letter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

pub const MAX_CHARS: usize = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is too long")]
    TooLong,
    #[error("the name has characters that are not letters, spaces, hyphens or apostrophes")]
    InvalidCharacters,
}

impl NameError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [NameError; 3] = [
        NameError::Empty,
        NameError::TooLong,
        NameError::InvalidCharacters,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NameError::Empty => "name_empty",
            NameError::TooLong => "name_too_long",
            NameError::InvalidCharacters => "name_invalid_characters",
        }
    }
}

/// A letter of the Latin or Arabic script (or an Arabic combining mark).
fn is_name_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c,
            '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{024F}'
            | '\u{1E00}'..='\u{1EFF}'
            // Arabic letters, tatweel and harakat; not Arabic digits or punctuation.
            | '\u{0621}'..='\u{065F}' | '\u{0670}'..='\u{06D3}' | '\u{06D5}'
            | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

impl PersonName {
    pub fn parse(input: &str) -> Result<PersonName, NameError> {
        let name = collapse_spaces(input);
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        if name.chars().count() > MAX_CHARS {
            return Err(NameError::TooLong);
        }
        let allowed = |c: char| is_name_letter(c) || matches!(c, ' ' | '-' | '\'' | '’');
        if !name.chars().all(allowed) || !name.chars().any(is_name_letter) {
            return Err(NameError::InvalidCharacters);
        }
        Ok(PersonName(name))
    }
}

crate::text::parsed_text!(PersonName, NameError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_latin_and_arabic_names() {
        for name in [
            "El Amrani",
            "Aït Ben-Haddou",
            "N'Diaye",
            "Zoë",
            "محمد أمين",
            "عبد الرَّحمن",
            "O’Neil",
        ] {
            assert_eq!(PersonName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn collapses_spaces() {
        assert_eq!(
            PersonName::parse("  Fatima   Zahra ").unwrap().as_str(),
            "Fatima Zahra"
        );
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(PersonName::parse(" \t "), Err(NameError::Empty));
        assert_eq!(PersonName::parse(&"a".repeat(61)), Err(NameError::TooLong));
        assert_eq!(PersonName::parse("R2D2"), Err(NameError::InvalidCharacters));
        assert_eq!(
            PersonName::parse("Ali <script>"),
            Err(NameError::InvalidCharacters)
        );
        assert_eq!(PersonName::parse("--"), Err(NameError::InvalidCharacters));
        assert_eq!(
            PersonName::parse("أحمد٣"),
            Err(NameError::InvalidCharacters)
        );
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(input in "\\PC{0,70}") {
            if let Ok(name) = PersonName::parse(&input) {
                prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
                prop_assert!(name.as_str().chars().count() <= MAX_CHARS);
            }
        }
    }
}
