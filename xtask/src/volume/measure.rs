//! What `bench --volume` times on a seeded database: every operation of
//! the back office, the operators' API and the students' routes over HTTP
//! (curl, one at a time), and the server's memory during an export; then
//! what `load` measures under load.

use super::curl::{percentiles, request, uuid};
use super::{CSRF, OPERATOR_TOKEN, SESSION, hex_sha256, server_env, sql};
use crate::Result;
use crate::process::root;
use std::path::Path;

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

/// Times every operation on the seeded database at `url`.
pub(super) fn measure(url: &str, work: &Path) -> Result {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    open_session(url, now)?;
    let binary = root().join("target/release/amoe-api");
    let mut server = crate::server::Server::start(&binary, &server_env(url, work))?;
    let pid = server.pid();
    println!(
        "API memory at rest: {:.0} MB, {}",
        super::load::resident_mb(pid),
        super::load::pool(&server.url)
    );
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
    println!(
        "API memory after the reads: {:.0} MB, {}",
        super::load::resident_mb(pid),
        super::load::pool(&base)
    );
    super::load::lookups(&base, pid, lookup, work)?;

    // The operators' export of everything pending (received and under
    // verification), watched for memory while it streams.
    let (exported, peak) = super::load::peak_during(pid, || {
        request(
            "POST",
            &format!("{base}/api/operator/export"),
            &operator,
            Some(r#"{"format":"csv"}"#),
            &out,
        )
    });
    let (first, total, code) = exported?;
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
        "operators: export of the pending declarations, CSV: {rows} rows, {:.0} MB, first byte {first:.1} ms, all {total:.0} ms; API memory at its peak {peak:.0} MB, after {:.0} MB, {}",
        size as f64 / 1e6,
        super::load::resident_mb(pid),
        super::load::pool(&base)
    );
    super::roster::upload(url, &base, pid, work)?;
    server.stop();
    super::load::purge(url, &server_env(url, work), work)
}
