//! Splits the app's wasm into the shell and one module per journey, run by
//! Trunk after it has built the app (`[[hooks]]` in `Trunk.toml`):
//!
//! 1. `wasm-split-cli` cuts the linked wasm (built with `--emit-relocs`,
//!    see `build.rs`) at every `#[wasm_split]` function (`src/journeys.rs`):
//!    the shell, one module per journey, and `__wasm_split.js`, which
//!    fetches a module when its journey starts;
//! 2. `wasm-bindgen` writes the shell's js glue, keeping the exports the
//!    journeys' modules link against;
//! 3. in release builds, `wasm-opt -Oz` shrinks each module, and terser
//!    the glue (about 2 KB brotli less; the loader keeps its comments,
//!    which say which journeys share a module);
//! 4. every module, the shell's glue and the loader get a hash of their
//!    final content in their name (the glue's: of the shell's wasm and the
//!    glue before terser, whose output follows from it); they are cached
//!    for a year, like Trunk's files. The result replaces Trunk's js and
//!    wasm in its staging folder, with a `modulepreload` for the loader so
//!    that it does not wait for the glue to ask for it.

use crate::Result;
use crate::app::file_name;
use crate::process::{Cmd, step, target_dir};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The features every browser the app supports has, which wasm-opt must
/// keep (Rust 1.95 emits them).
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn split() -> Result {
    let staging = PathBuf::from(
        std::env::var_os("TRUNK_STAGING_DIR")
            .ok_or("`cargo xtask split` is run by Trunk (TRUNK_STAGING_DIR is not set)")?,
    );
    let release = std::env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    step("Splitting the app's wasm by journey");
    let stem = glue_stem(&staging)?;
    let profile = if release { "release" } else { "debug" };
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("amoe.wasm");
    let work = target_dir().join("wasm-split");
    let _ = std::fs::remove_dir_all(&work);
    let (cut, glue) = (work.join("cut"), work.join("glue"));
    Cmd::new(
        "wasm-split-cli",
        &[
            input.as_os_str(),
            cut.as_os_str(),
            "--target".as_ref(),
            "web".as_ref(),
            "--out-name".as_ref(),
            stem.as_ref(),
        ],
    )
    .run()?;
    Cmd::new(
        "wasm-bindgen",
        &[
            cut.join(format!("{stem}.wasm")).as_os_str(),
            "--target".as_ref(),
            "web".as_ref(),
            "--keep-lld-exports".as_ref(),
            "--no-demangle".as_ref(),
            "--no-typescript".as_ref(),
            "--out-dir".as_ref(),
            glue.as_os_str(),
            "--out-name".as_ref(),
            stem.as_ref(),
        ],
    )
    .run()?;
    let shell = glue.join(format!("{stem}_bg.wasm"));
    let chunks: Vec<PathBuf> = crate::app::files(&cut)?
        .into_iter()
        .filter(|path| {
            path.extension().is_some_and(|e| e == "wasm")
                && path.file_stem().is_some_and(|s| s != stem.as_str())
        })
        .collect();
    if chunks.is_empty() {
        return Err(format!(
            "{}: wasm-split-cli found no split point (is `--emit-relocs` on?)",
            input.display()
        ));
    }
    if release {
        for module in std::iter::once(&shell).chain(&chunks) {
            let mut args = vec!["-Oz", "--converge", "--strip-debug", "--strip-producers"];
            args.extend(WASM_FEATURES);
            let path = module.to_string_lossy();
            args.extend([path.as_ref(), "-o", path.as_ref()]);
            Cmd::new("wasm-opt", &args).run()?;
        }
    }

    // Content-hashed names: the modules' in the loader; the shell's (its
    // wasm and glue, renamed from Trunk's, which hashed what Trunk built,
    // not what the split and wasm-opt made of it) in the loader, the glue
    // and index.html; then the loader's own in the glue.
    let mut loader = read(&cut.join("__wasm_split.js"))?;
    for chunk in &chunks {
        let name = file_name(chunk);
        let hashed = hashed_name(chunk)?;
        let quoted = format!("\"./{name}\"");
        if !loader.contains(&quoted) {
            return Err(format!("__wasm_split.js does not load {name}"));
        }
        loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
        copy(chunk, &staging.join(hashed))?;
    }
    let wasm = std::fs::read(&shell).map_err(|e| format!("{}: {e}", shell.display()))?;
    let mut js = read(&glue.join(format!("{stem}.js")))?;
    let named = format!("amoe-{}", hash(&[&wasm[..], js.as_bytes()].concat()));
    let from_loader = format!("\"./{stem}.js\"");
    if !loader.contains(&from_loader) {
        return Err(format!("__wasm_split.js does not import {stem}.js"));
    }
    loader = loader.replace(&from_loader, &format!("\"./{named}.js\""));
    let loader_name = format!("__wasm_split-{}.js", hash(loader.as_bytes()));
    write(&staging.join(&loader_name), &loader)?;
    // Only the module specifiers: the import object's keys must stay the
    // names the wasm imports from.
    let specifiers = ["from \"./__wasm_split.js\"", "from './__wasm_split.js'"];
    if !specifiers.iter().any(|import| js.contains(import)) {
        return Err(format!("{stem}.js does not import __wasm_split.js"));
    }
    for import in specifiers {
        js = js.replace(import, &format!("from \"./{loader_name}\""));
    }
    js = js.replace(&format!("{stem}_bg.wasm"), &format!("{named}_bg.wasm"));
    for trunks in [format!("{stem}.js"), format!("{stem}_bg.wasm")] {
        std::fs::remove_file(staging.join(&trunks)).map_err(|e| format!("{trunks}: {e}"))?;
    }
    let glue_file = staging.join(format!("{named}.js"));
    write(&glue_file, &js)?;
    if release {
        let path = glue_file.to_string_lossy();
        Cmd::new(
            "terser",
            &[
                path.as_ref(),
                "--module",
                "--compress",
                "--mangle",
                "-o",
                path.as_ref(),
            ],
        )
        .run()?;
    }
    std::fs::write(staging.join(format!("{named}_bg.wasm")), &wasm)
        .map_err(|e| format!("{named}_bg.wasm: {e}"))?;
    let snippets = staging.join("snippets");
    let _ = std::fs::remove_dir_all(&snippets);
    if glue.join("snippets").is_dir() {
        copy_dir(&glue.join("snippets"), &snippets)?;
    }

    let index = staging.join("index.html");
    let html = read(&index)?;
    if !html.contains("</head>") || !html.contains(&format!("/{stem}_bg.wasm")) {
        return Err(format!(
            "index.html has no </head> or does not load /{stem}_bg.wasm"
        ));
    }
    let preload = format!("<link rel=modulepreload href=/{loader_name}></head>");
    let html = html
        .replace(&format!("/{stem}"), &format!("/{named}"))
        .replacen("</head>", &preload, 1);
    write(&index, &html)
}

/// Trunk's name for the js glue (`amoe-<hash>`), from its staging folder.
fn glue_stem(staging: &Path) -> Result<String> {
    std::fs::read_dir(staging)
        .map_err(|e| format!("{}: {e}", staging.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_suffix(".js")
                .filter(|stem| stem.starts_with("amoe-"))
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("{}: no amoe-*.js from Trunk", staging.display()))
}

/// `NAME-<16 hex digits of SHA-256>.wasm`: the server caches such names
/// for a year.
fn hashed_name(chunk: &Path) -> Result<String> {
    let data = std::fs::read(chunk).map_err(|e| format!("{}: {e}", chunk.display()))?;
    let stem = chunk
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{}: not a UTF-8 name", chunk.display()))?;
    Ok(format!("{stem}-{}.wasm", hash(&data)))
}

fn hash(data: &[u8]) -> String {
    Sha256::digest(data)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    for file in crate::app::files(from)? {
        let relative = file.strip_prefix(from).expect("listed under `from`");
        let dest = to.join(relative);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        copy(&file, &dest)?;
    }
    Ok(())
}
