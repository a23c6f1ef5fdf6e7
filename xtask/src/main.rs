//! The project's commands (the cargo-xtask convention):
//!
//! - `cargo xtask run`: install what is missing, build the app in release
//!   mode, and start the API (SQLite under `data/`) serving it.
//! - `cargo xtask test`: install what is missing, then lint and run every
//!   test: Rust unit and HTTP tests on SQLite and on a throwaway PostgreSQL,
//!   the locale test, the API contract (Schemathesis against the OpenAPI
//!   description, on both engines), the size budget, and the end-to-end
//!   tests in headless Chromium against the release build.
//! - `cargo xtask bench`: print the first-load bytes, Lighthouse's mobile
//!   figures for the pages a student lands on, and the API's requests per
//!   second and latency; `--replicas 2`: one replica against
//!   two behind nginx on PostgreSQL.

mod app;
mod bench;
mod contract;
mod lighthouse;
mod postgres;
mod process;
mod replicas;
mod server;
mod size;
mod split;
mod tools;
mod volume;

use std::process::ExitCode;

type Result<T = ()> = std::result::Result<T, String>;

/// `--per-year N`, or the national figure.
fn per_year_of(flag: Option<&String>, value: Option<&String>) -> Result<u64> {
    match (flag.map(String::as_str), value) {
        (None, _) => Ok(volume::PER_YEAR),
        (Some("--per-year"), Some(n)) => n.parse().map_err(|_| format!("--per-year {n}: a number")),
        _ => Err("expected --per-year N".into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("bench") => match (args.get(1).map(String::as_str), args.get(2)) {
            (None, _) => bench::bench(),
            (Some("--volume"), per_year) => {
                per_year_of(per_year, args.get(3)).and_then(volume::bench)
            }
            (Some("--replicas"), Some(n)) => n
                .parse()
                .map_err(|_| format!("--replicas {n}: a number"))
                .and_then(replicas::bench),
            _ => Err("usage: cargo xtask bench [--replicas 2 | --volume [--per-year N]]".into()),
        },
        Some("seed") => match args.get(1) {
            Some(url) => per_year_of(args.get(2), args.get(3)).and_then(|n| volume::seed(url, n)),
            None => Err("usage: cargo xtask seed DATABASE_URL [--per-year N]".into()),
        },
        Some("build") => tools::ensure_build_tools().and_then(|()| app::build()),
        Some("size") => size::check_budget(),
        // Run by Trunk after each build of the app (Trunk.toml's hook).
        Some("split") => split::split(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|bench|build|size>\n\
                 \n  run    build the app and start it on http://localhost:8080/\
                 \n  test   lint and run every test (installs what is missing)\
                 \n  bench  print bundle sizes and API requests/s\
                 \n         (--replicas 2: one replica against two behind nginx)\
                 \n  build  build the app (release) into dist/"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds everything in release mode, then becomes the API server (so that
/// Ctrl-C reaches it directly and it shuts down cleanly).
fn run() -> Result {
    tools::ensure_build_tools()?;
    app::build()?;
    process::step("Building the API (release)");
    process::cargo(&["build", "--release", "--package", "amoe-api"]).run()?;
    let binary = process::root().join("target/release/amoe-api");
    let mut command = std::process::Command::new(&binary);
    command.current_dir(process::root());
    process::step("Starting AMOE");
    Err(format!(
        "cannot start {}: {}",
        binary.display(),
        process::exec(command)
    ))
}

fn test() -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_test_tools()?;
    contract::ensure_schemathesis()?;
    process::step("Checking formatting and lints");
    process::cargo(&["fmt", "--all", "--", "--check"]).run()?;
    process::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
    .run()?;
    // The app's components as the build-time renderer compiles them.
    let ssr = [
        "--package",
        "amoe",
        "--no-default-features",
        "--features",
        "ssr",
    ];
    process::cargo(
        &[
            &["clippy"][..],
            &ssr,
            &["--all-targets", "--", "-D", "warnings"],
        ]
        .concat(),
    )
    .run()?;
    {
        let cluster = postgres::Cluster::start()?;
        process::step("Unit, locale and API tests (SQLite and PostgreSQL)");
        process::cargo(&["test", "--workspace"])
            .env("AMOE_TEST_POSTGRES_URL", cluster.url())
            .env("AMOE_TEST_POSTGRES_CA", cluster.ca())
            .env("AMOE_TEST_POSTGRES_OTHER_CA", cluster.other_ca())
            .run()?;
        process::cargo(&[&["test"][..], &ssr].concat()).run()?;
        // The API tests built target/debug/amoe-api.
        let sqlite = std::env::temp_dir().join(format!("amoe-contract-{}.db", std::process::id()));
        let result = contract::run("SQLite", &format!("sqlite://{}", sqlite.display()))
            .and_then(|()| contract::run("PostgreSQL", &cluster.create_database("contract")?));
        let _ = std::fs::remove_file(&sqlite);
        result?;
    }
    app::build()?;
    size::check_budget()?;
    process::step("End-to-end tests in headless Chromium");
    process::cargo(&[
        "build",
        "--package",
        "amoe-api",
        "--package",
        "amoe-operator",
    ])
    .run()?;
    let mut files: Vec<String> = std::fs::read_dir(process::root().join("tests/e2e"))
        .map_err(|e| format!("tests/e2e: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut args = vec!["--test", "--test-concurrency=1"];
    args.extend(files.iter().map(String::as_str));
    process::Cmd::new("node", &args)
        .env(
            "AMOE_API_BIN",
            process::root().join("target/debug/amoe-api"),
        )
        .env(
            "AMOE_OPERATOR_BIN",
            process::root().join("target/debug/amoe-operator"),
        )
        .env("AMOE_DIST", process::root().join("dist"))
        .run()?;
    Ok(())
}
