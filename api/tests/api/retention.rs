//! Nothing personal is kept past its retention period: old academic years'
//! declarations become anonymous counts, sent mails and their files go.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp};
use amoe_api::clock::Clock;
use amoe_api::db::Db;
use amoe_api::retention::{Purged, Retention, purge};
use amoe_domain::api::Receipt;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::macros::datetime;

crate::on_both_engines!(old_years_become_counts_and_sent_mails_go);

const TOKEN: &str = "retention-test-token";

async fn old_years_become_counts_and_sent_mails_go(engine: Engine) {
    let clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.outbox_poll = None;
        config.operator_tokens = vec![Sha256::digest(TOKEN.as_bytes()).into()];
    })
    .await;
    let a: Receipt = app.declare(&key(), &form(1)).await.json().await.unwrap();
    let _b: Receipt = app.declare(&key(), &form(2)).await.json().await.unwrap();
    let decided = app
        .client
        .post(format!("{}/api/operator/decisions", app.url))
        .bearer_auth(TOKEN)
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
    let outbox = app.outbox_dir();
    std::fs::create_dir_all(&outbox).unwrap();
    std::fs::write(outbox.join("old.received.eml"), "a mail").unwrap();
    std::fs::write(outbox.join("notes.txt"), "not a mail").unwrap();

    // Three years on, with 2026-2027 out of the three kept.
    clock.set(datetime!(2029-09-05 09:00 UTC));
    let db = Db::open(&app.database_url).await.unwrap();
    let year_start = amoe_domain::declaration::YearStart::default();
    let purged = purge(&db, Retention::default(), year_start, clock.now(), &outbox)
        .await
        .unwrap();
    assert_eq!(
        purged,
        Purged {
            declarations: 2,
            mails: 3,
            mail_files: 1
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
    let again = purge(&db, Retention::default(), year_start, clock.now(), &outbox)
        .await
        .unwrap();
    assert_eq!(again, Purged::default());
    assert_eq!(left("SELECT COUNT(*) AS n FROM declarations").await, 1);
}
