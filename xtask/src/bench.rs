//! `cargo xtask bench`: the figures the README quotes. Sizes of the first
//! load, then requests per second and latency of two API routes, measured
//! with wrk against the release server on loopback (bounded: 10 s a route).

use crate::process::{Cmd, cargo, root, step};
use crate::{Result, app, size, tools};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

const ROUTES: [&str; 2] = ["/api/health", "/api/universities"];

pub fn bench() -> Result {
    tools::ensure_build_tools()?;
    let wrk_missing = Cmd::new("wrk", &["--version"]).output().is_none()
        && !std::path::Path::new("/usr/bin/wrk").exists();
    tools::ensure_debian_packages(if wrk_missing { &["wrk"] } else { &[] })?;
    app::build()?;
    step("Building the API (release)");
    cargo(&["build", "--release", "--package", "amoe-api"]).run()?;

    step("First load");
    let (shell, locales) = size::first_load()?;
    size::print(&shell, &locales);

    step("API throughput (wrk, 2 threads, 32 connections, 10 s a route, SQLite)");
    let data = std::env::temp_dir().join(format!("amoe-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let mut server = Server::start(&data)?;
    let result = ROUTES.iter().try_for_each(|route| {
        let url = format!("{}{route}", server.url);
        let out = Cmd::new("wrk", &["-t2", "-c32", "-d10s", "--latency", &url])
            .output()
            .ok_or_else(|| format!("wrk failed on {url}"))?;
        println!("{route}\n{}", summary(&out));
        Ok::<_, String>(())
    });
    server.stop();
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// The lines of wrk's report worth quoting.
fn summary(wrk: &str) -> String {
    wrk.lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("Requests/sec")
                || line.starts_with("Latency ")
                || line.starts_with("50%")
                || line.starts_with("99%")
                || line.contains("requests in")
                || line.starts_with("Non-2xx")
        })
        .map(|line| format!("  {}", line.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(data: &std::path::Path) -> Result<Server> {
        let mut child = std::process::Command::new(root().join("target/release/amoe-api"))
            .env("AMOE_ADDR", "127.0.0.1:0")
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/bench.db", data.display()),
            )
            .env("AMOE_DIST", root().join("dist"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the API: {e}"))?;
        let stdout = child.stdout.take().expect("piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .ok_or_else(|| format!("the API did not print its URL: {line:?}"))?
            .trim_end_matches('/')
            .to_owned();
        Ok(Server { child, url })
    }

    fn stop(&mut self) {
        let _ = Cmd::new("kill", &["-TERM", &self.child.id().to_string()]).run();
        let _ = self.child.wait();
    }
}
