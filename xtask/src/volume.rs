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

use crate::Result;
use crate::process::{Cmd, root, step};
use amoe_domain::search::fold;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Declarations a year at national volume.
pub const PER_YEAR: u64 = 1_200_000;

const YEARS: [(&str, i32); 3] = [
    ("2024-2025", 2024),
    ("2025-2026", 2025),
    ("2026-2027", 2026),
];

/// Family names, each in Latin and in Arabic script (both occur: a
/// student types their name as their documents write it).
const FAMILY: &[(&str, &str)] = &[
    ("Alaoui", "العلوي"),
    ("Bennani", "بناني"),
    ("El Idrissi", "الإدريسي"),
    ("Tazi", "التازي"),
    ("Berrada", "برادة"),
    ("Chraibi", "الشرايبي"),
    ("El Fassi", "الفاسي"),
    ("Benjelloun", "بنجلون"),
    ("Ouazzani", "الوزاني"),
    ("El Amrani", "العمراني"),
    ("Lahlou", "لحلو"),
    ("Kettani", "الكتاني"),
    ("Naciri", "الناصري"),
    ("Bouzidi", "البوزيدي"),
    ("Ait Ali", "آيت علي"),
    ("Ait Ouahmane", "آيت وحمان"),
    ("Ouchen", "أوشن"),
    ("El Mansouri", "المنصوري"),
    ("Benali", "بنعلي"),
    ("Ziani", "الزياني"),
    ("Haddad", "الحداد"),
    ("Sbai", "السباعي"),
    ("Rami", "الرامي"),
    ("Bakkali", "البقالي"),
    ("Hajji", "الحاجي"),
    ("Jaafari", "الجعفري"),
    ("Mouline", "مولين"),
    ("Skalli", "السقلي"),
    ("Filali", "الفيلالي"),
    ("Cherkaoui", "الشرقاوي"),
];

/// Given names, in Latin and in Arabic script.
const GIVEN: &[(&str, &str)] = &[
    ("Sara", "سارة"),
    ("Mohamed", "محمد"),
    ("Fatima Zahra", "فاطمة الزهراء"),
    ("Youssef", "يوسف"),
    ("Khadija", "خديجة"),
    ("Omar", "عمر"),
    ("Salma", "سلمى"),
    ("Hamza", "حمزة"),
    ("Imane", "إيمان"),
    ("Ayoub", "أيوب"),
    ("Meryem", "مريم"),
    ("Mehdi", "المهدي"),
    ("Hiba", "هبة"),
    ("Anas", "أنس"),
    ("Oumaima", "أميمة"),
    ("Yassine", "ياسين"),
    ("Nour", "نور"),
    ("Soufiane", "سفيان"),
    ("Aya", "آية"),
    ("Zakaria", "زكرياء"),
];

/// The universities and their share of students, in thousandths (their
/// enrolments' order of size).
const UNIVERSITIES: &[(&str, u64)] = &[
    ("uh2c", 140),
    ("um5", 120),
    ("uca", 110),
    ("usmba", 100),
    ("uiz", 100),
    ("uit", 80),
    ("uae", 75),
    ("ump", 70),
    ("umi", 60),
    ("uh1", 55),
    ("usms", 50),
    ("ucd", 40),
];

