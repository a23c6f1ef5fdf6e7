//! The reference a student gets for a declaration, e.g. `AMOE-7K4P-Q2X`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford's base 32: digits and letters without I, L, O and U, so that
/// nothing read aloud or copied by hand is ambiguous.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BODY: usize = 6;
const PREFIX: &str = "AMOE";

/// `AMOE-` then 6 random characters and a Luhn mod 32 check character
/// (catches any single wrong character and most swapped neighbours),
/// grouped 4-3. About a billion values: the store retries on a collision.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference([u8; BODY + 1]);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("the reference is empty")]
    Empty,
    #[error("the reference does not have the right number of characters")]
    WrongLength,
    #[error("the reference has characters that are not in references")]
    InvalidCharacters,
    #[error("the reference has a typing mistake (its check character does not match)")]
    CheckFailed,
}

impl ReferenceError {
    pub fn code(self) -> &'static str {
        match self {
            ReferenceError::Empty => "reference_empty",
            ReferenceError::WrongLength => "reference_wrong_length",
            ReferenceError::InvalidCharacters => "reference_invalid_characters",
            ReferenceError::CheckFailed => "reference_check_failed",
        }
    }
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

/// Luhn mod 32 over values, rightmost first, starting with `factor`.
fn luhn_sum(values: impl DoubleEndedIterator<Item = u32>, mut factor: u32) -> u32 {
    let mut sum = 0;
    for value in values.rev() {
        let addend = factor * value;
        sum += addend / 32 + addend % 32;
        factor = if factor == 2 { 1 } else { 2 };
    }
    sum
}

impl Reference {
    /// A new reference from 30 random bits (the caller owns randomness).
    pub fn from_random(bits: u32) -> Reference {
        let mut chars = [0u8; BODY + 1];
        let mut values = [0u32; BODY];
        for (i, value) in values.iter_mut().enumerate() {
            *value = (bits >> (5 * i)) & 31;
            chars[i] = ALPHABET[*value as usize];
        }
        let check = (32 - luhn_sum(values.into_iter(), 2) % 32) % 32;
        chars[BODY] = ALPHABET[check as usize];
        Reference(chars)
    }

    /// Reads a reference as a student may type it: any case, with or
    /// without `AMOE`, spaces or hyphens; O is read as 0, I and L as 1.
    pub fn parse(input: &str) -> Result<Reference, ReferenceError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(ReferenceError::Empty);
        }
        let body = compact
            .strip_prefix(PREFIX)
            .or_else(|| compact.strip_prefix("AM0E"))
            .unwrap_or(&compact);
        if body.chars().count() != BODY + 1 {
            return Err(ReferenceError::WrongLength);
        }
        let mut chars = [0u8; BODY + 1];
        for (slot, c) in chars.iter_mut().zip(body.chars()) {
            let c = match c {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let byte = u8::try_from(c).map_err(|_| ReferenceError::InvalidCharacters)?;
            value_of(byte).ok_or(ReferenceError::InvalidCharacters)?;
            *slot = byte;
        }
        let values = chars.iter().map(|&c| value_of(c).expect("checked above"));
        if luhn_sum(values, 1) % 32 != 0 {
            return Err(ReferenceError::CheckFailed);
        }
        Ok(Reference(chars))
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = std::str::from_utf8(&self.0).expect("the alphabet is ASCII");
        write!(f, "{PREFIX}-{}-{}", &text[..4], &text[4..])
    }
}

impl TryFrom<String> for Reference {
    type Error = ReferenceError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Reference::parse(&value)
    }
}

impl From<Reference> for String {
    fn from(reference: Reference) -> String {
        reference.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn looks_like_the_leaflet_would_print_it() {
        let reference = Reference::from_random(0x1234_5678);
        let text = reference.to_string();
        assert_eq!(text.len(), "AMOE-XXXX-XXX".len());
        assert!(text.starts_with("AMOE-"));
        assert_eq!(&text[9..10], "-");
    }

    #[test]
    fn reads_what_a_student_types() {
        let reference = Reference::from_random(987_654_321);
        let text = reference.to_string();
        let sloppy = text.to_lowercase().replace('-', " ");
        assert_eq!(Reference::parse(&sloppy), Ok(reference.clone()));
        assert_eq!(Reference::parse(&text[5..]), Ok(reference.clone()));
        assert_eq!(Reference::parse(&text.replace('0', "O")), Ok(reference));
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(Reference::parse(" "), Err(ReferenceError::Empty));
        assert_eq!(
            Reference::parse("AMOE-1234-56"),
            Err(ReferenceError::WrongLength)
        );
        assert_eq!(
            Reference::parse("AMOE-1234-5U7"),
            Err(ReferenceError::InvalidCharacters)
        );
    }

    proptest! {
        #[test]
        fn every_reference_reads_back(bits in any::<u32>()) {
            let reference = Reference::from_random(bits);
            prop_assert_eq!(Reference::parse(&reference.to_string()), Ok(reference.clone()));
            let json = serde_json::to_string(&reference).unwrap();
            prop_assert_eq!(serde_json::from_str::<Reference>(&json).unwrap(), reference);
        }

        #[test]
        fn any_single_wrong_character_is_caught(bits in any::<u32>(), at in 0usize..7, by in 1u8..32) {
            let reference = Reference::from_random(bits);
            let mut chars = reference.0;
            let value = value_of(chars[at]).unwrap() as u8;
            chars[at] = ALPHABET[((value + by) % 32) as usize];
            let typo = std::str::from_utf8(&chars).unwrap().to_owned();
            prop_assert_eq!(Reference::parse(&typo), Err(ReferenceError::CheckFailed));
        }
    }
}
