//! PostgreSQL over TLS, against the throwaway cluster `cargo xtask test`
//! starts with a certificate signed by its own CA: `sslmode=verify-full`
//! and `require` work and encrypt every connection; a certificate that
//! does not verify, or a server that cannot speak TLS when TLS is asked,
//! stops start-up naming the host, never the password.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, fresh_database};
use amoe_api::Server;
use amoe_api::config::Config;
use sqlx::Row;

fn env_path(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: run the tests with `cargo xtask test`, whose PostgreSQL speaks TLS"
        )
    })
}

/// A fresh database's URL with `params` added.
async fn database(dir: &tempfile::TempDir, params: &str) -> String {
    format!("{}?{params}", fresh_database(Engine::Postgres, dir).await)
}

fn config(database_url: String, dir: &tempfile::TempDir) -> Config {
    let mut config = Config::local(database_url, dir.path().join("outbox"));
    config.mail.poll = None;
    config
}

/// Whether every connection to the database `name` is encrypted, and how
/// many there are.
async fn encrypted(pool: &sqlx::AnyPool, name: &str) -> (bool, i64) {
    let row = sqlx::query(
        "SELECT COALESCE(bool_and(s.ssl), false) AS all_ssl, COUNT(*) AS n \
         FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid WHERE a.datname = $1",
    )
    .bind(name)
    .fetch_one(pool)
    .await
    .unwrap();
    (row.get("all_ssl"), row.get("n"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_full_and_require_work_and_encrypt_every_connection() {
    let ca = env_path("AMOE_TEST_POSTGRES_CA");
    for params in [
        format!("sslmode=verify-full&sslrootcert={ca}"),
        "sslmode=require".to_owned(),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let url = database(&dir, &params).await;
        let (base, _) = url.split_once('?').unwrap();
        let name = base.rsplit('/').next().unwrap().to_owned();
        let app = TestApp::start_with_config(config(url, &dir)).await;
        assert_eq!(
            app.declare(&key(), &form(1)).await.status(),
            201,
            "{params}"
        );
        let pool = app.database().await;
        let (all, connections) = encrypted(&pool, &name).await;
        assert!(
            all && connections >= 2,
            "{params}: {connections} connections, all TLS: {all}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_that_does_not_verify_stops_start_up_naming_the_host() {
    let other = env_path("AMOE_TEST_POSTGRES_OTHER_CA");
    let dir = tempfile::tempdir().unwrap();
    let url = database(&dir, &format!("sslmode=verify-full&sslrootcert={other}")).await;
    let with_password = url.replacen("postgres@", "postgres:s3cret-password@", 1);
    let error = Server::build(config(with_password, &dir))
        .await
        .err()
        .expect("start-up refuses a certificate it cannot verify")
        .to_string();
    assert!(error.contains("127.0.0.1"), "{error}");
    assert!(!error.contains("s3cret"), "{error}");
    assert!(error.to_lowercase().contains("certificate"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_tls_stops_start_up_when_tls_is_asked() {
    // A server that answers TLS requests as PostgreSQL does without TLS:
    // 'N', then nothing.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 8];
            if socket.read_exact(&mut request).await.is_ok() {
                let _ = socket.write_all(b"N").await;
            }
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgres://amoe:s3cret-password@127.0.0.1:{port}/amoe?sslmode=require");
    let error = Server::build(config(url, &dir))
        .await
        .err()
        .expect("start-up refuses a server without TLS")
        .to_string();
    assert!(error.contains(&format!("127.0.0.1:{port}")), "{error}");
    assert!(!error.contains("s3cret"), "{error}");
}
