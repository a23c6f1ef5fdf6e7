//! The `amoe-api` binary itself: start-up errors name the problem and exit
//! non-zero; SIGTERM stops it cleanly; SIGKILL loses nothing acknowledged.

use crate::declarations::{form, key};
use crate::helpers::{Engine, fresh_database};
use amoe_domain::messages::Receipt;
use sqlx::Row;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

const BINARY: &str = env!("CARGO_BIN_EXE_amoe-api");

/// The server on `database_url`, a free port, no app, mails aside.
pub fn server_command(database_url: &str) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env("DATABASE_URL", database_url)
        .env("AMOE_ADDR", "127.0.0.1:0")
        .env("AMOE_DIST", "")
        .env(
            "AMOE_OUTBOX_DIR",
            std::env::temp_dir().join("amoe-test-outbox"),
        );
    command
}

fn run_expecting_failure(database_url: &str) -> (i32, String) {
    let output = server_command(database_url).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_missing_database_directory_is_named_at_start_up() {
    let (code, stderr) = run_expecting_failure("sqlite:///nonexistent-amoe-dir/sub/amoe.db");
    assert_ne!(code, 0);
    assert!(
        stderr.contains("/nonexistent-amoe-dir/sub/amoe.db"),
        "{stderr}"
    );
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn a_file_that_is_not_a_database_is_named_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "these are not the pages of a SQLite database, ".repeat(100),
    )
    .unwrap();
    let (code, stderr) = run_expecting_failure(&format!("sqlite://{}", path.display()));
    assert_ne!(code, 0);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
}

#[test]
fn an_unreachable_postgres_is_named_without_its_password() {
    let (code, stderr) = run_expecting_failure("postgres://amoe:s3cret@127.0.0.1:1/amoe");
    assert_ne!(code, 0);
    assert!(stderr.contains("postgres://127.0.0.1:1/amoe"), "{stderr}");
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

#[test]
fn an_invalid_address_is_refused() {
    let output = Command::new(BINARY)
        .env("AMOE_ADDR", "not-an-address")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("AMOE_ADDR"));
}

