//! E-mails through the outbox, on both engines: queued with what they
//! announce, written once, sent once across restarts, retried on failure,
//! and a server's refusal kept without the student's address.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, fresh_database};
use amoe_domain::messages::Receipt;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::path::{Path, PathBuf};
use std::time::Duration;

crate::on_both_engines!(
    a_declaration_queues_its_mail_in_the_same_transaction,
    the_worker_writes_each_mail_once_in_the_students_language,
    a_mail_queued_before_a_stop_is_sent_once_after_restarts,
    a_failing_server_is_tried_again_later,
    a_refusal_is_kept_without_the_students_address,
);

fn fast(config: &mut amoe_api::config::Config) {
    config.mail.poll = Some(Duration::from_millis(50));
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    files.sort();
    files
}

/// Waits (up to 10 s) until `dir` holds `count` mails.
async fn wait_for_mails(dir: &Path, count: usize) -> Vec<PathBuf> {
    for _ in 0..200 {
        let files = eml_files(dir);
        if files.len() >= count {
            return files;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{} mails in {}, expected {count}",
        eml_files(dir).len(),
        dir.display()
    );
}

async fn a_declaration_queues_its_mail_in_the_same_transaction(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |c| c.mail.poll = None).await;
    let mut arabic = form(1);
    arabic["lang"] = json!("ar");
    let receipt: Receipt = app.declare(&key(), &arabic).await.json().await.unwrap();
    let row =
        sqlx::query("SELECT id, recipient, subject, body_text, body_html, sent_at FROM outbox")
            .fetch_one(&app.database().await)
            .await
            .unwrap();
    assert_eq!(
        row.get::<String, _>("id"),
        format!("{}.received", receipt.reference)
    );
    assert_eq!(row.get::<String, _>("recipient"), "student1@example.ma");
    let subject: String = row.get("subject");
    assert!(
        subject.contains(&receipt.reference.to_string()),
        "{subject}"
    );
    assert!(
        subject.contains("توصلنا"),
        "in the student's language: {subject}"
    );
    let text: String = row.get("body_text");
    let html: String = row.get("body_html");
    for private in ["AB100001", "R130000001", "-03-07"] {
        assert!(
            !text.contains(private) && !html.contains(private),
            "{private} in the mail"
        );
    }
    assert_eq!(row.get::<Option<i64>, _>("sent_at"), None);
    // A refused submission queues nothing.
    let mut bad = form(2);
    bad["cin"] = json!("");
    assert_eq!(app.declare(&key(), &bad).await.status(), 422);
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM outbox")
        .fetch_one(&app.database().await)
        .await
        .unwrap()
        .get("n");
    assert_eq!(count, 1);
}