/// Refusal reasons, in hundredths of the refusals.
const REASONS: &[(&str, u64)] = &[
    (r#"{"reason":"covered_elsewhere","scheme":"cnss"}"#, 30),
    (r#"{"reason":"covered_elsewhere","scheme":"cnops"}"#, 15),
    (r#"{"reason":"not_enrolled"}"#, 25),
    (r#"{"reason":"identity_mismatch"}"#, 12),
    (r#"{"reason":"over_age"}"#, 10),
    (r#"{"reason":"identity_conflict"}"#, 5),
    (r#"{"reason":"other","text":"Dossier incomplet"}"#, 3),
];

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

/// Pairs `(key, value)` as SQL `VALUES` rows, quoted.
fn values(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    rows.into_iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| format!("'{}'", cell.replace('\'', "''")))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

/// The seed as one SQL script for `engine`: `per_year` declarations in
/// each of the three years, `now` (Unix seconds) the time of the mails.
pub fn script(engine: Engine, per_year: u64, now: i64) -> String {
    let pg = engine == Engine::Postgres;
    let mut sql = String::new();
    let names: Vec<(String, String)> = FAMILY
        .iter()
        .flat_map(|(latin, arabic)| [*latin, *arabic])
        .flat_map(|last| {
            GIVEN.iter().flat_map(move |(latin, arabic)| {
                // Latin with Latin, Arabic with Arabic.
                let first = if last.is_ascii() { *latin } else { *arabic };
                Some((last.to_owned(), first.to_owned()))
            })
        })
        .collect();
    let n_names = names.len();
    // The names, each with its folded form as the API writes it
    // (`cases::folded_name`); the upgrade splits it into words.
    let name_rows = names.iter().enumerate().map(|(k, (last, first))| {
        vec![
            k.to_string(),
            last.clone(),
            first.clone(),
            format!(" {}", fold(&format!("{last} {first}"))),
        ]
    });
    let mut from = 0;
    let university_rows = UNIVERSITIES.iter().map(|(id, share)| {
        let row = vec![id.to_string(), from.to_string(), (from + share).to_string()];
        from += share;
        row
    });
    let mut from = 0;
    let reason_rows = REASONS.iter().map(|(json, share)| {
        let row = vec![
            json.to_string(),
            from.to_string(),
            (from + share).to_string(),
        ];
        from += share;
        row
    });
    if pg {
        sql.push_str("SET synchronous_commit = off;\n");
    } else {
        sql.push_str(
            "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = OFF;\nPRAGMA cache_size = -400000;\n",
        );
    }
    let temp = if pg { "TEMPORARY" } else { "TEMP" };
    let _ = writeln!(
        sql,
        "CREATE {temp} TABLE seed_names (k BIGINT, last_name TEXT, first_name TEXT, folded TEXT);\n\
         INSERT INTO seed_names VALUES {};\n\
         CREATE {temp} TABLE seed_universities (id TEXT, lo BIGINT, hi BIGINT);\n\
         INSERT INTO seed_universities VALUES {};\n\
         CREATE {temp} TABLE seed_reasons (json TEXT, lo BIGINT, hi BIGINT);\n\
         INSERT INTO seed_reasons VALUES {};",
        values(name_rows),
        values(university_rows),
        values(reason_rows),
    );
    // Every value a function of g, the declaration's number (1…), through
    // h, a multiplicative hash of it.
    let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let base32 = (0..7)
        .rev()
        .map(|digit| format!("substr('{alphabet}', ((g >> {}) & 31) + 1, 1)", digit * 5))
        .collect::<Vec<_>>()
        .join(" || ");
    for (y, (year, start)) in YEARS.iter().enumerate() {
        let current = y == YEARS.len() - 1;
        let offset = y as u64 * per_year;
        let series = if pg {
            format!("(SELECT i + {offset} AS g FROM generate_series(1, {per_year}) AS s(i)) AS s")
        } else {
            format!(
                "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {per_year}) \
                 SELECT i + {offset} AS g FROM s) AS s"
            )
        };
        // Days after the 1st of September: most in the first weeks.
        let received = if pg {
            format!(
                "to_char(timestamp '{start}-09-01' + (((h / 17) % 1000) * ((h / 17) % 1000) / 10000) * interval '1 day' \
                 + ((h / 3) % 86400) * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            )
        } else {
            format!(
                "strftime('%Y-%m-%dT%H:%M:%SZ', '{start}-09-01', \
                 '+' || (((h / 17) % 1000) * ((h / 17) % 1000) / 10000) || ' days', \
                 '+' || ((h / 3) % 86400) || ' seconds')"
            )
        };
        // Past years decided; the current one under way.
        let status = if current {
            "CASE WHEN (h / 7) % 1000 < 350 THEN 'received' WHEN (h / 7) % 1000 < 600 \
             THEN 'under_verification' WHEN (h / 7) % 1000 < 930 THEN 'covered' ELSE 'refused' END"
        } else {
            "CASE WHEN (h / 7) % 1000 < 905 THEN 'covered' ELSE 'refused' END"
        };
        let _ = writeln!(
            sql,
            "INSERT INTO declarations (reference, academic_year, cin, massar, last_name, first_name, \
               birth_date, email, phone, university_id, establishment, lang, status, idempotency_key, \
               request_hash, received_at, decided_on, refusal_reason, identity_conflict, vouched_by, \
               name_folded) \
             SELECT 'AMOE-' || {base32}, '{year}', 'ZS' || CAST(1000000 + g AS TEXT), \
               'R' || CAST(100000000 + g AS TEXT), n.last_name, n.first_name, \
               CAST({birth} + (h / 11) % 8 AS TEXT) || '-0' || CAST(1 + (h / 19) % 9 AS TEXT) || '-1' || CAST((h / 23) % 10 AS TEXT), \
               's' || CAST(g AS TEXT) || '@example.ma', NULL, u.id, NULL, \
               CASE (h / 29) % 3 WHEN 0 THEN 'ar' WHEN 1 THEN 'fr' ELSE 'en' END, \
               st, 'seed-' || CAST(g AS TEXT), '', rec, \
               CASE WHEN st IN ('covered', 'refused') THEN substr(rec, 1, 10) END, \
               CASE WHEN st = 'refused' THEN (SELECT json FROM seed_reasons r WHERE (h / 31) % 100 >= r.lo AND (h / 31) % 100 < r.hi) END, \
               CASE WHEN (h / 37) % 1000 < 3 THEN 1 ELSE 0 END, \
               CASE WHEN (h / 41) % 5 = 0 THEN u.id ELSE '' END, n.folded \
             FROM (SELECT g, h, {status} AS st, {received} AS rec FROM \
                   (SELECT g, (g * 2654435761) % 4294967291 AS h FROM {series}) AS hashed) AS d \
             JOIN seed_names n ON n.k = d.h % {n_names} \
             JOIN seed_universities u ON (d.h / 1601) % 1000 >= u.lo AND (d.h / 1601) % 1000 < u.hi;",
            birth = start - 20,
        );
    }
    let epoch = if pg {
        "CAST(EXTRACT(EPOCH FROM CAST(received_at AS timestamptz)) AS BIGINT)"
    } else {
        "CAST(strftime('%s', received_at) AS INTEGER)"
    };
    let _ = writeln!(
        sql,
        "INSERT INTO declaration_events (reference, position, status, at) \
           SELECT reference, 0, 'received', received_at FROM declarations WHERE idempotency_key LIKE 'seed-%';\n\
         INSERT INTO declaration_events (reference, position, status, at) \
           SELECT reference, 1, status, received_at FROM declarations \
           WHERE idempotency_key LIKE 'seed-%' AND status <> 'received';\n\
         INSERT INTO cin_years (cin, academic_year) \
           SELECT cin, academic_year FROM declarations WHERE idempotency_key LIKE 'seed-%';\n\
         INSERT INTO outbox (id, recipient, subject, body_text, body_html, created_at, attempts, \
           next_attempt_at, claimed_until, sent_at, last_error) \
           SELECT reference || '.received', email, 'AMOE', 'Votre déclaration a été reçue.', \
             '<p>Votre déclaration a été reçue.</p>', {now} - ({epoch} % 2592000), \
             1, 0, NULL, \
             CASE WHEN substr(reference, 11, 1) = '0' THEN NULL ELSE {now} - ({epoch} % 2592000) END, NULL \
           FROM declarations WHERE academic_year = '2026-2027' AND substr(reference, 12, 1) IN ('0', '1');\n\
         INSERT INTO audit_log (id, at, actor, action, detail) \
           SELECT 'seed-' || reference, received_at, 'seed', 'case', '{{\"reference\":\"' || reference || '\"}}' \
           FROM declarations WHERE idempotency_key LIKE 'seed-%' AND substr(reference, 12, 1) NOT IN ('0', '1', '2');"
    );
    // PostgreSQL's autovacuum gathers the planner's statistics soon after
    // such a load; the seed does it at once. SQLite plans without any, as
    // the API leaves it.
    if pg {
        sql.push_str("ANALYZE;\n");
    }
    sql
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
    run_script(url, &script(engine, per_year, now), &work)?;
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
         DROP INDEX outbox_created; DROP TABLE declaration_words; \
         DROP TABLE audit_references; DROP TABLE declaration_tallies; \
         DELETE FROM _sqlx_migrations WHERE version >= 20261206000001;",
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

/// A fund agent's session, written straight into the database: the bench
/// owns it, and a passkey ceremony is not what it measures.
fn open_session(url: &str, now: i64) -> Result {
    let sql = format!(
        "INSERT INTO agents (id, name, role, university_id, created_at) \
         VALUES ('00000000-0000-4000-8000-0000000000be', 'Bench', 'fund', NULL, {now}); \
         INSERT INTO agent_sessions (id_hash, agent_id, csrf, created_at, seen_at) \
         VALUES ('{}', '00000000-0000-4000-8000-0000000000be', '{CSRF}', {now}, {now});",
        hex_sha256(SESSION)
    );
    self::sql(url, &sql)
}

/// One HTTP request, timed by curl: (time to the first byte, total), in
/// milliseconds, and the body.
fn request(
    method: &str,
    url: &str,
    headers: &[String],
    body: Option<&str>,
    out: &Path,
) -> Result<(f64, f64, u16)> {
    let mut args: Vec<String> = vec![
        "-s".into(),
        "-o".into(),
        out.to_string_lossy().into_owned(),
        "-w".into(),
        "%{time_starttransfer} %{time_total} %{http_code}".into(),
        "-X".into(),
        method.into(),
    ];
    for header in headers {
        args.push("-H".into());
        args.push(header.clone());
    }
    if let Some(body) = body {
        args.push("-H".into());
        args.push("content-type: application/json".into());
        args.push("--data-binary".into());
        args.push(body.into());
    }
    args.push(url.into());
    let text = Cmd::new("curl", &args)
        .output()
        .ok_or_else(|| format!("curl failed on {url}"))?;
    let mut parts = text.split_whitespace();
    let mut next = || -> Result<f64> {
        parts
            .next()
            .and_then(|t| t.parse::<f64>().ok())
            .ok_or_else(|| format!("curl printed {text:?}"))
    };
    Ok((next()? * 1000.0, next()? * 1000.0, next()? as u16))
}

/// The `n`th Idempotency-Key of the bench (a UUID v4's shape).
fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// p50 and p95 of `samples` (milliseconds).
fn percentiles(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95))
}

/// The server's resident memory, in MB.
fn resident_mb(pid: u32) -> f64 {
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

/// Times every operation on the seeded database at `url`.
fn measure(url: &str, work: &Path) -> Result {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    open_session(url, now)?;
    let binary = root().join("target/release/amoe-api");
    let mut server = crate::server::Server::start(&binary, &server_env(url, work))?;
    let pid = server.pid();
    println!("API memory at rest: {:.0} MB", resident_mb(pid));
    let base = server.url.clone();
    let out = work.join("body");
    let agent = vec![
        format!("cookie: __Host-amoe_agent={SESSION}"),
        format!("x-csrf-token: {CSRF}"),
    ];
    let operator = vec![format!("authorization: Bearer {OPERATOR_TOKEN}")];
    // A student who declares through the API, so that a real reference,
    // CIN and birth date are looked up.
    let form = r#"{"covered":"no","cin":"ZZ998877","massar":"R998877665","last_name":"Alaoui","first_name":"Sara","birth_day":"7","birth_month":"3","birth_year":"2005","email":"bench@example.ma","university":"um5","sworn":true,"lang":"fr"}"#;
    let (_, _, code) = request(
        "POST",
        &format!("{base}/api/declarations"),
        &[format!("idempotency-key: {}", uuid(0))],
        Some(form),
        &out,
    )?;
    let receipt = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
    let reference = serde_json::from_str::<serde_json::Value>(&receipt)
        .ok()
        .and_then(|v| v["reference"].as_str().map(str::to_owned))
        .ok_or_else(|| format!("the student's declaration got {code}: {receipt}"))?;
    let lookup = r#"{"cin":"ZZ998877","massar":"R998877665","birth_day":"7","birth_month":"3","birth_year":"2005"}"#;
    let search = |body: String| {
        (
            "POST",
            format!("{base}/api/back-office/search"),
            agent.clone(),
            Some(body),
        )
    };
    type Operation = (
        &'static str,
        (&'static str, String, Vec<String>, Option<String>),
    );
    let mut operations: Vec<Operation> = vec![
        (
            "back office: search by name (alaoui sara)",
            search(r#"{"query":"alaoui sara"}"#.into()),
        ),
        (
            "back office: search by name in Arabic (العلوي)",
            search(r#"{"query":"العلوي"}"#.into()),
        ),
        (
            "back office: search by a word's start (benj)",
            search(r#"{"query":"benj"}"#.into()),
        ),
        (
            "back office: search by reference",
            search(format!(r#"{{"query":"{reference}"}}"#)),
        ),
        (
            "back office: search by CIN",
            search(r#"{"query":"ZS1654321"}"#.into()),
        ),
        (
            "back office: refused this year (filters)",
            search(r#"{"query":"","status":"refused","academic_year":"2026-2027"}"#.into()),
        ),
        (
            "back office: one university's received (filters)",
            search(r#"{"query":"","status":"received","university":"ucd"}"#.into()),
        ),
        (
            "back office: a past year, vouched (filters)",
            search(r#"{"query":"","academic_year":"2024-2025","vouched":true}"#.into()),
        ),
        (
            "back office: case page",
            (
                "GET",
                format!("{base}/api/back-office/cases/{reference}"),
                agent.clone(),
                None,
            ),
        ),
        (
            "back office: dashboard",
            (
                "GET",
                format!("{base}/api/back-office/dashboard"),
                agent.clone(),
                None,
            ),
        ),
        (
            "operators: show a CIN's declarations",
            (
                "POST",
                format!("{base}/api/operator/show"),
                operator.clone(),
                Some(r#"{"cin":"ZS1654321"}"#.into()),
            ),
        ),
        (
            "students: status lookup (a match)",
            (
                "POST",
                format!("{base}/api/status"),
                Vec::new(),
                Some(lookup.into()),
            ),
        ),
        (
            "students: health",
            ("GET", format!("{base}/api/health"), Vec::new(), None),
        ),
    ];
    let mut student = 0;
    println!("\n| operation | p50 ms | p95 ms |\n|---|---|---|");
    for (name, (method, url, headers, body)) in operations.drain(..) {
        let mut samples = Vec::new();
        for _ in 0..30 {
            let (_, total, code) = request(method, &url, &headers, body.as_deref(), &out)?;
            if code >= 400 {
                let text = std::fs::read_to_string(&out).unwrap_or_default();
                return Err(format!("{name}: {code} {text}"));
            }
            samples.push(total);
        }
        let (p50, p95) = percentiles(&mut samples);
        println!("| {name} | {p50:.1} | {p95:.1} |");
    }
    let mut samples = Vec::new();
    for _ in 0..30 {
        student += 1;
        let form = form
            .replace("ZZ998877", &format!("ZY{student:06}"))
            .replace("R998877665", &format!("R77{student:07}"))
            .replace("bench@", &format!("bench{student}@"));
        let (_, total, code) = request(
            "POST",
            &format!("{base}/api/declarations"),
            &[format!("idempotency-key: {}", uuid(student))],
            Some(&form),
            &out,
        )?;
        if code != 201 {
            return Err(format!("a new declaration got {code}"));
        }
        samples.push(total);
    }
    let (p50, p95) = percentiles(&mut samples);
    println!("| students: a new declaration | {p50:.1} | {p95:.1} |");
    println!("API memory after the reads: {:.0} MB", resident_mb(pid));

    // The operators' export of everything pending (received and under
    // verification), watched for memory while it streams.
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
    let (first, total, code) = request(
        "POST",
        &format!("{base}/api/operator/export"),
        &operator,
        Some(r#"{"format":"csv"}"#),
        &out,
    )?;
    watching.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak = peak.join().unwrap_or(0.0);
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let rows = std::fs::read(&out)
        .map(|bytes| {
            bytes
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                .saturating_sub(1)
        })
        .unwrap_or(0);
    if code != 200 {
        return Err(format!("the export got {code}"));
    }
    println!(
        "operators: export of the pending declarations, CSV: {rows} rows, {:.0} MB, first byte {first:.1} ms, all {total:.0} ms; API memory at its peak {peak:.0} MB, after {:.0} MB",
        size as f64 / 1e6,
        resident_mb(pid)
    );
    server.stop();
    Ok(())
}

/// `cargo xtask bench --volume [--per-year N]`: seeds SQLite and
/// PostgreSQL, and measures each.
pub fn bench(per_year: u64) -> Result {
    crate::tools::ensure_debian_packages(&["sqlite3", "curl"])?;
    let work: PathBuf = std::env::temp_dir().join(format!("amoe-volume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let sqlite = format!("sqlite://{}/volume.db", work.display());
    seed(&sqlite, per_year)?;
    step("SQLite at volume");
    measure(&sqlite, &work)?;
    let cluster = crate::postgres::Cluster::start()?;
    let postgres = cluster.create_database("amoe_volume")?;
    seed(&postgres, per_year)?;
    step("PostgreSQL at volume");
    measure(&postgres, &work)?;
    drop(cluster);
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}
