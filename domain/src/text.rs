//! Normalisation shared by the identifiers a student types.

/// The plumbing of a parse-only text type `T(String)` whose `T::parse`
/// fails with `E`: `as_str`, `Display`, `From<T> for String`, and
/// `TryFrom<String>` through the parser (so JSON cannot build an invalid
/// one; types use `#[serde(try_from = "String", into = "String")]`).
macro_rules! parsed_text {
    ($t:ident, $e:ty) => {
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $t {
            type Error = $e;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $t::parse(&value)
            }
        }

        impl From<$t> for String {
            fn from(value: $t) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use parsed_text;

/// The ASCII digit for a Western, Arabic-Indic (٠–٩) or Eastern
/// Arabic-Indic (۰–۹, Persian/Urdu keyboards) digit.
pub fn ascii_digit(c: char) -> Option<char> {
    let value = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
        '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
        _ => return None,
    };
    char::from_digit(value, 10)
}

/// An identifier as typed, made canonical: spaces (of any kind) and hyphens
/// dropped, Latin letters upper-cased, Arabic-Indic digits made ASCII.
/// Anything else is kept, for the parser to refuse.
pub fn compact_identifier(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| ascii_digit(c).unwrap_or(c.to_ascii_uppercase()))
        .collect()
}

/// Trims and collapses every run of white space (or control characters,
/// which no typed name holds) into one space.
pub fn collapse_spaces(input: &str) -> String {
    input
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_spaces() {
        // A NUL, which PostgreSQL refuses in text, or a tab pasted from a
        // spreadsheet, is never part of a name typed in a form.
        assert_eq!(
            collapse_spaces("Faculté\u{0}des\tsciences\u{1b} "),
            "Faculté des sciences"
        );
    }

    #[test]
    fn arabic_indic_digits_become_ascii() {
        assert_eq!(compact_identifier("ab ١٢٣٤٥٦"), "AB123456");
        assert_eq!(compact_identifier("۱۲۳"), "123");
    }

    #[test]
    fn spaces_and_hyphens_go_letters_go_up() {
        assert_eq!(compact_identifier(" j-123\u{00A0}456 \t"), "J123456");
    }

    #[test]
    fn collapses_spaces() {
        assert_eq!(
            collapse_spaces("  El   Amrani \n Idrissi "),
            "El Amrani Idrissi"
        );
    }
}
