//! Builds the app with Trunk (release), draws its pages that need no
//! personal data to HTML, and precompresses it all for the server.

use crate::Result;
use crate::process::{Cmd, cargo, root, step};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files the server may send compressed.
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "ftl", "svg", "json"];

pub fn build() -> Result {
    step("Building the app (release)");
    // Trunk runs cargo offline: fetch the dependencies first.
    cargo(&["fetch"]).run()?;
    trunk_build(&root())?;
    // The service worker is in every student's first load: it goes
    // without its comments (the server fills in its version and file list
    // as it starts, in names terser leaves alone).
    let worker = root().join("dist/sw.js");
    let worker = worker.to_string_lossy();
    Cmd::new(
        "terser",
        &[
            worker.as_ref(),
            "--compress",
            "--mangle",
            "-o",
            worker.as_ref(),
        ],
    )
    .run()?;
    // The back office: its own entry point and wasm, into dist/back-office/
    // (after the app's build, which empties dist/), so that not one of its
    // bytes reaches a student.
    step("Building the back office (release)");
    trunk_build(&root().join("back-office"))?;
    step("Drawing the pages that need no personal data (ar, fr, en)");
    cargo(&[
        "run",
        "--quiet",
        "--bin",
        "prerender",
        "--no-default-features",
        "--features",
        "ssr",
        "--",
        "dist",
    ])
    .run()?;
    precompress(&root().join("dist"))
}

/// `trunk build --release` of the app whose `Trunk.toml` is in `dir`.
/// Both apps share one target directory, where wasm-bindgen leaves each
/// one's JavaScript snippets, and Trunk copies and preloads every snippet
/// it finds there: emptied first, each app gets only its own.
fn trunk_build(dir: &Path) -> Result {
    let snippets = crate::process::target_dir().join("wasm-bindgen/release/snippets");
    if snippets.is_dir() {
        std::fs::remove_dir_all(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))?;
    }
    Cmd::new("trunk", &["build", "--release"])
        .dir(dir)
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .run()
}

/// Writes `NAME.br` and `NAME.gz` beside every compressible file, so the
/// server never compresses the app on the fly.
fn precompress(dist: &Path) -> Result {
    for file in files(dist)? {
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !COMPRESSIBLE.contains(&extension) {
            continue;
        }
        let data = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        write(&with_suffix(&file, "br"), &brotli(&data))?;
        write(&with_suffix(&file, "gz"), &gzip(&data))?;
    }
    Ok(())
}

pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            out.extend(files(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// A path's last part, as text.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn write(path: &Path, data: &[u8]) -> Result {
    std::fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("in-memory compression");
    out
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("in-memory compression");
    encoder.finish().expect("in-memory compression")
}
