//! Two `amoe-api` replicas on one PostgreSQL, behind nginx configured by
//! the repository's own `deploy/nginx/amoe.conf` (its ports moved), each
//! trusting one proxy hop. Under a mixed load of declarations and status
//! lookups, one replica is killed with SIGKILL and started again; the
//! clients retry as the app does (the same Idempotency-Key). Then: no
//! acknowledged declaration is lost, none is stored twice, every mail is
//! sent (twice at most for the one mail the killed replica may have been
//! writing when it died), and a limit counts requests once across both.

use crate::declarations::{form, key};
use crate::helpers::{Engine, fresh_database};
use crate::process::start_with;
use crate::status::lookup;
use amoe_domain::messages::{Receipt, StatusResponse};
use sqlx::Row;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const STUDENTS: u32 = 600;
const METRICS_TOKEN: &str = "replicas-test-metrics";

struct Replica {
    child: Child,
    port: u16,
}

fn replica(database_url: &str, port: u16, outbox: &Path) -> Replica {
    let addr = format!("127.0.0.1:{port}");
    let outbox = outbox.to_string_lossy().into_owned();
    let (child, url) = start_with(
        database_url,
        &[
            ("AMOE_ADDR", &addr),
            ("AMOE_TRUSTED_PROXY_HOPS", "1"),
            ("AMOE_OUTBOX_DIR", &outbox),
            ("AMOE_OUTBOX_LEASE_SECS", "5"),
            ("AMOE_METRICS_TOKEN", METRICS_TOKEN),
        ],
    );
    let port = url.rsplit(':').next().unwrap().parse().unwrap();
    Replica { child, port }
}

fn kill(child: &mut Child, signal: &str) {
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
}

