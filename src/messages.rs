//! The app's messages, compiled from `locales/*/main.ftl` by `build.rs`
//! into one table per language, and what formats them as Fluent would:
//! variables isolated for bidi text (U+2068…U+2069) when they are not the
//! whole message, selectors on a number by its exact value first, then its
//! plural category in the language (CLDR's cardinal rules for ar, fr and
//! en).
//!
//! The browser fetches a language's table ([`load`]) before showing it:
//! the student's own before the app is drawn, another when the student
//! switches (the service worker keeps all three for offline use).
//! Elsewhere (the renderer, tests) the tables are compiled in.

use amoe_domain::Lang;
use std::cell::RefCell;
use std::rc::Rc;

include!("message_table.rs");

mod generated {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

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

/// The name of `lang`'s messages in `dist/` (served at `/<name>`).
pub fn file(lang: Lang) -> &'static str {
    generated::FILES[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// `lang`'s table as JSON, as the renderer writes it to `dist/`.
#[cfg(not(target_arch = "wasm32"))]
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => include_str!(concat!(env!("OUT_DIR"), "/messages-ar.json")),
        Lang::Fr => include_str!(concat!(env!("OUT_DIR"), "/messages-fr.json")),
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/messages-en.json")),
    }
}

thread_local! {
    /// The tables at hand, by language.
    static LOADED: RefCell<Vec<(Lang, Rc<Table>)>> = const { RefCell::new(Vec::new()) };
}

fn table(lang: Lang) -> Option<Rc<Table>> {
    let found = LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        loaded
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.clone())
    });
    #[cfg(not(target_arch = "wasm32"))]
    let found = found.or_else(|| {
        let table: Table = serde_json::from_str(source(lang)).expect("build.rs wrote it");
        Some(keep(lang, table))
    });
    found
}

fn keep(lang: Lang, table: Table) -> Rc<Table> {
    let table = Rc::new(table);
    LOADED.with(|loaded| loaded.borrow_mut().push((lang, table.clone())));
    table
}

/// Whether `lang`'s messages are at hand (always, outside the browser).
pub fn loaded(lang: Lang) -> bool {
    !cfg!(target_arch = "wasm32") || table(lang).is_some()
}

/// Fetches `lang`'s messages, unless they are here already.
pub async fn load(lang: Lang) -> Result<(), crate::api::ApiError> {
    if loaded(lang) {
        return Ok(());
    }
    let table: Table = crate::api::built_file(file(lang)).await?;
    if !loaded(lang) {
        keep(lang, table);
    }
    Ok(())
}

/// Message `key` in `lang` with `args`, or `None` when there is no such
/// message (or `lang`'s messages are not here).
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    let table = table(lang)?;
    let at = find(&table, key)?;
    let mut text = String::new();
    write(&mut text, &table.0[at].1, lang, args);
    Some(text)
}

/// Whether `lang` has message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    table(lang).is_some_and(|table| find(&table, key).is_some())
}

fn find(table: &Table, key: &str) -> Option<usize> {
    table.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

fn write(text: &mut String, pattern: &Pattern, lang: Lang, args: &[(&str, Arg)]) {
    let Pattern(isolate, pieces) = pattern;
    for piece in pieces {
        let isolated = |text: &mut String, body: &dyn Fn(&mut String)| {
            if *isolate {
                text.push('\u{2068}');
            }
            body(text);
            if *isolate {
                text.push('\u{2069}');
            }
        };
        match piece {
            Piece::Text(value) => text.push_str(value),
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
                            .or_else(|| variants.iter().position(|(key, _)| key == category))
                    }
                    Some(Arg::Text(value)) => variants.iter().position(|(key, _)| key == value),
                    None => None,
                };
                if let Some((_, variant)) = variants.get(chosen.unwrap_or(*default)) {
                    write(text, variant, lang, args);
                }
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
    fn each_table_is_named_by_its_content_and_sorted() {
        for lang in Lang::ALL {
            let name = file(lang);
            let hash = name
                .strip_prefix(&format!("messages-{}-", lang.code()))
                .and_then(|rest| rest.strip_suffix(".json"))
                .unwrap_or_else(|| panic!("{name}"));
            assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
            let table = table(lang).unwrap();
            assert!(table.0.windows(2).all(|pair| pair[0].0 < pair[1].0));
        }
    }

    #[test]
    fn string_literals_are_their_characters() {
        let text = format(Lang::Ar, "phone-hint", &[]).unwrap();
        assert!(text.contains("\u{2066}06 12 34 56 78\u{2069}"), "{text:?}");
    }
}
