//! Lints that keep the texts as a Moroccan administrative editor would
//! have them: French typography, Arabic that displays in the right order,
//! and the glossary's terms (`locales/GLOSSARY.md`).

use fluent_syntax::ast;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Narrow no-break space: before `;`, `?` and `!` in French.
const NNBSP: char = '\u{202F}';
/// No-break space: before `:` and inside « » in French.
const NBSP: char = '\u{00A0}';

/// One run of literal text of a message (placeables are left out: Fluent
/// isolates them), with where it comes from.
struct Text {
    file: String,
    key: String,
    text: String,
}

fn texts_of(pattern: &ast::Pattern<String>, out: &mut Vec<String>) {
    let mut run = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => run.push_str(value),
            // A string literal is text (the isolates are written as
            // `{ "\u2066" }` … `{ "\u2069" }`, visible in review).
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
            } => run
                .push_str(&amoe::messages::unescape(value).expect("an escape that is a character")),
            ast::PatternElement::Placeable { expression } => {
                // Any other placeable is one unit, isolated by Fluent.
                run.push('\u{FFFC}');
                if let ast::Expression::Select { variants, .. } = expression {
                    for variant in variants {
                        texts_of(&variant.value, out);
                    }
                }
            }
        }
    }
    out.push(run);
}

fn texts(lang: &str) -> Vec<Text> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut texts = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source).unwrap();
        let file = format!("{lang}/{}", path.file_name().unwrap().to_string_lossy());
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut runs = Vec::new();
                if let Some(value) = &message.value {
                    texts_of(value, &mut runs);
                }
                for attribute in &message.attributes {
                    texts_of(&attribute.value, &mut runs);
                }
                for text in runs {
                    texts.push(Text {
                        file: file.clone(),
                        key: message.id.name.clone(),
                        text,
                    });
                }
            }
        }
    }
    texts
}

/// Whether the character at `i` belongs to an address (`https://…`,
/// `a@b.ma`, `www.…`), where French spacing does not apply.
fn in_address(chars: &[char], i: usize) -> bool {
    let start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let end = chars[i..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| i + p);
    let word: String = chars[start..end].iter().collect();
    word.contains("://") || word.contains('@') || word.starts_with("www.")
}

fn french_problems(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let wanted = match c {
            ';' | '?' | '!' => Some(NNBSP),
            ':' => Some(NBSP),
            '»' => Some(NBSP),
            _ => None,
        };
        if let Some(space) = wanted {
            // Not at the start of a run (a placeable ends before it), not
            // in an address, not between digits (10:30).
            let between_digits = before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit());
            if before.is_some()
                && !in_address(&chars, i)
                && !between_digits
                && before != Some(space)
            {
                problems.push(format!("{c:?} needs {space:?} before it, at {i}"));
            }
        }
        if c == '«' && after.is_some() && after != Some(NBSP) {
            problems.push(format!("'«' needs a no-break space after it, at {i}"));
        }
    }
    problems
}

#[test]
fn french_has_its_no_break_spaces() {
    let problems: Vec<String> = texts("fr")
        .iter()
        .filter_map(|t| {
            french_problems(&t.text)
                .into_iter()
                .next()
                .map(|p| format!("{} {}: {p} in {:?}", t.file, t.key, t.text))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Latin letters, or digits joined by a separator (`09-08`, `06 12`,
/// `2026-2027`), outside an isolate (U+2066…U+2069) or a placeable: in
/// Arabic text the bidi algorithm reorders them.
fn arabic_problems(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\u{2066}' | '\u{2067}' | '\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_ascii_alphabetic() => {
                problems.push(format!("Latin {c:?} outside an isolate, at {i}"));
            }
            '-' | ' ' | '/' | '.' | ':' => {
                let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
                let digit_after = chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                if digit_before && digit_after {
                    problems.push(format!("digits joined by {c:?} outside an isolate, at {i}"));
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn arabic_isolates_what_reads_left_to_right() {
    // A text with no Arabic letter (a language's own name) is one run.
    let arabic = |text: &str| text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    // The birth date's example follows its three boxes, which an Arabic
    // page lays out from the right: day, month, year read right to left.
    let follows_the_boxes = ["birth-date-hint"];
    let problems: Vec<String> = texts("ar")
        .iter()
        .filter(|t| arabic(&t.text) && !follows_the_boxes.contains(&t.key.as_str()))
        .filter_map(|t| {
            arabic_problems(&t.text)
                .into_iter()
                .next()
                .map(|p| format!("{} {}: {p} in {:?}", t.file, t.key, t.text))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The forms `locales/GLOSSARY.md` says never to use, by language: the
/// lines `- ar: …`, `- fr: …`, `- en: …` under its "Never use" heading.
fn never_use() -> Vec<(String, String)> {
    let glossary = std::fs::read_to_string(Path::new(ROOT).join("locales/GLOSSARY.md")).unwrap();
    let section = glossary
        .split("\n## Never use")
        .nth(1)
        .expect("locales/GLOSSARY.md has a \"## Never use\" section");
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("- ")?;
            let (lang, rest) = line.split_once(": ")?;
            let form = rest.split(" (").next()?.trim().trim_matches('`');
            ["ar", "fr", "en"]
                .contains(&lang)
                .then(|| (lang.to_owned(), form.to_owned()))
        })
        .collect()
}

#[test]
fn no_message_uses_a_form_the_glossary_forbids() {
    let forbidden = never_use();
    assert!(forbidden.len() >= 10, "the scan found {forbidden:?}");
    let mut problems = Vec::new();
    for lang in ["ar", "fr", "en"] {
        for text in texts(lang) {
            for (_, form) in forbidden.iter().filter(|(l, _)| l == lang) {
                if text.text.contains(form.as_str()) {
                    problems.push(format!(
                        "{} {}: {form:?} in {:?}",
                        text.file, text.key, text.text
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_lints_catch_what_they_are_for() {
    assert!(!french_problems("Votre référence : ").is_empty());
    assert!(french_problems("Votre référence\u{A0}: ").is_empty());
    assert!(!french_problems("Êtes-vous couvert ?").is_empty());
    assert!(french_problems("Êtes-vous couvert\u{202F}?").is_empty());
    assert!(french_problems("https://www.cnss.ma/?a=b").is_empty());
    assert!(!french_problems("« obligatoire »").is_empty());
    assert!(french_problems("«\u{A0}obligatoire\u{A0}»").is_empty());
    assert!(!arabic_problems("القانون 09-08").is_empty());
    assert!(arabic_problems("القانون \u{2066}09-08\u{2069}").is_empty());
    assert!(!arabic_problems("رمز مسار (CNE)").is_empty());
    assert!(arabic_problems("رمز مسار (\u{2066}CNE\u{2069})").is_empty());
    assert!(!arabic_problems("06 12 34 56 78").is_empty());
    assert_eq!(
        amoe::messages::unescape("\\u2066AB\\u2069").as_deref(),
        Some("\u{2066}AB\u{2069}")
    );
}
