//! A national population, and what the service does with it:
//! `cargo xtask seed DATABASE_URL [--per-year N]` fills a migrated database
//! (SQLite or PostgreSQL) with three academic years of declarations as a
//! real year has them, and `cargo xtask bench --volume` seeds both engines
//! and prints p50/p95 of every operation of the back office, the operators'
//! API and the students' routes, beside the row counts and the server's
//! memory.
//!
//! The population: 1.2 million declarations a year (2024-2025, 2025-2026,
//! 2026-2027), names drawn from common Moroccan family and given names in
//! Latin and Arabic script, the 12 universities weighted by their size, the
//! past years decided (about 90 % covered) and the current one under way,
//! refusal reasons as the fund gives them, a few identity conflicts, a
//! fifth vouched by a portal, each declaration's events, the CIN's year
//! rows, the mails of the last weeks (sent, and some waiting), and an
//! audit log of several million entries. It is written by
//! the database itself (one `INSERT … SELECT` a table, over a series of
//! numbers) in a few minutes; every value is a function of the row's
//! number, so two seeds are the same. It is written as the database was
//! before the tallies, the names' words, the audit references and the
//! large tables' indexes, which the API then makes at start-up, as an
//! upgrade at national volume does (and the seed times it).

mod curl;
mod load;
mod measure;
mod population;
mod roster;

use crate::Result;
use crate::process::{Cmd, root, step};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Declarations a year at national volume.
pub const PER_YEAR: u64 = 1_200_000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of(url: &str) -> Result<Engine> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Engine::Postgres)
        } else {
            Err(format!("{url}: expected sqlite://PATH or postgres://…"))
        }
    }

    fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

/// Runs `script` on the database at `url`.
fn run_script(url: &str, script: &str, work: &Path) -> Result {
    let file = work.join("seed.sql");
    std::fs::write(&file, script).map_err(|e| format!("{}: {e}", file.display()))?;
    match Engine::of(url)? {
        Engine::Sqlite => {
            let path = url
                .trim_start_matches("sqlite:")
                .trim_start_matches("//")
                .split('?')
                .next()
                .unwrap_or_default();
            Cmd::new(
                "sqlite3",
                &["-bail", path, &format!(".read {}", file.display())],
            )
            .run()
        }
        Engine::Postgres => Cmd::new(
            "psql",
            &[
                url,
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-f",
                &file.to_string_lossy(),
            ],
        )
        .run(),
    }
}

/// Row counts of the tables the seed fills.
fn counts(url: &str) -> Result<String> {
    let sql = "SELECT 'declarations', COUNT(*) FROM declarations UNION ALL \
               SELECT 'events', COUNT(*) FROM declaration_events UNION ALL \
               SELECT 'words', COUNT(*) FROM declaration_words UNION ALL \
               SELECT 'outbox', COUNT(*) FROM outbox UNION ALL \
               SELECT 'audit entries', COUNT(*) FROM audit_log UNION ALL \
               SELECT 'tallies', COUNT(*) FROM declaration_tallies;";
    let out = match Engine::of(url)? {
        Engine::Sqlite => Cmd::new("sqlite3", &[sqlite_path(url), sql]).output(),
        Engine::Postgres => Cmd::new("psql", &[url, "-At", "-F", "|", "-c", sql]).output(),
    }
    .ok_or("cannot count the rows")?;
    Ok(out
        .lines()
        .map(|line| line.replace('|', ": "))
        .collect::<Vec<_>>()
        .join(", "))
}

fn sqlite_path(url: &str) -> &str {
    url.trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default()
}

