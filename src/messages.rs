//! The app's messages, compiled from `locales/*/main.ftl` by `build.rs`,
//! and what formats them as Fluent would: variables isolated for bidi text
//! (U+2068…U+2069) when they are not the whole message, selectors on a
//! number by its exact value first, then its plural category in the
//! language (CLDR's cardinal rules for ar, fr and en).

use amoe_domain::Lang;

/// A value given to a message's variable.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as i64)
            }
        }
    )*};
}
number_arg!(i32, i64, u8, u16, u32, usize);

struct Pattern {
    isolate: bool,
    pieces: &'static [Piece],
}

enum Piece {
    Text(&'static str),
    Literal(&'static str),
    Var(&'static str),
    /// The variable, the variants (key, pattern) and the default's index.
    Select(&'static str, &'static [(&'static str, Pattern)], usize),
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

fn table(lang: Lang) -> &'static [(&'static str, Pattern)] {
    match lang {
        Lang::Ar => &AR,
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Message `key` in `lang` with `args`, or `None` when there is no such
/// message.
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    let messages = table(lang);
    let at = messages.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    let mut text = String::new();
    write(&mut text, &messages[at].1, lang, args);
    Some(text)
}

/// Whether `lang` has message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    table(lang).binary_search_by(|(k, _)| (*k).cmp(key)).is_ok()
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

fn write(text: &mut String, pattern: &Pattern, lang: Lang, args: &[(&str, Arg)]) {
    for piece in pattern.pieces {
        let isolated = |text: &mut String, body: &dyn Fn(&mut String)| {
            if pattern.isolate {
                text.push('\u{2068}');
            }
            body(text);
            if pattern.isolate {
                text.push('\u{2069}');
            }
        };
        match piece {
            Piece::Text(value) | Piece::Literal(value) => text.push_str(value),
            Piece::Var(name) => isolated(text, &|text| match arg(args, name) {
                Some(Arg::Text(value)) => text.push_str(value),
                Some(Arg::Number(n)) => text.push_str(&n.to_string()),
                // As Fluent shows a missing variable.
                None => {
                    text.push('{');
                    text.push('$');
                    text.push_str(name);
                    text.push('}');
                }
            }),
            Piece::Select(name, variants, default) => isolated(text, &|text| {
                let chosen = match arg(args, name) {
                    Some(Arg::Number(n)) => {
                        let exact = n.to_string();
                        let category = plural(lang, *n);
                        variants
                            .iter()
                            .position(|(key, _)| *key == exact)
                            .or_else(|| variants.iter().position(|(key, _)| *key == category))
                    }
                    Some(Arg::Text(value)) => variants.iter().position(|(key, _)| key == value),
                    None => None,
                };
                write(text, &variants[chosen.unwrap_or(*default)].1, lang, args);
            }),
        }
    }
}

/// CLDR's cardinal plural category of an integer in `lang`.
pub fn plural(lang: Lang, n: i64) -> &'static str {
    let n = n.unsigned_abs();
    match lang {
        Lang::Ar => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        Lang::Fr => match n {
            0 | 1 => "one",
            n if n % 1_000_000 == 0 => "many",
            _ => "other",
        },
        Lang::En => match n {
            1 => "one",
            _ => "other",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_isolated_unless_alone() {
        let text = format(Lang::Fr, "declare-year", &[("year", "2026-2027".into())]).unwrap();
        assert!(text.contains("\u{2068}2026-2027\u{2069}"), "{text}");
        assert_eq!(format(Lang::Fr, "no-such-message", &[]), None);
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = |lang, n: i64| format(lang, "offices-count", &[("count", n.into())]).unwrap();
        assert!(
            count(Lang::Fr, 0).starts_with("Aucun"),
            "{}",
            count(Lang::Fr, 0)
        );
        assert_eq!(count(Lang::En, 1), "1 reception point");
        assert!(count(Lang::En, 34).contains("\u{2068}34\u{2069}"));
        assert_eq!(
            [0, 1, 2, 3, 11, 100].map(|n| plural(Lang::Ar, n)),
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(
            [0, 1, 2].map(|n| plural(Lang::Fr, n)),
            ["one", "one", "other"]
        );
    }

    #[test]
    fn string_literals_are_their_characters() {
        let text = format(Lang::Ar, "phone-hint", &[]).unwrap();
        assert!(text.contains("\u{2066}06 12 34 56 78\u{2069}"), "{text:?}");
    }
}
