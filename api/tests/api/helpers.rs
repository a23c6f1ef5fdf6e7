//! Spawns the real server on a random port with a fresh database (a SQLite
//! file in a temporary directory, or a new database in the PostgreSQL
//! cluster that `cargo xtask test` starts), and talks to it over HTTP.

use amoe_api::Server;
use amoe_api::config::Config;
use sqlx::{Connection, Executor};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::oneshot;

/// The operators' token of a server configured [`with_operator`].
pub const OPERATOR_TOKEN: &str = "operator-test-token";

/// Lets [`OPERATOR_TOKEN`] in: the server knows its SHA-256.
pub fn with_operator(config: &mut Config) {
    use sha2::Digest;
    config.back_office.operator_tokens =
        vec![sha2::Sha256::digest(OPERATOR_TOKEN.as_bytes()).into()];
}

#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub database_url: String,
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// A server over a fresh database of `engine`.
    pub async fn spawn(engine: Engine) -> TestApp {
        TestApp::spawn_configured(engine, |_| {}).await
    }

    /// A server over a fresh database of `engine`, configured by `adjust`.
    pub async fn spawn_configured(engine: Engine, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let database_url = fresh_database(engine, &dir).await;
        let mut config = Config::local(database_url, dir.path().join("outbox"));
        adjust(&mut config);
        TestApp::start(config, dir).await
    }

    /// A server over an existing database, optionally serving `dist`.
    pub async fn spawn_with(
        database_url: String,
        dir: tempfile::TempDir,
        dist: Option<PathBuf>,
    ) -> TestApp {
        let mut config = Config::local(database_url, dir.path().join("outbox"));
        config.server.dist_dir = dist;
        TestApp::start(config, dir).await
    }

    /// A server with exactly this configuration (its files are the
    /// caller's to keep).
    pub async fn start_with_config(config: Config) -> TestApp {
        TestApp::start(config, tempfile::tempdir().unwrap()).await
    }

    /// Where this server writes its mails.
    pub fn outbox_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("outbox")
    }

    async fn start(config: Config, dir: tempfile::TempDir) -> TestApp {
        let database_url = config.database.url.clone();
        let server = Server::build(config).await.expect("the server starts");
        let url = format!("http://{}", server.local_addr());
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            server
                .serve(async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        TestApp {
            url,
            database_url,
            client: reqwest::Client::new(),
            shutdown: Some(tx),
            handle: Some(handle),
            _dir: dir,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap()
    }

    /// POSTs a declaration form (JSON) under `key`.
    pub async fn declare(&self, key: &str, form: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/declarations", self.url))
            .header("idempotency-key", key)
            .json(form)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a declaration form under `key` with the answer to a puzzle
    /// (`AMOE-Proof`).
    pub async fn declare_proven(
        &self,
        key: &str,
        form: &serde_json::Value,
        proof: &str,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/declarations", self.url))
            .header("idempotency-key", key)
            .header("amoe-proof", proof)
            .json(form)
            .send()
            .await
            .unwrap()
    }

    /// A request to `/api/operator/{path}` (a POST) with the operators'
    /// token (see [`with_operator`]).
    pub fn operator(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(format!("{}/api/operator/{path}", self.url))
            .bearer_auth(OPERATOR_TOKEN)
    }

    /// The audit log as operators read it (`AuditResponse`, or JSON).
    pub async fn audit<T: serde::de::DeserializeOwned>(&self) -> T {
        let response = self
            .client
            .get(format!("{}/api/operator/audit", self.url))
            .bearer_auth(OPERATOR_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// A connection pool on the server's database, to look at what it stored.
    pub async fn database(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.database_url).await.unwrap()
    }

    /// POSTs a status lookup (JSON).
    pub async fn status(&self, lookup: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/status", self.url))
            .json(lookup)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a status lookup with the answer to a puzzle (`AMOE-Proof`).
    pub async fn status_proven(
        &self,
        lookup: &serde_json::Value,
        proof: &str,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/status", self.url))
            .header("amoe-proof", proof)
            .json(lookup)
            .send()
            .await
            .unwrap()
    }

    /// GETs `path` and reads its JSON body as `T`.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// Stops the server and waits until it has closed its database.
    pub async fn stop(mut self) -> tempfile::TempDir {
        self.shutdown.take().unwrap().send(()).unwrap();
        self.handle.take().unwrap().await.unwrap();
        // Move the directory out without running TestApp's drop twice.
        std::mem::replace(&mut self._dir, tempfile::tempdir().unwrap())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

pub async fn fresh_database(engine: Engine, dir: &tempfile::TempDir) -> String {
    match engine {
        Engine::Sqlite => format!("sqlite://{}/amoe.db", dir.path().display()),
        Engine::Postgres => {
            let admin = std::env::var("AMOE_TEST_POSTGRES_URL").expect(
                "AMOE_TEST_POSTGRES_URL is not set: run the tests with `cargo xtask test`, \
                 which starts a throwaway PostgreSQL cluster, or point it at a server \
                 where the user may create databases",
            );
            let name = format!(
                "amoe_test_{}_{}",
                std::process::id(),
                DATABASES.fetch_add(1, Ordering::Relaxed)
            );
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            conn.execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .unwrap();
            let (base, _) = admin.rsplit_once('/').unwrap();
            format!("{base}/{name}")
        }
    }
}

/// Writes each test once and runs it on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() {
                super::$test($crate::helpers::Engine::Sqlite).await
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() {
                super::$test($crate::helpers::Engine::Postgres).await
            })*
        }
    };
}

/// The puzzle of a `428 proof_required` (its `AMOE-Challenge` header).
pub fn challenge_of(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 428);
    response.headers()["amoe-challenge"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// The largest number of a puzzle: how many tries it may take.
pub fn puzzle_size(challenge: &str) -> u64 {
    challenge.split('.').nth(1).unwrap().parse().unwrap()
}

/// Solves a puzzle as the browser's worker (`proof.js`) does, trying each
/// number in turn: the `AMOE-Proof` header.
pub fn solve(challenge: &str) -> String {
    use sha2::Digest;
    let parts: Vec<&str> = challenge.split('.').collect();
    let [salt, max, target, signature] = parts[..] else {
        panic!("not a puzzle: {challenge}");
    };
    let max: u64 = max.parse().unwrap();
    let target: Vec<u8> = (0..target.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&target[i..i + 2], 16).unwrap())
        .collect();
    let number = (0..=max)
        .find(|n| {
            let digest = sha2::Sha256::new()
                .chain_update(salt.as_bytes())
                .chain_update(n.to_string().as_bytes())
                .finalize();
            digest.as_slice() == target.as_slice()
        })
        .expect("a puzzle has an answer");
    format!("{salt}.{max}.{number}.{signature}")
}
