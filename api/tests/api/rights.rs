//! A student's rights, served by operators over HTTP on both engines:
//! access (`show`), rectification (`correct`) and erasure (`erase`), each
//! in the audit log, and each refusing what it cannot do without changing
//! anything.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, with_operator};
use crate::status::lookup;
use amoe_domain::messages::operator::{AuditResponse, EraseResponse, ShowResponse};
use amoe_domain::messages::{ErrorBody, ErrorCode, Receipt, StatusResponse};
use serde_json::{Value, json};

crate::on_both_engines!(
    access_shows_everything_stored_and_never_logs_the_cin,
    a_corrected_cin_clears_the_identity_conflict,
    a_wrong_correction_changes_nothing,
    erasure_leaves_only_a_count,
    the_journal_erases_and_revokes_again_what_a_restore_brought_back,
);

async fn app(engine: Engine) -> TestApp {
    TestApp::spawn_configured(engine, |config| {
        with_operator(config);
    })
    .await
}

async fn declare(app: &TestApp, form: &Value) -> String {
    let response = app.declare(&key(), form).await;
    assert_eq!(response.status(), 201);
    let receipt: Receipt = response.json().await.unwrap();
    receipt.reference.to_string()
}

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.operator(path).json(&body).send().await.unwrap()
}

async fn show(app: &TestApp, body: Value) -> ShowResponse {
    let response = post(app, "show", body).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn error(response: reqwest::Response) -> (u16, ErrorBody) {
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn audit(app: &TestApp) -> AuditResponse {
    app.audit().await
}

/// The same CIN as `form(n)`, with another Massar code: someone else's
/// declaration under it.
fn twin(n: u32) -> Value {
    let mut twin = form(n);
    twin["massar"] = json!("R139999999");
    twin["email"] = json!(format!("twin{n}@example.ma"));
    twin
}

async fn access_shows_everything_stored_and_never_logs_the_cin(engine: Engine) {
    let app = app(engine).await;
    let reference = declare(&app, &form(8_000)).await;
    let other = declare(&app, &twin(8_000)).await;
    let shown = show(&app, json!({"reference": reference.to_lowercase()})).await;
    let [declaration] = &shown.declarations[..] else {
        panic!("{shown:?}")
    };
    assert_eq!(declaration.declaration.reference, reference);
    assert_eq!(declaration.declaration.cin, "AB108000");
    assert_eq!(declaration.lang, "fr");
    assert_eq!(declaration.events.len(), 1);
    assert_eq!(declaration.events[0].status.as_str(), "received");
    assert_eq!(declaration.mails.len(), 1, "{:?}", declaration.mails);
    assert_eq!(declaration.mails[0].kind, "received");
    assert_eq!(declaration.mails[0].recipient, "student8000@example.ma");
    assert!(declaration.mails[0].body_text.contains(&reference));
    // By CIN: both declarations under it, flagged for the fund.
    let by_cin = show(&app, json!({"cin": "ab 108000"})).await;
    let references: Vec<&str> = by_cin
        .declarations
        .iter()
        .map(|d| d.declaration.reference.as_str())
        .collect();
    assert_eq!(references, [reference.as_str(), other.as_str()]);
    assert!(
        by_cin
            .declarations
            .iter()
            .all(|d| d.declaration.identity_conflict)
    );
    // A CIN nobody declared: nothing; an unknown reference: 404; neither
    // or both: the field to give.
    assert!(
        show(&app, json!({"cin": "ZZ999999"}))
            .await
            .declarations
            .is_empty()
    );
    let unknown = amoe_domain::declaration::Reference::from_random(12_345).to_string();
    let (status, body) = error(post(&app, "show", json!({"reference": unknown})).await).await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (404, "unknown_reference")
    );
    for bad in [
        json!({}),
        json!({"reference": reference, "cin": "AB108000"}),
    ] {
        let (status, body) = error(post(&app, "show", bad).await).await;
        assert_eq!((status, body.code), (422, ErrorCode::InvalidFields));
        assert_eq!(body.fields[0].code, "reference_or_cin");
    }
    // Access is audited, by reference; the CIN asked for is not written.
    let log = audit(&app).await;
    let shows: Vec<&Value> = log
        .entries
        .iter()
        .filter(|e| e.action == "show")
        .map(|e| &e.detail)
        .collect();
    assert_eq!(shows.len(), 4, "{shows:?}");
    assert!(
        shows
            .iter()
            .any(|d| d["by"] == "cin" && d["references"][1] == other.as_str())
    );
    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains("108000") && !text.contains("ZZ999999"),
        "{text}"
    );
    // Without the token, nothing.
    let anonymous = app
        .client
        .post(format!("{}/api/operator/show", app.url))
        .json(&json!({"reference": reference}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn a_corrected_cin_clears_the_identity_conflict(engine: Engine) {
    let app = app(engine).await;
    let first = declare(&app, &form(8_100)).await;
    // A student typed a wrong CIN: theirs is AB108101.
    let wrong = declare(&app, &twin(8_100)).await;
    let response = post(
        &app,
        "correct",
        json!({"reference": wrong, "changes": {"cin": "ab108101", "last_name": "  Bennani ",
            "phone": ""}}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let corrected: ShowResponse = response.json().await.unwrap();
    let d = &corrected.declarations[0];
    assert_eq!(
        (d.declaration.cin.as_str(), d.declaration.last_name.as_str()),
        ("AB108101", "Bennani")
    );
    assert_eq!(d.declaration.phone, None);
    assert!(!d.declaration.identity_conflict);
    let fields: Vec<&str> = d.corrections.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["cin", "last_name", "phone"]);
    let first_now = show(&app, json!({"reference": first})).await;
    assert!(!first_now.declarations[0].declaration.identity_conflict);
    // The student finds it with their own CIN now.
    let mut details = lookup(8_100);
    details["cin"] = json!("AB108101");
    details["massar"] = json!("R139999999");
    let found: StatusResponse = app.status(&details).await.json().await.unwrap();
    assert_eq!(found.declarations[0].reference.to_string(), wrong);
    // Audited with the fields' names, not their values.
    let log = audit(&app).await;
    let entry = log.entries.iter().find(|e| e.action == "correct").unwrap();
    assert_eq!(entry.detail["reference"], wrong.as_str());
    assert_eq!(entry.detail["fields"], json!(["cin", "last_name", "phone"]));
    assert!(!serde_json::to_string(&log).unwrap().contains("Bennani"));
}

async fn a_wrong_correction_changes_nothing(engine: Engine) {
    let app = app(engine).await;
    let a = declare(&app, &form(8_200)).await;
    let b = declare(&app, &form(8_201)).await;
    let before = show(&app, json!({"reference": a})).await;
    // Invalid values: every field named, nothing changed.
    let (status, body) = error(
        post(
            &app,
            "correct",
            json!({"reference": a, "changes": {"email": "nobody", "birth_date": "2004-02-30",
                "last_name": "Bennani"}}),
        )
        .await,
    )
    .await;
    assert_eq!((status, body.code), (422, ErrorCode::InvalidFields));
    let fields: Vec<&str> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["birth_date", "email"]);
    // No change, unknown fields, an unknown reference.
    let (status, body) =
        error(post(&app, "correct", json!({"reference": a, "changes": {}})).await).await;
    assert_eq!((status, body.fields[0].code.as_str()), (422, "no_change"));
    let (status, _) = error(
        post(
            &app,
            "correct",
            json!({"reference": a, "changes": {"status": "covered"}}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
    let unknown = amoe_domain::declaration::Reference::from_random(12_345).to_string();
    let (status, body) = error(
        post(
            &app,
            "correct",
            json!({"reference": unknown, "changes": {"last_name": "X"}}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (404, "unknown_reference")
    );
    // b made into a's twin exactly: the same details are declared once.
    let (status, body) = error(
        post(
            &app,
            "correct",
            json!({"reference": b, "changes": {"cin": form(8_200)["cin"], "massar": form(8_200)["massar"]}}),
        )
        .await,
    )
    .await;
    assert_eq!((status, body.code), (409, ErrorCode::AlreadyDeclared));
    // (The mail worker may have sent the receipt meanwhile.)
    let declaration = |shown: ShowResponse| {
        (
            shown.declarations[0].declaration.clone(),
            shown.declarations[0].corrections.clone(),
        )
    };
    assert_eq!(
        declaration(show(&app, json!({"reference": a})).await),
        declaration(before)
    );
    let b_now = show(&app, json!({"reference": b})).await;
    assert_eq!(b_now.declarations[0].declaration.cin, "AB108201");
    assert!(b_now.declarations[0].corrections.is_empty());
    assert!(
        audit(&app)
            .await
            .entries
            .iter()
            .all(|e| e.action != "correct")
    );
}

async fn erasure_leaves_only_a_count(engine: Engine) {
    let app = app(engine).await;
    let reference = declare(&app, &form(8_300)).await;
    let kept = declare(&app, &twin(8_300)).await;
    let decision =
        json!([{"reference": reference, "decision": "covered", "decision_date": "2026-12-01"}]);
    let imported = app
        .operator("decisions")
        .json(&decision)
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 200);
    // A reason is required, and says why without personal data: it stays
    // in the audit log.
    let (status, body) = error(
        post(
            &app,
            "erase",
            json!({"reference": reference, "reason": " "}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (422, "reason_length")
    );
    for personal in [
        "asked by Salma El Amrani",
        "CIN ab 108300",
        "mail student8300@example.ma",
    ] {
        let (status, body) = error(
            post(
                &app,
                "erase",
                json!({"reference": reference, "reason": personal}),
            )
            .await,
        )
        .await;
        assert_eq!(
            (status, body.fields[0].code.as_str()),
            (422, "reason_is_personal"),
            "{personal}"
        );
    }
    // The mails are out (as .eml files) before the erasure.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while show(&app, json!({"reference": reference}))
        .await
        .declarations[0]
        .mails
        .iter()
        .any(|m| m.sent_at.is_none())
    {
        assert!(std::time::Instant::now() < deadline, "mails unsent");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let files = |dir: std::path::PathBuf| -> usize {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&reference))
            .count()
    };
    assert_eq!(files(app.outbox_dir()), 2);
    let response = post(
        &app,
        "erase",
        json!({"reference": reference, "reason": "the student's request of 2026-11-20"}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let erased: EraseResponse = response.json().await.unwrap();
    assert_eq!((erased.events, erased.mails), (2, 2));
    assert_eq!(files(app.outbox_dir()), 0, "the .eml files go too");
    // Gone everywhere a person could be found.
    let (status, _) = error(post(&app, "show", json!({"reference": reference})).await).await;
    assert_eq!(status, 404);
    assert_eq!(app.status(&lookup(8_300)).await.status(), 404);
    let pool = app.database().await;
    use sqlx::Row;
    for (table, column) in [
        ("declarations", "reference"),
        ("declaration_events", "reference"),
        ("declaration_corrections", "reference"),
        ("outbox", "id"),
    ] {
        let n: i64 = sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE {column} LIKE $1"
        ))
        .bind(format!("{reference}%"))
        .fetch_one(&pool)
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let counted: i64 = sqlx::query(
        "SELECT declarations FROM declaration_counts WHERE status = 'covered' AND university_id = 'um5'",
    )
    .fetch_one(&pool)
    .await
    .unwrap()
    .try_get("declarations")
    .unwrap();
    assert_eq!(counted, 1);
    // The other declaration of the CIN stands, no longer contradicted.
    let left = show(&app, json!({"reference": kept})).await;
    assert!(!left.declarations[0].declaration.identity_conflict);
    // Erasing again, or an unknown reference: an error, nothing changed.
    let (status, body) = error(
        post(
            &app,
            "erase",
            json!({"reference": reference, "reason": "again"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (404, "unknown_reference")
    );
    let log = audit(&app).await;
    let entries: Vec<_> = log.entries.iter().filter(|e| e.action == "erase").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].detail["reason"],
        "the student's request of 2026-11-20"
    );
    assert_eq!(entries[0].detail["reference"], reference.as_str());
}

/// What a restored backup brings back (a declaration erased, an agent
/// revoked after it was taken) goes again when the journal is applied, on
/// either engine; applied twice, it changes nothing more.
async fn the_journal_erases_and_revokes_again_what_a_restore_brought_back(engine: Engine) {
    use amoe_api::journal::{Entry, Journal, Reapplied, reapply};
    use sqlx::Row;
    let app = app(engine).await;
    let erased = declare(&app, &form(31)).await;
    let kept = declare(&app, &form(32)).await;
    let invited: Value = app
        .operator("agents")
        .json(&json!({"name": "Samira Alaoui", "role": "fund"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let agent = invited["agent"]["id"].as_str().unwrap();
    // As after a restore: the journal names them, the database holds them.
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::at(&dir.path().join("amoe.journal"));
    let received_at: String =
        sqlx::query("SELECT received_at FROM declarations WHERE reference = $1")
            .bind(&erased)
            .fetch_one(&app.database().await)
            .await
            .unwrap()
            .get::<String, _>("received_at");
    journal
        .record(&Entry::erased(&erased, &received_at))
        .unwrap();
    journal.record(&Entry::revoked(agent)).unwrap();
    let db = amoe_api::db::Db::open(&app.database_url).await.unwrap();
    assert_eq!(
        reapply(&db, &amoe_api::secret::Secret::default(), &journal)
            .await
            .unwrap(),
        Reapplied {
            erased: 1,
            revoked: 1,
            cut: 0,
            found: true
        }
    );
    assert_eq!(
        reapply(&db, &amoe_api::secret::Secret::default(), &journal)
            .await
            .unwrap(),
        Reapplied {
            found: true,
            ..Reapplied::default()
        }
    );
    let status = |reference: &str| post(&app, "show", json!({"reference": reference}));
    assert_eq!(status(&erased).await.status(), 404);
    assert_eq!(status(&kept).await.status(), 200);
    let agents: Value = app
        .client
        .get(format!("{}/api/operator/agents", app.url))
        .bearer_auth(crate::helpers::OPERATOR_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(agents["agents"][0]["revoked_at"].is_i64(), "{agents}");
    // The restore is in the audit log as the actor of both.
    let log: AuditResponse = app.audit().await;
    assert!(
        log.entries
            .iter()
            .any(|e| e.actor == "restore" && e.action == "erase")
    );
    db.pool.close().await;
}
