//! The command-line tool against a real server (SQLite) on a random port.

use amoe_api::Server;
use amoe_api::config::Config;
use sha2::{Digest, Sha256};
use std::process::Command;

const TOKEN: &str = "cli-test-token";
const CLI: &str = env!("CARGO_BIN_EXE_amoe-operator");

struct Running {
    url: String,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn server() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::local(
        format!("sqlite://{}/amoe.db", dir.path().display()),
        dir.path().join("outbox"),
    );
    config.back_office.operator_tokens = vec![Sha256::digest(TOKEN.as_bytes()).into()];
    let server = Server::build(config).await.unwrap();
    let url = format!("http://{}", server.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.serve(async {
        let _ = stopped.await;
    }));
    Running {
        url,
        _dir: dir,
        _stop: stop,
    }
}

fn cli(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(CLI)
        .args(args)
        .env("AMOE_URL", url)
        .env("AMOE_OPERATOR_TOKEN", TOKEN)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_then_import_decisions_from_the_command_line() {
    let server = server().await;
    let url = server.url.clone();
    let year = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 31_557_600
        + 1970
        - 20;
    let form = serde_json::json!({
        "covered": "no", "cin": "AB123456", "massar": "R130123456", "last_name": "El Amrani",
        "first_name": "Salma", "birth_day": "7", "birth_month": "3", "birth_year": year.to_string(),
        "email": "salma@example.ma", "university": "um5", "sworn": true,
    });
    let receipt: serde_json::Value = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            reqwest::blocking::Client::new()
                .post(format!("{url}/api/declarations"))
                .header("idempotency-key", "0b6a3c1e-7d2f-4a8b-9c0d-1e2f3a4b5c6d")
                .json(&form)
                .send()
                .unwrap()
                .json()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let reference = receipt["reference"].as_str().unwrap().to_owned();

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("pending.csv");
    let out = tokio::task::spawn_blocking({
        let (url, csv) = (url.clone(), csv.clone());
        move || {
            cli(
                &url,
                &["export", "--mark", "--output", csv.to_str().unwrap()],
            )
        }
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = std::fs::read_to_string(&csv).unwrap();
    assert!(exported.contains(&reference), "{exported}");
    assert!(exported.contains("under_verification"), "{exported}");

    let decisions = dir.path().join("decisions.csv");
    std::fs::write(
        &decisions,
        format!("reference;decision;reason_code;reason_text;decision_date\r\n{reference};covered;;;2026-12-01\r\n"),
    )
    .unwrap();
    let path = decisions.to_str().unwrap().to_owned();
    let (dry, real, again) = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            (
                cli(&url, &["import", &path, "--dry-run"]),
                cli(&url, &["import", &path]),
                cli(&url, &["import", &path]),
            )
        }
    })
    .await
    .unwrap();
    assert!(
        text(&dry.stdout).contains("1 decisions would be recorded (dry run)"),
        "{}",
        text(&dry.stdout)
    );
    assert!(
        text(&real.stdout).contains("1 rows: 1 decisions recorded, 0 already recorded"),
        "{}",
        text(&real.stdout)
    );
    assert!(
        text(&again.stdout).contains("0 decisions recorded, 1 already recorded"),
        "{}",
        text(&again.stdout)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_file_is_explained_row_by_row() {
    let server = server().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "reference,decision,reason_code,reason_text,decision_date\nAMOE-0000-001,maybe,,,2026-12-01\n").unwrap();
    let path = file.to_str().unwrap().to_owned();
    let url = server.url.clone();
    let out = tokio::task::spawn_blocking(move || cli(&url, &["import", &path]))
        .await
        .unwrap();
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("row 1, column reference: reference_check_failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 1, column decision: decision_unknown"),
        "{stderr}"
    );
}

#[test]
fn without_a_token_it_says_what_to_set() {
    let out = Command::new(CLI)
        .args(["export"])
        .env_remove("AMOE_OPERATOR_TOKEN")
        .env("AMOE_URL", "http://127.0.0.1:1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("AMOE_OPERATOR_TOKEN"));
}

#[test]
fn hash_token_prints_what_the_server_is_configured_with() {
    let mut child = Command::new(CLI)
        .arg("hash-token")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"secret-token\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        text(&out.stdout).trim(),
        format!("{:x}", Sha256::digest(b"secret-token"))
    );
}

