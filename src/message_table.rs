// One language's messages as `build.rs` compiles them from
// `locales/<code>/main.ftl` and the app reads them (`include!`d by both):
// what is left of Fluent once the files are parsed and checked, and how a
// Fluent string literal becomes text (which the typography lints read
// too). The app fetches the student's language only
// (`messages-<code>-<hash>.json`), and a journey's own messages with its
// module (`messages-<code>-<journey>-<hash>.json`).

/// The messages fetched with a journey's module rather than before the app
/// starts: the journey, and the prefixes of its messages' keys.
pub const PARTS: [(&str, &[&str]); 1] = [(
    "status",
    &["status-", "refusal-", "attestation-", "reexam-", "error-reexam_"],
)];

/// The table `key` is in: 0 for the shell's, `1 + i` for `PARTS[i]`'s.
pub fn part_of(key: &str) -> usize {
    PARTS
        .iter()
        .position(|(_, prefixes)| prefixes.iter().any(|p| key.starts_with(p)))
        .map_or(0, |i| i + 1)
}

/// A language's messages, sorted by key.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Table(pub Vec<(String, Pattern)>);

/// A message's value: whether its variables are isolated (U+2068…U+2069,
/// as Fluent does when a placeable is not the whole pattern), and its
/// pieces.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Pattern(pub bool, pub Vec<Piece>);

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum Piece {
    /// Text, string literals included.
    #[serde(rename = "t")]
    Text(String),
    /// A variable's value.
    #[serde(rename = "v")]
    Var(String),
    /// A selector on a variable: the variants (key, pattern) and the
    /// default's index.
    #[serde(rename = "s")]
    Select(String, Vec<(String, Pattern)>, usize),
}

/// A Fluent string literal's text, or `None` for an escape that is not a
/// character.
pub fn unescape(literal: &str) -> Option<String> {
    let mut text = String::new();
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some(width @ ('u' | 'U')) => {
                let digits: String = chars
                    .by_ref()
                    .take(if width == 'u' { 4 } else { 6 })
                    .collect();
                text.push(u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32)?);
            }
            Some(other) => text.push(other),
            None => {}
        }
    }
    Some(text)
}
