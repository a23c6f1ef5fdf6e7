//! Nothing personal is kept past its retention period: old academic years'
//! declarations become anonymous counts, sent mails and their files go.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, with_operator};
use amoe_api::clock::Clock;
use amoe_api::db::Db;
use amoe_api::retention::{Erased, Purged, Retention, purge};
use amoe_domain::messages::Receipt;
use serde_json::json;
use sqlx::Row;
use time::macros::datetime;

crate::on_both_engines!(
    old_years_become_counts_and_sent_mails_go,
    a_year_is_purged_while_students_declare,
    failing_mails_half_written_files_and_old_audit_entries_go,
);

async fn old_years_become_counts_and_sent_mails_go(engine: Engine) {
    let clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.mail.poll = None;
        with_operator(config);
    })
    .await;
    let a: Receipt = app.declare(&key(), &form(1)).await.json().await.unwrap();
    let _b: Receipt = app.declare(&key(), &form(2)).await.json().await.unwrap();
    let decided = app
        .operator("decisions")
        .json(
            &json!([{"reference": a.reference.to_string(), "decision": "refused",
            "reason_code": "not_enrolled", "decision_date": "2026-11-01"}]),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 200);
    let pool = app.database().await;
    sqlx::query("UPDATE outbox SET sent_at = $1")
        .bind(clock.now_secs())
        .execute(&pool)
        .await
        .unwrap();
    // The university's roster of that year goes with its declarations.
    let file = format!(
        "cin,massar,birth_date\n{},{},{}-03-07\n",
        form(1)["cin"].as_str().unwrap(),
        form(1)["massar"].as_str().unwrap(),
        form(1)["birth_year"].as_str().unwrap(),
    );
    let given = app
        .client
        .put(format!("{}/api/rosters/um5/2026-2027", app.url))
        .bearer_auth(crate::helpers::OPERATOR_TOKEN)
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(given.status(), 200);
    let outbox = app.outbox_dir();
    std::fs::create_dir_all(&outbox).unwrap();
    std::fs::write(outbox.join("old.received.eml"), "a mail").unwrap();
    std::fs::write(outbox.join("notes.txt"), "not a mail").unwrap();

    // Three years on, with 2026-2027 out of the three kept.
    clock.set(datetime!(2029-09-05 09:00 UTC));
    let db = Db::open(&app.database_url).await.unwrap();
    let year_start = amoe_domain::declaration::YearStart::default();
    let purged = purge(
        &db,
        Retention::default(),
        year_start,
        clock.now(),
        &outbox,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(
        purged,
        Purged {
            declarations: 2,
            mails: 3,
            mail_files: 1,
            audit_entries: 0,
            roster_entries: 1,
        }
    );
    let left = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
                .get::<i64, _>("n")
        }
    };
    assert_eq!(left("SELECT COUNT(*) AS n FROM declarations").await, 0);
    assert_eq!(
        left("SELECT COUNT(*) AS n FROM declaration_events").await,
        0
    );
    assert_eq!(left("SELECT COUNT(*) AS n FROM outbox").await, 0);
    assert_eq!(left("SELECT COUNT(*) AS n FROM rosters").await, 0);
    assert!(outbox.join("notes.txt").exists());
    let counts: Vec<(String, String, String, i64)> = sqlx::query(
        "SELECT academic_year, status, reason, declarations FROM declaration_counts \
         ORDER BY status",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|row| {
        (
            row.get("academic_year"),
            row.get("status"),
            row.get("reason"),
            row.get("declarations"),
        )
    })
    .collect();
    assert_eq!(
        counts,
        [
            ("2026-2027".into(), "received".into(), "".into(), 1),
            (
                "2026-2027".into(),
                "refused".into(),
                "not_enrolled".into(),
                1
            ),
        ]
    );
    // The student starts afresh; a second pass changes nothing.
    assert_eq!(app.declare(&key(), &form(1)).await.status(), 201);
    let again = purge(
        &db,
        Retention::default(),
        year_start,
        clock.now(),
        &outbox,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(again, Purged::default());
    assert_eq!(left("SELECT COUNT(*) AS n FROM declarations").await, 1);
}

