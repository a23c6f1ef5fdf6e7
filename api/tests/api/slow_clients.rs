//! A crowd of slow or idle clients cannot hold the server: half-sent
//! requests are closed after the header timeout, connections over the cap
//! are closed as they arrive, and a shutdown ends within its deadline while
//! requests are held open.

use crate::helpers::{Engine, TestApp};
use amoe_api::listener::Limits;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

const HALF_SENT: &[u8] = b"GET /api/health HTTP/1.1\r\nHost: amoe\r\n";

/// Opens a connection and sends a request's first lines, never its end.
fn half_sent(url: &str) -> TcpStream {
    let mut stream = TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    stream.write_all(HALF_SENT).unwrap();
    stream
}

/// How long until the server closes `stream`, and what it sent first.
fn closed_after(mut stream: TcpStream, at_most: Duration) -> (Duration, Vec<u8>) {
    let started = Instant::now();
    stream.set_read_timeout(Some(at_most)).unwrap();
    let mut sent = Vec::new();
    let _ = stream.read_to_end(&mut sent);
    let waited = started.elapsed();
    assert!(waited < at_most, "still open after {waited:?}");
    (waited, sent)
}

fn limits(header_timeout_ms: u64, max_connections: usize, shutdown_ms: u64) -> Limits {
    Limits {
        header_timeout: Duration::from_millis(header_timeout_ms),
        max_connections,
        shutdown_deadline: Duration::from_millis(shutdown_ms),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let app = TestApp::spawn_configured(Engine::Sqlite, |c| {
        c.server.connections = limits(1_000, 100, 1_000)
    })
    .await;
    let url = app.url.clone();
    let waited = tokio::task::spawn_blocking(move || {
        let streams: Vec<TcpStream> = (0..20).map(|_| half_sent(&url)).collect();
        streams
            .into_iter()
            .map(|stream| closed_after(stream, Duration::from_secs(5)).0)
            .max()
            .unwrap()
    })
    .await
    .unwrap();
    eprintln!("20 half-sent requests closed within {waited:?} (header timeout 1 s)");
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
    assert_eq!(app.get("/api/health").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_closed_and_the_server_keeps_serving() {
    let app = TestApp::spawn_configured(Engine::Sqlite, |c| {
        c.server.connections = limits(2_000, 4, 1_000)
    })
    .await;
    let url = app.url.clone();
    tokio::task::spawn_blocking(move || {
        let held: Vec<TcpStream> = (0..4).map(|_| half_sent(&url)).collect();
        std::thread::sleep(Duration::from_millis(200));
        // The fifth is closed at once, answered nothing.
        let mut fifth = TcpStream::connect(url.trim_start_matches("http://")).unwrap();
        let _ = fifth.write_all(b"GET /api/health HTTP/1.1\r\nHost: amoe\r\n\r\n");
        let (waited, answer) = closed_after(fifth, Duration::from_millis(1_500));
        eprintln!("a connection over the cap of 4 closed after {waited:?}");
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
        // Once the held ones time out, the server answers again.
        for stream in held {
            closed_after(stream, Duration::from_secs(5));
        }
    })
    .await
    .unwrap();
    assert_eq!(app.get("/api/health").await.status(), 200);
}

#[test]
fn sigterm_ends_within_the_deadline_while_requests_are_held_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = crate::process::start_with(
        &format!("sqlite://{}/amoe.db", dir.path().display()),
        &[
            ("AMOE_HEADER_TIMEOUT_SECS", "60"),
            ("AMOE_SHUTDOWN_SECS", "2"),
        ],
    );
    let _held: Vec<TcpStream> = (0..10).map(|_| half_sent(&url)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    let took = started.elapsed();
    eprintln!("SIGTERM with 10 requests held open: stopped after {took:?} (deadline 2 s)");
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(4), "{took:?}");
}
