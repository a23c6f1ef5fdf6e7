// The text of a Fluent string literal (`\uXXXX`, `\UXXXXXX`, `\"`, `\\`):
// shared by build.rs, which compiles the messages, and the typography
// lints, which read them (`include!`d by both).

/// A Fluent string literal's text, or `None` for an escape that is not a
/// character.
fn unescape(literal: &str) -> Option<String> {
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