/// Stores `n` declarations of `year` straight into the database (a past
/// year that the API would no longer accept), a tenth of them refused; how
/// many of each status.
async fn store_year(pool: &sqlx::AnyPool, year: &str, n: usize) -> (i64, i64) {
    let mut tx = pool.begin().await.unwrap();
    let mut refused = 0;
    for i in 0..n {
        let reference = format!("AMOE-OLD{i:06}");
        let (status, reason) = if i % 10 == 0 {
            refused += 1;
            ("refused", Some(r#"{"reason":"not_enrolled"}"#))
        } else {
            ("covered", None)
        };
        sqlx::query(
            "INSERT INTO declarations (reference, academic_year, cin, massar, last_name, \
               first_name, birth_date, email, university_id, lang, status, idempotency_key, \
               request_hash, received_at, refusal_reason, name_folded) \
             VALUES ($1, $2, $3, 'R130000000', 'Alaoui', 'Sara', '2004-03-07', \
               'old@example.ma', 'um5', 'fr', $4, $5, '', '2024-10-01T09:00:00Z', $6, ' alaoui sara')",
        )
        .bind(&reference)
        .bind(year)
        .bind(format!("ZZ{i:06}"))
        .bind(status)
        .bind(format!("old-{i}"))
        .bind(reason)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO declaration_events (reference, position, status, at) \
             VALUES ($1, 0, 'received', '2024-10-01T09:00:00Z')",
        )
        .bind(&reference)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    ((n as i64) - refused, refused)
}

async fn count(pool: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(pool)
        .await
        .unwrap()
        .get::<i64, _>("n")
}

/// A year of declarations is erased in batches while students declare
/// from many tasks at once: the purge completes, every student gets their
/// `201`, and the anonymous counts are what was erased.
async fn a_year_is_purged_while_students_declare(engine: Engine) {
    let clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.mail.poll = None;
    })
    .await;
    let pool = app.database().await;
    let (covered, refused) = store_year(&pool, "2024-2025", 6_000).await;

    // Two years kept: 2024-2025 goes.
    let db = Db::open(&app.database_url).await.unwrap();
    let retention = Retention {
        academic_years: 2,
        ..Retention::default()
    };
    let batches = std::sync::atomic::AtomicU64::new(0);
    let progress = |what: Erased, _n: u64| {
        if what == Erased::Declarations {
            batches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let students = (0..8u32).map(|task| {
        let client = app.client.clone();
        let url = app.url.clone();
        tokio::spawn(async move {
            let mut answers = Vec::new();
            for i in 0..25 {
                let answer = client
                    .post(format!("{url}/api/declarations"))
                    .header("idempotency-key", key())
                    .json(&form(1_000 + task * 100 + i))
                    .send()
                    .await
                    .unwrap();
                answers.push(answer.status().as_u16());
            }
            answers
        })
    });
    let students: Vec<_> = students.collect();
    let purged = purge(
        &db,
        retention,
        amoe_domain::declaration::YearStart::default(),
        clock.now(),
        &app.outbox_dir(),
        &progress,
    )
    .await
    .expect("the purge completes while students declare");
    for student in students {
        let answers = student.await.unwrap();
        assert!(answers.iter().all(|s| *s == 201), "{answers:?}");
    }
    assert_eq!(purged.declarations, 6_000);
    assert!(batches.into_inner() >= 6_000 / 500, "erased in batches");
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) AS n FROM declarations WHERE academic_year = '2024-2025'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) AS n FROM declarations WHERE academic_year = '2026-2027'"
        )
        .await,
        200
    );
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) AS n FROM declaration_events WHERE reference LIKE 'AMOE-OLD%'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &pool,
            "SELECT CAST(SUM(declarations) AS BIGINT) AS n FROM declaration_counts \
             WHERE academic_year = '2024-2025' AND status = 'covered'"
        )
        .await,
        covered
    );
    assert_eq!(
        count(
            &pool,
            "SELECT CAST(SUM(declarations) AS BIGINT) AS n FROM declaration_counts \
             WHERE academic_year = '2024-2025' AND status = 'refused' AND reason = 'not_enrolled'"
        )
        .await,
        refused
    );
    // The tallies the dashboard reads lost the year too.
    assert_eq!(
        count(
            &pool,
            "SELECT CAST(COALESCE(SUM(declarations), 0) AS BIGINT) AS n FROM declaration_tallies \
             WHERE academic_year = '2024-2025'"
        )
        .await,
        0
    );
}

/// Mails that failed for as long as sent ones are kept go, half-written
/// mail files go, and audit entries go after `audit_days` with the
/// references that led a case's page to them.
async fn failing_mails_half_written_files_and_old_audit_entries_go(engine: Engine) {
    let clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.mail.poll = None;
        with_operator(config);
    })
    .await;
    let a: Receipt = app.declare(&key(), &form(1)).await.json().await.unwrap();
    let pool = app.database().await;
    // The receipt's mail never went: it failed for 31 days.
    sqlx::query("UPDATE outbox SET attempts = 30, last_error = 'refused'")
        .execute(&pool)
        .await
        .unwrap();
    let shown = app
        .operator("show")
        .json(&json!({"reference": a.reference.to_string()}))
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 200);
    assert!(count(&pool, "SELECT COUNT(*) AS n FROM audit_references").await >= 1);
    let outbox = app.outbox_dir();
    std::fs::create_dir_all(&outbox).unwrap();
    let later = datetime!(2026-11-16 09:00 UTC);
    // A worker stopped while writing a mail two hours before.
    let partial = outbox.join(".cut-short.eml.partial");
    std::fs::write(&partial, "half a mail").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&partial)
        .unwrap()
        .set_modified((later - time::Duration::hours(2)).into())
        .unwrap();

    let db = Db::open(&app.database_url).await.unwrap();
    let year_start = amoe_domain::declaration::YearStart::default();
    let purged = purge(
        &db,
        Retention::default(),
        year_start,
        later,
        &outbox,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(purged.mails, 1);
    assert_eq!(count(&pool, "SELECT COUNT(*) AS n FROM outbox").await, 0);
    assert!(!outbox.join(".cut-short.eml.partial").exists());
    assert_eq!(
        count(&pool, "SELECT COUNT(*) AS n FROM declarations").await,
        1
    );
    assert_eq!(purged.audit_entries, 0);

    let short = Retention {
        audit_days: 30,
        ..Retention::default()
    };
    let purged = purge(&db, short, year_start, later, &outbox, &|_, _| {})
        .await
        .unwrap();
    assert!(purged.audit_entries >= 1, "{purged:?}");
    assert_eq!(count(&pool, "SELECT COUNT(*) AS n FROM audit_log").await, 0);
    assert_eq!(
        count(&pool, "SELECT COUNT(*) AS n FROM audit_references").await,
        0
    );
}