#[test]
fn hash_token_refuses_an_empty_token() {
    let mut child = Command::new(CLI)
        .arg("hash-token")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"  \n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("empty"), "{}", text(&out.stderr));
}

/// Makes, with openssl, a CA, another CA, and a certificate for
/// `127.0.0.1` signed by the first; answers the directory.
fn certificates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            text(&out.stderr)
        );
    };
    for ca in ["ca", "other-ca"] {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            &format!("/CN={ca}"),
            "-keyout",
            &path(&format!("{ca}.key")),
            "-out",
            &path(&format!("{ca}.crt")),
        ]);
    }
    openssl(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        &path("server.key"),
        "-out",
        &path("server.csr"),
    ]);
    std::fs::write(
        dir.path().join("server.ext"),
        "subjectAltName=IP:127.0.0.1\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &path("server.csr"),
        "-CA",
        &path("ca.crt"),
        "-CAkey",
        &path("ca.key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        &path("server.ext"),
        "-out",
        &path("server.crt"),
    ]);
    dir
}

/// A TLS endpoint in front of `upstream` (as a load balancer terminating
/// TLS would be); answers its https:// address.
async fn tls_in_front_of(upstream: &str, certificates: &std::path::Path) -> String {
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain = vec![CertificateDer::from_pem_file(certificates.join("server.crt")).unwrap()];
    let key = PrivateKeyDer::from_pem_file(certificates.join("server.key")).unwrap();
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(
        tokio_rustls::rustls::crypto::ring::default_provider().into(),
    )
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let upstream = upstream.trim_start_matches("http://").to_owned();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut plain = tokio::net::TcpStream::connect(upstream).await.unwrap();
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    format!("https://{address}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn it_speaks_https_and_checks_the_certificate() {
    let server = server().await;
    let certificates = certificates();
    let https = tls_in_front_of(&server.url, certificates.path()).await;
    let ca = certificates.path().join("ca.crt");
    let other = certificates.path().join("other-ca.crt");
    let run = move |ca: Option<std::path::PathBuf>| {
        let https = https.clone();
        tokio::task::spawn_blocking(move || {
            let mut command = Command::new(CLI);
            command
                .args(["export", "--format", "json"])
                .env("AMOE_URL", &https)
                .env("AMOE_OPERATOR_TOKEN", TOKEN);
            match ca {
                Some(ca) => command.env("AMOE_CA_CERT", ca),
                None => command.env_remove("AMOE_CA_CERT"),
            };
            command.output().unwrap()
        })
    };
    let trusted = run(Some(ca)).await.unwrap();
    assert!(trusted.status.success(), "{}", text(&trusted.stderr));
    assert!(text(&trusted.stdout).contains("\"declarations\""));
    // A certificate its roots do not vouch for: refused, nothing sent.
    for ca in [None, Some(other)] {
        let refused = run(ca.clone()).await.unwrap();
        assert!(!refused.status.success(), "{ca:?}");
        let error = text(&refused.stderr);
        assert!(error.contains("certificate"), "{ca:?}: {error}");
    }
}

#[test]
fn plain_http_to_another_machine_is_refused_before_anything_is_sent() {
    let out = cli("http://amoe.example.ma", &["export"]);
    assert!(!out.status.success());
    let error = text(&out.stderr);
    assert!(error.contains("https://"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_lists_what_operators_did() {
    let server = server().await;
    let url = server.url.clone();
    let out = tokio::task::spawn_blocking(move || {
        let exported = cli(&url, &["export", "--format", "json"]);
        assert!(exported.status.success(), "{}", text(&exported.stderr));
        cli(&url, &["audit"])
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines = text(&out.stdout);
    let actor = &format!("{:x}", Sha256::digest(TOKEN.as_bytes()))[..12];
    assert!(lines.contains("export") && lines.contains(actor), "{lines}");
    assert!(!lines.contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_correct_and_erase_serve_a_students_rights() {
    let server = server().await;
    let url = server.url.clone();
    let year = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 31_557_600
        + 1970
        - 20;
    let form = serde_json::json!({
        "covered": "no", "cin": "AB654321", "massar": "R130654321", "last_name": "El Amrani",
        "first_name": "Salma", "birth_day": "7", "birth_month": "3", "birth_year": year.to_string(),
        "email": "salma@example.ma", "university": "um5", "sworn": true,
    });
    tokio::task::spawn_blocking(move || {
        let receipt: serde_json::Value = reqwest::blocking::Client::new()
            .post(format!("{url}/api/declarations"))
            .header("idempotency-key", "1c7b4d2f-8e3a-4b9c-8d1e-2f3a4b5c6d7e")
            .json(&form)
            .send()
            .unwrap()
            .json()
            .unwrap();
        let reference = receipt["reference"].as_str().unwrap().to_owned();
        // Access by CIN: everything stored, as JSON.
        let shown = cli(&url, &["show", "--cin", "AB654321"]);
        assert!(shown.status.success(), "{}", text(&shown.stderr));
        let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
        assert_eq!(shown["declarations"][0]["reference"], reference.as_str());
        assert_eq!(shown["declarations"][0]["mails"][0]["kind"], "received");
        // Rectification.
        let corrected = cli(&url, &["correct", &reference, "--last-name", "Bennani"]);
        assert!(corrected.status.success(), "{}", text(&corrected.stderr));
        let corrected: serde_json::Value = serde_json::from_slice(&corrected.stdout).unwrap();
        assert_eq!(corrected["declarations"][0]["last_name"], "Bennani");
        assert_eq!(
            corrected["declarations"][0]["corrections"][0]["field"],
            "last_name"
        );
        let wrong = cli(&url, &["correct", &reference, "--email", "nobody"]);
        assert!(!wrong.status.success());
        assert!(
            text(&wrong.stderr).contains("email"),
            "{}",
            text(&wrong.stderr)
        );
        // Erasure, with its reason; then nothing is left to show.
        let erased = cli(
            &url,
            &["erase", &reference, "--reason", "request of 2026-11-20"],
        );
        assert!(erased.status.success(), "{}", text(&erased.stderr));
        assert!(
            text(&erased.stdout).contains("erased"),
            "{}",
            text(&erased.stdout)
        );
        let again = cli(&url, &["show", "--reference", &reference]);
        assert!(!again.status.success());
        assert!(
            text(&again.stderr).contains("404"),
            "{}",
            text(&again.stderr)
        );
        let audit = text(&cli(&url, &["audit"]).stdout);
        for action in ["show", "correct", "erase"] {
            assert!(audit.contains(action), "{audit}");
        }
        assert!(!audit.contains("AB654321"), "{audit}");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_list_and_revoke_back_office_agents() {
    let server = server().await;
    let url = server.url.clone();
    tokio::task::spawn_blocking(move || {
        let invited = cli(
            &url,
            &[
                "invite",
                "--role",
                "university:um5",
                "--name",
                "Nadia Bennani",
            ],
        );
        assert!(invited.status.success(), "{}", text(&invited.stderr));
        let out = text(&invited.stdout);
        let link = out
            .lines()
            .find(|line| line.contains("/back-office/enrol#"))
            .unwrap_or_else(|| panic!("no link in {out}"));
        assert!(
            link.starts_with("http://localhost:8080/back-office/enrol#"),
            "{link}"
        );
        let id = out
            .split("as agent ")
            .nth(1)
            .and_then(|rest| rest.split('.').next())
            .unwrap()
            .to_owned();

        let wrong = cli(
            &url,
            &["invite", "--role", "university:mars", "--name", "X Y"],
        );
        assert!(!wrong.status.success());
        assert!(
            text(&wrong.stderr).contains("unknown_university"),
            "{}",
            text(&wrong.stderr)
        );

        let listed = text(&cli(&url, &["agents"]).stdout);
        assert!(
            listed.contains(&id)
                && listed.contains("university:um5  Nadia Bennani  (0 passkeys, 0 sessions)"),
            "{listed}"
        );
        let revoked = cli(&url, &["revoke", &id]);
        assert!(revoked.status.success(), "{}", text(&revoked.stderr));
        assert!(text(&revoked.stdout).contains("Nadia Bennani is revoked; 0 sessions ended"));
        assert!(text(&cli(&url, &["agents"]).stdout).contains("(revoked)"));
        let audit = text(&cli(&url, &["audit"]).stdout);
        assert!(
            audit.contains("invite") && audit.contains("revoke"),
            "{audit}"
        );
    })
    .await
    .unwrap();
}
