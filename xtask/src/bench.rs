//! `cargo xtask bench`: the figures docs/performance.md quotes. Sizes of the first
//! load, Lighthouse on the pages a student lands on, then requests per
//! second and latency of two API routes and of
//! declaration submits (each a new student under a new key), measured with
//! wrk against the release server on loopback (bounded: 10 s a route), and
//! what a proof of work costs a student's browser and a guesser's code.

use crate::process::{Cmd, cargo, root, step};
use crate::server::Server;
use crate::{Result, app, lighthouse, size, tools};

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
    size::print(&size::measure()?);

    let data = std::env::temp_dir().join(format!("amoe-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    // Throughput, not guessing, is measured: the limits are lifted
    // (every request still takes its tokens, as in production).
    let mut env = lifted_limits();
    env.extend([
        (
            "DATABASE_URL".to_owned(),
            format!("sqlite://{}/bench.db", data.display()),
        ),
        (
            "AMOE_DIST".to_owned(),
            root().join("dist").to_string_lossy().into_owned(),
        ),
        (
            "AMOE_OUTBOX_DIR".to_owned(),
            data.join("outbox").to_string_lossy().into_owned(),
        ),
    ]);
    let mut server = Server::start(&root().join("target/release/amoe-api"), &env)?;
    let result = lighthouse::ensure()
        .and_then(|()| lighthouse::print(&server.url))
        .and_then(|()| {
            step("API throughput (wrk, 2 threads, 32 connections, 10 s a route, SQLite)");
            ROUTES.iter().try_for_each(|route| {
                let url = format!("{}{route}", server.url);
                let out = Cmd::new("wrk", &["-t2", "-c32", "-d10s", "--latency", &url])
                    .output()
                    .ok_or_else(|| format!("wrk failed on {url}"))?;
                println!("{route}\n{}", summary(&out));
                Ok::<_, String>(())
            })
        })
        .and_then(|()| {
            let scripts = write_scripts(&data)?;
            let url = format!("{}/api/declarations", server.url);
            let script = scripts.declare.to_string_lossy();
            let out = Cmd::new(
                "wrk",
                &["-t2", "-c32", "-d10s", "--latency", "-s", &script, &url],
            )
            .output()
            .ok_or_else(|| format!("wrk failed on {url}"))?;
            println!(
                "POST /api/declarations (each a new student; 201s only count as accepted)\n{}",
                summary(&out)
            );
            declare_once(&server.url)?;
            let url = format!("{}/api/status", server.url);
            let script = scripts.status.to_string_lossy();
            let out = Cmd::new(
                "wrk",
                &["-t2", "-c32", "-d10s", "--latency", "-s", &script, &url],
            )
            .output()
            .ok_or_else(|| format!("wrk failed on {url}"))?;
            println!(
                "POST /api/status (a match; rate limits lifted for the measurement)\n{}",
                summary(&out)
            );
            Ok(())
        })
        .and_then(|()| {
            step("Proofs of work: the app's worker in Chromium, and native SHA-256");
            let script = root().join("tests/bench/proof-cost.mjs");
            let script = script.to_string_lossy();
            Cmd::new("node", &[script.as_ref(), server.url.as_str()]).run()
        });
    server.stop();
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// wrk script: every request a new student under a new UUID v4 key; any
/// answer but 201 is reported by wrk as non-2xx.
const DECLARE_LUA: &str = r#"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  n = 0
  -- One letter per run (wrk ... -- K): each run declares students of its own.
  run = args[1] or "K"
  math.randomseed(id * 7919 + os.time())
end
local function uuid4()
  return string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end)
end
request = function()
  n = n + 1
  local student = id * 1000000 + n
  local body = string.format('{"covered":"no","cin":"B%s%d","massar":"%s%09d","last_name":"Bench",'
    .. '"first_name":"Student","birth_day":"7","birth_month":"3","birth_year":"2005",'
    .. '"email":"s%s%d@example.ma","university":"um5","sworn":true}', run, student, run, student, run, student)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Idempotency-Key"] = uuid4()}, body)
end
"#;

/// The lookup of the student [`declare_once`] declares.
pub const STATUS_BODY: &str = r#"{"cin":"ZZ123456","massar":"Z123456789","birth_day":"7","birth_month":"3","birth_year":"2005"}"#;

/// wrk script: the same status lookup (`body`) again and again.
pub fn status_lua(body: &str) -> String {
    format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '{body}'\n"
    )
}

/// The wrk scripts, written into a directory.
pub struct Scripts {
    pub declare: std::path::PathBuf,
    pub status: std::path::PathBuf,
}

pub fn write_scripts(dir: &std::path::Path) -> Result<Scripts> {
    let scripts = Scripts {
        declare: dir.join("declare.lua"),
        status: dir.join("status.lua"),
    };
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(&scripts.declare, DECLARE_LUA).map_err(|e| e.to_string())?;
    std::fs::write(&scripts.status, status_lua(STATUS_BODY)).map_err(|e| e.to_string())?;
    Ok(scripts)
}

/// Declares the student that [`STATUS_BODY`] looks up (again: the same
/// key, the same answer).
pub fn declare_once(base: &str) -> Result {
    let body = r#"{"covered":"no","cin":"ZZ123456","massar":"Z123456789","last_name":"Bench","first_name":"Lookup","birth_day":"7","birth_month":"3","birth_year":"2005","email":"lookup@example.ma","university":"um5","sworn":true}"#;
    post(
        base,
        "/api/declarations",
        body,
        "Idempotency-Key: 3b241101-e2bb-4255-8caf-4136c566a962",
    )
}

/// A minimal HTTP/1.1 POST on loopback (the bench needs one request before
/// wrk runs, and no HTTP client crate for it).
fn post(base: &str, path: &str, body: &str, header: &str) -> Result {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).map_err(|e| e.to_string())?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n{header}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    if answer.starts_with("HTTP/1.1 2") {
        Ok(())
    } else {
        Err(format!(
            "POST {path}: {}",
            answer.lines().next().unwrap_or_default()
        ))
    }
}

/// The lines of wrk's report worth quoting.
pub fn summary(wrk: &str) -> String {
    wrk.lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("Requests/sec")
                || line.starts_with("Latency ")
                || line.starts_with("50%")
                || line.starts_with("99%")
                || line.contains("requests in")
                || line.starts_with("Non-2xx")
                || line.starts_with("Socket errors")
        })
        .map(|line| format!("  {}", line.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Limits high enough that a load generator on one address measures
/// throughput, not the limits.
pub fn lifted_limits() -> Vec<(String, String)> {
    let mut env = Vec::new();
    for prefix in [
        "AMOE_STATUS_ADDRESS",
        "AMOE_STATUS_CIN",
        "AMOE_STATUS_CIN_TOTAL",
        "AMOE_DECLARE_ADDRESS",
    ] {
        for suffix in ["_MAX", "_BURST"] {
            env.push((format!("{prefix}{suffix}"), "1000000000".to_owned()));
        }
    }
    env
}