/// Sends `request` until an answer that is not a proxy's or a server's
/// failure, as a client retries; counts the retries.
async fn until_answered(
    retries: &AtomicUsize,
    request: impl Fn() -> reqwest::RequestBuilder,
) -> reqwest::Response {
    for _ in 0..200 {
        match request().send().await {
            Ok(response) if !response.status().is_server_error() => return response,
            _ => {
                retries.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        }
    }
    panic!("no answer after 200 attempts");
}

/// Requests a replica answered on `route`, from its own metrics.
async fn served(client: &reqwest::Client, port: u16, route: &str) -> u64 {
    let text = client
        .get(format!("http://127.0.0.1:{port}/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .filter(|line| {
            line.starts_with("amoe_http_requests_total{")
                && line.contains(&format!("route=\"{route}\""))
        })
        .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

/// `.eml` files by mail id, across the replicas' outboxes.
fn mail_files(dirs: &[&Path]) -> BTreeMap<String, usize> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".eml").filter(|_| !name.starts_with('.')) {
                *files.entry(id.to_owned()).or_insert(0) += 1;
            }
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_under_load_loses_and_repeats_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(Engine::Postgres, &dir).await;
    let (outbox_a, outbox_b) = (dir.path().join("outbox-a"), dir.path().join("outbox-b"));
    let mut a = replica(&database_url, 0, &outbox_a);
    let mut b = replica(&database_url, 0, &outbox_b);
    let balancer = amoe_testkit::start(&dir.path().join("nginx"), &[a.port, b.port]).unwrap();
    let url = balancer.url.clone();
    let client = reqwest::Client::new();

    // The load: students declare (each under one key, retried as the app
    // retries), then look their declaration up, 16 at a time.
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let retries = Arc::new(AtomicUsize::new(0));
    let semaphore = Arc::new(tokio::sync::Semaphore::new(16));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..STUDENTS {
        let (client, url, acknowledged, retries, semaphore) = (
            client.clone(),
            url.clone(),
            acknowledged.clone(),
            retries.clone(),
            semaphore.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let _permit = semaphore.acquire().await.unwrap();
            let key = key();
            let response = until_answered(&retries, || {
                client
                    .post(format!("{url}/api/declarations"))
                    .header("idempotency-key", &key)
                    .json(&form(20_000 + n))
            })
            .await;
            assert_eq!(response.status(), 201, "student {n}");
            let receipt: Receipt = response.json().await.unwrap();
            acknowledged
                .lock()
                .unwrap()
                .push((n, receipt.reference.to_string()));
            let response = until_answered(&retries, || {
                client
                    .post(format!("{url}/api/status"))
                    .json(&lookup(20_000 + n))
            })
            .await;
            assert_eq!(response.status(), 200, "student {n}");
            let found: StatusResponse = response.json().await.unwrap();
            assert_eq!(found.declarations[0].reference, receipt.reference);
        }));
    }
    let wait_for = |count: usize| {
        let acknowledged = acknowledged.clone();
        async move {
            while acknowledged.lock().unwrap().len() < count {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
    };
    wait_for(150).await;
    let before_kill = (
        served(&client, a.port, "/api/declarations").await,
        served(&client, b.port, "/api/declarations").await,
    );
    kill(&mut a.child, "-KILL");
    let killed_at = acknowledged.lock().unwrap().len();
    wait_for(300).await;
    a = replica(&database_url, a.port, &outbox_a);
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();

    // A limit counts across both replicas: 5 wrong lookups of one CIN from
    // one address are answered, whichever replica takes each (then each
    // asks for a proof of work), and an
    // address the client writes in X-Forwarded-For changes nothing (nginx
    // replaces the header; the replicas trust that one hop).
    let mut answered = 0;
    for attempt in 0..12 {
        let wrong = {
            let mut details = lookup(20_000);
            details["birth_day"] = serde_json::json!("8");
            details
        };
        let forged = format!("203.0.113.{attempt}");
        let response = until_answered(&retries, || {
            client
                .post(format!("{url}/api/status"))
                .header("x-forwarded-for", &forged)
                .json(&wrong)
        })
        .await;
        match response.status().as_u16() {
            404 => answered += 1,
            428 => {}
            other => panic!("a wrong lookup answered {other}"),
        }
    }
    assert_eq!(
        answered, 5,
        "the limit of failed lookups per CIN and address"
    );

    // Every acknowledged declaration is stored once.
    sqlx::any::install_default_drivers();
    let db = sqlx::AnyPool::connect(&database_url).await.unwrap();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert_eq!(acknowledged.len(), STUDENTS as usize);
    let mut lost = 0;
    for (_, reference) in &acknowledged {
        let found = sqlx::query("SELECT 1 AS one FROM declarations WHERE reference = $1")
            .bind(reference)
            .fetch_optional(&db)
            .await
            .unwrap();
        lost += usize::from(found.is_none());
    }
    let stored: i64 = sqlx::query("SELECT COUNT(*) AS n FROM declarations")
        .fetch_one(&db)
        .await
        .unwrap()
        .get("n");
    let duplicated = stored - i64::from(STUDENTS);

    // Every mail goes out: the killed replica's claimed ones once its
    // lease ends, sent by whichever worker takes them.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let unsent: i64 = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL")
            .fetch_one(&db)
            .await
            .unwrap()
            .get("n");
        if unsent == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{unsent} mails still unsent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let ids: Vec<String> = sqlx::query("SELECT id FROM outbox")
        .fetch_all(&db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get("id"))
        .collect();
    let files = mail_files(&[&outbox_a, &outbox_b]);
    let missing = ids.iter().filter(|id| !files.contains_key(*id)).count();
    let sent_twice = files.values().filter(|&&count| count > 1).count();
    // nginx tries the restarted replica again after the documented 3 s.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for _ in 0..20 {
        until_answered(&retries, || client.get(format!("{url}/api/health"))).await;
    }
    let after_restart = served(&client, a.port, "/api/health").await;
    eprintln!(
        "replicas: {STUDENTS} students declared and looked up in {:.1} s through nginx; \
         replica A killed after {killed_at} acknowledged, restarted after 300; \
         declarations answered before the kill: A {}, B {}; {} requests retried after a \
         502 or a refused connection; {lost} acknowledged declarations lost, {duplicated} \
         duplicated; {} mails, {missing} not sent, {sent_twice} sent twice; the restarted A \
         answered {after_restart} of 20 health checks",
        elapsed.as_secs_f64(),
        before_kill.0,
        before_kill.1,
        retries.load(Ordering::Relaxed),
        ids.len(),
    );
    assert!(
        before_kill.0 > 0 && before_kill.1 > 0,
        "both replicas served"
    );
    assert_eq!((lost, duplicated), (0, 0));
    assert_eq!(
        ids.len(),
        STUDENTS as usize,
        "one receipt mail per declaration"
    );
    assert_eq!(missing, 0);
    assert!(
        files.keys().all(|id| ids.contains(id)),
        "a mail file without its row"
    );
    // Only a mail written but not yet recorded as sent when its replica
    // died can go twice (with the same Message-ID).
    assert!(sent_twice <= 1, "{sent_twice} mails sent twice");

    db.close().await;
    drop(balancer);
    kill(&mut a.child, "-TERM");
    kill(&mut b.child, "-TERM");
}
