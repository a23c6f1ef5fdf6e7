//! What a first visit downloads, what each journey adds, and the budgets
//! they must fit in.

use crate::Result;
use crate::app::{brotli, file_name, files, gzip};
use crate::process::{root, step};
use std::path::{Path, PathBuf};

/// Brotli bytes of a first visit to `/`: the home page as the server draws
/// it and its language's messages (the largest language counts), the js
/// glue, the shell's wasm, the journeys' loader, css, icon, snippets and
/// the service worker. Never
/// raise it silently, nor in the same commit as a feature: see
/// docs/performance.md, "Size budget", for what each part costs.
pub const BUDGET_FIRST_LOAD: usize = 152_000;

/// Brotli bytes of a first visit plus everything one journey fetches
/// when it starts (its module and the modules it shares with others).
pub const BUDGET_JOURNEY: usize = 250_000;

/// The journeys with a module of their own (`src/journeys.rs`).
pub const JOURNEYS: [&str; 3] = ["declare", "status", "offices"];

pub struct Entry {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub struct Report {
    pub first_load: Vec<Entry>,
    /// Each journey's own downloads, beyond the first load.
    pub journeys: Vec<(&'static str, Vec<Entry>)>,
    /// What an agent's first visit to `/back-office` downloads (its own
    /// app: none of it is in the students' first load).
    pub back_office: Vec<Entry>,
}

/// Files at the top of `dist/` that one journey's page fetches only when
/// it needs them (the status page's proof-of-work worker, when the server
/// asks for a puzzle), with that journey.
const ON_DEMAND: [(&str, &str); 1] = [("proof.js", "status")];

pub fn measure() -> Result<Report> {
    let dist = root().join("dist");
    let entry = |path: &Path| -> Result<Entry> {
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
    let loader = files(&dist)?
        .into_iter()
        .find(|path| file_name(path).starts_with("__wasm_split-") && is_original(path))
        .ok_or("dist/ has no __wasm_split-*.js: is the app split?")?;
    let shares = shares(&std::fs::read_to_string(&loader).map_err(|e| e.to_string())?);
    let mut first_load = Vec::new();
    let mut journeys: Vec<(&str, Vec<Entry>)> = JOURNEYS.iter().map(|j| (*j, Vec::new())).collect();
    let snippets = dist.join("snippets");
    let back_office_dir = dist.join("back-office");
    let mut back_office = Vec::new();
    let mut messages = Vec::new();
    let mut journey_messages: Vec<(String, Entry)> = Vec::new();
    for path in files(&dist)?.into_iter().filter(is_original) {
        let name = file_name(&path);
        if path.starts_with(&back_office_dir) {
            back_office.push(entry(&path)?);
        } else if path.parent() == Some(dist.as_path())
            && name.ends_with(".wasm")
            && !name.contains("_bg")
        {
            // A journey's module, or one journeys share.
            let users: Vec<String> = match name.strip_prefix("split_") {
                Some(own) => vec![own.split('-').next().unwrap_or_default().to_owned()],
                None => shares
                    .iter()
                    .find(|(file, _)| *file == name)
                    .map(|(_, users)| users.clone())
                    .ok_or_else(|| format!("{name}: not named in the loader"))?,
            };
            for (journey, entries) in &mut journeys {
                if users.iter().any(|user| user == journey) {
                    entries.push(entry(&path)?);
                }
            }
        } else if let Some((_, journey)) = ON_DEMAND.iter().find(|(file, _)| *file == name) {
            // Fetched by its journey's page when it needs it, never before.
            for (own, entries) in &mut journeys {
                if own == journey {
                    entries.push(entry(&path)?);
                }
            }
        } else if path.parent() == Some(dist.as_path())
            && name.starts_with("messages-")
            && name.ends_with(".json")
        {
            // `messages-<lang>-<hash>.json`, the shell's, or
            // `messages-<lang>-<journey>-<hash>.json`, a journey's own.
            let parts: Vec<&str> = name.trim_end_matches(".json").split('-').collect();
            match parts.as_slice() {
                [_, _, _] => messages.push(entry(&path)?),
                [_, _, journey, _] => journey_messages.push((journey.to_string(), entry(&path)?)),
                _ => return Err(format!("{name}: not a table of messages")),
            }
        } else if (path.parent() == Some(dist.as_path()) && name != "index.html")
            || path.starts_with(&snippets)
        {
            first_load.push(entry(&path)?);
        }
    }
    // The home page as the server sends it, and the messages the app
    // fetches: one language's, the largest counts.
    let mut homes = Vec::new();
    for lang in ["ar", "fr", "en"] {
        homes.push(entry(&dist.join("pages").join(lang).join("index.html"))?);
    }
    let largest = |entries: Vec<Entry>, what: &str| {
        entries
            .into_iter()
            .max_by_key(|e| e.brotli)
            .ok_or_else(|| format!("dist/ has no {what}"))
    };
    // A journey's own messages: one language's, the largest counts.
    for (journey, entries) in &mut journeys {
        let own: Vec<Entry> = journey_messages
            .extract_if(.., |(of, _)| of == journey)
            .map(|(_, e)| e)
            .collect();
        if !own.is_empty() {
            entries.push(largest(own, "journey messages")?);
        }
    }
    if let Some((journey, _)) = journey_messages.first() {
        return Err(format!("messages of {journey}, which is not a journey"));
    }
    first_load.insert(0, largest(homes, "home page")?);
    first_load.insert(1, largest(messages, "messages-*.json")?);
    if back_office.is_empty() {
        return Err("dist/back-office/ is empty: is the back office built?".into());
    }
    Ok(Report {
        first_load,
        journeys,
        back_office,
    })
}

/// (module file, journeys that fetch it) for each shared module, from the
/// loader's `/* declare, offices */` comments.
fn shares(loader: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut users = Vec::new();
    for line in loader.lines() {
        let line = line.trim();
        if let Some(list) = line.strip_prefix("/* ").and_then(|l| l.strip_suffix(" */")) {
            users = list.split(", ").map(str::to_owned).collect();
        } else if let Some(at) = line.find("\"./chunk_") {
            let file = line[at + 3..].split('"').next().unwrap_or_default();
            out.push((file.to_owned(), users.clone()));
        }
    }
    out
}

pub fn total(entries: &[Entry]) -> (usize, usize, usize) {
    entries.iter().fold((0, 0, 0), |(r, g, b), e| {
        (r + e.raw, g + e.gzip, b + e.brotli)
    })
}

pub fn print(report: &Report) {
    let line = |name: &str, (raw, gz, br): (usize, usize, usize)| {
        println!("{name:<44} {raw:>9} {gz:>9} {br:>9}");
    };
    println!(
        "{:<44} {:>9} {:>9} {:>9}",
        "first load of /", "raw", "gzip", "brotli"
    );
    for e in &report.first_load {
        line(&e.name, (e.raw, e.gzip, e.brotli));
    }
    let first = total(&report.first_load);
    line("total", first);
    println!("  (budget {BUDGET_FIRST_LOAD} brotli)");
    for (journey, entries) in &report.journeys {
        println!(
            "\n{:<44} {:>9} {:>9} {:>9}",
            format!("journey {journey}, beyond it"),
            "raw",
            "gzip",
            "brotli"
        );
        for e in entries {
            line(&e.name, (e.raw, e.gzip, e.brotli));
        }
        let own = total(entries);
        line(
            "first load + journey",
            (first.0 + own.0, first.1 + own.1, first.2 + own.2),
        );
    }
    println!("  (budget {BUDGET_JOURNEY} brotli for each)");
    println!(
        "\n{:<44} {:>9} {:>9} {:>9}",
        "first load of /back-office", "raw", "gzip", "brotli"
    );
    for e in &report.back_office {
        let name = e.name.strip_prefix("back-office/").unwrap_or(&e.name);
        line(name, (e.raw, e.gzip, e.brotli));
    }
    line("total", total(&report.back_office));
}

/// The students' pages preload nothing of the back office's (Trunk
/// preloads every snippet it finds in a target directory both apps share).
fn students_pages_name_no_back_office() -> Result {
    let dist = root().join("dist");
    let mut pages = vec![dist.join("index.html")];
    for lang in ["ar", "fr", "en"] {
        pages.push(dist.join("pages").join(lang).join("index.html"));
    }
    for page in pages {
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        if html.contains("back-office") {
            return Err(format!("{} names a back-office file", page.display()));
        }
    }
    Ok(())
}

pub fn check_budget() -> Result {
    step("Size budgets");
    let report = measure()?;
    print(&report);
    students_pages_name_no_back_office()?;
    let (_, _, first) = total(&report.first_load);
    if first > BUDGET_FIRST_LOAD {
        return Err(format!(
            "the first load is {first} bytes brotli, over the {BUDGET_FIRST_LOAD}-byte budget"
        ));
    }
    for (journey, entries) in &report.journeys {
        let (_, _, own) = total(entries);
        if entries.is_empty() {
            return Err(format!("the {journey} journey has no module of its own"));
        }
        if first + own > BUDGET_JOURNEY {
            return Err(format!(
                "the {journey} journey is {} bytes brotli with the first load, over the {BUDGET_JOURNEY}-byte budget",
                first + own
            ));
        }
    }
    Ok(())
}