#[test]
fn it_prints_its_url_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = server_command(&format!("sqlite://{}/amoe.db", dir.path().display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.contains("http://localhost:"), "{line}");
    let port: u16 = line
        .split("http://localhost:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    std::io::Write::write_all(
        &mut stream,
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(rest.contains("AMOE stopped."), "{rest}");
}

crate::on_both_engines!(acknowledged_declarations_survive_kill_9_and_retries_store_them_once);

/// Starts the binary on `database_url` and returns it with its base URL.
fn start(database_url: &str) -> (Child, String) {
    start_with(database_url, &[])
}

/// Starts the binary on `database_url` with `env` added.
pub fn start_with(database_url: &str, env: &[(&str, &str)]) -> (Child, String) {
    let mut child = server_command(database_url)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://localhost:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    (child, format!("http://127.0.0.1:{port}"))
}

async fn acknowledged_declarations_survive_kill_9_and_retries_store_them_once(engine: Engine) {
    const STUDENTS: u32 = 300;
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(engine, &dir).await;
    let (mut server, url) = start(&database_url);
    let client = reqwest::Client::new();
    let keys: Vec<String> = (0..STUDENTS).map(|_| key()).collect();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));

    // A burst of submissions, 16 at a time; SIGKILL once 60 are answered.
    let semaphore = Arc::new(tokio::sync::Semaphore::new(16));
    let mut tasks = Vec::new();
    for n in 0..STUDENTS {
        let (client, url, key, acknowledged, semaphore) = (
            client.clone(),
            url.clone(),
            keys[n as usize].clone(),
            acknowledged.clone(),
            semaphore.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let _permit = semaphore.acquire().await.unwrap();
            let sent = client
                .post(format!("{url}/api/declarations"))
                .header("idempotency-key", &key)
                .json(&form(5000 + n))
                .send()
                .await;
            if let Ok(response) = sent
                && response.status() == 201
                && let Ok(receipt) = response.json::<Receipt>().await
            {
                acknowledged.lock().unwrap().push((n, receipt.reference));
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 60 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    Command::new("kill")
        .args(["-KILL", &server.id().to_string()])
        .status()
        .unwrap();
    server.wait().unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() < STUDENTS as usize,
        "the kill came too late to test anything"
    );

    // After a restart, every acknowledged declaration is there.
    let (mut server, url) = start(&database_url);
    sqlx::any::install_default_drivers();
    let db = sqlx::AnyPool::connect(&database_url).await.unwrap();
    for (n, reference) in &acknowledged {
        let row = sqlx::query("SELECT cin FROM declarations WHERE reference = $1")
            .bind(reference.to_string())
            .fetch_optional(&db)
            .await
            .unwrap();
        assert!(
            row.is_some(),
            "student {n}: {reference} was acknowledged, then lost"
        );
    }

    // The clients retry everything with the same keys: each student ends up
    // stored exactly once, under the reference they were first given.
    for n in 0..STUDENTS {
        let response = client
            .post(format!("{url}/api/declarations"))
            .header("idempotency-key", &keys[n as usize])
            .json(&form(5000 + n))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "student {n}");
        let receipt: Receipt = response.json().await.unwrap();
        if let Some((_, first)) = acknowledged.iter().find(|(m, _)| *m == n) {
            assert_eq!(&receipt.reference, first, "student {n}");
        }
    }
    let stored: i64 = sqlx::query("SELECT COUNT(*) AS n FROM declarations")
        .fetch_one(&db)
        .await
        .unwrap()
        .get("n");
    assert_eq!(stored, i64::from(STUDENTS));
    db.close().await;
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    server.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/amoe.db", dir.path().display());
    let backup = dir.path().join("backup.db");
    let tool = |args: &[&str]| {
        Command::new(BINARY)
            .args(args)
            .env("DATABASE_URL", &database_url)
            .output()
            .unwrap()
    };
    let (mut child, url) = start(&database_url);
    let client = reqwest::Client::new();
    let declare = |n: u32| {
        client
            .post(format!("{url}/api/declarations"))
            .header("idempotency-key", key())
            .json(&form(n))
            .send()
    };
    assert_eq!(declare(1).await.unwrap().status(), 201);
    let taken = tool(&["backup", &backup.to_string_lossy()]);
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    // Never over an existing file.
    let again = tool(&["backup", &backup.to_string_lossy()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    // The service went on: a declaration after the backup.
    assert_eq!(declare(2).await.unwrap().status(), 201);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();

    let not_a_database = dir.path().join("notes.txt");
    std::fs::write(&not_a_database, "not a database").unwrap();
    let refused = tool(&["restore", &not_a_database.to_string_lossy()]);
    assert!(!refused.status.success());
    let restored = tool(&["restore", &backup.to_string_lossy()]);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let (mut child, url) = start(&database_url);
    let client = reqwest::Client::new();
    let found = |n: u32| {
        let f = form(n);
        client
            .post(format!("{url}/api/status"))
            .json(&serde_json::json!({"cin": f["cin"], "massar": f["massar"],
                "birth_day": f["birth_day"], "birth_month": f["birth_month"], "birth_year": f["birth_year"]}))
            .send()
    };
    assert_eq!(found(1).await.unwrap().status(), 200);
    assert_eq!(found(2).await.unwrap().status(), 404);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
}

/// Backup, then an erasure and a revocation, then a restore of that
/// backup: the erased declaration and the revoked agent stay gone, the
/// journal applied again before the service serves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_brings_back_no_erasure_and_no_revocation() {
    use sha2::Digest;
    const TOKEN: &str = "process-test-operator-token";
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/amoe.db", dir.path().display());
    let backup = dir.path().join("backup.db");
    let journal = dir.path().join("backups/amoe.journal");
    let hash = format!("{:x}", sha2::Sha256::digest(TOKEN.as_bytes()));
    let env = [
        ("AMOE_OPERATOR_TOKEN_SHA256", hash.as_str()),
        ("AMOE_JOURNAL", journal.to_str().unwrap()),
    ];
    let tool = |args: &[&str]| {
        Command::new(BINARY)
            .args(args)
            .env("DATABASE_URL", &database_url)
            .envs(env)
            .output()
            .unwrap()
    };
    let client = reqwest::Client::new();
    let (mut child, url) = start_with(&database_url, &env);
    let operator = |path: &str, body: serde_json::Value| {
        client
            .post(format!("{url}/api/operator/{path}"))
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
    };
    let mut references = Vec::new();
    for n in [1, 2] {
        let response = client
            .post(format!("{url}/api/declarations"))
            .header("idempotency-key", key())
            .json(&form(n))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let receipt: Receipt = response.json().await.unwrap();
        references.push(receipt.reference.to_string());
    }
    let invited: serde_json::Value = operator(
        "agents",
        serde_json::json!({"name": "Samira Alaoui", "role": "fund"}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let agent = invited["agent"]["id"].as_str().unwrap().to_owned();
    let taken = tool(&["backup", &backup.to_string_lossy()]);
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );

    let erased = operator(
        "erase",
        serde_json::json!({"reference": references[0], "reason": "asked by the student"}),
    )
    .await
    .unwrap();
    assert_eq!(erased.status(), 200);
    let revoked = operator("agents/revoke", serde_json::json!({"agent": agent}))
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    // The journal names neither the declaration nor the agent.
    let written = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    assert!(
        !written.contains(&references[0]) && !written.contains(&agent),
        "{written}"
    );

    let restored = tool(&["restore", &backup.to_string_lossy()]);
    let said = String::from_utf8_lossy(&restored.stdout);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert!(said.contains("1 erased and 1 revoked again"), "{said}");
    // Applying it twice changes nothing more.
    let again = tool(&["reapply"]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("0 erased and 0 revoked again"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let (mut child, url) = start_with(&database_url, &env);
    let shown = |reference: &str| {
        client
            .post(format!("{url}/api/operator/show"))
            .bearer_auth(TOKEN)
            .json(&serde_json::json!({"reference": reference}))
            .send()
    };
    assert_eq!(shown(&references[0]).await.unwrap().status(), 404);
    assert_eq!(shown(&references[1]).await.unwrap().status(), 200);
    let agents: serde_json::Value = client
        .get(format!("{url}/api/operator/agents"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = agents["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == agent.as_str())
        .unwrap();
    assert!(listed["revoked_at"].is_i64(), "{listed}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
}