/// `cargo xtask seed DATABASE_URL [--per-year N]`: migrates the database
/// (by starting the API on it once), then seeds it.
pub fn seed(url: &str, per_year: u64) -> Result {
    let engine = Engine::of(url)?;
    if engine == Engine::Sqlite {
        crate::tools::ensure_debian_packages(&["sqlite3"])?;
    }
    let work = std::env::temp_dir().join(format!("amoe-seed-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    step("Building the API (release) to migrate the database");
    crate::process::cargo(&["build", "--release", "--package", "amoe-api"]).run()?;
    let binary = root().join("target/release/amoe-api");
    let mut server = crate::server::Server::start(&binary, &server_env(url, &work))?;
    server.stop();
    sql(url, &downgrade(engine))?;
    step(&format!(
        "Seeding {} declarations a year over three years into {} (a few minutes)",
        per_year,
        engine.name()
    ));
    let started = Instant::now();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    run_script(url, &population::script(engine, per_year, now), &work)?;
    println!("seeded in {:.0} s", started.elapsed().as_secs_f64());
    step("Upgrading it: the tallies, the names' words, the audit references, the indexes");
    let started = Instant::now();
    let mut server = crate::server::Server::start(&binary, &server_env(url, &work))?;
    println!(
        "the upgrade at start-up took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    server.stop();
    if engine == Engine::Postgres {
        // What autovacuum does within minutes of such a load: the planner's
        // statistics, and the visibility map that index-only scans need.
        sql(url, "VACUUM ANALYZE")?;
    }
    println!("rows: {}", counts(url)?);
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// The API's environment over `url`: the API alone, mails aside, limits
/// lifted (the bench measures work, not refusals).
fn server_env(url: &str, work: &Path) -> Vec<(String, String)> {
    let mut env = crate::bench::lifted_limits();
    env.extend([
        ("DATABASE_URL".to_owned(), url.to_owned()),
        ("AMOE_DIST".to_owned(), String::new()),
        (
            "AMOE_OUTBOX_DIR".to_owned(),
            work.join("outbox").to_string_lossy().into_owned(),
        ),
        (
            "AMOE_OPERATOR_TOKEN_SHA256".to_owned(),
            hex_sha256(OPERATOR_TOKEN),
        ),
        (
            "AMOE_METRICS_TOKEN".to_owned(),
            load::METRICS_TOKEN.to_owned(),
        ),
    ]);
    env
}

const OPERATOR_TOKEN: &str = "volume-bench-operator";
const SESSION: &str = "volume-bench-session";
const CSRF: &str = "volume-bench-csrf";

fn hex_sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SQL that takes away what the volume migrations and indexes made: the
/// database as it was before them.
fn downgrade(engine: Engine) -> String {
    let mut sql = String::from(
        "DROP INDEX declarations_year_received; DROP INDEX declarations_received; \
         DROP INDEX declarations_status_received; DROP INDEX cin_years_year; \
         DROP INDEX outbox_created; DROP INDEX audit_references_audit; DROP TABLE declaration_words; \
         DROP TABLE audit_references; DROP TABLE declaration_tallies; \
         DROP INDEX declarations_university_year; \
         DELETE FROM _sqlx_migrations WHERE version BETWEEN 20261206000001 AND 20261206000003;",
    );
    match engine {
        Engine::Sqlite => sql.push_str(
            "DROP TRIGGER declarations_tally_insert; DROP TRIGGER declarations_tally_delete; \
             DROP TRIGGER declarations_tally_update;",
        ),
        Engine::Postgres => sql.push_str(
            "DROP TRIGGER declarations_tally ON declarations; DROP FUNCTION declaration_tally();",
        ),
    }
    sql
}

/// Runs `statements` on the database at `url`.
fn sql(url: &str, statements: &str) -> Result {
    match Engine::of(url)? {
        Engine::Sqlite => Cmd::new("sqlite3", &["-bail", sqlite_path(url), statements]).run(),
        Engine::Postgres => Cmd::new(
            "psql",
            &[url, "-q", "-v", "ON_ERROR_STOP=1", "-c", statements],
        )
        .run(),
    }
}

/// `cargo xtask bench --volume [--per-year N]`: seeds SQLite and
/// PostgreSQL, and measures each.
pub fn bench(per_year: u64) -> Result {
    crate::tools::ensure_debian_packages(&["sqlite3", "curl", "wrk"])?;
    let work: PathBuf = std::env::temp_dir().join(format!("amoe-volume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let sqlite = format!("sqlite://{}/volume.db", work.display());
    seed(&sqlite, per_year)?;
    step("SQLite at volume");
    measure::measure(&sqlite, &work)?;
    let cluster = crate::postgres::Cluster::start()?;
    let postgres = cluster.create_database("amoe_volume")?;
    seed(&postgres, per_year)?;
    step("PostgreSQL at volume");
    measure::measure(&postgres, &work)?;
    drop(cluster);
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}
