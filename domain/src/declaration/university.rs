//! Which of the 12 public universities a declaration is made at.

use serde::{Deserialize, Serialize};

/// The ids of the 12 universities of the leaflet (`domain/seed/`; a test
/// keeps the two equal).
pub const UNIVERSITY_IDS: [&str; 12] = [
    "um5", "ucd", "uit", "uca", "uae", "ump", "usmba", "uh1", "uh2c", "uiz", "usms", "umi",
];

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UniversityId(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UniversityError {
    #[error("no university was chosen")]
    Missing,
    #[error("no university has this id")]
    Unknown,
}

impl UniversityError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [UniversityError; 2] = [UniversityError::Missing, UniversityError::Unknown];

    pub fn code(self) -> &'static str {
        match self {
            UniversityError::Missing => "university_missing",
            UniversityError::Unknown => "unknown_university",
        }
    }
}

impl UniversityId {
    pub fn parse(input: &str) -> Result<UniversityId, UniversityError> {
        let id = input.trim();
        if id.is_empty() {
            return Err(UniversityError::Missing);
        }
        UNIVERSITY_IDS
            .contains(&id)
            .then(|| UniversityId(id.to_owned()))
            .ok_or(UniversityError::Unknown)
    }
}

crate::text::parsed_text!(UniversityId, UniversityError);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leaflet::Seed;

    #[test]
    fn the_ids_are_those_of_the_seed() {
        let seed: Vec<_> = Seed::leaflet()
            .universities
            .into_iter()
            .map(|u| u.id)
            .collect();
        assert_eq!(seed, UNIVERSITY_IDS);
    }

    #[test]
    fn parses_known_ids_only() {
        assert_eq!(UniversityId::parse(" um5 ").unwrap().as_str(), "um5");
        assert_eq!(UniversityId::parse(""), Err(UniversityError::Missing));
        assert_eq!(UniversityId::parse("UM5"), Err(UniversityError::Unknown));
        assert_eq!(
            UniversityId::parse("harvard"),
            Err(UniversityError::Unknown)
        );
    }
}

/// The establishment (faculty, school) within the university: optional
/// free text, spaces collapsed, at most [`MAX_ESTABLISHMENT_CHARS`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Establishment(String);

pub const MAX_ESTABLISHMENT_CHARS: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the establishment's name is too long")]
pub struct EstablishmentTooLong;

impl EstablishmentTooLong {
    pub fn code(self) -> &'static str {
        "establishment_too_long"
    }
}

impl Establishment {
    /// `Ok(None)` for an empty field.
    pub fn parse_optional(input: &str) -> Result<Option<Establishment>, EstablishmentTooLong> {
        let text = crate::text::collapse_spaces(input);
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > MAX_ESTABLISHMENT_CHARS {
            return Err(EstablishmentTooLong);
        }
        Ok(Some(Establishment(text)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Establishment {
    type Error = EstablishmentTooLong;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Establishment::parse_optional(&value)?.ok_or(EstablishmentTooLong)
    }
}

impl From<Establishment> for String {
    fn from(establishment: Establishment) -> String {
        establishment.0
    }
}
