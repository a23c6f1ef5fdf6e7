//! What `bench --volume` measures under load on a seeded database: the
//! students' lookups against `/api/health` in the same run, the
//! connection pool and memory meanwhile, and the retention purge of a
//! whole academic year while students declare at a steady rate.

use super::{Engine, sqlite_path};
use crate::Result;
use crate::bench::summary;
use crate::process::Cmd;
use std::path::Path;
use std::time::{Duration, Instant};

/// The bearer token of `/metrics` on the bench's server.
pub(super) const METRICS_TOKEN: &str = "volume-bench-metrics";

/// Declarations a second while the purge runs: a busy enrolment day
/// (a million declarations in four weeks is about 0.4 a second on
/// average; 50 is a peak hour's rate a hundred times over).
const PACED_RATE: u32 = 50;
/// Connections of the paced declarations, each sending one request every
/// `1000 * PACED_CONNECTIONS / PACED_RATE` ms.
const PACED_CONNECTIONS: u32 = 5;

/// Runs `work`, watching the server's resident memory meanwhile: what it
/// returns, and the peak in MB.
pub(super) fn peak_during<T>(pid: u32, work: impl FnOnce() -> T) -> (T, f64) {
    let watching = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let peak = {
        let watching = watching.clone();
        std::thread::spawn(move || {
            let mut peak: f64 = 0.0;
            while watching.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(resident_mb(pid));
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            peak
        })
    };
    let done = work();
    watching.store(false, std::sync::atomic::Ordering::Relaxed);
    (done, peak.join().unwrap_or(0.0))
}

/// The server's resident memory, in MB.
pub(super) fn resident_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// The pool's figures from `/metrics`: open connections and idle ones.
pub(super) fn pool(base: &str) -> String {
    let text = Cmd::new(
        "curl",
        &[
            "-s",
            "-H",
            &format!("authorization: Bearer {METRICS_TOKEN}"),
            &format!("{base}/metrics"),
        ],
    )
    .output()
    .unwrap_or_default();
    let gauge = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or("?")
            .to_owned()
    };
    format!(
        "pool: {} connections open, {} idle",
        gauge("amoe_db_pool_connections"),
        gauge("amoe_db_pool_idle")
    )
}

/// wrk on `url` for 10 s, 32 connections, with `script` if any; halfway,
/// the server's memory and pool. Returns wrk's requests per second.
fn saturate(url: &str, script: Option<&Path>, base: &str, pid: u32) -> Result<f64> {
    let mut args = vec!["-t2", "-c32", "-d10s", "--latency"];
    let script = script.map(|path| path.to_string_lossy().into_owned());
    if let Some(script) = &script {
        args.extend(["-s", script]);
    }
    args.push(url);
    let wrk = std::process::Command::new("wrk")
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    std::thread::sleep(Duration::from_secs(5));
    let meanwhile = format!(
        "  meanwhile: API memory {:.0} MB, {}",
        resident_mb(pid),
        pool(base)
    );
    let out = wrk.wait_with_output().map_err(|e| e.to_string())?;
    let out = String::from_utf8_lossy(&out.stdout);
    println!("{}\n{meanwhile}", summary(&out));
    Ok(requests_per_second(&out))
}

fn requests_per_second(wrk: &str) -> f64 {
    wrk.lines()
        .find_map(|line| line.trim().strip_prefix("Requests/sec:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0.0)
}

/// A matching status lookup (`lookup`) against `/api/health`, saturated,
/// one after the other in the same run.
pub(super) fn lookups(base: &str, pid: u32, lookup: &str, work: &Path) -> Result {
    let script = work.join("status.lua");
    std::fs::write(&script, crate::bench::status_lua(lookup)).map_err(|e| e.to_string())?;
    println!("\nGET /api/health (wrk, 2 threads, 32 connections, 10 s)");
    let health = saturate(&format!("{base}/api/health"), None, base, pid)?;
    println!("POST /api/status, a match (wrk, 2 threads, 32 connections, 10 s)");
    let status = saturate(&format!("{base}/api/status"), Some(&script), base, pid)?;
    println!(
        "a matching lookup answers {:.0} % of /api/health's requests per second",
        100.0 * status / health.max(1.0)
    );
    Ok(())
}

/// Declarations left in `year`, from the tallies (a sum over a few
/// thousand rows, not a count of the year).
fn left_in(url: &str, year: &str) -> Result<u64> {
    let sql = format!(
        "SELECT COALESCE(SUM(declarations), 0) FROM declaration_tallies WHERE academic_year = '{year}';"
    );
    let out = match Engine::of(url)? {
        Engine::Sqlite => Cmd::new("sqlite3", &[sqlite_path(url), &sql]).output(),
        Engine::Postgres => Cmd::new("psql", &[url, "-At", "-c", &sql]).output(),
    }
    .ok_or("cannot read the tallies")?;
    out.trim()
        .parse()
        .map_err(|_| format!("the tallies said {out:?}"))
}

/// Starts the API with two academic years kept, so that its first
/// housekeeping erases the oldest of the three, while students declare at
/// [`PACED_RATE`] a second; stops them when the year is gone, and prints
/// how long it took and what the students met.
pub(super) fn purge(url: &str, env: &[(String, String)], work: &Path) -> Result {
    let year = "2024-2025";
    let before = left_in(url, year)?;
    let scripts = crate::bench::write_scripts(&work.join("paced"))?;
    let interval = 1000 * PACED_CONNECTIONS / PACED_RATE;
    let text = std::fs::read_to_string(&scripts.declare).map_err(|e| e.to_string())?;
    let paced = work.join("paced/declare-paced.lua");
    std::fs::write(
        &paced,
        format!("{text}\nfunction delay()\n  return {interval}\nend\n"),
    )
    .map_err(|e| e.to_string())?;
    let mut env = env.to_vec();
    env.push(("AMOE_KEEP_ACADEMIC_YEARS".into(), "2".into()));
    let binary = crate::process::root().join("target/release/amoe-api");
    let started = Instant::now();
    let mut server = crate::server::Server::start(&binary, &env)?;
    let connections = format!("-c{PACED_CONNECTIONS}");
    let wrk = std::process::Command::new("wrk")
        .args([
            "-t1",
            &connections,
            "-d3600s",
            "--latency",
            "-s",
            &paced.to_string_lossy(),
            &format!("{}/api/declarations", server.url),
            "--",
            "P",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    let mut left = before;
    while left > 0 && started.elapsed() < Duration::from_secs(3000) {
        std::thread::sleep(Duration::from_secs(2));
        left = left_in(url, year)?;
    }
    let took = started.elapsed();
    let _ = Cmd::new("kill", &["-INT", &wrk.id().to_string()]).run();
    let out = wrk.wait_with_output().map_err(|e| e.to_string())?;
    let pool = pool(&server.url);
    server.stop();
    println!(
        "\nretention: {year} ({before} declarations) erased in {:.0} s with {left} left, \
         while students declared at {PACED_RATE}/s ({PACED_CONNECTIONS} connections, one \
         request every {interval} ms each; every answer but 201 counts as non-2xx)\n{}\n  {pool}",
        took.as_secs_f64(),
        summary(&String::from_utf8_lossy(&out.stdout))
    );
    if left > 0 {
        return Err(format!("the purge left {left} declarations of {year}"));
    }
    Ok(())
}
