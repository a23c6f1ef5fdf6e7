//! Lighthouse (npm `lighthouse`, pinned, installed under `target/`) on the
//! release server's pages, with Debian's Chromium and Lighthouse's mobile
//! defaults (a Moto G Power class phone, simulated slow 4G): performance,
//! FCP, LCP, TBT and CLS, printed beside the byte table. Figures, never a
//! test: the size budget is what the test command enforces.

use crate::Result;
use crate::process::{Cmd, root, step};
use std::path::PathBuf;

const VERSION: &str = "13.5.0";

/// The pages a student lands on.
pub const PAGES: [&str; 4] = ["/", "/declare", "/status", "/offices"];

fn dir() -> PathBuf {
    root().join("target/lighthouse")
}

fn binary() -> PathBuf {
    dir().join("node_modules/.bin/lighthouse")
}

pub fn ensure() -> Result {
    let installed = Cmd::new(&binary().to_string_lossy(), &["--version"])
        .output()
        .is_some_and(|v| v.trim() == VERSION);
    if installed {
        return Ok(());
    }
    step(&format!(
        "Installing Lighthouse {VERSION} in target/lighthouse (once)"
    ));
    std::fs::create_dir_all(dir()).map_err(|e| e.to_string())?;
    Cmd::new(
        "npm",
        &[
            "install",
            "--prefix",
            &dir().to_string_lossy(),
            "--no-audit",
            "--no-fund",
            "--no-save",
            &format!("lighthouse@{VERSION}"),
        ],
    )
    .run()
}

/// One page's figures.
pub struct Figures {
    pub performance: f64,
    pub fcp_ms: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
}

/// How Lighthouse slows the phone's network down.
#[derive(Clone, Copy)]
pub enum Throttling {
    /// Its default: a fast load, then a model of it on slow 4G. The model
    /// counts every download started before the largest paint, so the
    /// shell's wasm, preloaded while the drawn page paints, weighs on LCP.
    Simulated,
    /// The network really slowed down to slow 4G: what a phone sees.
    Devtools,
}

pub fn measure(url: &str, throttling: Throttling) -> Result<Figures> {
    let method = match throttling {
        Throttling::Simulated => "--throttling-method=simulate",
        Throttling::Devtools => "--throttling-method=devtools",
    };
    let out = Cmd::new(
        &binary().to_string_lossy(),
        &[
            url,
            method,
            "--chrome-path=/usr/bin/chromium",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
             --disable-background-networking --disable-component-update --disable-sync \
             --no-first-run",
            "--only-categories=performance",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
    )
    .output()
    .ok_or_else(|| format!("lighthouse failed on {url}"))?;
    let report: serde_json::Value =
        serde_json::from_str(&out).map_err(|e| format!("lighthouse's report on {url}: {e}"))?;
    let audit = |id: &str| {
        report["audits"][id]["numericValue"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    Ok(Figures {
        performance: report["categories"]["performance"]["score"]
            .as_f64()
            .unwrap_or(f64::NAN)
            * 100.0,
        fcp_ms: audit("first-contentful-paint"),
        lcp_ms: audit("largest-contentful-paint"),
        tbt_ms: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
    })
}

/// Measures every page of [`PAGES`] on `base` and prints a table.
pub fn print(base: &str) -> Result {
    for (throttling, how) in [
        (Throttling::Simulated, "simulated slow 4G"),
        (Throttling::Devtools, "slow 4G applied by DevTools"),
    ] {
        step(&format!(
            "Lighthouse {VERSION}, mobile ({how}, Moto G Power class), Debian's Chromium"
        ));
        println!("page        performance    FCP      LCP     TBT     CLS");
        for page in PAGES {
            let f = measure(&format!("{base}{page}"), throttling)?;
            println!(
                "{page:<10} {:>8.0}   {:>6.2} s {:>6.2} s {:>5.0} ms {:>6.3}",
                f.performance,
                f.fcp_ms / 1000.0,
                f.lcp_ms / 1000.0,
                f.tbt_ms,
                f.cls
            );
        }
    }
    Ok(())
}
