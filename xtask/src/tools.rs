//! Installs what a fresh machine lacks, idempotently: the wasm32 target,
//! Trunk, the wasm-bindgen CLI that Cargo.lock pins, the npm tools
//! (binaryen's wasm-opt, terser, Playwright, axe-core) and, for the tests, Debian's
//! Chromium, PostgreSQL, openssl and nginx.

use crate::Result;
use crate::process::{Cmd, cargo, root, step};
use std::path::Path;

pub const TRUNK_VERSION: &str = "0.21.14";

/// Everything `trunk build --release` needs, without downloading a tool.
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_split()?;
    ensure_npm_tools()
}

/// What the tests need beyond the build: Chromium, PostgreSQL, openssl and
/// nginx.
pub fn ensure_test_tools() -> Result {
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").exists() {
        missing.push("chromium");
    }
    if crate::postgres::bin_dir().is_none() {
        missing.push("postgresql");
    }
    // The throwaway cluster's certificates.
    if Cmd::new("openssl", &["version"]).output().is_none() {
        missing.push("openssl");
    }
    // The load balancer in front of two replicas.
    if !["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .any(|path| Path::new(path).exists())
    {
        missing.push("nginx");
    }
    ensure_debian_packages(&missing)
}

pub fn ensure_debian_packages(missing: &[&str]) -> Result {
    if missing.is_empty() {
        return Ok(());
    }
    if !crate::process::is_root() {
        return Err(format!(
            "missing Debian packages: {list}. Install them with:\n  sudo apt-get install {list}",
            list = missing.join(" ")
        ));
    }
    step(&format!(
        "Installing Debian packages: {}",
        missing.join(" ")
    ));
    Cmd::new("apt-get", &["update", "-q"]).run()?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend(missing);
    Cmd::new("apt-get", &args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
}

fn ensure_wasm_target() -> Result {
    let installed = Cmd::new("rustup", &["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("Adding the wasm32-unknown-unknown target");
    Cmd::new("rustup", &["target", "add", "wasm32-unknown-unknown"]).run()
}

fn installed_version(program: &str) -> Option<String> {
    Cmd::new(program, &["--version"]).output()
}

fn ensure_trunk() -> Result {
    if installed_version("trunk").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        return Ok(());
    }
    step(&format!(
        "Installing Trunk {TRUNK_VERSION} (about 10 minutes, once)"
    ));
    cargo(&["install", "trunk", "--version", TRUNK_VERSION, "--locked"]).run()
}

/// wasm-bindgen's version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    lock.split("[[package]]")
        .find(|block| block.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|block| {
            block
                .lines()
                .find_map(|line| line.strip_prefix("version = \""))
                .map(|v| v.trim_end_matches('"').to_owned())
        })
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen()?;
    for file in ["Trunk.toml", "back-office/Trunk.toml"] {
        let trunk_toml =
            std::fs::read_to_string(root().join(file)).map_err(|e| format!("{file}: {e}"))?;
        if !trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
            return Err(format!(
                "{file} must pin wasm_bindgen = \"{version}\", the version in Cargo.lock"
            ));
        }
    }
    if installed_version("wasm-bindgen").is_some_and(|v| v.split_whitespace().any(|w| w == version))
    {
        return Ok(());
    }
    step(&format!(
        "Installing wasm-bindgen-cli {version} (about 3 minutes, once)"
    ));
    // Not --locked: one of its locked dependencies is gone from crates.io.
    cargo(&[
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--force",
    ])
    .run()
}

/// The tool that cuts the wasm by journey (`cargo xtask split`).
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

fn ensure_wasm_split() -> Result {
    let installed = cargo(&["install", "--list"]).output().unwrap_or_default();
    let wanted = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    if installed.lines().any(|line| line.starts_with(&wanted)) {
        return Ok(());
    }
    step(&format!(
        "Installing wasm-split-cli {WASM_SPLIT_VERSION} (about a minute, once)"
    ));
    cargo(&[
        "install",
        "wasm_split_cli_support",
        "--version",
        WASM_SPLIT_VERSION,
        "--features",
        "build-binary",
        "--locked",
    ])
    .run()
}

/// `npm ci` when node_modules does not match package-lock.json.
fn ensure_npm_tools() -> Result {
    let lock = std::fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root().join("node_modules/.amoe-package-lock.json");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    step("Installing npm tools (wasm-opt from binaryen, terser, Playwright, axe-core)");
    Cmd::new("npm", &["ci", "--no-audit", "--no-fund"]).run()?;
    std::fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}
