//! Compiles the app's messages (`locales/{ar,fr,en}/main.ftl`, the files
//! translators edit) into one small JSON table per language
//! (`src/message_table.rs`), so that the browser gets neither Fluent's
//! parser nor its resolver, and fetches its own language's messages only.
//! The subset the app uses: text, variables, string literals (the bidi
//! isolates), and selectors on a variable, with plural categories. A
//! syntax error, a duplicate, a feature outside that subset, or a message
//! whose key or variables differ between the languages stops the build,
//! naming the file and the message.
//!
//! `OUT_DIR/messages-<code>.json` holds a language's table, less the
//! messages of a journey's own screens (`PARTS`), which are in
//! `OUT_DIR/messages-<code>-<journey>.json`; `OUT_DIR/messages.rs` the name
//! each table has in `dist/` (`messages-<code>[-<journey>]-<16 hex digits
//! of its SHA-256>.json`, which the server caches for a year), written
//! there by the renderer (`src/bin/prerender.rs`).

use fluent_syntax::ast;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

include!("src/message_table.rs");

const LANGS: [&str; 3] = ["ar", "fr", "en"];

fn main() {
    // `cargo xtask split` (run by Trunk) cuts the linked wasm by journey,
    // which needs the linker's relocations.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let out_dir = std::env::var("OUT_DIR").unwrap();
    println!("cargo:rerun-if-changed=src/message_table.rs");
    let mut files = Vec::new();
    let mut shapes: Vec<BTreeMap<String, BTreeSet<String>>> = Vec::new();
    for lang in LANGS {
        let path = Path::new(&root).join("locales").join(lang).join("main.ftl");
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        let mut messages = BTreeMap::new();
        let mut shape = BTreeMap::new();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let id = message.id.name.clone();
                    assert!(
                        message.attributes.is_empty(),
                        "{}: {id} has attributes, which the app does not read",
                        path.display()
                    );
                    let value = message
                        .value
                        .unwrap_or_else(|| panic!("{}: {id} has no value", path.display()));
                    let mut variables = BTreeSet::new();
                    let compiled = pattern(&value, &mut variables, &format!("{lang} {id}"));
                    shape.insert(id.clone(), variables);
                    assert!(
                        messages.insert(id.clone(), compiled).is_none(),
                        "{}: {id} is defined twice",
                        path.display()
                    );
                }
                ast::Entry::Junk { content } => {
                    panic!("{}: cannot read {content:?}", path.display())
                }
                ast::Entry::Term(term) => panic!(
                    "{}: term -{} (the app uses messages only)",
                    path.display(),
                    term.id.name
                ),
                _ => {}
            }
        }
        // Sorted by key (BTreeMaps), as the app's binary search needs: the
        // shell's table, then each journey's own (`PARTS`).
        let mut tables: Vec<BTreeMap<String, Pattern>> =
            (0..=PARTS.len()).map(|_| BTreeMap::new()).collect();
        for (id, compiled) in messages {
            tables[part_of(&id)].insert(id, compiled);
        }
        let mut names = Vec::new();
        for (row, table) in tables.into_iter().enumerate() {
            let part = match row {
                0 => String::new(),
                row => format!("-{}", PARTS[row - 1].0),
            };
            let json = serde_json::to_string(&Table(table.into_iter().collect())).unwrap();
            let hash: String = Sha256::digest(json.as_bytes())[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            std::fs::write(
                Path::new(&out_dir).join(format!("messages-{lang}{part}.json")),
                json,
            )
            .unwrap();
            names.push((
                format!("messages-{lang}{part}-{hash}.json"),
                format!("messages-{lang}{part}.json"),
            ));
        }
        files.push(names);
        shapes.push(shape);
    }
    // Every language has every message, with the same variables.
    for (i, lang) in LANGS.iter().enumerate().skip(1) {
        for (id, variables) in &shapes[0] {
            let other = shapes[i]
                .get(id)
                .unwrap_or_else(|| panic!("{lang}: {id} is missing (it is in ar)"));
            assert_eq!(
                other, variables,
                "{lang}: the variables of {id} differ from ar's"
            );
        }
        for id in shapes[i].keys() {
            assert!(shapes[0].contains_key(id), "{lang}: {id} is not in ar");
        }
    }
    let dest = Path::new(&out_dir).join("messages.rs");
    // By table (the shell's, then each of `PARTS`), by language.
    let rows = |pick: &dyn Fn(&(String, String)) -> String| -> String {
        (0..=PARTS.len())
            .map(|row| {
                let langs: Vec<String> = files.iter().map(|names| pick(&names[row])).collect();
                format!("[{}]", langs.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let names = rows(&|(name, _)| format!("{name:?}"));
    let sources =
        rows(&|(_, built)| format!("include_str!(concat!(env!(\"OUT_DIR\"), \"/{built}\"))"));
    let count = PARTS.len() + 1;
    let code = format!(
        "// Generated by build.rs from locales/*/main.ftl.\n\n\
         /// The file of each table in `dist/`: the shell's, then each journey's\n\
         /// (`PARTS`), in `Lang::ALL`'s order.\n\
         pub const FILES: [[&str; 3]; {count}] = [{names}];\n\n\
         /// Each table's JSON, as `FILES`.\n\
         #[cfg(not(target_arch = \"wasm32\"))]\n\
         pub const SOURCES: [[&str; 3]; {count}] = [{sources}];\n"
    );
    std::fs::write(dest, code).unwrap();
}

/// A Fluent pattern as the app's `Pattern`; adjacent text (string
/// literals included) becomes one piece.
fn pattern(source: &ast::Pattern<String>, variables: &mut BTreeSet<String>, at: &str) -> Pattern {
    // Fluent isolates a variable when it is not the whole pattern.
    let isolate = source.elements.len() > 1;
    let mut pieces: Vec<Piece> = Vec::new();
    let push_text = |pieces: &mut Vec<Piece>, text: &str| match pieces.last_mut() {
        Some(Piece::Text(before)) => before.push_str(text),
        _ => pieces.push(Piece::Text(text.to_owned())),
    };
    for element in &source.elements {
        match element {
            ast::PatternElement::TextElement { value } => push_text(&mut pieces, value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(inline) => match inline {
                    ast::InlineExpression::VariableReference { id } => {
                        variables.insert(id.name.clone());
                        pieces.push(Piece::Var(id.name.clone()));
                    }
                    ast::InlineExpression::StringLiteral { value } => {
                        let text = unescape(value).unwrap_or_else(|| {
                            panic!("{at}: {value:?} has an escape that is not a character")
                        });
                        push_text(&mut pieces, &text);
                    }
                    other => panic!("{at}: {other:?} is outside what the app's messages use"),
                },
                ast::Expression::Select { selector, variants } => {
                    let ast::InlineExpression::VariableReference { id } = selector else {
                        panic!("{at}: a selector on something other than a variable");
                    };
                    variables.insert(id.name.clone());
                    let mut arms = Vec::new();
                    let mut default = None;
                    for (i, variant) in variants.iter().enumerate() {
                        let key = match &variant.key {
                            ast::VariantKey::Identifier { name } => name.clone(),
                            ast::VariantKey::NumberLiteral { value } => value.clone(),
                        };
                        if variant.default {
                            default = Some(i);
                        }
                        arms.push((key, pattern(&variant.value, variables, at)));
                    }
                    let default =
                        default.unwrap_or_else(|| panic!("{at}: a selector without a default"));
                    pieces.push(Piece::Select(id.name.clone(), arms, default));
                }
            },
        }
    }
    Pattern(isolate, pieces)
}
