//! What a first visit downloads, and the budget it must fit in.

use crate::Result;
use crate::app::{brotli, files, gzip};
use crate::process::{root, step};
use std::path::{Path, PathBuf};

/// Brotli bytes of a first visit (html + js + wasm + css + icon + the
/// largest locale). Never raise it silently, nor in the same commit as a
/// feature: see README, "Size budget", for what each part costs.
pub const BUDGET_BROTLI: usize = 270_000;

pub struct Entry {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// The first-load files: everything Trunk puts at the top of dist/ (html,
/// js, wasm, css, icon, the service worker) and wasm-bindgen's snippets,
/// plus the locale a visitor fetches; every locale is
/// listed, and the largest one counts in the total.
pub fn first_load() -> Result<(Vec<Entry>, Vec<Entry>)> {
    let dist = root().join("dist");
    let measure = |path: &Path| -> Result<Entry> {
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Entry {
            name: path
                .strip_prefix(&dist)
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned(),
            raw: data.len(),
            gzip: gzip(&data).len(),
            brotli: brotli(&data).len(),
        })
    };
    let is_original = |path: &PathBuf| {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        !matches!(ext, "br" | "gz")
    };
    let mut shell = Vec::new();
    let snippets = dist.join("snippets");
    for path in files(&dist)?.into_iter().filter(is_original) {
        // wasm-bindgen's snippets are imported by the js glue at start.
        if path.parent() == Some(dist.as_path()) || path.starts_with(&snippets) {
            shell.push(measure(&path)?);
        }
    }
    // The messages are compiled into the wasm: the .ftl files copied along
    // (the sources, and the API's mails) are never fetched by the app.
    Ok((shell, Vec::new()))
}

pub fn total(shell: &[Entry], locales: &[Entry]) -> (usize, usize, usize) {
    let largest = locales.iter().max_by_key(|e| e.brotli);
    shell.iter().chain(largest).fold((0, 0, 0), |(r, g, b), e| {
        (r + e.raw, g + e.gzip, b + e.brotli)
    })
}

pub fn print(shell: &[Entry], locales: &[Entry]) {
    println!(
        "{:<40} {:>9} {:>9} {:>9}",
        "first load", "raw", "gzip", "brotli"
    );
    for e in shell.iter().chain(locales) {
        println!("{:<40} {:>9} {:>9} {:>9}", e.name, e.raw, e.gzip, e.brotli);
    }
    let (raw, gz, br) = total(shell, locales);
    println!(
        "{:<40} {:>9} {:>9} {:>9}   (budget {BUDGET_BROTLI} brotli)",
        "total", raw, gz, br
    );
}

pub fn check_budget() -> Result {
    step("Size budget");
    let (shell, locales) = first_load()?;
    print(&shell, &locales);
    let (_, _, brotli) = total(&shell, &locales);
    if brotli > BUDGET_BROTLI {
        return Err(format!(
            "the first load is {brotli} bytes brotli, over the {BUDGET_BROTLI}-byte budget"
        ));
    }
    Ok(())
}
