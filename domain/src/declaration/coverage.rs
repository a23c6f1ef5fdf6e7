//! The answer to "Are you covered, as a spouse or child, by another basic
//! health insurance scheme?", and which scheme.

use crate::text::collapse_spaces;
use serde::{Deserialize, Serialize};

/// The basic schemes the leaflet names. Their names and descriptions are
/// locale text (`scheme-<code>`), never logic.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "scheme", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scheme {
    /// The public-sector fund (managed today by CNOPS; law 54-23 moves it
    /// to the CNSS).
    Cnops,
    /// The private-sector fund.
    Cnss,
    /// RAMED, now AMO Tadamon.
    Ramed,
    /// The Royal Armed Forces mutual.
    Far,
    /// Any other basic scheme, named by the student.
    Other { name: String },
}

pub const MAX_SCHEME_NAME_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SchemeError {
    #[error("no scheme was chosen")]
    Missing,
    #[error("the other scheme has no name")]
    OtherNameEmpty,
    #[error("the other scheme's name is too long")]
    OtherNameTooLong,
}

impl SchemeError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [SchemeError; 3] = [
        SchemeError::Missing,
        SchemeError::OtherNameEmpty,
        SchemeError::OtherNameTooLong,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SchemeError::Missing => "scheme_missing",
            SchemeError::OtherNameEmpty => "scheme_other_name_empty",
            SchemeError::OtherNameTooLong => "scheme_other_name_too_long",
        }
    }
}

impl Scheme {
    /// The stable code of the scheme (`cnops`, …, `other`).
    pub fn code(&self) -> &'static str {
        match self {
            Scheme::Cnops => "cnops",
            Scheme::Cnss => "cnss",
            Scheme::Ramed => "ramed",
            Scheme::Far => "far",
            Scheme::Other { .. } => "other",
        }
    }

    /// The scheme chosen by `code`, with the name typed for "other".
    pub fn parse(code: &str, other_name: &str) -> Result<Scheme, SchemeError> {
        Ok(match code.trim() {
            "cnops" => Scheme::Cnops,
            "cnss" => Scheme::Cnss,
            "ramed" => Scheme::Ramed,
            "far" => Scheme::Far,
            "other" => {
                let name = collapse_spaces(other_name);
                if name.is_empty() {
                    return Err(SchemeError::OtherNameEmpty);
                }
                if name.chars().count() > MAX_SCHEME_NAME_CHARS {
                    return Err(SchemeError::OtherNameTooLong);
                }
                Scheme::Other { name }
            }
            _ => return Err(SchemeError::Missing),
        })
    }
}

/// Whether the student is covered elsewhere as a dependant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "covered", rename_all = "snake_case")]
pub enum Coverage {
    /// No other basic coverage: the student may be covered by the AMOE.
    No,
    /// Covered by another scheme: not eligible this academic year.
    Yes { by: Scheme },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_schemes_need_no_name() {
        for code in ["cnops", "cnss", "ramed", "far"] {
            assert_eq!(Scheme::parse(code, "ignored").unwrap().code(), code);
        }
    }

    #[test]
    fn another_scheme_needs_its_name() {
        assert_eq!(
            Scheme::parse("other", "  Mutuelle  OCP "),
            Ok(Scheme::Other {
                name: "Mutuelle OCP".into()
            })
        );
        assert_eq!(
            Scheme::parse("other", " "),
            Err(SchemeError::OtherNameEmpty)
        );
        assert_eq!(
            Scheme::parse("other", &"x".repeat(101)),
            Err(SchemeError::OtherNameTooLong)
        );
        assert_eq!(Scheme::parse("", ""), Err(SchemeError::Missing));
        assert_eq!(Scheme::parse("amo", ""), Err(SchemeError::Missing));
    }

    #[test]
    fn json_names_the_answer() {
        let no = serde_json::to_string(&Coverage::No).unwrap();
        assert_eq!(no, r#"{"covered":"no"}"#);
        let yes = Coverage::Yes {
            by: Scheme::Other { name: "OCP".into() },
        };
        let json = serde_json::to_string(&yes).unwrap();
        assert_eq!(serde_json::from_str::<Coverage>(&json).unwrap(), yes);
    }
}
