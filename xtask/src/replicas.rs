//! `cargo xtask bench --replicas 2`: one replica against two, in the same
//! run, behind nginx configured by `deploy/nginx/amoe.conf`, on a
//! throwaway PostgreSQL cluster. Each configuration gets its own nginx:
//! "one" is the documented file with the second replica's line removed.
//! Printed: requests/s at saturation (wrk, as the single-server bench),
//! then latency at a paced rate well under it (wrk's `delay()`), where p99
//! measures the service and not a queue.

use crate::process::{Cmd, cargo, root, step};
use crate::server::Server;
use crate::{Result, bench, postgres, tools};
use std::path::Path;

/// The paced rate of the latency measurement, requests per second: well
/// under what one replica sustains here.
const PACED_RATE: u64 = 200;
/// Connections of the paced measurement; each waits for its answer, then
/// for the interval, so the rate is a little under `PACED_RATE`.
const PACED_CONNECTIONS: u64 = 8;

fn interval_ms() -> u64 {
    PACED_CONNECTIONS * 1000 / PACED_RATE
}

pub fn bench(replicas: usize) -> Result {
    if replicas != 2 {
        return Err("--replicas: the documented nginx configuration has 2".into());
    }
    tools::ensure_test_tools()?;
    let wrk_missing =
        Cmd::new("wrk", &["--version"]).output().is_none() && !Path::new("/usr/bin/wrk").exists();
    tools::ensure_debian_packages(if wrk_missing { &["wrk"] } else { &[] })?;
    step("Building the API (release)");
    cargo(&["build", "--release", "--package", "amoe-api"]).run()?;
    let cluster = postgres::Cluster::start()?;
    let database_url = cluster.create_database("bench")?;
    let data = std::env::temp_dir().join(format!("amoe-replicas-{}", std::process::id()));
    let servers: Vec<Server> = ["a", "b"]
        .iter()
        .map(|name| {
            let mut env = bench::lifted_limits();
            env.extend([
                ("DATABASE_URL".to_owned(), database_url.clone()),
                ("AMOE_TRUSTED_PROXY_HOPS".to_owned(), "1".to_owned()),
                ("AMOE_DIST".to_owned(), String::new()),
                (
                    "AMOE_OUTBOX_DIR".to_owned(),
                    data.join(format!("outbox-{name}"))
                        .to_string_lossy()
                        .into_owned(),
                ),
            ]);
            Server::start(&root().join("target/release/amoe-api"), &env)
        })
        .collect::<Result<_>>()?;
    let ports: Vec<u16> = servers
        .iter()
        .map(|s| {
            s.url
                .rsplit(':')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    let one = amoe_testkit::start(&data.join("nginx-one"), &ports[..1])?;
    let two = amoe_testkit::start(&data.join("nginx-two"), &ports)?;
    bench::declare_once(&one.url)?;
    let scripts = bench::write_scripts(&data)?;

    step(
        "Replicas behind nginx, PostgreSQL (wrk, 2 threads, 32 connections, 10 s each). \
         wrk, nginx, PostgreSQL and both replicas share this machine's cores: on 2 cores a \
         second replica adds contention, not capacity",
    );
    // Each run declares students of its own (wrk's argument).
    let mut runs = ["L", "M", "N", "P", "Q", "S", "T", "U"].into_iter();
    for (name, balancer) in [("one replica ", &one), ("two replicas", &two)] {
        for (route, script) in [
            ("/api/declarations", &scripts.declare),
            ("/api/status", &scripts.status),
        ] {
            let url = format!("{}{route}", balancer.url);
            let script = script.to_string_lossy();
            let run = runs.next().unwrap_or("V");
            let out = Cmd::new(
                "wrk",
                &[
                    "-t2",
                    "-c32",
                    "-d10s",
                    "--latency",
                    "-s",
                    &script,
                    &url,
                    "--",
                    run,
                ],
            )
            .output()
            .ok_or_else(|| format!("wrk failed on {url}"))?;
            println!("{name}  POST {route}\n{}", bench::summary(&out));
        }
    }
    step(&format!(
        "Latency at a paced {PACED_RATE} requests/s (wrk, {PACED_CONNECTIONS} connections, \
         each sending one request every {} ms, 10 s)",
        interval_ms()
    ));
    for (name, balancer) in [("one replica ", &one), ("two replicas", &two)] {
        for (route, script) in [
            ("/api/declarations", &scripts.declare),
            ("/api/status", &scripts.status),
        ] {
            let paced = data.join(format!("paced-{}.lua", route.trim_start_matches("/api/")));
            let text = std::fs::read_to_string(script).map_err(|e| e.to_string())?;
            std::fs::write(
                &paced,
                format!(
                    "{text}\nfunction delay()\n  return {}\nend\n",
                    interval_ms()
                ),
            )
            .map_err(|e| e.to_string())?;
            let url = format!("{}{route}", balancer.url);
            let connections = format!("-c{PACED_CONNECTIONS}");
            let paced = paced.to_string_lossy();
            let run = runs.next().unwrap_or("V");
            let out = Cmd::new(
                "wrk",
                &[
                    "-t2",
                    &connections,
                    "-d10s",
                    "--latency",
                    "-s",
                    &paced,
                    &url,
                    "--",
                    run,
                ],
            )
            .output()
            .ok_or_else(|| format!("wrk failed on {url}"))?;
            println!("{name}  POST {route}\n{}", bench::summary(&out));
        }
    }
    drop((one, two, servers));
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
