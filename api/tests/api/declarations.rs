//! `POST /api/declarations` on both engines: every answer it can give, once
//! per key, once per student and year, and safe under concurrency.

use crate::helpers::{Engine, TestApp};
use amoe_domain::messages::{ErrorBody, ErrorCode, Receipt};
use serde_json::{Value, json};
use sqlx::Row;

crate::on_both_engines!(
    control_characters_typed_in_a_field_are_spaces,
    a_declaration_gets_a_reference_and_a_retry_the_same_one,
    it_is_stored_with_its_history,
    a_key_reused_for_another_declaration_is_refused,
    a_second_declaration_for_the_same_cin_this_year_is_a_409,
    every_field_error_comes_back_with_its_code,
    a_student_who_is_not_eligible_is_told_why,
    bodies_that_are_not_a_declaration_are_refused,
    concurrent_submissions_store_each_student_once,
    repeated_conflicts_for_one_cin_are_rationed,
);

pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A valid form for student number `n` (distinct CIN and Massar code).
pub fn form(n: u32) -> Value {
    let year = time::OffsetDateTime::now_utc().year() - 20;
    json!({
        "covered": "no",
        "cin": format!("AB{}", 100_000 + n),
        "massar": format!("R{}", 130_000_000 + n),
        "last_name": "El Amrani",
        "first_name": "Salma",
        "birth_day": "7",
        "birth_month": "3",
        "birth_year": year.to_string(),
        "email": format!("student{n}@example.ma"),
        "phone": "06 12 34 56 78",
        "university": "um5",
        "sworn": true,
        "lang": "fr",
    })
}

fn with(mut form: Value, field: &str, value: Value) -> Value {
    form[field] = value;
    form
}

async fn error(response: reqwest::Response) -> (u16, ErrorBody) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn a_declaration_gets_a_reference_and_a_retry_the_same_one(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let key = key();
    let first = app.declare(&key, &form(1)).await;
    assert_eq!(first.status(), 201);
    let receipt: Receipt = first.json().await.unwrap();
    assert!(receipt.reference.to_string().starts_with("AMOE-"));
    assert_eq!(receipt.status.as_str(), "received");
    // The same key (a retry after a lost answer) gets the same answer,
    // even with the fields spaced or cased differently.
    let retry = with(form(1), "cin", json!(" ab 100001 "));
    let second = app.declare(&key, &retry).await;
    assert_eq!(second.status(), 201);
    assert_eq!(second.json::<Receipt>().await.unwrap(), receipt);
}

async fn it_is_stored_with_its_history(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let receipt: Receipt = app.declare(&key(), &form(2)).await.json().await.unwrap();
    let db = app.database().await;
    let row = sqlx::query(
        "SELECT cin, phone, status, establishment FROM declarations WHERE reference = $1",
    )
    .bind(receipt.reference.to_string())
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(row.get::<String, _>("cin"), "AB100002");
    assert_eq!(row.get::<String, _>("phone"), "+212612345678");
    assert_eq!(row.get::<String, _>("status"), "received");
    assert_eq!(row.get::<Option<String>, _>("establishment"), None);
    let events = sqlx::query("SELECT status, at FROM declaration_events WHERE reference = $1")
        .bind(receipt.reference.to_string())
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].get::<String, _>("status"), "received");
    assert_eq!(events[0].get::<String, _>("at"), receipt.received_at);
}

async fn a_key_reused_for_another_declaration_is_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let key = key();
    assert_eq!(app.declare(&key, &form(3)).await.status(), 201);
    let (status, body) = error(app.declare(&key, &form(4)).await).await;
    assert_eq!((status, body.code), (422, ErrorCode::IdempotencyKeyReused));
}

async fn a_second_declaration_for_the_same_cin_this_year_is_a_409(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(app.declare(&key(), &form(5)).await.status(), 201);
    let again = with(form(5), "email", json!("other@example.ma"));
    let (status, body) = error(app.declare(&key(), &again).await).await;
    assert_eq!((status, body.code), (409, ErrorCode::AlreadyDeclared));
    // Nothing about the stored declaration is revealed.
    assert!(body.fields.is_empty());
    assert!(!body.message.contains("AMOE-"));
}

async fn every_field_error_comes_back_with_its_code(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let bad = json!({
        "covered": "no", "cin": "12345", "massar": "R1", "last_name": "", "first_name": "Salma",
        "birth_day": "31", "birth_month": "2", "birth_year": "2004", "email": "salma@",
        "phone": "12", "university": "mit", "sworn": false,
    });
    let (status, body) = error(app.declare(&key(), &bad).await).await;
    assert_eq!((status, body.code), (422, ErrorCode::InvalidFields));
    let fields: Vec<_> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("cin", "cin_missing_letters"),
            ("massar", "massar_wrong_length"),
            ("last_name", "name_empty"),
            ("birth_date", "birth_date_not_a_real_date"),
            ("email", "email_invalid"),
            ("phone", "phone_not_moroccan"),
            ("university", "unknown_university"),
            ("sworn", "sworn_missing"),
        ]
    );
    assert_eq!(count(&app).await, 0);
}

async fn a_student_who_is_not_eligible_is_told_why(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let covered = with(
        with(form(6), "covered", json!("yes")),
        "scheme",
        json!("cnss"),
    );
    let (status, body) = error(app.declare(&key(), &covered).await).await;
    assert_eq!((status, body.code), (422, ErrorCode::NotEligible));
    assert_eq!(
        (body.fields[0].field.as_str(), body.fields[0].code.as_str()),
        ("covered", "covered_elsewhere")
    );

    let year = time::OffsetDateTime::now_utc().year() - 40;
    let old = with(form(7), "birth_year", json!(year.to_string()));
    let (status, body) = error(app.declare(&key(), &old).await).await;
    assert_eq!((status, body.code), (422, ErrorCode::NotEligible));
    assert_eq!(
        (body.fields[0].field.as_str(), body.fields[0].code.as_str()),
        ("birth_date", "over_age")
    );
    assert_eq!(count(&app).await, 0);
}

