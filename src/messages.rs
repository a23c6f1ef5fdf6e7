//! The app's messages, compiled from `locales/*/main.ftl` by `build.rs`
//! into one table per language, and what formats them as Fluent would:
//! variables isolated for bidi text (U+2068…U+2069) when they are not the
//! whole message, selectors on a number by its exact value first, then its
//! plural category in the language (CLDR's cardinal rules for ar, fr and
//! en).
//!
//! The browser fetches a language's table ([`load`]) before showing it:
//! the student's own before the app is drawn, another when the student
//! switches (the service worker keeps all three for offline use). The
//! messages of a journey's own screens (`PARTS`) come with its module
//! ([`load_journey`]), so that a first visit does not fetch them.
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

fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// The name of `lang`'s messages in `dist/` (served at `/<name>`): the
/// shell's, which the app fetches before it starts.
pub fn file(lang: Lang) -> &'static str {
    generated::FILES[0][lang_index(lang)]
}

/// The name in `dist/` of the messages of `journey`'s own screens in
/// `lang`, if it has any (fetched with its module).
pub fn journey_file(journey: &str, lang: Lang) -> Option<&'static str> {
    let row = 1 + PARTS.iter().position(|(part, _)| *part == journey)?;
    Some(generated::FILES[row][lang_index(lang)])
}

/// Every table of `lang` (its name in `dist/`, its JSON), as the renderer
/// writes them to `dist/`.
#[cfg(not(target_arch = "wasm32"))]
pub fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    let at = lang_index(lang);
    (0..generated::FILES.len())
        .map(move |row| (generated::FILES[row][at], generated::SOURCES[row][at]))
}

thread_local! {
    /// The tables at hand: language, table (`part_of`), messages.
    static LOADED: RefCell<Vec<(Lang, usize, Rc<Table>)>> = const { RefCell::new(Vec::new()) };
    /// The journeys' tables fetched so far (in the language shown, and
    /// with any other language fetched after them).
    static WANTED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

fn table(lang: Lang, row: usize) -> Option<Rc<Table>> {
    let found = LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        loaded
            .iter()
            .find(|(l, r, _)| *l == lang && *r == row)
            .map(|(_, _, t)| t.clone())
    });
    #[cfg(not(target_arch = "wasm32"))]
    let found = found.or_else(|| {
        let source = generated::SOURCES[row][lang_index(lang)];
        let table: Table = serde_json::from_str(source).expect("build.rs wrote it");
        Some(keep(lang, row, table))
    });
    found
}

fn keep(lang: Lang, row: usize, table: Table) -> Rc<Table> {
    let table = Rc::new(table);
    LOADED.with(|loaded| loaded.borrow_mut().push((lang, row, table.clone())));
    table
}

fn rows_wanted() -> Vec<usize> {
    std::iter::once(0)
        .chain(WANTED.with(|wanted| wanted.borrow().clone()))
        .collect()
}

/// Whether `lang`'s messages are at hand (always, outside the browser):
/// the shell's and those of every journey fetched so far.
pub fn loaded(lang: Lang) -> bool {
    !cfg!(target_arch = "wasm32")
        || rows_wanted()
            .into_iter()
            .all(|row| table(lang, row).is_some())
}

/// Fetches `lang`'s messages, unless they are here already: the shell's
/// and those of every journey fetched so far.
pub async fn load(lang: Lang) -> Result<(), crate::api::ApiError> {
    for row in rows_wanted() {
        fetch(lang, row).await?;
    }
    Ok(())
}

/// Fetches the messages of `journey`'s own screens (if it has any) in
/// `lang` (the one the app starts in, whose messages may be on their way)
/// and every language whose messages are here, and in any language
/// fetched from now on.
pub async fn load_journey(journey: &str, lang: Option<Lang>) -> Result<(), crate::api::ApiError> {
    let Some(row) = PARTS
        .iter()
        .position(|(part, _)| *part == journey)
        .map(|i| i + 1)
    else {
        return Ok(());
    };
    WANTED.with(|wanted| {
        let mut wanted = wanted.borrow_mut();
        if !wanted.contains(&row) {
            wanted.push(row);
        }
    });
    for other in Lang::ALL {
        if Some(other) == lang || table(other, 0).is_some() {
            fetch(other, row).await?;
        }
    }
    Ok(())
}

async fn fetch(lang: Lang, row: usize) -> Result<(), crate::api::ApiError> {
    if table(lang, row).is_some() {
        return Ok(());
    }
    let table: Table = crate::api::built_file(generated::FILES[row][lang_index(lang)]).await?;
    if self::table(lang, row).is_none() {
        keep(lang, row, table);
    }
    Ok(())
}

/// Message `key` in `lang` with `args`, or `None` when there is no such
/// message (or `lang`'s messages are not here).
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    let table = table(lang, part_of(key))?;
    let at = find(&table, key)?;
    let mut text = String::new();
    write(&mut text, &table.0[at].1, lang, args);
    Some(text)
}

/// Whether `lang` has message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    table(lang, part_of(key)).is_some_and(|table| find(&table, key).is_some())
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
            let status = journey_file("status", lang).unwrap();
            assert!(status.starts_with(&format!("messages-{}-status-", lang.code())));
            for row in 0..=PARTS.len() {
                let table = table(lang, row).unwrap();
                assert!(table.0.windows(2).all(|pair| pair[0].0 < pair[1].0));
                assert!(table.0.iter().all(|(key, _)| part_of(key) == row));
            }
        }
    }

    #[test]
    fn string_literals_are_their_characters() {
        let text = format(Lang::Ar, "phone-hint", &[]).unwrap();
        assert!(text.contains("\u{2066}06 12 34 56 78\u{2069}"), "{text:?}");
    }
}
