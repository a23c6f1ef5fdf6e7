//! Every message exists in ar, fr and en, with the same variables, and
//! every key the app's code uses exists.

use amoe_domain::Lang;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Message id → the names of the variables it uses.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn ftl_files(lang: Lang) -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join("locales").join(lang.code());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    files
}

fn variables_of(pattern: &ast::Pattern<String>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            variables_of_expression(expression, into);
        }
    }
}

fn variables_of_expression(expression: &ast::Expression<String>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => variables_of_inline(inline, into),
        ast::Expression::Select { selector, variants } => {
            variables_of_inline(selector, into);
            for variant in variants {
                variables_of(&variant.value, into);
            }
        }
    }
}

fn variables_of_inline(inline: &ast::InlineExpression<String>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.clone());
        }
        ast::InlineExpression::Placeable { expression } => {
            variables_of_expression(expression, into)
        }
        _ => {}
    }
}

fn messages(lang: Lang) -> Messages {
    let mut messages = Messages::new();
    for file in ftl_files(lang) {
        let source = std::fs::read_to_string(&file).unwrap();
        let resource = fluent_syntax::parser::parse(source.clone())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
        let main = file.ends_with("main.ftl");
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                // The app compiled the same messages (build.rs).
                if main {
                    let id = message.id.name.as_str();
                    assert!(amoe::messages::has(lang, id), "{id} is not compiled in");
                }
                let mut variables = BTreeSet::new();
                if let Some(value) = &message.value {
                    variables_of(value, &mut variables);
                }
                for attribute in &message.attributes {
                    variables_of(&attribute.value, &mut variables);
                }
                let id = message.id.name;
                assert!(
                    messages.insert(id.clone(), variables).is_none(),
                    "{}: {id} defined twice",
                    file.display()
                );
            }
        }
    }
    messages
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let french = messages(Lang::Fr);
    assert!(!french.is_empty());
    for lang in [Lang::Ar, Lang::En] {
        let other = messages(lang);
        let missing: Vec<_> = french.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !french.contains_key(*k)).collect();
        assert!(missing.is_empty(), "missing in {lang}: {missing:?}");
        assert!(extra.is_empty(), "in {lang} but not in fr: {extra:?}");
        for (key, variables) in &french {
            assert_eq!(&other[key], variables, "variables of {key} in {lang}");
        }
    }
}

/// Whether a literal has the shape of a message id (`word-word…`), as
/// opposed to a path, an input id or a CSS class found by the same marker.
fn looks_like_key(text: &str) -> bool {
    text.contains('-')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The message keys written in the app's code: the first argument of
/// `t(…)`/`tr(…)`/`t_with(…)`, a `key="…"`/`…_key="…"`/`label="…"`/
/// `hint="…"`/`title="…"` property, a key set as `Some("…")`, a
/// `=> "…"` match arm that names a key, a block of the guide
/// (`Heading("…")`…) or any literal starting `"learn-`.
fn keys_used_in(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for marker in [
        "t(\"",
        "tr(\"",
        "t_with(\"",
        "key=\"",
        "label=\"",
        "hint=\"",
        "title=\"",
        "Some(\"",
        "=> \"",
        "Heading(\"",
        "Paragraph(\"",
        "External(\"",
        // The items of the guide's lists (`routes/learn.rs`).
        "\"learn-",
    ] {
        for (start, _) in source.match_indices(marker) {
            // `t(` must be a whole word (not the end of `expect(`); `key="`
            // may end a longer property name (`title_key="`).
            let before = source[..start].chars().next_back();
            let is_call = marker.starts_with('t');
            if is_call && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // `"learn-` is itself the start of the key.
            let from = start + marker.len() - if marker == "\"learn-" { 6 } else { 0 };
            let rest = &source[from..];
            if let Some(end) = rest.find('"') {
                let literal = &rest[..end];
                // Match arms and Some(…) also hold other strings.
                let loose = matches!(marker, "=> \"" | "Some(\"");
                if !loose || looks_like_key(literal) {
                    keys.push(literal.to_owned());
                }
            }
        }
    }
    keys
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn every_key_the_code_uses_exists() {
    let french = messages(Lang::Fr);
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut used = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for key in keys_used_in(&source) {
            used += 1;
            assert!(
                french.contains_key(&key),
                "{} uses {key:?}, which is not in locales/",
                file.display()
            );
        }
    }
    assert!(
        used > 20,
        "the scan found only {used} keys: is it still right?"
    );
}

#[test]
fn every_field_error_has_its_message_in_every_language() {
    use amoe::routes::declare::steps::error_key;
    use amoe_domain::declaration::{field, field_error_codes};
    use amoe_domain::messages::FieldError;
    let codes = field_error_codes();
    assert!(codes.len() > 30);
    for lang in Lang::ALL {
        let known = messages(lang);
        for code in &codes {
            let fields: &[&str] = if code.starts_with("name_") {
                &[field::LAST_NAME, field::FIRST_NAME]
            } else {
                &[field::CIN]
            };
            for name in fields {
                let key = error_key(&FieldError {
                    field: (*name).into(),
                    code: (*code).into(),
                });
                assert!(known.contains_key(&key), "{key} is missing in {lang}");
            }
        }
    }
}

#[test]
fn the_scan_finds_keys_in_each_form() {
    let source = r#"i18n.t("a-b") t_with("c-d", &[]) <PageHeading key="e-f" /> Lang::Ar => "g-h", {tr("i-j")}
        <Journey title_key="k-l" /> x.expect("not a key")"#;
    assert_eq!(
        keys_used_in(source),
        ["a-b", "i-j", "c-d", "e-f", "k-l", "g-h"]
    );
}

/// The back office's keys are its `"bo-…"` literals (its CSS classes start
/// `back-`); a key it builds (`bo-row-{code}`…) falls back to a message
/// with the code when this version has none.
#[test]
fn every_key_the_back_office_uses_exists() {
    let french = messages(Lang::Fr);
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("back-office/src"), &mut files);
    let mut used = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for (start, _) in source.match_indices("\"bo-") {
            let rest = &source[start + 1..];
            let Some(end) = rest.find('"') else { continue };
            let key = &rest[..end];
            if key.ends_with('-') || !looks_like_key(key) {
                continue;
            }
            used += 1;
            assert!(
                french.contains_key(key),
                "{} uses {key:?}, which is not in locales/*/back-office.ftl",
                file.display()
            );
        }
    }
    assert!(used > 100, "the scan found only {used} keys");
}
