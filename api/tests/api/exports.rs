//! Exports stream: the server holds a page, not the export, in memory; an
//! export returns every declaration it selects; and with marking, a
//! stream cut short has marked only what it sent, so exporting again
//! marks the rest, each declaration once.

use crate::helpers::{Engine, OPERATOR_TOKEN, TestApp, with_operator};
use futures_util::StreamExt;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

crate::on_both_engines!(
    a_large_export_streams_in_little_memory,
    a_cut_export_marked_what_it_sent,
    a_compressed_export_ends_cleanly,
);

/// Stores `n` received declarations of 2026-2027 straight into the
/// database, with long names, in one statement.
async fn store(pool: &sqlx::AnyPool, n: usize) {
    sqlx::query(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $1) \
         INSERT INTO declarations (reference, academic_year, cin, massar, last_name, first_name, \
           birth_date, email, university_id, establishment, lang, status, idempotency_key, \
           request_hash, received_at, name_folded) \
         SELECT 'AMOE-T' || CAST(100000 + i AS TEXT), '2026-2027', 'ZZ' || CAST(100000 + i AS TEXT), \
           'R' || CAST(130000000 + i AS TEXT), 'Ben Abdelkader El Idrissi Alaoui', \
           'Fatima Zahra Khadija', '2004-03-07', \
           'fatima.zahra.' || CAST(i AS TEXT) || '@example.ma', 'um5', \
           'Faculté des sciences juridiques, économiques et sociales', 'fr', 'received', \
           'k' || CAST(i AS TEXT), '', \
           '2026-10-01T09:' || substr('0' || CAST(i % 60 AS TEXT), -2) || ':00Z', \
           ' ben abdelkader el idrissi alaoui fatima zahra khadija' \
         FROM k",
    )
    .bind(n as i64)
    .execute(pool)
    .await
    .unwrap();
}

/// The resident memory of process `pid`, in kB.
fn resident_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

async fn count(pool: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(pool).await.unwrap().get("n")
}

async fn app(engine: Engine) -> TestApp {
    TestApp::spawn_configured(engine, |config| {
        config.mail.poll = None;
        with_operator(config);
    })
    .await
}

/// 60,000 declarations (about 14 MB of CSV, which read whole took
/// several times that): the server, a process of its own, grows by a few
/// MB while the client reads the export as it comes, and every row
/// arrives.
async fn a_large_export_streams_in_little_memory(engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let database_url = crate::helpers::fresh_database(engine, &dir).await;
    let hash: String = Sha256::digest(OPERATOR_TOKEN.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (mut server, url) = crate::process::start_with(
        &database_url,
        &[("AMOE_OPERATOR_TOKEN_SHA256", hash.as_str())],
    );
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&database_url).await.unwrap();
    store(&pool, 60_000).await;
    let before = resident_kb(server.id());
    let response = reqwest::Client::new()
        .post(format!("{url}/api/operator/export"))
        .bearer_auth(OPERATOR_TOKEN)
        .json(&json!({"format": "csv"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut body = response.bytes_stream();
    let (mut bytes, mut lines, mut peak) = (0usize, 0usize, before);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap();
        bytes += chunk.len();
        lines += chunk.iter().filter(|b| **b == b'\n').count();
        peak = peak.max(resident_kb(server.id()));
    }
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(lines, 60_001, "the header and every declaration");
    assert!(bytes > 12_000_000, "{bytes} bytes");
    let grown_mb = (peak.saturating_sub(before)) / 1024;
    assert!(grown_mb < 40, "the server grew by {grown_mb} MB");
}

/// A client that stops reading after the first bytes: the declarations
/// marked are the ones the server sent, as its audit entry says, and a
/// second export marks all the others.
async fn a_cut_export_marked_what_it_sent(engine: Engine) {
    let app = app(engine).await;
    let pool = app.database().await;
    store(&pool, 20_000).await;
    let response = app
        .operator("export")
        .json(&json!({"format": "json", "mark": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut body = response.bytes_stream();
    let mut received = 0;
    while received < 300_000 {
        received += body.next().await.unwrap().unwrap().len();
    }
    drop(body);
    // The server notices the cut and writes its audit entry.
    let mut entry = serde_json::Value::Null;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let rows = sqlx::query("SELECT detail FROM audit_log WHERE action = 'export'")
            .fetch_all(&pool)
            .await
            .unwrap();
        if let Some(row) = rows.first() {
            entry = serde_json::from_str(&row.get::<String, _>("detail")).unwrap();
            break;
        }
    }
    assert_eq!(entry["complete"], false, "{entry}");
    let marked = count(
        &pool,
        "SELECT COUNT(*) AS n FROM declarations WHERE status = 'under_verification'",
    )
    .await;
    assert_eq!(entry["marked"], marked, "{entry}");
    assert_eq!(entry["exported"], marked, "{entry}");
    assert!(marked > 0 && marked < 20_000, "{marked}");
    let events = count(
        &pool,
        "SELECT COUNT(*) AS n FROM declaration_events WHERE status = 'under_verification'",
    )
    .await;
    assert_eq!(events, marked);

    let again: amoe_domain::messages::operator::ExportResponse = app
        .operator("export")
        .json(&json!({"mark": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again.declarations.len(), 20_000);
    assert_eq!(again.marked as i64, 20_000 - marked);
    assert!(
        again
            .declarations
            .iter()
            .all(|d| d.status == amoe_domain::declaration::Status::UnderVerification)
    );
    let events = count(
        &pool,
        "SELECT COUNT(*) AS n FROM declaration_events WHERE status = 'under_verification'",
    )
    .await;
    assert_eq!(events, 20_000, "each declaration marked once");
}

/// Compressed on the way (the client accepts gzip), an export still ends
/// as a whole response.
async fn a_compressed_export_ends_cleanly(engine: Engine) {
    let app = app(engine).await;
    let pool = app.database().await;
    store(&pool, 2_000).await;
    // Thousands of rows, and none (no declaration is refused).
    for (filters, least) in [
        (json!({"format": "csv"}), 1_000),
        (json!({"format": "csv", "status": "refused"}), 10),
        (json!({"status": "refused"}), 10),
    ] {
        let response = app
            .operator("export")
            .header("accept-encoding", "gzip")
            .json(&filters)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], "gzip");
        let body = response.bytes().await.expect("the whole export arrives");
        assert!(body.len() > least, "{filters}: {} bytes", body.len());
    }
}
