//! The tallies that the dashboard and the counts of a search by filters
//! read are the declarations counted afresh, after any sequence of
//! declarations (identity conflicts among them), decisions, exports that
//! mark, corrections, erasures and purges: a sequence drawn at random
//! (from a fixed seed), checked after every step.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, with_operator};
use amoe_api::clock::Clock;
use amoe_api::db::Db;
use amoe_api::retention::{Retention, purge};
use amoe_domain::declaration::RefusalReason;
use serde_json::json;
use sqlx::Row;
use std::collections::BTreeMap;
use time::macros::datetime;

crate::on_both_engines!(the_tallies_equal_a_recount_after_any_sequence);

/// A tally's key: year, university, day, status, reason's code, identity
/// conflict, vouched.
type Key = (String, String, String, String, String, i64, i64);

async fn recount(pool: &sqlx::AnyPool) -> BTreeMap<Key, i64> {
    let mut counts = BTreeMap::new();
    let rows = sqlx::query(
        "SELECT academic_year, university_id, received_at, status, refusal_reason, \
         identity_conflict, vouched_by FROM declarations",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for row in rows {
        let reason = row
            .get::<Option<String>, _>("refusal_reason")
            .map(|json| {
                serde_json::from_str::<RefusalReason>(&json)
                    .unwrap()
                    .code()
                    .to_owned()
            })
            .unwrap_or_default();
        let key = (
            row.get("academic_year"),
            row.get("university_id"),
            row.get::<String, _>("received_at")[..10].to_owned(),
            row.get("status"),
            reason,
            i64::from(row.get::<i64, _>("identity_conflict") != 0),
            i64::from(!row.get::<String, _>("vouched_by").is_empty()),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
}

async fn tallied(pool: &sqlx::AnyPool) -> BTreeMap<Key, i64> {
    sqlx::query(
        "SELECT academic_year, university_id, received_on, status, reason, identity_conflict, \
         vouched, declarations FROM declaration_tallies WHERE declarations <> 0",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|row| {
        (
            (
                row.get("academic_year"),
                row.get("university_id"),
                row.get("received_on"),
                row.get("status"),
                row.get("reason"),
                row.get("identity_conflict"),
                row.get("vouched"),
            ),
            row.get("declarations"),
        )
    })
    .collect()
}

/// A small generator of the sequence (Knuth's MMIX LCG): the same seed,
/// the same steps.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

async fn operator(app: &TestApp, path: &str, body: serde_json::Value) -> u16 {
    app.operator(path)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn the_tallies_equal_a_recount_after_any_sequence(engine: Engine) {
    let clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.mail.poll = None;
        with_operator(config);
    })
    .await;
    let pool = app.database().await;
    let db = Db::open(&app.database_url).await.unwrap();
    let mut draw = Draw(20_261_206);
    let mut references: Vec<String> = Vec::new();
    let mut students = 0u32;
    let mut steps = BTreeMap::<&str, u32>::new();
    for _ in 0..70 {
        let step = match draw.below(10) {
            0..=3 => {
                students += 1;
                let mut student = form(students);
                student["university"] = json!(["um5", "uit", "uca"][draw.below(3) as usize]);
                if students > 1 && draw.below(4) == 0 {
                    // Someone else's CIN with other details: a conflict.
                    student["cin"] =
                        form(1 + draw.below(u64::from(students - 1)) as u32)["cin"].clone();
                }
                let answer = app.declare(&key(), &student).await;
                if answer.status() == 201 {
                    let receipt: serde_json::Value = answer.json().await.unwrap();
                    references.push(receipt["reference"].as_str().unwrap().to_owned());
                }
                "declare"
            }
            _ if references.is_empty() => "nothing",
            4 | 5 => {
                let reference = &references[draw.below(references.len() as u64) as usize];
                let decision = match draw.below(3) {
                    0 => json!({"reference": reference, "decision": "covered",
                        "decision_date": clock.now().date().to_string()}),
                    1 => json!({"reference": reference, "decision": "refused",
                        "reason_code": "not_enrolled", "decision_date": clock.now().date().to_string()}),
                    _ => json!({"reference": reference, "decision": "refused",
                        "reason_code": "other", "reason_text": "Dossier incomplet",
                        "decision_date": clock.now().date().to_string()}),
                };
                operator(&app, "decisions", json!([decision])).await;
                "decide"
            }
            6 => {
                let answer = app
                    .operator("export")
                    .json(&json!({"mark": true}))
                    .send()
                    .await
                    .unwrap();
                // A JSON export ends once its last page is marked.
                answer.bytes().await.unwrap();
                "export"
            }
            7 => {
                let reference = &references[draw.below(references.len() as u64) as usize];
                let changes = if draw.below(2) == 0 {
                    json!({"cin": form(1 + draw.below(u64::from(students)) as u32)["cin"]})
                } else {
                    json!({"last_name": "Bennani"})
                };
                operator(
                    &app,
                    "correct",
                    json!({"reference": reference, "changes": changes}),
                )
                .await;
                "correct"
            }
            8 => {
                let i = draw.below(references.len() as u64) as usize;
                let reference = references.swap_remove(i);
                operator(
                    &app,
                    "erase",
                    json!({"reference": reference, "reason": "the student's request"}),
                )
                .await;
                "erase"
            }
            _ => {
                // A year goes by; two years are kept.
                clock.set(clock.now() + time::Duration::days(200));
                purge(
                    &db,
                    Retention {
                        academic_years: 2,
                        ..Retention::default()
                    },
                    amoe_domain::declaration::YearStart::default(),
                    clock.now(),
                    &app.outbox_dir(),
                    &|_, _| {},
                )
                .await
                .unwrap();
                "time passes, a purge"
            }
        };
        *steps.entry(step).or_default() += 1;
        assert_eq!(
            tallied(&pool).await,
            recount(&pool).await,
            "after {step} ({steps:?})"
        );
    }
    // The sequence did a bit of everything.
    assert!(steps.len() >= 6, "{steps:?}");
}