async fn the_worker_writes_each_mail_once_in_the_students_language(engine: Engine) {
    let token = "t";
    let app = TestApp::spawn_configured(engine, |c| {
        fast(c);
        c.back_office.operator_tokens = vec![Sha256::digest(token.as_bytes()).into()];
    })
    .await;
    let outbox = app.outbox_dir();
    let receipt: Receipt = app.declare(&key(), &form(3)).await.json().await.unwrap();
    let files = wait_for_mails(&outbox, 1).await;
    assert_eq!(
        files[0].file_name().unwrap().to_str().unwrap(),
        format!("{}.received.eml", receipt.reference)
    );
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: student3@example.ma"), "{eml}");
    assert!(eml.contains("multipart/alternative"), "{eml}");
    assert!(
        eml.contains(&format!(
            "Message-ID: <{}.received@amoe.invalid>",
            receipt.reference
        )),
        "{eml}"
    );

    let decision = json!([{"reference": receipt.reference.to_string(), "decision": "covered", "decision_date": "2026-12-01"}]);
    for _ in 0..2 {
        let response = app
            .client
            .post(format!("{}/api/operator/decisions", app.url))
            .bearer_auth(token)
            .json(&decision)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let files = wait_for_mails(&outbox, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        eml_files(&outbox).len(),
        2,
        "importing twice sends one mail"
    );
    let covered = std::fs::read_to_string(&files[0]).unwrap();
    assert!(files[0].to_str().unwrap().ends_with(".covered.eml"));
    assert!(covered.contains("Subject:"), "{covered}");
}

async fn a_mail_queued_before_a_stop_is_sent_once_after_restarts(engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(engine, &dir).await;
    let outbox = dir.path().join("outbox");
    let start = |poll: Option<Duration>| {
        let database_url = database_url.clone();
        let outbox = outbox.clone();
        async move {
            let mut config = amoe_api::config::Config::local(database_url, outbox);
            config.mail.poll = poll;
            TestApp::start_with_config(config).await
        }
    };
    // Stopped before its worker could send anything.
    let app = start(None).await;
    let receipt: Receipt = app.declare(&key(), &form(4)).await.json().await.unwrap();
    app.stop().await;
    assert!(eml_files(&outbox).is_empty());
    // Started again: sent, once (stopped once the mail is marked sent: a
    // stop between the file and its mark would send it again, by design).
    let app = start(Some(Duration::from_millis(50))).await;
    wait_for_mails(&outbox, 1).await;
    let pool = app.database().await;
    for _ in 0..200 {
        let sent: Option<i64> = sqlx::query("SELECT sent_at FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get("sent_at");
        if sent.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    pool.close().await;
    app.stop().await;
    let app = start(Some(Duration::from_millis(50))).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let files = eml_files(&outbox);
    assert_eq!(files.len(), 1);
    let row = sqlx::query("SELECT attempts, sent_at FROM outbox WHERE id = $1")
        .bind(format!("{}.received", receipt.reference))
        .fetch_one(&app.database().await)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("attempts"), 0);
    assert!(row.get::<Option<i64>, _>("sent_at").is_some());
}

async fn a_failing_server_is_tried_again_later(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |c| {
        fast(c);
        // Nothing listens on port 1.
        c.mail.smtp_url = Some("smtp://127.0.0.1:1".into());
    })
    .await;
    app.declare(&key(), &form(5)).await;
    let db = app.database().await;
    for _ in 0..200 {
        let row = sqlx::query(
            "SELECT attempts, next_attempt_at, sent_at, last_error, created_at FROM outbox",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        if row.get::<i64, _>("attempts") >= 1 {
            assert_eq!(row.get::<Option<i64>, _>("sent_at"), None);
            assert!(row.get::<Option<String>, _>("last_error").is_some());
            let wait = row.get::<i64, _>("next_attempt_at") - row.get::<i64, _>("created_at");
            assert!(wait >= 59, "tried again after {wait} s");
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the worker never tried");
}

/// An SMTP server that refuses every recipient, naming the mailbox in its
/// reply, as Postfix does: its port.
async fn refusing_smtp_server() -> u16 {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 mx.example.ma ESMTP\r\n").await?;
                while let Some(line) = lines.next_line().await? {
                    let command = line.to_ascii_uppercase();
                    let reply = if command.starts_with("EHLO") || command.starts_with("HELO") {
                        "250 mx.example.ma\r\n".to_owned()
                    } else if command.starts_with("MAIL FROM") || command.starts_with("RSET") {
                        "250 2.1.0 Ok\r\n".to_owned()
                    } else if let Some(mailbox) =
                        line.get(8..).filter(|_| command.starts_with("RCPT TO:"))
                    {
                        format!("550 5.1.1 {mailbox}: Recipient address rejected: User unknown\r\n")
                    } else if command.starts_with("QUIT") {
                        write.write_all(b"221 2.0.0 Bye\r\n").await?;
                        break;
                    } else {
                        "502 5.5.2 Error: command not recognized\r\n".to_owned()
                    };
                    write.write_all(reply.as_bytes()).await?;
                }
                Ok::<(), std::io::Error>(())
            });
        }
    });
    port
}

async fn a_refusal_is_kept_without_the_students_address(engine: Engine) {
    let port = refusing_smtp_server().await;
    let app = TestApp::spawn_configured(engine, |c| {
        fast(c);
        c.mail.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await;
    assert_eq!(app.declare(&key(), &form(6)).await.status(), 201);
    let db = app.database().await;
    for _ in 0..200 {
        let row = sqlx::query("SELECT attempts, last_error, sent_at FROM outbox")
            .fetch_one(&db)
            .await
            .unwrap();
        if row.get::<i64, _>("attempts") >= 1 {
            assert_eq!(row.get::<Option<i64>, _>("sent_at"), None);
            let error: String = row.get::<Option<String>, _>("last_error").unwrap();
            // Why it failed stays; whose mailbox it was does not.
            assert!(error.contains("Recipient address rejected"), "{error}");
            assert!(!error.contains("student6"), "{error}");
            assert!(!error.contains("example.ma>"), "{error}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the worker never tried");
}
