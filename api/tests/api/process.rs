//! The `amoe-api` binary itself: start-up errors name the problem and exit
//! non-zero; SIGTERM stops it cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_amoe-api");

fn run_expecting_failure(database_url: &str) -> (i32, String) {
    let output = Command::new(BINARY)
        .env("DATABASE_URL", database_url)
        .env("AMOE_ADDR", "127.0.0.1:0")
        .env("AMOE_DIST", "")
        .output()
        .unwrap();
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
    let mut child = Command::new(BINARY)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/amoe.db", dir.path().display()),
        )
        .env("AMOE_ADDR", "127.0.0.1:0")
        .env("AMOE_DIST", "")
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