async fn bodies_that_are_not_a_declaration_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let url = format!("{}/api/declarations", app.url);
    let post = |body: String, content_type: &'static str, key: Option<String>| {
        let mut request = app
            .client
            .post(&url)
            .header("content-type", content_type)
            .body(body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        request.send()
    };
    let cases: Vec<(&str, reqwest::Response, u16, ErrorCode)> = vec![
        (
            "malformed JSON",
            post("{\"cin\": ".into(), "application/json", Some(key()))
                .await
                .unwrap(),
            400,
            ErrorCode::InvalidJson,
        ),
        (
            "wrong type",
            post(r#"{"cin": 123}"#.into(), "application/json", Some(key()))
                .await
                .unwrap(),
            400,
            ErrorCode::InvalidJson,
        ),
        (
            "unknown field",
            post(
                r#"{"cin": "AB1234", "is_admin": true}"#.into(),
                "application/json",
                Some(key()),
            )
            .await
            .unwrap(),
            400,
            ErrorCode::InvalidJson,
        ),
        (
            "not JSON",
            post(
                "cin=AB1234".into(),
                "application/x-www-form-urlencoded",
                Some(key()),
            )
            .await
            .unwrap(),
            415,
            ErrorCode::UnsupportedMediaType,
        ),
        (
            "too large",
            post(
                format!(r#"{{"cin": "{}"}}"#, "A".repeat(100_000)),
                "application/json",
                Some(key()),
            )
            .await
            .unwrap(),
            413,
            ErrorCode::PayloadTooLarge,
        ),
        (
            "no key",
            post(form(8).to_string(), "application/json", None)
                .await
                .unwrap(),
            400,
            ErrorCode::IdempotencyKeyMissing,
        ),
        (
            "key not a UUID",
            post(
                form(8).to_string(),
                "application/json",
                Some("12345".into()),
            )
            .await
            .unwrap(),
            400,
            ErrorCode::IdempotencyKeyMissing,
        ),
        (
            "key not v4",
            post(
                form(8).to_string(),
                "application/json",
                Some("6ba7b810-9dad-11d1-80b4-00c04fd430c8".into()),
            )
            .await
            .unwrap(),
            400,
            ErrorCode::IdempotencyKeyMissing,
        ),
    ];
    for (case, response, status, code) in cases {
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{case}"
        );
        let (got_status, body) = error(response).await;
        assert_eq!((got_status, body.code), (status, code), "{case}");
    }
    assert_eq!(count(&app).await, 0);
}

async fn concurrent_submissions_store_each_student_once(engine: Engine) {
    let app = std::sync::Arc::new(TestApp::spawn(engine).await);
    // 150 students; 50 of them send twice under the same key, all at once.
    let keys: Vec<String> = (0..150).map(|_| key()).collect();
    let mut submissions: Vec<(u32, String)> =
        (0..150).map(|n| (n, keys[n as usize].clone())).collect();
    submissions.extend((0..50).map(|n| (n * 3, keys[(n * 3) as usize].clone())));
    let tasks: Vec<_> = submissions
        .into_iter()
        .map(|(n, key)| {
            let app = app.clone();
            tokio::spawn(async move {
                let response = app.declare(&key, &form(1000 + n)).await;
                assert_eq!(response.status(), 201, "student {n}");
                (n, response.json::<Receipt>().await.unwrap().reference)
            })
        })
        .collect();
    let mut references = std::collections::HashMap::new();
    for task in tasks {
        let (n, reference) = task.await.unwrap();
        // A student's two answers carry the same reference.
        if let Some(earlier) = references.insert(n, reference.clone()) {
            assert_eq!(earlier, reference, "student {n}");
        }
    }
    assert_eq!(references.len(), 150);
    assert_eq!(count(&app).await, 150);
    let events: i64 = sqlx::query("SELECT COUNT(*) AS n FROM declaration_events")
        .fetch_one(&app.database().await)
        .await
        .unwrap()
        .get("n");
    assert_eq!(events, 150);
}

async fn repeated_conflicts_for_one_cin_are_rationed(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |config| {
        config.limits.conflicts_per_cin = amoe_api::db::rate_limits::Limit::per(2, 3600);
    })
    .await;
    assert_eq!(app.declare(&key(), &form(20)).await.status(), 201);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(app.declare(&key(), &form(20)).await.status().as_u16());
    }
    assert_eq!(statuses, [409, 409, 429]);
    // Another student behind the same address declares all the same.
    assert_eq!(app.declare(&key(), &form(21)).await.status(), 201);
}

async fn count(app: &TestApp) -> i64 {
    sqlx::query("SELECT COUNT(*) AS n FROM declarations")
        .fetch_one(&app.database().await)
        .await
        .unwrap()
        .get("n")
}

async fn control_characters_typed_in_a_field_are_spaces(engine: Engine) {
    // A NUL (which PostgreSQL refuses in text) or an escape pasted into a
    // free-text field is stored as a space, never a server error.
    let app = TestApp::spawn(engine).await;
    let response = app
        .declare(
            &key(),
            &with(
                form(9_100),
                "establishment",
                json!("Faculté\u{0}des sciences\u{1b}"),
            ),
        )
        .await;
    assert_eq!(response.status(), 201);
    let pool = app.database().await;
    let stored: String = sqlx::query("SELECT establishment FROM declarations")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get("establishment");
    assert_eq!(stored, "Faculté des sciences");
}
